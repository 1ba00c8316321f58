"""The facts a document is drafted from: read strictly, never completed by guessing.

A required fact that is missing or wrong raises ``DraftError`` naming it; a fact the document
does not know is a warning (it is ignored, not used). Values are normalised: dates to ``date``,
amounts to ``Decimal``, lists of text to lists of stripped lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_TEXT = 500
MAX_ITEMS = 30


class DraftError(Exception):
    """The facts cannot make this document. ``code``: missing_fact, bad_value, not_facts,
    unknown_kind; ``params`` name the fact and the reason."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(f"{code}: {params}")
        self.code, self.params = code, params


def text(raw: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DraftError("missing_fact", fact=key)
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise DraftError("bad_value", fact=key, reason="expected text")
    return str(value).strip()[:MAX_TEXT]


def day(raw: dict[str, Any], key: str, required: bool = False) -> date | None:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            raise DraftError("missing_fact", fact=key)
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise DraftError("bad_value", fact=key, reason="expected a date, YYYY-MM-DD") from None


def amount(raw: dict[str, Any], key: str, required: bool = False) -> Decimal | None:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            raise DraftError("missing_fact", fact=key)
        return None
    if isinstance(value, bool):
        raise DraftError("bad_value", fact=key, reason="expected a number")
    try:
        number = Decimal(str(value).strip().replace(" ", ""))
    except InvalidOperation:
        raise DraftError("bad_value", fact=key, reason="expected a number") from None
    if not number.is_finite() or number < 0 or number > Decimal(10) ** 9:
        raise DraftError("bad_value", fact=key, reason="expected a number of 0 or more")
    return number


def flag(raw: dict[str, Any], key: str, required: bool = False) -> bool | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise DraftError("missing_fact", fact=key)
        return None
    if not isinstance(value, bool):
        raise DraftError("bad_value", fact=key, reason="expected true or false")
    return value


def lines(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str | int | float) for i in items):
        raise DraftError("bad_value", fact=key, reason="expected a list of lines")
    out = [str(i).strip().rstrip(".")[:MAX_TEXT] for i in items if str(i).strip()]
    return out[:MAX_ITEMS]


def choice(raw: dict[str, Any], key: str, options: dict[str, str], default: str) -> str:
    value = raw.get(key)
    if value is None or value == "":
        return default
    found = options.get(str(value).strip().lower())
    if found is None:
        raise DraftError("bad_value", fact=key, reason="expected one of " + ", ".join(options))
    return found


def check_keys(raw: object, known: set[str]) -> list[str]:
    if not isinstance(raw, dict):
        raise DraftError("not_facts")
    return [f"unknown fact '{key}' ignored" for key in sorted(map(str, raw)) if key not in known]
