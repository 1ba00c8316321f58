"""People analytics API: survey results with the same anonymity rules as the pages, and the
retention team view (409 while the register entry is not active). No person-level score is
offered here: a person's score is shown one at a time, on the page, with a recorded reason."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from mensenwerk.analytics import services
from mensenwerk.analytics.models import Survey
from mensenwerk.core.api_auth import roles
from mensenwerk.core.roles import RETENTION_READERS
from mensenwerk.core.roles import SURVEY_READERS as READERS
from mensenwerk.governance import services as trust

router = Router(tags=["analytics"])


class GroupOut(Schema):
    group: str
    n: int
    withheld: bool
    enps: float | None = None
    items: dict[str, float | None] = {}
    themes: dict[str, float | None] = {}


class SurveyOut(Schema):
    id: int
    title: str
    held_on: str
    level: str
    min_group: int
    overall: GroupOut
    groups: list[GroupOut]
    teams: dict[str, list[GroupOut]]
    drivers: list[dict[str, Any]]


class TeamRiskOut(Schema):
    team: str
    n: int
    withheld: bool
    expected: float | None = None
    rate: float | None = None
    alerts: int | None = None
    factors: list[str] = []


class RetentionOut(Schema):
    date: str
    model: str
    cv_auc: float
    baseline_auc: float
    brier: float
    protected: list[str]
    teams: list[TeamRiskOut]
    fairness: list[dict[str, Any]]


def _group(figures: dict[str, Any]) -> dict[str, Any]:
    if figures["withheld"]:  # a withheld group's size only, as on the page
        return {"group": figures["group"], "n": figures["n"], "withheld": True}
    keep = ("group", "n", "withheld", "enps", "items", "themes")
    return {k: figures[k] for k in keep}


@router.get("/analytics/surveys/{pk}", response=SurveyOut, auth=roles(*READERS))
def survey(request: HttpRequest, pk: int) -> dict[str, Any]:
    found = Survey.objects.filter(pk=pk, status=Survey.Status.READY).first()
    if found is None:
        raise HttpError(404, "Not found.")
    top = found.result["top"]
    return {
        "id": found.pk,
        "title": found.title,
        "held_on": found.held_on.isoformat(),
        "level": found.result["level"],
        "min_group": found.min_group,
        "overall": _group(top["overall"]),
        "groups": [_group(g) for g in top["groups"]],
        "teams": {d: [_group(g) for g in r["groups"]] for d, r in found.result["teams"].items()},
        "drivers": top.get("drivers", []),
    }


@router.get("/analytics/retention", response=RetentionOut, auth=roles(*RETENTION_READERS))
def retention(request: HttpRequest) -> dict[str, Any]:
    trust.require_active(services.RETENTION_RISK)  # closed: 409 with what is missing
    run = services.latest_run()
    if run is None:
        raise HttpError(404, "No analysis yet.")
    s = run.summary
    return {
        "date": run.created_at.date().isoformat(),
        **{k: s[k] for k in ("model", "cv_auc", "baseline_auc", "brier", "protected")},
        "teams": s["teams"],
        "fairness": s["fairness"],
    }
