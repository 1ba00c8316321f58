"""Where plans come from besides HR's own form: a hire in recruitment (the candidate becomes an
employee record with only what employment needs) and the HRIS import (employees with a start
date still to come and no plan)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mensenwerk.core.models import Department, JobRole, Person, User
from mensenwerk.core.services import ServiceError
from mensenwerk.onboarding.models import Plan
from mensenwerk.onboarding.services import Shared, do_create_plan
from mensenwerk.recruitment.models import Application


def do_plan_from_hire(
    application: Application,
    actor: User,
    start: date,
    *,
    job_role: JobRole | None,
    department: Department | None,
    manager: Person | None,
    **plan_options,
) -> Plan:
    """A new employee record from a hired candidate (name and e-mail only: the CV, the scores
    and the answers stay with the application and its retention), then the plan proposal."""
    if application.stage != Application.Stage.HIRED:
        raise ServiceError(_("Only a hired candidate gets an onboarding plan."))
    candidate = application.person
    if start < timezone.localdate():
        raise ServiceError(_("The start date has passed."))
    with transaction.atomic():
        person = Person.objects.create(
            kind=Person.Kind.EMPLOYEE,
            first_name=candidate.first_name,
            last_name=candidate.last_name,
            email=candidate.email,
            job_role=job_role,
            department=department,
            manager=manager,
            start_date=start,
        )
        return do_create_plan(person, actor, source=Plan.Source.HIRE, **plan_options)


def hris_without_plan():
    """Employees from the HRIS (with an employee number) who start today or later and have no
    plan at all yet: a cancelled plan is a decision HR took."""
    today = timezone.localdate()
    planned = Plan.objects.values("person_id")
    return (
        Person.objects.employees()
        .filter(employee_number__isnull=False, start_date__gte=today)
        .exclude(pk__in=planned)
        .select_related("job_role", "department", "manager__user")
        .order_by("start_date", "last_name")
    )


@transaction.atomic  # one commit for the batch: a proposal that cannot be made fails before writing
def do_plans_from_hris(actor: User) -> tuple[int, list[str]]:
    """A proposal for every such employee; (made, the names that failed with the reason)."""
    made, failed = 0, []
    shared = Shared.of(None)
    for person in hris_without_plan():
        try:
            do_create_plan(person, actor, source=Plan.Source.HRIS, shared=shared)
        except ServiceError as exc:
            failed.append(f"{person.full_name}: {exc}")
        else:
            made += 1
    return made, failed
