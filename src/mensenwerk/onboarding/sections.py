"""The onboarding section on a person's page: their plan and its progress, or a button."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mensenwerk.core.models import Person
from mensenwerk.core.roles import Role
from mensenwerk.onboarding import services
from mensenwerk.onboarding.models import Plan


def person_section(request: HttpRequest, person: Person) -> tuple[str, dict[str, Any]] | None:
    user = request.user
    if person.kind != Person.Kind.EMPLOYEE:
        return None
    plan = Plan.objects.filter(person=person).order_by("-pk").first()
    hr = user.has_role(Role.HR)  # type: ignore[union-attr]
    if plan is None and not hr:
        return None
    done, total = services.progress(plan) if plan else (0, 0)
    return "onboarding/_person_section.html", {
        "plan": plan,
        "done": done,
        "total": total,
        "person": person,
        "can_plan": hr and person.start_date is not None and (plan is None or not plan.is_open),
    }
