"""mensenwerk onboarding remind [--dry-run] [--format table|json]"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mensenwerk.onboarding.reminders import ReminderError, remind


class Command(BaseCommand):
    help = "Onboarding: remind e-mails each assignee their overdue and upcoming tasks (daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("remind", help="e-mail overdue and upcoming tasks; send the pulses")
        run.add_argument("--dry-run", action="store_true", help="list, change and send nothing")
        run.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            found = remind(dry_run=options["dry_run"])
        except ReminderError as exc:
            raise CommandError(str(exc)) from None
        if options["format"] == "json":
            rows = [{k: v for k, v in asdict(r).items() if k != "email"} for r in found]
            self.stdout.write(json.dumps(rows, indent=1, ensure_ascii=False))
            return
        for r in found:
            late = f", {r.days_overdue} days overdue" if r.days_overdue else ""
            self.stdout.write(
                f"plan {r.plan}: {r.task} — {r.assignee or '(no account)'}, due {r.due}{late}"
            )
        verb = "would be reminded" if options["dry_run"] else "reminded"
        self.stdout.write(f"{len(found)} tasks {verb}")
