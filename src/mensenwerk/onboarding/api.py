"""Onboarding API: plans and tasks with the pages' rules. Someone who is neither HR, the new
colleague, the manager nor an assignee gets 404, as on the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from mensenwerk.core.api_auth import roles
from mensenwerk.core.models import Person
from mensenwerk.core.permissions import ANY_USER
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.onboarding import services
from mensenwerk.onboarding.models import Plan, PlanTask, Template

router = Router(tags=["onboarding"])


class TaskOut(Schema):
    id: int
    title: str
    owner: str
    assignee: str | None
    due_date: str
    done: bool


class PlanOut(Schema):
    id: int
    person: int
    start_date: str
    status: str
    progress: float
    tasks: list[TaskOut]


class PlanIn(Schema):
    person: int
    template: int | None = None


class MyOut(Schema):
    plan: PlanOut | None
    assigned: list[TaskOut]


def _task(t: PlanTask) -> dict[str, Any]:
    return {
        "id": t.pk,
        "title": t.title,
        "owner": t.owner,
        "assignee": t.assignee.username if t.assignee else None,
        "due_date": t.due_date.isoformat(),
        "done": t.done,
    }


def _plan(plan: Plan) -> dict[str, Any]:
    done, total = services.progress(plan)
    return {
        "id": plan.pk,
        "person": plan.person_id,
        "start_date": plan.start_date.isoformat(),
        "status": plan.status,
        "progress": round(done / total, 3) if total else 0.0,
        "tasks": [_task(t) for t in plan.tasks.select_related("assignee") if not t.closed],
    }


def _readable(request: HttpRequest, pk: int) -> Plan:
    user = request.user
    plan = Plan.objects.filter(pk=pk).first()
    if plan is None:
        raise HttpError(404, "Not found.")
    if user.has_role(Role.HR) or Person.objects.visible_to(user).filter(pk=plan.person_id).exists():  # type: ignore[union-attr, arg-type]
        return plan
    if plan.tasks.filter(assignee=user).exists():
        return plan
    raise HttpError(404, "Not found.")


@router.post("/onboarding/plans", response={201: PlanOut}, auth=roles(Role.HR))
def create_plan(request: HttpRequest, body: PlanIn) -> Status:
    person = Person.objects.filter(pk=body.person).first()
    if person is None:
        raise HttpError(404, "No such person.")
    template = None
    if body.template is not None:
        template = Template.objects.filter(pk=body.template).first()
        if template is None:
            raise HttpError(404, "No such template.")
    try:
        plan = services.do_create_plan(person, request.user, template=template)  # type: ignore[arg-type]
    except services.ExistingPlan as exc:
        raise HttpError(409, f"{exc} Plan {exc.plan.pk}.") from None
    except ServiceError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, _plan(plan))


@router.get("/onboarding/plans", response=list[PlanOut], auth=roles(Role.HR, Role.MANAGER))
def list_plans(request: HttpRequest, person: int | None = None) -> list[dict[str, Any]]:
    plans = Plan.objects.visible_to(request.user).prefetch_related("tasks")
    if person is not None:
        plans = plans.filter(person_id=person)
    return [_plan(p) for p in plans[:200]]


@router.get("/onboarding/plans/{pk}", response=PlanOut, auth=roles(ANY_USER))
def get_plan(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _plan(_readable(request, pk))


@router.get("/onboarding/my", response=MyOut, auth=roles(ANY_USER))
def my_plan(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    own = Plan.objects.open().filter(person_id=user.person_id).first() if user.person_id else None  # type: ignore[union-attr]
    assigned = PlanTask.objects.filter(
        assignee=user, plan__status=Plan.Status.ACTIVE, closed=False, done_at__isnull=True
    ).select_related("assignee")[:200]
    return {"plan": _plan(own) if own else None, "assigned": [_task(t) for t in assigned]}


@router.post("/onboarding/tasks/{pk}/done", response=TaskOut, auth=roles(ANY_USER))
def task_done(request: HttpRequest, pk: int) -> dict[str, Any]:
    task = PlanTask.objects.select_related("plan__person").filter(pk=pk).first()
    if task is None or not services.may_tick(request.user, task):  # type: ignore[arg-type]
        raise HttpError(404, "Not found.")
    try:
        services.do_tick(task, request.user)  # type: ignore[arg-type]
    except ServiceError as exc:
        raise HttpError(409, str(exc)) from None
    return _task(task)
