"""`mensenwerk kpis`: the KPIs of section 4, measured from the system, for one month."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mensenwerk.adoption import metrics


class Command(BaseCommand):
    help = "Print the measured KPIs of a month (default: this month)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = (
                metrics.parse_month(options["month"])
                if options["month"]
                else timezone.localdate().replace(day=1)
            )
        except ValueError:
            raise CommandError(f"--month: expected YYYY-MM, got {options['month']!r}") from None
        figures = metrics.measure_month(month)
        if options["format"] == "json":
            data = {
                "month": metrics.month_key(month),
                "kpis": {k: f.as_dict() for k, f in figures.items()},
            }
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"KPIs {metrics.month_key(month)}")
        for key, fig in figures.items():
            shown = (
                "withheld (small group)"
                if fig.withheld
                else ("—" if fig.value is None else f"{fig.value}")
            )
            self.stdout.write(f"  {key:<24} {shown:>24}   n={fig.n}")
