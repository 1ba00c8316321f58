"""Read-only recruitment API: vacancies and their blind ranking, with the pages' rules."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from mensenwerk.core.api_auth import roles
from mensenwerk.core.roles import RECRUITMENT_REVIEWERS
from mensenwerk.recruitment.models import Application, Vacancy
from mensenwerk.recruitment.services import ranked, vacancy_file

router = Router(tags=["recruitment"])
REVIEWERS = RECRUITMENT_REVIEWERS


class VacancyOut(Schema):
    id: int
    title: str
    status: str
    language: str
    applications: int
    vacancy_file: str


class CriterionOut(Schema):
    criterion: str
    kind: str
    status: str
    evidence: str
    # for a qualification: met, expired, lower_category, named, list_only, wanted, not_found
    detail: str = ""


class CandidateOut(Schema):
    rank: int
    pseudonym: str
    score: float | None
    ai_suggestion: str
    stage: str
    flags: list[str]
    criteria: list[CriterionOut]


@router.get("/vacancies", response=list[VacancyOut], auth=roles(*REVIEWERS))
def list_vacancies(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": v.pk,
            "title": v.title,
            "status": v.status,
            "language": v.language,
            "applications": v.applications.count(),
            "vacancy_file": vacancy_file(v),
        }
        for v in Vacancy.objects.visible_to(request.user)
    ]


@router.get(
    "/vacancies/{vacancy_id}/candidates", response=list[CandidateOut], auth=roles(*REVIEWERS)
)
def list_candidates(request: HttpRequest, vacancy_id: int) -> list[dict[str, Any]]:
    """Blind: pseudonyms only, whatever was revealed in the app."""
    vacancy = get_object_or_404(Vacancy.objects.visible_to(request.user), pk=vacancy_id)
    rows = ranked(vacancy.applications.all())
    return [
        {
            "rank": rank,
            "pseudonym": a.pseudonym,
            "score": a.score,
            "ai_suggestion": a.ai_suggestion,
            "stage": a.stage,
            "flags": a.flags,
            "criteria": [
                {
                    "criterion": c.criterion,
                    "kind": c.kind,
                    "status": c.status,
                    "evidence": c.evidence,
                    "detail": c.detail,
                }
                for c in (a.match.criteria if a.match else [])
            ],
        }
        for rank, a in enumerate(rows, start=1)
    ]


def _criteria(application: Application) -> list[dict[str, str]]:
    match = application.match
    if match is None:
        return []
    return [
        {
            "criterion": c.criterion,
            "kind": c.kind,
            "status": c.status,
            "evidence": c.evidence,
            "detail": c.detail,
        }
        for c in match.criteria
    ]
