"""People analytics' figures for the adoption cockpit (read by ``adoption.metrics``): how many
people answer the surveys, the organisation's eNPS, and whether the retention alerts lead to
a human decision. Counts over groups only, never a person."""

from __future__ import annotations

from datetime import date, datetime

from mensenwerk.analytics.models import RetentionRun, RiskScore, Survey


def latest_survey(since: date, until: date) -> Survey | None:
    """The most recent analysed survey held in the window."""
    return (
        Survey.objects.filter(status=Survey.Status.READY, held_on__gte=since, held_on__lt=until)
        .order_by("-held_on", "-pk")
        .first()
    )


def response(survey: Survey) -> tuple[int, int]:
    """(answers, employees invited): the invited are the headcounts at import of the
    departments that answered, so a department missing from the export does not count."""
    overall = survey.result["top"]["overall"]
    groups = {g["group"] for g in survey.result["top"]["groups"]}
    invited = sum(n for name, n in survey.invited.items() if name in groups)
    return overall["n"], invited


def enps(survey: Survey) -> tuple[float | None, int]:
    overall = survey.result["top"]["overall"]
    return (None if overall["withheld"] else overall.get("enps")), overall["n"]


def alerts_decided(since: datetime, until: datetime) -> tuple[int, int]:
    """(decided, alerts): alerts of the runs made in the window that got a decision on a stay
    interview, against all their alerts."""
    decided = alerts = 0
    for run in RetentionRun.objects.filter(created_at__gte=since, created_at__lt=until):
        alerts += run.alerts().count()
        decided += run.alerts().exclude(stay=RiskScore.Stay.OPEN).count()
    return decided, alerts
