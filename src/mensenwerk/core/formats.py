"""Numbers, money, percentages and dates in the active language, for pages and documents.

    Dutch:   "€ 26.000"  "14,4"  "−74,7 %"  "30 november 2026"  "november 2026"
    English: "€26,000"   "14.4"  "−74.7%"   "30 November 2026"  "November 2026"

Django's locale formats do the separators and month names; this adds what they leave to the
writer: the euro sign's place, the percent sign's spacing and a real minus sign.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone, translation

MINUS = "\u2212"


def _dutch() -> bool:
    return (translation.get_language() or "").startswith("nl")


def number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """Grouped thousands, the language's decimal sign; ``decimals`` fixes the places. Without
    it a stored amount's padding goes: Decimal("60.00") reads "60"."""
    if decimals is None and isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if decimals is not None:
        value = round(value, decimals)
    text = formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return MINUS + text[1:] if text.startswith("-") else text


def money(value: float | int | Decimal) -> str:
    """Whole euros."""
    text = number(round(value), 0)
    return f"€ {text}" if _dutch() else f"€{text}"


def percent(value: float | int | Decimal, decimals: int = 1) -> str:
    text = number(value, decimals)
    return f"{text} %" if _dutch() else f"{text}%"


def long_date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def date_time(moment: datetime) -> str:
    """In the organisation's time zone: "30 november 2026, 09:15"."""
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def month(day: date) -> str:
    return formats.date_format(day, "F Y")
