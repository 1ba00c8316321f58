"""Bias monitoring's item on the start page: alerts to handle, for those who may."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from mensenwerk.bias.models import BiasAlert
from mensenwerk.bias.services import can_handle
from mensenwerk.core.actions import Action, Urgency
from mensenwerk.core.models import User


def for_user(user: User) -> list[Action]:
    if not can_handle(user):
        return []
    n = BiasAlert.objects.filter(status=BiasAlert.Status.OPEN).count()
    if not n:
        return []
    text = ngettext(
        "%(n)s bias alert to look into and record what was done",
        "%(n)s bias alerts to look into and record what was done",
        n,
    ) % {"n": n}
    return [Action(text, reverse("bias:fairness"), Urgency.NOW, n)]
