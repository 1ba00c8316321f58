"""KPIs measured from what happens in the system, per calendar month. Nothing here is typed in.

Sources: the audit trail (AI outputs and people's decisions), recruitment (applications and
their stage events), the assistant's question log and the cockpit's training attendance.
Every figure is a count, a share or a median over a group; a figure from fewer cases than the
organisation's smallest reportable group (``Organisation.bias_min_group``, default 5) is
withheld, so no KPI shows one person's activity.

Definitions:
- adoption rate: eligible users active with the feature in the 30 days up to the month's end ÷
  eligible users (active accounts; for CV screening those with the HR, recruiter or hiring-
  manager role). Active with CV screening = made a decision on a screening in the trail;
  with the assistant = asked a question.
- acceptance / override rate: decisions on AI outputs in the month (all applications) that
  accepted / overrode the AI, ÷ all decisions; median review time: output to decision.
- screening hours saved: CVs the AI screened in the month × the manual minutes per CV.
- time-to-hire: median days from an application's arrival to its move to "hired" (the offer
  accepted); time-to-fill: from the vacancy's publication to that move. Over the hires of the
  twelve months up to the month's end, so a small organisation has enough cases.
- assistant deflection and satisfaction: ``assistant.services.monthly_figures``.
- AI-literacy coverage: active users who completed a training session by the month's end ÷
  active users.
- onboarding: ``onboarding_figures`` (plans started in the twelve months up to the month's end).
- skills: ``skills_figures`` (development plans decided and courses confirmed in the twelve
  months up to the month's end).
- candidates: ``candidate_figures`` (questions on the vacancy pages answered and sent on).
- people analytics: ``analytics_figures`` (the latest survey of the twelve months up to the
  month's end: response rate and eNPS; the retention alerts of those months with a decision).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from mensenwerk.adoption.models import Kpi, KpiValue, Settings, TrainingSession
from mensenwerk.analytics import figures as analytics
from mensenwerk.assistant import services as assistant
from mensenwerk.assistant.models import Question, QuestionMonth
from mensenwerk.core.models import Organisation, User
from mensenwerk.core.roles import Role
from mensenwerk.governance import trail
from mensenwerk.governance.models import AuditEntry
from mensenwerk.onboarding import pulse as onboarding
from mensenwerk.recruitment.models import Application, StageEvent
from mensenwerk.skills import figures as skills

MEASURES = (
    "screening_hours_saved",
    "time_to_hire",
    "time_to_fill",
    "acceptance_rate",
    "override_rate",
    "median_review_minutes",
    "assistant_deflection",
    "assistant_satisfaction",
    "adoption_assistant",
    "adoption_screening",
    "literacy_coverage",
    "drafts_unchanged",
    "onboarding_week_one_days",
    "onboarding_complete_90",
    "onboarding_recommend",
    "skills_plans_agreed",
    "skills_training_hours",
    "survey_response",
    "survey_enps",
    "retention_alerts_decided",
    "candidate_questions_answered",
    "candidate_questions_escalated",
)
DRAFTING = "drafting"  # its approvals are measured apart: an edit is not a different choice
SCREENING_ROLES = (Role.HR, Role.RECRUITER, Role.MANAGER)


@dataclass(frozen=True)
class Figure:
    value: float | None  # None: no cases, or too few to report
    n: int  # the cases behind it
    withheld: bool = False  # cases exist but fewer than the smallest reportable group

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "n": self.n, "withheld": self.withheld}


def parse_month(text: str) -> date:
    """'2026-11' -> date(2026, 11, 1); ValueError on anything else."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        raise ValueError(text) from None


def month_key(day: date) -> str:
    return day.strftime("%Y-%m")


def last_months(count: int, today: date | None = None) -> list[date]:
    today = today or timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _bounds(month: date) -> tuple[datetime, datetime]:
    days = calendar.monthrange(month.year, month.month)[1]
    start = timezone.make_aware(datetime(month.year, month.month, 1))
    return start, start + timedelta(days=days)


def _min_group() -> int:
    return Organisation.current().bias_min_group


def _figure(value: float | None, n: int, minimum: int) -> Figure:
    if n == 0 or value is None:
        return Figure(None, n)
    if n < minimum:
        return Figure(None, n, withheld=True)
    return Figure(round(value, 1), n)


def _active_users() -> QuerySet[User]:
    return User.objects.filter(is_active=True)


def _window_end(month: date) -> datetime:
    return min(_bounds(month)[1], timezone.now())


def adoption(feature: str, month: date) -> Figure:
    end = _window_end(month)
    start = end - timedelta(days=30)
    minimum = _min_group()
    if feature == "assistant":
        eligible = {assistant.asker_id(u): u.pk for u in _active_users()}
        askers = set(
            Question.objects.filter(asked_at__gte=start, asked_at__lt=end).values_list(
                "asker", flat=True
            )
        )
        active = len(askers & set(eligible))
        kept = QuestionMonth.objects.filter(month=month.strftime("%Y-%m")).first()
        if kept is not None and not askers:  # past retention: only the month's count is left
            active = min(kept.askers, len(eligible))
    else:
        users = _active_users().filter(role_assignments__role__in=SCREENING_ROLES).distinct()
        eligible = {f"user:{pk}": pk for pk in users.values_list("pk", flat=True)}
        actors = set(
            AuditEntry.objects.filter(
                kind=AuditEntry.Kind.DECISION,
                application="cv-screening",
                created_at__gte=start,
                created_at__lt=end,
            ).values_list("actor", flat=True)
        )
        active = len(actors & set(eligible))
    if not eligible:
        return Figure(None, 0)
    return _figure(active / len(eligible) * 100, len(eligible), minimum)


def decisions(month: date) -> dict[str, Figure]:
    """Agreement with the AI and override rates from the trail (``trail.followed_ai``), over
    the decisions that took a position; review time over all of them."""
    start, end = _bounds(month)
    rows = list(
        AuditEntry.objects.filter(
            kind=AuditEntry.Kind.DECISION, created_at__gte=start, created_at__lt=end
        )
        .exclude(application=DRAFTING)
        .select_related("payload")
    )
    produced = dict(
        AuditEntry.objects.filter(seq__in=[r.content.get("refers_to") for r in rows]).values_list(
            "seq", "created_at"
        )
    )
    minimum = _min_group()
    agreed = trail.agreement(
        [
            trail.followed_ai(r.content, r.payload.data if hasattr(r, "payload") else None)
            for r in rows
        ]
    )
    n = agreed.with_position
    minutes = [
        (r.created_at - produced[r.content["refers_to"]]).total_seconds() / 60
        for r in rows
        if r.content.get("refers_to") in produced
    ]
    return {
        "acceptance_rate": _figure(agreed.followed / n * 100 if n else None, n, minimum),
        "override_rate": _figure(agreed.against / n * 100 if n else None, n, minimum),
        "median_review_minutes": _figure(
            median(minutes) if minutes else None, len(minutes), minimum
        ),
    }


def drafts_unchanged(month: date) -> Figure:
    """Share of drafted documents approved as composed, without edits: how much of the draft
    HR could use. A count of documents names nobody: no minimum group."""
    start, end = _bounds(month)
    approvals = list(
        AuditEntry.objects.filter(
            kind=AuditEntry.Kind.DECISION,
            application=DRAFTING,
            created_at__gte=start,
            created_at__lt=end,
        ).values_list("content", flat=True)
    )
    if not approvals:
        return Figure(None, 0)
    kept = sum(1 for content in approvals if content.get("decision") == "accept")
    return Figure(round(kept / len(approvals) * 100, 1), len(approvals))


def onboarding_figures(month: date) -> dict[str, Figure]:
    """From the onboarding plans that started in the twelve months up to the month's end: the
    median days until every week-one task was done, the share of plans complete at day 90, and
    the pulse's recommend score (promoters minus detractors)."""
    end = _bounds(month)[1].date() - timedelta(days=1)
    found = onboarding.productivity(end, since=end - timedelta(days=365))
    minimum = _min_group()
    score, answers = onboarding.recommend_score(end)
    share = found.complete_at_90 * 100 if found.complete_at_90 is not None else None
    return {
        "onboarding_week_one_days": _figure(found.week_one_days, found.week_one_n, minimum),
        "onboarding_complete_90": _figure(share, found.complete_n, minimum),
        "onboarding_recommend": _figure(score, answers, minimum),
    }


def skills_figures(month: date) -> dict[str, Figure]:
    """Of the development plans the manager or HR decided in the twelve months up to the
    month's end, the share agreed (with or without changes); and the training hours of the
    finished courses managers confirmed in those months (from that many courses)."""
    end = _bounds(month)[1]
    since = end - timedelta(days=365)
    minimum = _min_group()
    agreed, decided = skills.plans_decided(since, end)
    hours, courses = skills.hours_confirmed(since, end)
    return {
        "skills_plans_agreed": _figure(
            agreed / decided * 100 if decided else None, decided, minimum
        ),
        "skills_training_hours": _figure(float(hours) if courses else None, courses, minimum),
    }


def analytics_figures(month: date) -> dict[str, Figure]:
    """The latest engagement survey of the twelve months up to the month's end: its response
    rate and the organisation's eNPS; and the share of retention alerts of those months on
    which a named HR person decided (a stay interview or not)."""
    end = _bounds(month)[1]
    since = end - timedelta(days=365)
    minimum = _min_group()
    survey = analytics.latest_survey(since.date(), end.date())
    rate = score = Figure(None, 0)
    if survey is not None:
        answers, invited = analytics.response(survey)
        value = min(answers / invited, 1.0) * 100 if invited else None
        rate = _figure(value, answers, minimum)
        enps, n = analytics.enps(survey)
        score = _figure(enps, n, minimum)
    decided, alerts = analytics.alerts_decided(since, end)
    share = decided / alerts * 100 if alerts else None
    return {
        "survey_response": rate,
        "survey_enps": score,
        "retention_alerts_decided": _figure(share, alerts, minimum),
    }


def screening_hours(month: date) -> Figure:
    start, end = _bounds(month)
    screened = AuditEntry.objects.filter(
        kind=AuditEntry.Kind.OUTPUT,
        application="cv-screening",
        created_at__gte=start,
        created_at__lt=end,
    ).count()
    # a count of CVs names nobody: no minimum group
    return Figure(round(screened * Settings.current().screen_minutes / 60, 1), screened)


def hiring_times(month: date) -> dict[str, Figure]:
    end = _bounds(month)[1]
    hires = StageEvent.objects.filter(
        stage=Application.Stage.HIRED, at__gte=end - timedelta(days=365), at__lt=end
    ).select_related("application__vacancy")
    to_hire, to_fill = [], []
    for event in hires:
        application = event.application
        to_hire.append((event.at - application.created_at).total_seconds() / 86400)
        opened = application.vacancy.published_at
        if opened:
            to_fill.append((event.at - opened).total_seconds() / 86400)
    minimum = _min_group()
    return {
        "time_to_hire": _figure(median(to_hire) if to_hire else None, len(to_hire), minimum),
        "time_to_fill": _figure(median(to_fill) if to_fill else None, len(to_fill), minimum),
    }


# Within one page (``snapshot()``) the assistant's monthly figures are read once: the cockpit
# and the ROI ask for several months, and each read walked two years of questions.
_ASSISTANT_ROWS: ContextVar[dict[str, dict[str, Any]] | None] = ContextVar(
    "assistant_rows", default=None
)


@contextmanager
def snapshot() -> Iterator[None]:
    token = _ASSISTANT_ROWS.set({r["month"]: r for r in assistant.monthly_figures(24)})
    try:
        yield
    finally:
        _ASSISTANT_ROWS.reset(token)


def _assistant_month(month: date) -> dict[str, Any] | None:
    rows = _ASSISTANT_ROWS.get()
    if rows is None:
        rows = {r["month"]: r for r in assistant.monthly_figures(24)}
    return rows.get(month_key(month))


def assistant_figures(month: date) -> dict[str, Figure]:
    row = _assistant_month(month)
    minimum = _min_group()
    if row is None:
        return {"assistant_deflection": Figure(None, 0), "assistant_satisfaction": Figure(None, 0)}
    satisfaction = row["satisfaction"] * 100 if row["satisfaction"] is not None else None
    return {
        "assistant_deflection": _figure(row["deflection_rate"] * 100, row["asked"], minimum),
        "assistant_satisfaction": _figure(satisfaction, row["rated"], minimum),
    }


def candidate_figures(month: date) -> dict[str, Figure]:
    """Candidates' questions on the vacancy pages in the month: answered from the public
    documents, and sent on to the recruiters. Counts of questions, not of people."""
    start, end = _bounds(month)
    asked = Question.objects.filter(
        via=Question.Via.CANDIDATE, asked_at__gte=start, asked_at__lt=end
    )
    answered = asked.filter(kind=Question.Kind.ANSWERED).count()
    escalated = asked.filter(escalation__isnull=False).count()
    return {
        "candidate_questions_answered": Figure(float(answered), answered),
        "candidate_questions_escalated": Figure(float(escalated), escalated),
    }


def trained_user_ids(until: date | None = None) -> set[int]:
    sessions = TrainingSession.objects.all()
    if until:
        sessions = sessions.filter(date__lte=until)
    through = TrainingSession.attendees.through
    return set(
        through.objects.filter(trainingsession__in=sessions).values_list("user_id", flat=True)
    )


def literacy(month: date) -> Figure:
    end = _bounds(month)[1].date() - timedelta(days=1)
    users = set(_active_users().values_list("pk", flat=True))
    done = len(users & trained_user_ids(end))
    if not users:
        return Figure(None, 0)
    return _figure(done / len(users) * 100, len(users), _min_group())


def measure_month(month: date) -> dict[str, Figure]:
    """Every measured KPI for one month."""
    figures = {
        "screening_hours_saved": screening_hours(month),
        **hiring_times(month),
        **decisions(month),
        **assistant_figures(month),
        "adoption_assistant": adoption("assistant", month),
        "adoption_screening": adoption("screening", month),
        "literacy_coverage": literacy(month),
        "drafts_unchanged": drafts_unchanged(month),
        **onboarding_figures(month),
        **skills_figures(month),
        **analytics_figures(month),
        **candidate_figures(month),
    }
    return {key: figures[key] for key in MEASURES}


def deflected_questions(month: date) -> int:
    row = _assistant_month(month)
    return round(row["asked"] * row["deflection_rate"]) if row else 0


def hours_saved(months: list[date]) -> dict[str, Any]:
    """Measured hours saved per month: CVs screened × manual minutes, plus questions the
    assistant answered without HR × HR's minutes per question. For the ROI."""
    config = Settings.current()
    rows = []
    for month in months:
        screening = screening_hours(month).value or 0.0
        answers = deflected_questions(month) * config.answer_minutes / 60
        rows.append(
            {
                "month": month_key(month),
                "screening": round(screening, 1),
                "assistant": round(answers, 1),
                "total": round(screening + answers, 1),
            }
        )
    measured = [r for r in rows if r["total"] > 0]
    monthly = sum(r["total"] for r in measured) / len(measured) if measured else 0.0
    return {"rows": rows, "months_measured": len(measured), "monthly_average": round(monthly, 1)}


Table = dict[str, dict[str, Figure]]


def measure_table(months: list[date]) -> Table:
    return {month_key(m): measure_month(m) for m in months}


def kpi_series(kpi: Kpi, months: list[date], table: Table) -> list[dict[str, Any]]:
    """The KPI's value per month: measured for system KPIs (from ``measure_table``), the
    month's latest entry for manual ones."""
    if kpi.measure:
        return [
            {"month": month_key(m), **table[month_key(m)][kpi.measure].as_dict()} for m in months
        ]
    values: dict[str, KpiValue] = {}
    for value in kpi.values.all():
        values[month_key(value.date)] = value  # ordered by date: the month's last one wins
    return [
        {
            "month": month_key(m),
            "value": float(values[month_key(m)].value) if month_key(m) in values else None,
            "n": 1 if month_key(m) in values else 0,
            "withheld": False,
        }
        for m in months
    ]
