"""The organisation's handbook search, offered to other apps (core imports no app).

The assistant fills ``HANDBOOK_SEARCH`` in its ``ready()``: ``search(query, k)`` returns the
best sections that every employee may read, as ``Found`` rows. Without the assistant the list
is empty and callers go on without a reading list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    document: str  # the document's title
    section: str  # the heading path, "Onboarding > Je eerste werkdag"
    url: str  # the passage's page
    score: float


HANDBOOK_SEARCH: dict[str, Callable[[str, int], list[Found]]] = {}


def search_handbook(query: str, k: int = 1) -> list[Found]:
    return [found for search in HANDBOOK_SEARCH.values() for found in search(query, k)][:k]
