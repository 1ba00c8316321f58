"""mensenwerk reports [--month YYYY-MM] [--dry-run] [--format table|json]"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mensenwerk.adoption import metrics
from mensenwerk.adoption.mailing import send_monthly_reports


class Command(BaseCommand):
    help = "E-mail the monthly management and works-council reports to their subscribers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM (default: the last complete month)")
        parser.add_argument("--dry-run", action="store_true", help="list who would get one")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = metrics.parse_month(options["month"]) if options["month"] else None
        except ValueError:
            raise CommandError(f"--month: expected YYYY-MM, got {options['month']!r}") from None
        sent = send_monthly_reports(month, dry_run=options["dry_run"])
        if options["format"] == "json":
            self.stdout.write(json.dumps([asdict(s) for s in sent], indent=1))
            return
        verb = "would send" if options["dry_run"] else "sent"
        for item in sent:
            self.stdout.write(f"{verb}: {item.report} {item.month} to {item.user} <{item.email}>")
        self.stdout.write(f"{len(sent)} reports {verb.split()[-1]}")
