"""Skills API: a person's skills, gaps and plan (the person, the manager, HR), a team's
heatmap (the manager, HR) and the course catalogue. Others get 404, as on the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from mensenwerk.core.api_auth import roles
from mensenwerk.core.models import Person
from mensenwerk.core.permissions import ANY_USER
from mensenwerk.core.roles import Role
from mensenwerk.skills import figures, services
from mensenwerk.skills.models import Course

router = Router(tags=["skills"])


class HeldOut(Schema):
    skill: str
    level: int
    source: str
    mapped_to: str | None
    evidence: str


class GapOut(Schema):
    skill: str
    required: int
    has: int
    must: bool


class StepOut(Schema):
    course: str
    covers: list[str]
    hours: float
    cost: float


class PlanOut(Schema):
    id: int
    status: str
    employee_agreed: bool
    courses: list[dict[str, Any]]


class PersonOut(Schema):
    person: int
    role: str
    skills: list[HeldOut]
    gaps: list[GapOut]
    unmapped: list[str]
    path: list[StepOut]
    plan: PlanOut | None


class CellOut(Schema):
    skill: str
    people_with_gap: int | None
    people: int


class TeamOut(Schema):
    team: str
    min_group: int
    cells: list[CellOut]


class CourseOut(Schema):
    id: int
    title: str
    provider: str
    skills: str
    hours: float
    cost: float
    language: str
    format: str


@router.get(
    "/skills/people/{pk}", response=PersonOut, auth=roles(Role.HR, Role.MANAGER, Role.EMPLOYEE)
)
def person(request: HttpRequest, pk: int) -> dict[str, Any]:
    found = Person.objects.visible_to(request.user).employees().filter(pk=pk).first()  # type: ignore[arg-type]
    if found is None:
        raise HttpError(404, "Not found.")
    rows = list(found.skills.all())
    result = services.analyse(found, held=rows)
    plan = services.open_plan(found)
    return {
        "person": found.pk,
        "role": result.role,
        "skills": [
            {
                "skill": row.text,
                "level": row.level,
                "source": row.source,
                "mapped_to": held.match.label if held.match else None,
                "evidence": row.evidence,
            }
            for row, held in zip(rows, result.held, strict=True)
        ],
        "gaps": [
            {"skill": g.skill, "required": g.required, "has": g.has, "must": g.must}
            for g in result.gaps
        ],
        "unmapped": result.unmapped,
        "path": [
            {
                "course": s.course.name,
                "covers": [g.skill for g in s.covers],
                "hours": s.course.hours,
                "cost": s.course.cost,
            }
            for s in result.path.steps
        ],
        "plan": None
        if plan is None
        else {
            "id": plan.pk,
            "status": plan.status,
            "employee_agreed": plan.employee_agreed_at is not None,
            "courses": [
                {"course": c.title, "status": c.status, "covers": [g["skill"] for g in c.covers]}
                for c in plan.courses.all()
            ],
        },
    }


@router.get("/skills/teams/{pk}", response=TeamOut, auth=roles(Role.HR, Role.MANAGER))
def team(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = request.user
    department = services.managed_departments(user).filter(pk=pk).first()  # type: ignore[arg-type]
    if department is None:
        raise HttpError(404, "Not found.")
    hr = user.has_role(Role.HR)  # type: ignore[union-attr]
    _results, cells, min_group = figures.team(department, hr)
    return {
        "team": department.name,
        "min_group": min_group,
        "cells": [
            {
                "skill": c.skill,
                "people_with_gap": c.with_gap if c.shown else None,
                "people": c.people,
            }
            for c in cells
        ],
    }


@router.get("/skills/catalogue", response=list[CourseOut], auth=roles(ANY_USER))
def catalogue(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": c.pk,
            "title": c.title,
            "provider": c.provider,
            "skills": c.skills,
            "hours": float(c.hours),
            "cost": float(c.cost),
            "language": c.language,
            "format": c.format,
        }
        for c in Course.objects.filter(active=True)[:1000]
    ]
