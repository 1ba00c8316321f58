"""mensenwerk subject export|erase --person ID"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mensenwerk.core.models import Person
from mensenwerk.governance import rights


class Command(BaseCommand):
    help = "Access (GDPR art. 15) or erasure (art. 17) for one person."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("export", "erase"):
            action = sub.add_parser(name)
            action.add_argument(
                "--person", required=True, help="the person's database id or employee number"
            )

    def handle(self, *args: object, action: str, person: str, **options: object) -> None:
        found = Person.objects.filter(employee_number=person).first()
        if found is None and person.isdigit():
            found = Person.objects.filter(pk=int(person)).first()
        if found is None:
            raise CommandError(
                f"no person with id or employee number {person!r} "
                "(already erased, or never existed)"
            )
        if action == "export":
            self.stdout.write(
                json.dumps(rights.subject_export(found), indent=2, ensure_ascii=False)
            )
            return
        result = rights.erase_subject(found, None)
        self.stdout.write(
            f"erased; the trail keeps pseudonym {result.pseudonym} only "
            f"({result.payloads_erased} readable trail details removed)"
        )
