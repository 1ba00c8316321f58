"""Template filters for core/formats.py: {% load mw_formats %} {{ amount|money }}."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template

from mensenwerk.core import formats

register = template.Library()


@register.filter
def money(value: float | int | Decimal | None) -> str:
    return "—" if value is None else formats.money(value)


@register.filter
def number(value: float | int | Decimal | None, decimals: int | None = None) -> str:
    return "—" if value is None else formats.number(value, decimals)


@register.filter
def percent(value: float | int | Decimal | None, decimals: int = 1) -> str:
    return "—" if value is None else formats.percent(value, decimals)


@register.filter
def fraction(value: float | None, decimals: int = 0) -> str:
    """A share from 0 to 1 as a percentage: 0.25 -> "25 %" (Dutch) or "25%"."""
    return "—" if value is None else formats.percent(value * 100, decimals)


@register.filter
def longdate(value: date | str | None) -> str:
    """A date, or an ISO date string as stored in JSON (a citation's effective date)."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return "—" if value is None else formats.long_date(value)


@register.filter
def longdatetime(value: datetime | str | None) -> str:
    """A moment, or an ISO timestamp as stored in JSON (when a job ad was checked)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return "—" if value is None else formats.date_time(value)
