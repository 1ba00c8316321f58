"""Skills on the start page: your own plan waiting for your agreement, plans of your people
waiting for your decision, and finished courses waiting for your confirmation."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mensenwerk.core.actions import Action, Urgency
from mensenwerk.core.models import Person, User
from mensenwerk.core.roles import Role
from mensenwerk.skills.models import DevelopmentPlan, PlanCourse


def for_user(user: User) -> list[Action]:
    found = []
    if user.person_id is not None:
        own = DevelopmentPlan.objects.filter(
            person_id=user.person_id,
            status=DevelopmentPlan.Status.AGREED,
            employee_agreed_at__isnull=True,
        ).first()
        if own is not None:
            found.append(
                Action(
                    _("Your development plan waits for your agreement"),
                    reverse("skills:person", args=[user.person_id]),
                    Urgency.SOON,
                )
            )
    people = Person.objects.visible_to(user).exclude(pk=user.person_id)
    if not (user.has_role(Role.HR) or user.has_role(Role.MANAGER)):
        return found
    waiting = DevelopmentPlan.objects.filter(
        person__in=people, status=DevelopmentPlan.Status.PROPOSED
    ).select_related("person")
    for plan in waiting[:20]:
        found.append(
            Action(
                _("A proposed development plan waits for your decision"),
                reverse("skills:person", args=[plan.person_id]),
                Urgency.LATER,
                1,
                plan.person.full_name,
            )
        )
    finished = PlanCourse.objects.filter(
        plan__person__in=people, status=PlanCourse.Status.DONE, confirmed_at__isnull=True
    ).count()
    if finished:
        found.append(
            Action(
                ngettext(
                    "%(n)s finished course waits for your confirmation",
                    "%(n)s finished courses wait for your confirmation",
                    finished,
                )
                % {"n": finished},
                reverse("skills:overview"),
                Urgency.SOON,
                finished,
            )
        )
    return found
