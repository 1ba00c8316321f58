"""mensenwerk register export --format yaml|json"""

from __future__ import annotations

import json

import yaml
from django.core.management.base import BaseCommand, CommandParser

from mensenwerk.governance.cards import system_cards


class Command(BaseCommand):
    help = "Export the AI register as machine-readable system cards."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export")
        export.add_argument("--format", choices=["yaml", "json"], default="yaml")

    def handle(self, *args: object, action: str, format: str, **options: object) -> None:
        cards = system_cards()
        if format == "json":
            self.stdout.write(json.dumps(cards, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(yaml.safe_dump(cards, allow_unicode=True, sort_keys=False))
