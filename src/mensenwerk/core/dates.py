"""Date helpers in the organisation's time zone."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the organisation's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    return date(year, month + 1, 28)
