"""The organisation's handbook search, offered to other apps (core imports no app).

It also keeps texts other apps publish for candidates (``PUBLIC_TEXTS``: a published vacancy's
own text, so the candidates' assistant answers from it on that vacancy's page).

The assistant fills ``HANDBOOK_SEARCH`` in its ``ready()``: ``search(queries, k)`` returns,
per query, the best sections that every employee may read, as ``Found`` rows (a batch, so the
index is looked up once). Without the assistant the list
is empty and callers go on without a reading list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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


@dataclass(frozen=True)
class PublicText:
    key: str  # who keeps it, "vacancy:12"
    title: str
    text: str
    language: str  # "nl" or "en"


# name -> (publish(text, actor), withdraw(key)); filled by the assistant
PUBLIC_TEXTS: dict[str, tuple[Callable[[PublicText, Any], None], Callable[[str], None]]] = {}


def publish_public_text(text: PublicText, actor: Any) -> None:
    """Answer candidates from this text from now on (a changed text replaces the old one)."""
    for publish, _withdraw in PUBLIC_TEXTS.values():
        publish(text, actor)


def withdraw_public_text(key: str) -> None:
    """Stop answering candidates from the text kept under ``key``."""
    for _publish, withdraw in PUBLIC_TEXTS.values():
        withdraw(key)
