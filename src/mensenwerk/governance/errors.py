"""The trust layer's refusals, shared by its modules and caught by the apps."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from mensenwerk.governance.models import (
    AIApplication,
)


class TrustError(Exception):
    """A refused trust-layer action; ``str()`` is a sentence for the user."""


@dataclass(frozen=True)
class Gap:
    code: str
    message: Promise
    fixer: Promise  # who can fix it


class ApplicationInactive(TrustError):
    def __init__(
        self, application: AIApplication | None, slug: str, gaps: list[Gap] | None = None
    ) -> None:
        self.application, self.slug, self.gaps = application, slug, gaps or []
        name = application.name if application else slug
        super().__init__(f"AI application {name!r} is not active")
