"""Sections other apps add to other apps' pages, filled in their ``ready()`` (core imports no
app, and the apps import each other's registries here instead of each other).

``PERSON_SECTIONS[name](request, person)`` returns ``(template, context)`` for the person's
page, or None when the reader may not see that section. ``LITERACY_SECTIONS[name](request)``
does the same for the adoption cockpit's AI-literacy page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from mensenwerk.core.models import Person

Section = tuple[str, dict[str, Any]]
PERSON_SECTIONS: dict[str, Callable[[HttpRequest, Person], Section | None]] = {}


def person_sections(request: HttpRequest, person: Person) -> list[Section]:
    found = (build(request, person) for _name, build in sorted(PERSON_SECTIONS.items()))
    return [section for section in found if section is not None]


LITERACY_SECTIONS: dict[str, Callable[[HttpRequest], Section | None]] = {}


def literacy_sections(request: HttpRequest) -> list[Section]:
    found = (build(request) for _name, build in sorted(LITERACY_SECTIONS.items()))
    return [section for section in found if section is not None]
