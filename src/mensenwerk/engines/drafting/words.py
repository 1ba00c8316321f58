"""Dates, amounts, lists and pronouns written the Dutch or the English way (plain Python: the
engine runs without Django, in the CLI and in the app alike)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november "
    "december".split(),
    "en": "January February March April May June July August September October November "
    "December".split(),
}

# subject, possessive; "name" repeats the name (the default: no gender assumed)
PRONOUNS = {
    "nl": {"zij": ("zij", "haar"), "hij": ("hij", "zijn"), "hen": ("hen", "hun")},
    "en": {"zij": ("she", "her"), "hij": ("he", "his"), "hen": ("they", "their")},
}


def long_date(day: date, language: str) -> str:
    """1 maart 2019 / 1 March 2019."""
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


def number(value: Decimal, language: str) -> str:
    """38 / 32,5 (nl) / 32.5 (en); thousands grouped: 48.000 / 48,000."""
    whole = value == value.to_integral_value()
    text = f"{value:,.0f}" if whole else f"{value:,.2f}".rstrip("0").rstrip(".")
    if language == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def money(value: Decimal, language: str) -> str:
    """€ 48.000 / € 3.512,50 (nl); €48,000 / €3,512.50 (en)."""
    whole = value == value.to_integral_value()
    text = f"{value:,.0f}" if whole else f"{value:,.2f}"
    if language == "nl":
        return "€ " + text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return "€" + text


def listing(items: list[str], language: str) -> str:
    """a, b en c / a, b and c."""
    if len(items) <= 1:
        return "".join(items)
    last = " en " if language == "nl" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
