"""The onboarding pulse: the new colleague's anonymous check-in on day 7, 30 and 90, and the
figures HR and the cockpit see, only for groups of at least the organisation's smallest group
size. Answers keep the department and the month, never the person or the exact day."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mensenwerk.core import dates
from mensenwerk.core.models import Organisation
from mensenwerk.core.services import ServiceError
from mensenwerk.engines.adoption import nps
from mensenwerk.onboarding.models import Plan, PlanTask, PulseAnswer, PulseInvite
from mensenwerk.onboarding.services import digest

QUESTIONS = ("welcome", "clarity", "equipped")


def invite_for(token: str) -> PulseInvite | None:
    if not token or len(token) > 64:
        return None
    return (
        PulseInvite.objects.filter(token_hash=digest(token), answered=False)
        .select_related("plan__person__department")
        .first()
    )


def do_answer(token: str, welcome: int, clarity: int, equipped: int, recommend: int) -> None:
    """Store one anonymous answer and spend the invite, in one transaction."""
    if not all(1 <= v <= 5 for v in (welcome, clarity, equipped)) or not 0 <= recommend <= 10:
        raise ServiceError(_("Answer every question within its scale."))
    with transaction.atomic():
        invite = invite_for(token)
        if invite is None:
            raise ServiceError(_("This link has been used or is not valid."))
        department = invite.plan.person.department
        PulseAnswer.objects.create(
            day=invite.day,
            department=department.name if department else "",
            month=timezone.localdate().replace(day=1),
            welcome=welcome,
            clarity=clarity,
            equipped=equipped,
            recommend=recommend,
        )
        invite.answered = True
        invite.save(update_fields=["answered"])


@dataclass(frozen=True)
class PulseRow:
    day: int
    n: int
    withheld: bool  # answers exist but fewer than the smallest group
    welcome: float | None
    clarity: float | None
    equipped: float | None
    enps: float | None


def report(since: date | None = None) -> list[PulseRow]:
    """Per pulse day: averages (1–5) and the recommend score (promoters minus detractors)."""
    minimum = Organisation.current().bias_min_group
    rows = []
    answers = PulseAnswer.objects.all()
    if since is not None:
        answers = answers.filter(month__gte=since)
    for day in (7, 30, 90):
        found = list(answers.filter(day=day))
        enough = len(found) >= minimum
        rows.append(
            PulseRow(
                day,
                len(found),
                bool(found) and not enough,
                *(
                    round(mean(getattr(a, q) for a in found), 1) if enough else None
                    for q in QUESTIONS
                ),
                nps([a.recommend for a in found], minimum).score if enough else None,
            )
        )
    return rows


@dataclass(frozen=True)
class Productivity:
    week_one_days: float | None  # median days from the start until every week-one task was done
    week_one_n: int
    complete_at_90: float | None  # share of plans 90+ days in with every task done
    complete_n: int


YEAR = timedelta(days=365)


def productivity(today: date | None = None, since: date | None = None) -> Productivity:
    """Time-to-productivity proxies from the plans themselves, counted in the database (the
    overview shows them for thousands of plans). With ``since``: plans that started from that
    day, as of ``today`` (the cockpit's twelve months up to a month's end)."""
    today = today or timezone.localdate()
    counted = {"total": Count("id"), "done": Count("done_at"), "last": Max("done_at")}
    tasks = PlanTask.objects.filter(plan__status=Plan.Status.ACTIVE, closed=False)
    if since is not None:
        tasks = tasks.filter(plan__start_date__gte=since, plan__start_date__lte=today)
    week_one = tasks.filter(day__lte=7).values("plan_id", "plan__start_date").annotate(**counted)
    days = sorted(
        max(0, (timezone.localtime(row["last"]).date() - row["plan__start_date"]).days)
        for row in week_one
        if row["total"]
        and row["total"] == row["done"]
        and timezone.localtime(row["last"]).date() <= today
    )
    old = (
        tasks.filter(plan__start_date__lte=today - timedelta(days=90))
        .values("plan_id")
        .annotate(**counted)
    )
    finished = [row["total"] == row["done"] for row in old]
    median = float(statistics.median(days)) if days else None
    share = round(sum(finished) / len(finished), 3) if finished else None
    return Productivity(median, len(days), share, len(finished))


def recommend_score(until: date) -> tuple[float | None, int]:
    """The pulse's recommend score (promoters minus detractors, all pulse days) over the twelve
    months up to ``until``; None below the smallest group."""
    scores = list(
        PulseAnswer.objects.filter(month__gt=until - YEAR, month__lte=until).values_list(
            "recommend", flat=True
        )
    )
    return nps(scores, Organisation.current().bias_min_group).score, len(scores)


CANCELLED_MONTHS = 12  # a plan that did not go ahead (the person did not start, HR rejected it)
PULSE_MONTHS = 24  # anonymous answers: the cockpit reads twelve months, a year more for trends


def retention(today: date, dry_run: bool) -> int:
    """The retention run's onboarding part: cancelled plans a year after their cancellation
    (the plans of people who started go with the personnel file), pulse answers after two
    years. Returns how many rows go."""
    cancelled = Plan.objects.filter(
        status=Plan.Status.CANCELLED,
        cancelled_at__lt=dates.day_start(dates.months_before(today, CANCELLED_MONTHS)),
    )
    answers = PulseAnswer.objects.filter(month__lt=dates.months_before(today, PULSE_MONTHS))
    count = cancelled.count() + answers.count()
    if not dry_run:
        with transaction.atomic():
            cancelled.delete()
            answers.delete()
    return count
