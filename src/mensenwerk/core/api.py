from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from mensenwerk.core.api_auth import roles
from mensenwerk.core.models import Department, Job, Person
from mensenwerk.core.permissions import ANY_USER
from mensenwerk.core.roles import Role

router = Router(tags=["core"])


class MeOut(Schema):
    username: str
    roles: list[str]
    person_id: int | None


class PersonOut(Schema):
    id: int
    employee_number: str | None
    first_name: str
    last_name: str
    email: str
    department: str | None
    job_role: str | None
    manager_id: int | None
    contract_hours: Decimal | None
    start_date: date | None
    end_date: date | None

    @staticmethod
    def resolve_department(obj: Person) -> str | None:
        return obj.department.name if obj.department else None

    @staticmethod
    def resolve_job_role(obj: Person) -> str | None:
        return obj.job_role.title if obj.job_role else None


class DepartmentOut(Schema):
    id: int
    name: str
    code: str
    manager_id: int | None
    headcount: int


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress: int
    total: int
    percent: int
    message: str


@router.get("/me", response=MeOut, auth=roles(ANY_USER))
def me(request: HttpRequest) -> dict[str, object]:
    user = request.auth  # type: ignore[attr-defined]
    return {"username": user.username, "roles": sorted(user.role_set), "person_id": user.person_id}


class BoundedPagination(LimitOffsetPagination):
    """Limit and offset with an upper bound: an offset past 64 bits used to reach the database
    and fail there (HTTP 500); now it is a 422 like any other bad parameter."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10_000_000)


@router.get("/people", response=list[PersonOut], auth=roles(Role.HR, Role.MANAGER))
@paginate(BoundedPagination)
def list_people(request: HttpRequest):
    return (
        Person.objects.employees()
        .visible_to(request.auth)  # type: ignore[attr-defined]
        .select_related("department", "job_role")
    )


@router.get(
    "/people/{person_id}", response=PersonOut, auth=roles(Role.HR, Role.MANAGER, Role.EMPLOYEE)
)
def get_person(request: HttpRequest, person_id: int) -> Person:
    visible = Person.objects.visible_to(request.auth)  # type: ignore[attr-defined]
    return get_object_or_404(visible.select_related("department", "job_role"), pk=person_id)


@router.get("/departments", response=list[DepartmentOut], auth=roles(Role.HR, Role.DIRECTOR))
def list_departments(request: HttpRequest) -> list[dict[str, object]]:
    rows = Department.objects.with_headcount()
    return [
        {
            "id": d.pk,
            "name": d.name,
            "code": d.code,
            "manager_id": d.manager_id,
            "headcount": d.headcount,
        }
        for d in rows
    ]


@router.get("/jobs/{job_id}", response=JobOut, auth=roles(ANY_USER))
def get_job(request: HttpRequest, job_id: int) -> Job:
    user = request.auth  # type: ignore[attr-defined]
    jobs = (
        Job.objects.all()
        if user.has_role(Role.HR, Role.IT)
        else Job.objects.filter(created_by=user)
    )
    return get_object_or_404(jobs, pk=job_id)
