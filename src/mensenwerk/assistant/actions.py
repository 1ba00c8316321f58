"""The assistant's items on the start page: questions employees forwarded to HR."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from mensenwerk.assistant.models import Escalation
from mensenwerk.core.actions import Action, Urgency
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role

ANSWER_WITHIN = timedelta(days=2)


def for_user(user: User) -> list[Action]:
    if not user.has_role(Role.HR):
        return []
    open_ = Escalation.objects.filter(status=Escalation.Status.OPEN)
    n = open_.count()
    if not n:
        return []
    late = open_.filter(created_at__lt=timezone.now() - ANSWER_WITHIN).exists()
    text = ngettext(
        "%(n)s question forwarded to HR waits for an answer",
        "%(n)s questions forwarded to HR wait for an answer",
        n,
    ) % {"n": n}
    return [Action(text, reverse("assistant:inbox"), Urgency.NOW if late else Urgency.SOON, n)]
