"""Template filters for core/formats.py: {% load mw_formats %} {{ amount|money }}."""

from __future__ import annotations

from datetime import date
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
def longdate(value: date | None) -> str:
    return "—" if value is None else formats.long_date(value)
