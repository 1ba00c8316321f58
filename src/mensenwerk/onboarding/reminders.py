"""The daily onboarding run (``mensenwerk onboarding remind``, from cron): plans follow the
record (a moved start date, a person who left), each assignee gets one e-mail with their
overdue tasks and those due within a week, and new colleagues get their pulse link on day 7,
30 and 90."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mensenwerk.core.formats import long_date
from mensenwerk.core.models import Organisation
from mensenwerk.onboarding import services
from mensenwerk.onboarding.models import Plan, PlanTask, PulseInvite

UPCOMING_DAYS = 7
PULSE_WINDOW_DAYS = 14  # a pulse not sent on its day is still sent in the two weeks after


class ReminderError(RuntimeError):
    pass


@dataclass(frozen=True)
class Reminder:
    plan: int
    task: str
    assignee: str | None  # the account's user name; None: nobody with an account, HR follows up
    due: str
    days_overdue: int
    email: str = ""


def sync_with_record(today: date) -> list[str]:
    """Plans whose person left or will not start are cancelled; a start date changed in the
    record (the HRIS import) moves the plan. Returns what changed, for the log."""
    changed = []
    for plan in Plan.objects.open().select_related("person"):
        person = plan.person
        if person.end_date is not None and (
            person.end_date < plan.start_date or person.end_date < today
        ):
            services.do_cancel(plan, None, "left")
            changed.append(f"cancelled plan {plan.pk}: {person.full_name} left")
        elif person.start_date and person.start_date != plan.start_date:
            services.do_move_start(plan, person.start_date, None)
            changed.append(f"moved plan {plan.pk} to {person.start_date.isoformat()}")
    return changed


def due_tasks(today: date) -> list[PlanTask]:
    return list(
        PlanTask.objects.filter(
            plan__status=Plan.Status.ACTIVE,
            done_at__isnull=True,
            closed=False,
            due_date__lte=today + timedelta(days=UPCOMING_DAYS),
        )
        .select_related("plan__person", "plan__created_by", "assignee")
        .order_by("due_date", "pk")
    )


def reminders(today: date) -> list[Reminder]:
    found = []
    for task in due_tasks(today):
        account = task.assignee if task.assignee and task.assignee.is_active else None
        found.append(
            Reminder(
                task.plan_id,
                task.title,
                account.username if account else None,
                task.due_date.isoformat(),
                max(0, (today - task.due_date).days),
                (account or task.plan.created_by).email
                if (account or task.plan.created_by)
                else "",
            )
        )
    return found


def remind(today: date | None = None, dry_run: bool = False) -> list[Reminder]:
    """The run; with ``dry_run`` nothing changes and nothing is sent."""
    today = today or timezone.localdate()
    if not dry_run and not settings.MENSENWERK_BASE_URL:
        raise ReminderError("MENSENWERK_BASE_URL: not set; the e-mails need links to the site")
    if not dry_run:
        sync_with_record(today)
    found = reminders(today)
    if not dry_run:
        _mail(found, today)
        send_pulses(today)
    return found


def _mail(found: list[Reminder], today: date) -> None:
    by_address: dict[str, list[Reminder]] = {}
    for item in found:
        if item.email:
            by_address.setdefault(item.email, []).append(item)
    link = f"{settings.MENSENWERK_BASE_URL}{reverse('onboarding:my')}"
    with translation.override(Organisation.current().language):
        for address, items in by_address.items():
            lines = [
                f"- {i.task} ({long_date(date.fromisoformat(i.due))}"
                + (
                    _(", %(days)s days overdue") % {"days": i.days_overdue}
                    if i.days_overdue
                    else ""
                )
                + ("" if i.assignee else _(", nobody with an account: please follow up"))
                + ")"
                for i in items
            ]
            send_mail(
                _("Mensenwerk: onboarding tasks for you"),
                _("These onboarding tasks wait for you:\n\n%(tasks)s\n\n%(link)s")
                % {"tasks": "\n".join(lines), "link": link},
                None,
                [address],
            )


def send_pulses(today: date) -> int:
    """The pulse link on day 7, 30 and 90 (or within two weeks after), once per day per plan."""
    sent = 0
    language = Organisation.current().language
    for plan in Plan.objects.filter(status=Plan.Status.ACTIVE).select_related("person"):
        if not plan.person.email:
            continue
        for day in services.PULSE_DAYS:
            due = plan.start_date + timedelta(days=day)
            if not due <= today < due + timedelta(days=PULSE_WINDOW_DAYS):
                continue
            token = secrets.token_urlsafe(24)
            invite, created = PulseInvite.objects.get_or_create(
                plan=plan, day=day, defaults={"token_hash": services.digest(token)}
            )
            if not created:
                continue
            link = f"{settings.MENSENWERK_BASE_URL}{reverse('onboarding:pulse', args=[token])}"
            with translation.override(plan.language or language):
                send_mail(
                    _("How is your start going? (anonymous, 1 minute)"),
                    _(
                        "Four short questions about your first %(days)s days. Your answer is "
                        "anonymous: it is stored without your name and shown only for groups of "
                        "several new colleagues.\n\n%(link)s"
                    )
                    % {"days": day, "link": link},
                    None,
                    [plan.person.email],
                )
            invite.sent_at = timezone.now()
            invite.save(update_fields=["sent_at"])
            sent += 1
    return sent
