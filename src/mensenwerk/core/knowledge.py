"""The organisation's handbook search, offered to other apps (core imports no app).

The assistant fills ``HANDBOOK_SEARCH`` in its ``ready()``: ``search(queries, k)`` returns,
per query, the best sections that every employee may read, as ``Found`` rows (a batch, so the
index is looked up once). Without the assistant the list
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


HANDBOOK_SEARCH: dict[str, Callable[[list[str], int], list[list[Found]]]] = {}


def search_handbook(queries: list[str], k: int = 1) -> list[list[Found]]:
    """Per query, at most ``k`` sections (empty lists without a search)."""
    results: list[list[Found]] = [[] for _ in queries]
    for search in HANDBOOK_SEARCH.values():
        for mine, found in zip(results, search(queries, k), strict=True):
            mine.extend(found)
    return [found[:k] for found in results]
