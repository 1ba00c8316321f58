from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.core.models import JobRole, Organisation, Person, User
from mensenwerk.core.permissions import ANY_USER, PUBLIC, allow
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.governance.errors import ApplicationInactive
from mensenwerk.onboarding import explain, hires, pulse, services
from mensenwerk.onboarding.forms import (
    BuddyForm,
    CancelForm,
    DecisionForm,
    HireForm,
    PlanForm,
    PulseForm,
    StartForm,
    TaskForm,
)
from mensenwerk.onboarding.models import Owner, Plan, PlanTask
from mensenwerk.recruitment.models import Application

PAGE = 200  # plans on the overview; filters narrow it


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@allow(Role.HR, Role.MANAGER)
def overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    status = request.GET.get("status", "open")
    plans = Plan.objects.visible_to(user).select_related("person__department", "buddy")
    plans = plans.open() if status == "open" else plans.filter(status=Plan.Status.CANCELLED)
    count = plans.count()
    page = list(plans.order_by("start_date", "pk")[:PAGE])
    # counted for the shown plans only: grouping every task of thousands of plans was the
    # page's cost
    figures = {
        row["plan_id"]: row
        for row in PlanTask.objects.filter(plan__in=[p.pk for p in page])
        .values("plan_id")
        .annotate(
            total=Count("id", filter=Q(closed=False)),
            done=Count("done_at"),
            late=Count("id", filter=Q(done_at__isnull=True, closed=False, due_date__lt=today)),
        )
    }
    for plan in page:
        row = figures.get(plan.pk, {})
        plan.total, plan.done, plan.late = (row.get(k, 0) for k in ("total", "done", "late"))
    hr = user.has_role(Role.HR)
    context: dict[str, Any] = {
        "plans": page,
        "count": count,
        "status": status,
        "hr": hr,
    }
    if hr:
        context.update(
            waiting=hires.hris_without_plan().count(),
            pulse=pulse.report(),
            productivity=pulse.productivity(today),
            min_group=_min_group(),
        )
    return render(request, "onboarding/overview.html", context)


def _min_group() -> int:
    return Organisation.current().bias_min_group


def _inactive(request: HttpRequest) -> None:
    messages.error(
        request, _("Onboarding is switched off in the AI register: no plan is proposed.")
    )


@allow(Role.HR)
def new(request: HttpRequest) -> HttpResponse:
    services.ensure_default_template()
    initial = {"language": request.LANGUAGE_CODE[:2], "person": request.GET.get("person")}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.do_create_plan(
                form.cleaned_data["person"], _user(request), **form.options()
            )
        except ApplicationInactive:
            _inactive(request)
        except services.ExistingPlan as exc:
            return _existing(request, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("onboarding:plan", pk=plan.pk)
    return render(request, "onboarding/new.html", {"form": form})


def _existing(request: HttpRequest, exc: services.ExistingPlan) -> HttpResponse:
    messages.info(request, str(exc))
    return redirect("onboarding:plan", pk=exc.plan.pk)


@allow(Role.HR)
@require_POST
def from_hris(request: HttpRequest) -> HttpResponse:
    try:
        made, failed = hires.do_plans_from_hris(_user(request))
    except ApplicationInactive:
        _inactive(request)
        return redirect("onboarding:overview")
    messages.success(request, _("%(n)s plans proposed.") % {"n": made})
    for line in failed[:10]:
        messages.error(request, line)
    return redirect("onboarding:overview")


@allow(Role.HR)
def hire(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("person", "vacancy"), pk=pk)
    if application.stage != Application.Stage.HIRED:
        raise Http404
    services.ensure_default_template()
    vacancy = application.vacancy
    manager = getattr(vacancy.hiring_manager, "person", None) if vacancy.hiring_manager else None
    initial = {
        "department": vacancy.department,
        "manager": manager,
        "job_role": _role_for(vacancy.title),
        "language": request.LANGUAGE_CODE[:2],
    }
    form = HireForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = hires.do_plan_from_hire(
                application,
                _user(request),
                data["start_date"],
                job_role=data["job_role"],
                department=data["department"],
                manager=data["manager"],
                **form.options(),
            )
        except ApplicationInactive:
            _inactive(request)
        except services.ExistingPlan as exc:
            return _existing(request, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("onboarding:plan", pk=plan.pk)
    return render(request, "onboarding/hire.html", {"form": form, "application": application})


def _role_for(title: str):
    return JobRole.objects.filter(title__iexact=title.strip()).first()


def _plan(request: HttpRequest, pk: int) -> Plan:
    """HR, the people who may open the person (their manager, themself) and the assignees;
    for anyone else the plan does not exist."""
    user = _user(request)
    plan = get_object_or_404(Plan.objects.select_related("person", "buddy", "template"), pk=pk)
    if user.has_role(Role.HR):
        return plan
    if Person.objects.visible_to(user).filter(pk=plan.person_id).exists():
        return plan
    if plan.tasks.filter(assignee=user).exists():
        return plan
    raise Http404


@allow(ANY_USER)
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return _render_plan(request, plan)


def _render_plan(request: HttpRequest, plan: Plan, **forms: Any) -> HttpResponse:
    user = _user(request)
    hr = user.has_role(Role.HR)
    tasks = list(plan.tasks.select_related("assignee"))
    done, total = services.progress(plan)
    context = {
        "plan": plan,
        "hr": hr,
        "tasks": [
            {
                "task": t,
                "reason": explain.task_reason(t.reason),
                "may_tick": plan.status == Plan.Status.ACTIVE
                and not t.closed
                and services.may_tick(user, t),
            }
            for t in tasks
        ],
        "done": done,
        "total": total,
        "percent": round(done / total * 100) if total else 0,
        "reading": [
            {**r, "why_text": explain.reading_reason(r["topic"])}
            for r in plan.proposal.get("reading", [])
        ],
        "introductions": [
            {**c, "relation_text": explain.relation(c["relation"])}
            for c in plan.proposal.get("introductions", [])
        ],
        "skipped": [
            (key, explain.skipped_reason(params))
            for key, _c, params in plan.proposal.get("skipped", [])
        ],
        "changes": [
            (c, explain.change_text(c.change, c.detail))
            for c in plan.changes.select_related("actor")[:50]
        ]
        if hr
        else [],
    }
    if hr and plan.is_open:
        context.update(
            decision_form=forms.get("decision_form")
            or (DecisionForm() if plan.status == Plan.Status.PROPOSED else None),
            start_form=forms.get("start_form")
            or StartForm(initial={"start_date": plan.start_date}),
            buddy_form=forms.get("buddy_form") or BuddyForm(initial={"buddy": plan.buddy}),
            task_form=forms.get("task_form") or TaskForm(),
            cancel_form=forms.get("cancel_form") or CancelForm(),
            owners=Owner.choices,
            new_link=forms.get("new_link"),
        )
    return render(request, "onboarding/plan.html", context)


def _hr_plan(request: HttpRequest, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("person"), pk=pk)


def _done(request: HttpRequest, plan: Plan) -> HttpResponse:
    messages.success(request, _("Saved."))
    return redirect("onboarding:plan", pk=plan.pk)


def _submit(
    request: HttpRequest,
    pk: int,
    form_class: type[django_forms.Form],
    key: str,
    act: Callable[[Plan, dict[str, Any], User], object],
    error_field: str | None = None,
) -> HttpResponse:
    """HR's change to a plan: validate the form, call the service, show the plan again with
    the form's errors, or go back to the plan."""
    plan = _hr_plan(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(plan, form.cleaned_data, _user(request))
        except ServiceError as exc:
            form.add_error(error_field, str(exc))
    if form.errors:
        return _render_plan(request, plan, **{key: form})
    return _done(request, plan)


@allow(Role.HR)
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _submit(
        request, pk, DecisionForm, "decision_form",
        lambda plan, data, user: services.do_decide(plan, user, data["decision"], data["reason"]),
        "reason",
    )  # fmt: skip


@allow(Role.HR)
@require_POST
def move_start(request: HttpRequest, pk: int) -> HttpResponse:
    return _submit(
        request, pk, StartForm, "start_form",
        lambda plan, data, user: services.do_move_start(plan, data["start_date"], user),
    )  # fmt: skip


@allow(Role.HR)
@require_POST
def set_buddy(request: HttpRequest, pk: int) -> HttpResponse:
    return _submit(
        request, pk, BuddyForm, "buddy_form",
        lambda plan, data, user: services.do_set_buddy(plan, data["buddy"], user),
    )  # fmt: skip


@allow(Role.HR)
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _submit(
        request, pk, CancelForm, "cancel_form",
        lambda plan, data, user: services.do_cancel(plan, user, data["reason"]),
    )  # fmt: skip


@allow(Role.HR)
@require_POST
def add_task(request: HttpRequest, pk: int) -> HttpResponse:
    return _submit(
        request, pk, TaskForm, "task_form",
        lambda plan, data, user: services.do_add_task(
            plan, user, data["title"], data["owner"], data["day"], data["description"]
        ),
    )  # fmt: skip


@allow(Role.HR)
@require_POST
def new_link(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _hr_plan(request, pk)
    base = settings.MENSENWERK_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    try:
        link, emailed = services.do_new_link(plan, _user(request), base)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("onboarding:plan", pk=plan.pk)
    if emailed:
        messages.success(
            request, _("The link has been e-mailed to %(email)s.") % {"email": plan.person.email}
        )
    return _render_plan(request, plan, new_link=link)


@allow(Role.HR)
@require_POST
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(PlanTask.objects.select_related("plan"), pk=pk)
    if request.POST.get("remove"):
        try:
            services.do_remove_task(task, _user(request))
        except ServiceError as exc:
            messages.error(request, str(exc))
        return redirect("onboarding:plan", pk=task.plan_id)
    form = TaskForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.do_edit_task(
                task,
                _user(request),
                title=data["title"],
                owner=data["owner"],
                day=data["day"],
                description=data["description"],
                assignee=services.assignee_for(data["owner"], task.plan, task.plan.created_by)
                if data["owner"] != task.owner
                else task.assignee,
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(
            request,
            _("The task was not changed: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
    return redirect("onboarding:plan", pk=task.plan_id)


@allow(ANY_USER)
@require_POST
def tick(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = get_object_or_404(PlanTask.objects.select_related("plan__person"), pk=pk)
    if not services.may_tick(user, task):
        raise Http404
    try:
        services.do_tick(task, user, done=request.POST.get("done", "1") == "1")
    except ServiceError as exc:
        messages.error(request, str(exc))
    back = request.POST.get("next", "")
    return redirect(
        "onboarding:my" if back == "my" else "onboarding:plan",
        **({} if back == "my" else {"pk": task.plan_id}),
    )


@allow(ANY_USER)
def my(request: HttpRequest) -> HttpResponse:
    """ "Mijn inwerkplan": the caller's own plan, and the onboarding tasks assigned to them."""
    user = _user(request)
    own = Plan.objects.open().filter(person_id=user.person_id).first() if user.person_id else None
    assigned = (
        PlanTask.objects.filter(
            assignee=user, plan__status=Plan.Status.ACTIVE, closed=False, done_at__isnull=True
        )
        .exclude(plan=own)
        .select_related("plan__person")
        .order_by("due_date")[:100]
    )
    context: dict[str, Any] = {"own": own, "assigned": assigned}
    if own is not None:
        context.update(_own_context(own, user))
    return render(request, "onboarding/my.html", context)


def _own_context(plan: Plan, user: User | None) -> dict[str, Any]:
    tasks = [t for t in plan.tasks.all() if not t.closed]
    done, total = services.progress(plan)
    return {
        "tasks": [
            {
                "task": t,
                "mine": t.owner == Owner.NEW_HIRE
                or (user is not None and t.assignee_id == user.pk),
            }
            for t in tasks
        ],
        "done": done,
        "total": total,
        "percent": round(done / total * 100) if total else 0,
        "reading": [
            {**r, "why_text": explain.reading_reason(r["topic"])}
            for r in plan.proposal.get("reading", [])
        ],
        "introductions": [
            {**c, "relation_text": explain.relation(c["relation"])}
            for c in plan.proposal.get("introductions", [])
        ],
    }


@allow(PUBLIC)
def welcome(request: HttpRequest, token: str) -> HttpResponse:
    """The new colleague's plan before their account works: read it, tick off their own tasks."""
    plan = services.plan_for_link(token)
    if plan is None:
        return render(request, "onboarding/link_gone.html", status=410)
    if request.method == "POST":
        task = plan.tasks.filter(pk=request.POST.get("task") or 0, owner=Owner.NEW_HIRE).first()
        if task is None:
            raise Http404
        try:
            services.do_tick(task, None, done=request.POST.get("done", "1") == "1")
        except ServiceError as exc:
            messages.error(request, str(exc))
        return redirect("onboarding:welcome", token=token)
    context = {"own": plan, "token": token, **_own_context(plan, None)}
    return render(request, "onboarding/welcome.html", context)


@allow(PUBLIC)
def pulse_page(request: HttpRequest, token: str) -> HttpResponse:
    if pulse.invite_for(token) is None:
        return render(request, "onboarding/link_gone.html", status=410)
    form = PulseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pulse.do_answer(token, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "onboarding/pulse_thanks.html")
    return render(request, "onboarding/pulse.html", {"form": form})
