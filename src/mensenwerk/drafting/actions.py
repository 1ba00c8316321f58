"""Drafting's items on the start page: a manager asked for the facts of a reference."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from mensenwerk.core.actions import Action, Urgency
from mensenwerk.core.models import User
from mensenwerk.drafting.models import InputRequest


def for_user(user: User) -> list[Action]:
    asked = InputRequest.objects.filter(manager=user, answered_at__isnull=True).select_related(
        "person"
    )
    return [
        Action(
            _("Give the tasks and achievements for a reference"),
            reverse("drafting:answer", args=[r.pk]),
            Urgency.SOON,
            1,
            r.person.full_name,
        )
        for r in asked
    ]
