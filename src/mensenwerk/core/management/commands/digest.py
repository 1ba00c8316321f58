"""mensenwerk digest [--dry-run] [--format table|json]"""

from __future__ import annotations

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mensenwerk.core.digest import DigestError, send_digests


class Command(BaseCommand):
    help = "E-mail each person the actions waiting for them (weekly, from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list who would get one")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: object, dry_run: bool, format: str, **options: object) -> None:
        try:
            sent = send_digests(dry_run=dry_run)
        except DigestError as exc:
            raise CommandError(str(exc)) from None
        if format == "json":
            self.stdout.write(json.dumps([asdict(s) for s in sent], indent=1))
            return
        verb = "would send" if dry_run else "sent"
        for item in sent:
            self.stdout.write(f"{verb}: {item.user} <{item.email}>, {item.actions} actions")
        self.stdout.write(f"{len(sent)} e-mails {verb.split()[-1]}")
