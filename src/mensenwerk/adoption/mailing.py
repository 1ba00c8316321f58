"""The monthly management and works-council reports by e-mail (`mensenwerk reports`, from cron
on the first of the month), to those who asked for them on the cockpit page.

Each goes as the same PDF the cockpit offers, in the organisation's language, with the KPIs of
the last complete month. Who may read a report is checked again at sending: someone who lost
the role since subscribing gets nothing. A month is sent once per person; a dry run sends
nothing and reports what would go. Every report sent is on the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from mensenwerk.adoption import metrics, reports, services
from mensenwerk.core import formats
from mensenwerk.core.models import Organisation, Subscription, User
from mensenwerk.core.roles import COCKPIT_OR_READERS, COCKPIT_READERS
from mensenwerk.engines import documents as docs
from mensenwerk.governance.services import record_event

# subscription topic -> (report kind, roles that may read it)
MONTHLY_REPORTS = {
    "report:management": ("management", COCKPIT_READERS),
    "report:works-council": ("works-council", COCKPIT_OR_READERS),
}


@dataclass(frozen=True)
class Sent:
    user: str
    email: str
    report: str
    month: str


def topics_for(user: User) -> list[tuple[str, bool]]:
    """The monthly reports this person may subscribe to, and whether they do."""
    mine = set(user.subscriptions.values_list("topic", flat=True))
    return [(t, t in mine) for t, (_k, roles) in MONTHLY_REPORTS.items() if user.has_role(*roles)]


@transaction.atomic
def do_subscribe(user: User, topic: str, on: bool) -> None:
    """A person's own choice, for a report they may read."""
    roles = MONTHLY_REPORTS[topic][1]
    if on and user.has_role(*roles):
        Subscription.objects.get_or_create(user=user, topic=topic)
    elif not on:
        Subscription.objects.filter(user=user, topic=topic).delete()


def send_monthly_reports(month: date | None = None, dry_run: bool = False) -> list[Sent]:
    month = month or metrics.last_months(2)[0]  # the last complete month
    project = services.ensure_defaults()
    language = Organisation.current().language
    pending = (
        Subscription.objects.filter(topic__in=MONTHLY_REPORTS, user__is_active=True)
        .exclude(user__email="")
        .exclude(last_sent__gte=month)
        .select_related("user")
        .order_by("user__username", "topic")
    )
    sent = []
    for subscription in pending:
        user = subscription.user
        kind, roles = MONTHLY_REPORTS[subscription.topic]
        if not user.has_role(*roles):
            continue  # the role went since subscribing
        with translation.override(language):
            title, text = reports.build(kind, project, language, month)
            label = formats.month(month)
            subject = _("Mensenwerk: %(report)s, %(month)s") % {"report": title, "month": label}
            body = _(
                "Hello %(name)s,\n\nAttached: “%(report)s”, with the figures of %(month)s, as "
                "the adoption cockpit shows it. You asked for it on the cockpit page; you can "
                "stop it there."
            ) % {"name": user.first_name or user.username, "report": title, "month": label}
        if not dry_run:
            pdf = docs.to_pdf(text, title, f"Mensenwerk — {title}")
            _send(subscription, month, (subject, body), pdf)
        sent.append(Sent(user.username, user.email, kind, metrics.month_key(month)))
    return sent


def _send(subscription: Subscription, month: date, mail: tuple[str, str], pdf: bytes) -> None:
    """The e-mail, its mark and its entry in the trail: a month is not sent twice, and a
    failed e-mail leaves the month unmarked for the next run."""
    topic = subscription.topic
    with transaction.atomic():
        subscription.last_sent = month
        subscription.save(update_fields=["last_sent"])
        record_event(
            "report_mailed",
            None,
            payload={
                "report": topic,
                "month": metrics.month_key(month),
                "user": f"user:{subscription.user_id}",
            },
        )
        message = EmailMessage(*mail, to=[subscription.user.email])
        message.attach(f"{topic.split(':')[1]}-{month:%Y-%m}.pdf", pdf, "application/pdf")
        message.send()
