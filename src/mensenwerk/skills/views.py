from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.core.models import JobRole, Person, User
from mensenwerk.core.permissions import ANY_USER, allow
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.engines.skills import find_occupations, occupations
from mensenwerk.governance.errors import ApplicationInactive
from mensenwerk.skills import figures, profiles, services
from mensenwerk.skills.forms import (
    AliasForm,
    BudgetForm,
    CvForm,
    DecisionForm,
    GroupsForm,
    ImportForm,
    ProfileForm,
    SkillForm,
)
from mensenwerk.skills.models import (
    Course,
    DevelopmentPlan,
    EmployeeGroups,
    LearningBudget,
    PersonSkill,
    PlanCourse,
    ProfileSuggestion,
    RoleProfile,
)
from mensenwerk.skills.sections import HR_AI_COMPETENCES

# the person's own pages: as the personnel record, for HR, managers and employees
PEOPLE = (Role.HR, Role.MANAGER, Role.EMPLOYEE)
PROFILE_ROWS = 12  # empty rows on the profile form (it works without script)
MAX_UPLOAD = 10 * 1024 * 1024


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@allow(Role.HR, Role.MANAGER)
def overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    hr = user.has_role(Role.HR)
    context: dict[str, Any] = {
        "hr": hr,
        "departments": services.managed_departments(user).distinct().order_by("name"),
        "plans": DevelopmentPlan.objects.filter(
            person__in=Person.objects.visible_to(user),
            status__in=(DevelopmentPlan.Status.PROPOSED, DevelopmentPlan.Status.AGREED),
        ).select_related("person"),
    }
    if hr:
        context.update(
            figures.organisation(),
            budget=figures.budget(),
            alias_form=AliasForm(),
            budget_form=BudgetForm(),
            profiles=RoleProfile.objects.count(),
            roles=JobRole.objects.count(),
        )
    return render(request, "skills/overview.html", context)


@allow(Role.HR)
@require_POST
def budget(request: HttpRequest) -> HttpResponse:
    form = BudgetForm(request.POST)
    if form.is_valid():
        services.do_set_budget(
            timezone.localdate().year, form.cleaned_data["amount"], form.cleaned_data["per_person"]
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("The budget is an amount of 0 or more."))
    return redirect("skills:overview")


@allow(Role.HR)
@require_POST
def alias(request: HttpRequest) -> HttpResponse:
    form = AliasForm(request.POST)
    if form.is_valid():
        try:
            services.do_link_alias(
                form.cleaned_data["text"], form.cleaned_data["means"], _user(request)
            )
            messages.success(request, _("Linked. The word now counts as that skill."))
        except ServiceError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Write both the word and the skill it means."))
    return redirect("skills:overview")


@allow(Role.HR, Role.MANAGER)
def team(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    department = services.managed_departments(user).filter(pk=pk).first()
    if department is None:
        raise Http404
    hr = user.has_role(Role.HR)
    results, cells, min_group = figures.team(department, hr)
    people = {str(p.pk): p for p in figures.active_people(department)}
    rows = [
        (people[r.person], r, [g for g in r.gaps if g.must]) for r in results if r.person in people
    ]
    return render(
        request,
        "skills/team.html",
        {"department": department, "cells": cells, "rows": rows, "min_group": min_group, "hr": hr},
    )


def _person_or_404(user: User, pk: int) -> Person:
    person = Person.objects.visible_to(user).employees().filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


@allow(*PEOPLE)
def my(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.person_id is None:
        messages.info(request, _("Your account is not linked to an employee record."))
        return redirect("core:start")
    return redirect("skills:person", pk=user.person_id)


@allow(*PEOPLE)
def person_page(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    user = _user(request)
    person = _person_or_404(user, pk)
    own = user.person_id == person.pk
    manage = services.may_manage(user, person)
    context = services.Context.load()
    rows = list(person.skills.select_related("added_by"))
    result = services.analyse(person, context, held=rows)
    # what each skill counts as: the role profile's own words where it meets one
    wanted = {
        match.key: r.skill
        for r in context.profiles.get(person.job_role_id or 0, [])
        if (match := context.vocab.match(r.skill)) is not None
    }
    counts = [(wanted.get(h.match.key, h.match.label) if h.match else None, h) for h in result.held]
    plan = services.open_plan(person) or person.development_plans.first()
    return render(
        request,
        "skills/person.html",
        {
            "person": person,
            "own": own,
            "manage": manage,
            "rows": [(row, name, held) for row, (name, held) in zip(rows, counts, strict=True)],
            "result": result,
            "plan": plan,
            "plan_courses": plan.courses.all() if plan else [],
            "plan_cost": sum((c.cost for c in plan.courses.all()), Decimal(0)) if plan else None,
            "guideline": LearningBudget.objects.filter(year=timezone.localdate().year)
            .values_list("per_person", flat=True)
            .first(),
            "open_plan": plan is not None and plan.is_open,
            "skill_form": forms.get("skill_form") or SkillForm(),
            "cv_form": forms.get("cv_form") or CvForm(),
            "decision_form": forms.get("decision_form") or DecisionForm(),
            "statuses": PlanCourse.Status.choices,
            "groups_form": _groups_form(person) if own else None,
        },
    )


@allow(*PEOPLE)
@require_POST
def add_skill(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _person_or_404(user, pk)
    form = SkillForm(request.POST)
    if form.is_valid():
        source = (
            PersonSkill.Source.SELF if user.person_id == person.pk else PersonSkill.Source.MANAGER
        )
        if request.POST.get("confirm") and services.may_manage(user, person):
            source = PersonSkill.Source.MANAGER
        try:
            services.do_set_skill(
                person, user, form.cleaned_data["text"], form.cleaned_data["level"], source
            )
        except ServiceError as exc:
            form.add_error("text", str(exc))
    if form.errors:
        return person_page(request, pk, skill_form=form)
    messages.success(request, _("Saved."))
    return redirect("skills:person", pk=person.pk)


@allow(*PEOPLE)
@require_POST
def remove_skill(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    skill = get_object_or_404(PersonSkill, pk=pk)
    _person_or_404(user, skill.person_id)
    try:
        services.do_remove_skill(skill, user)
        messages.success(request, _("Removed."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("skills:person", pk=skill.person_id)


@allow(*PEOPLE)
@require_POST
def from_cv(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _person_or_404(user, pk)
    form = CvForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            try:
                found = services.do_skills_from_cv(
                    person, user, upload.read(), upload.name, form.cleaned_data["consent"]
                )
            except ServiceError as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(request, _("%(n)s skills found and added.") % {"n": len(found)})
                return redirect("skills:person", pk=person.pk)
    return person_page(request, pk, cv_form=form)


@allow(Role.HR, Role.MANAGER)
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _person_or_404(user, pk)
    try:
        services.do_propose(person, user)
    except ApplicationInactive:
        messages.error(
            request,
            _("Skills and learning is switched off in the AI register: no plan is proposed."),
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("skills:person", pk=person.pk)


def _plan(request: HttpRequest, pk: int) -> DevelopmentPlan:
    plan = get_object_or_404(DevelopmentPlan, pk=pk)
    _person_or_404(_user(request), plan.person_id)
    return plan


@allow(Role.HR, Role.MANAGER)
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        drop = [int(v) for v in request.POST.getlist("drop") if v.isdigit()]
        try:
            services.do_decide(
                plan,
                _user(request),
                form.cleaned_data["decision"],
                form.cleaned_data["reason"],
                drop,
            )
        except ServiceError as exc:
            form.add_error("reason", str(exc))
    if form.errors:
        return person_page(request, plan.person_id, decision_form=form)
    messages.success(request, _("Recorded in the audit trail."))
    return redirect("skills:person", pk=plan.person_id)


@allow(*PEOPLE)
@require_POST
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    try:
        services.do_employee_agree(plan, _user(request))
        messages.success(request, _("You agreed to your development plan."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("skills:person", pk=plan.person_id)


@allow(*PEOPLE)
@require_POST
def course_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PlanCourse, pk=pk)
    plan = _plan(request, item.plan_id)
    try:
        if request.POST.get("confirm"):
            services.do_confirm_course(item, _user(request))
            messages.success(request, _("Confirmed: the skills this course covers were raised."))
        else:
            services.do_course_status(item, _user(request), request.POST.get("status", ""))
            messages.success(request, _("Saved."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("skills:person", pk=plan.person_id)


@allow(ANY_USER)
def catalogue(request: HttpRequest) -> HttpResponse:
    hr = _user(request).has_role(Role.HR)
    form = ImportForm()
    report = None
    if request.method == "POST":
        if not hr:
            raise Http404
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_UPLOAD:
                    raise ServiceError(_("The file is larger than 10 MB."))
                report = services.do_import_courses(upload.read(), upload.name)
            except ServiceError as exc:
                form.add_error("file", str(exc))
    courses = Course.objects.filter(active=True)
    return render(
        request,
        "skills/catalogue.html",
        {"courses": courses, "hr": hr, "form": form, "report": report},
    )


@allow(Role.HR, Role.WORKS_COUNCIL, Role.DPO)
def fairness_page(request: HttpRequest) -> HttpResponse:
    tables, people = figures.fairness_tables()
    return render(request, "skills/fairness.html", {"tables": tables, "people": people})


@allow(*PEOPLE)
@require_POST
def groups(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _person_or_404(user, pk)
    form = GroupsForm(request.POST)
    if form.is_valid():
        try:
            services.do_set_groups(
                person, user, form.cleaned_data["gender"], form.cleaned_data["age_band"]
            )
            messages.success(request, _("Saved."))
        except ServiceError as exc:
            messages.error(request, str(exc))
    return redirect("skills:person", pk=person.pk)


@allow(Role.HR)
@require_POST
def suggest(request: HttpRequest, pk: int) -> HttpResponse:
    job_role = get_object_or_404(JobRole, pk=pk)
    try:
        profiles.do_suggest(job_role, _user(request))
    except ApplicationInactive:
        messages.error(request, _("Skills and learning is switched off in the AI register."))
    except ServiceError as exc:
        messages.info(request, str(exc))
    return redirect("skills:profile", pk=job_role.pk)


@allow(Role.HR)
@require_POST
def suggest_esco(request: HttpRequest, pk: int) -> HttpResponse:
    job_role = get_object_or_404(JobRole, pk=pk)
    try:
        profiles.do_suggest_from_occupation(job_role, request.POST.get("uri", ""), _user(request))
    except ApplicationInactive:
        messages.error(request, _("Skills and learning is switched off in the AI register."))
    except ServiceError as exc:
        messages.info(request, str(exc))
    return redirect("skills:profile", pk=job_role.pk)


@allow(Role.HR)
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(ProfileSuggestion, pk=pk)
    taken = [int(v) for v in request.POST.getlist("take") if v.isdigit()]
    try:
        profiles.do_take(suggestion, _user(request), taken)
        messages.success(request, _("Recorded in the audit trail."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("skills:profile", pk=suggestion.job_role_id)


@allow(Role.HR, Role.MANAGER)
def profiles_page(request: HttpRequest) -> HttpResponse:
    roles = JobRole.objects.select_related("department", "skill_profile").order_by("title")
    return render(
        request, "skills/profiles.html", {"roles": roles, "hr": _user(request).has_role(Role.HR)}
    )


@allow(Role.HR, Role.MANAGER)
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    job_role = get_object_or_404(JobRole, pk=pk)
    current = RoleProfile.objects.filter(job_role=job_role).first()
    hr = _user(request).has_role(Role.HR)
    form = ProfileForm(
        request.POST or None, initial={"description": current.description if current else ""}
    )
    error = ""
    if request.method == "POST" and hr and request.POST.get("hr_ai"):
        profiles.do_add_to_profile(
            job_role, [(name, level, True) for name, _label, level in HR_AI_COMPETENCES]
        )
        messages.success(request, _("Saved."))
        return redirect("skills:profile", pk=job_role.pk)
    if request.method == "POST":
        if not hr:
            raise Http404
        rows = _profile_rows(request)
        if form.is_valid():
            try:
                services.do_save_profile(job_role, rows, form.cleaned_data["description"])
            except ServiceError as exc:
                error = str(exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("skills:profile", pk=job_role.pk)
    skills = list(current.skills.all()) if current else []
    return render(
        request,
        "skills/profile.html",
        {
            "job_role": job_role,
            "skills": skills,
            "empty": range(max(3, PROFILE_ROWS - len(skills))),
            "form": form,
            "hr": hr,
            "error": error,
            "hr_ai": HR_AI_COMPETENCES,
            "esco_query": request.GET.get("esco", "")[:100],
            "occupations": find_occupations(request.GET.get("esco", "")[:100])
            if hr and request.GET.get("esco")
            else [],
            "esco_imported": bool(occupations()),
            "suggestion": ProfileSuggestion.objects.filter(
                job_role=job_role, decided_at__isnull=True
            ).first(),
        },
    )


def _profile_rows(request: HttpRequest) -> list[tuple[str, int, bool]]:
    names = request.POST.getlist("skill")
    levels = request.POST.getlist("level")
    musts = set(request.POST.getlist("must"))
    rows = []
    for index, name in enumerate(names[:100]):
        level = levels[index] if index < len(levels) else "1"
        rows.append((name[:300], int(level) if level.isdigit() else 0, str(index) in musts))
    return rows


def _groups_form(person: Person) -> GroupsForm:
    given = EmployeeGroups.objects.filter(person=person).first()
    initial = {"gender": given.gender, "age_band": given.age_band} if given else {}
    return GroupsForm(initial=initial)
