""" "Mijn acties": what waits for this person, counted and linked, most urgent first.

Each app registers its sources in its ``ready()`` (core imports no app):

    ACTION_SOURCES["recruitment"] = recruitment.actions.for_user   # (user) -> [Action]

A source returns only what its own roles and object scopes let the user see; ``actions_for``
also drops an action whose page the user may not open (the view's own ``@allow`` rule), so a
start page never links to a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import resolve
from django.utils import timezone


class Urgency:
    """Sort order: overdue and due today first, then this week, then whenever."""

    NOW = 0
    SOON = 1
    LATER = 2


@dataclass(frozen=True)
class Action:
    text: str  # translated: "3 candidates wait for a decision"
    url: str
    urgency: int = Urgency.LATER
    count: int = 1
    context: str = ""  # what it is about: a vacancy, a register entry
    detail: str = ""  # what is missing, how many days are left


ACTION_SOURCES: dict[str, Callable[[Any], list[Action]]] = {}


def actions_for(user: Any) -> list[Action]:
    found = [action for source in ACTION_SOURCES.values() for action in source(user)]
    visible = [a for a in found if may_open(user, a.url)]
    return sorted(visible, key=lambda a: (a.urgency, -a.count, a.context, a.text))


def may_open(user: Any, url: str) -> bool:
    """Whether the view behind ``url`` lets this user in (its ``@allow`` rule)."""
    rule = getattr(resolve(url.split("?")[0]).func, "access_rule", None)
    return rule is not None and rule.permits(user)


def urgency_of(due: date | None, soon_days: int = 7) -> int:
    """NOW when due today or earlier, SOON within ``soon_days``, else LATER (also no date)."""
    if due is None:
        return Urgency.LATER
    left = (due - timezone.localdate()).days
    if left <= 0:
        return Urgency.NOW
    return Urgency.SOON if left <= soon_days else Urgency.LATER
