"""What both documents end with: place and date, the signatory, the organisation."""

from __future__ import annotations

from typing import Any

from mensenwerk.engines.drafting import NO_DATE, NO_SIGNATORY, Sentence
from mensenwerk.engines.drafting import facts as read
from mensenwerk.engines.drafting.words import long_date

SIGNATURE_KEYS = {"place", "date", "signatory"}


def signature(
    raw: dict[str, Any], language: str, organisation: str
) -> tuple[list[Sentence], list[str]]:
    out: list[Sentence] = []
    warnings: list[str] = []
    place, when = read.text(raw, "place"), read.day(raw, "date")
    if place or when:
        parts = [p for p in (place, when and long_date(when, language)) if p]
        keys = tuple(k for k, v in (("place", place), ("date", when)) if v)
        out.append(Sentence(", ".join(parts), keys, "signature"))
    if not when:
        warnings.append(NO_DATE)
    signatory = raw.get("signatory") or {}
    if not isinstance(signatory, dict):
        raise read.DraftError("bad_value", fact="signatory", reason="expected name and title")
    name, title = read.text(signatory, "name"), read.text(signatory, "title")
    if name:
        out.append(Sentence(name, ("signatory",), "signature"))
    if title:
        out.append(Sentence(title, ("signatory",), "signature"))
    if not name:
        warnings.append(NO_SIGNATORY)
    out.append(Sentence(organisation, ("organisation",), "signature"))
    return out, warnings
