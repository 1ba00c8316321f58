"""mensenwerk retention run [--dry-run]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from mensenwerk.governance import retention


class Command(BaseCommand):
    help = "Delete or anonymise personal data whose retention period has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run")
        run.add_argument("--dry-run", action="store_true", help="list what would happen")

    def handle(self, *args: object, action: str, dry_run: bool, **options: object) -> None:
        plan = retention.run_retention(None, dry_run=dry_run)
        verb = "would erase" if dry_run else "erased"
        self.stdout.write(
            f"{verb}: {plan.former_employees} former employees past their retention period, "
            f"{plan.expired_people} people past their keep-until date, "
            f"{plan.audit_payloads} audit-trail payloads older than the trail's retention"
            + "".join(f", {n} {name.replace('_', ' ')}" for name, n in plan.other.items())
        )
