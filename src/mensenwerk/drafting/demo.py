"""Demo: a reference approved for a colleague who left, and HR waiting for the manager's input
for Daan Bakker's reference (on the manager's start page)."""

from __future__ import annotations

from datetime import date

from mensenwerk.core.models import Person, User
from mensenwerk.drafting import requests, services
from mensenwerk.drafting.models import Document, InputRequest


def load_drafting_demo() -> None:
    hr = User.objects.get(username="hr")
    if Document.objects.exists():
        return
    leaver = (
        Person.objects.filter(kind="employee", job_role__isnull=False, start_date__isnull=False)
        .exclude(user__isnull=False)
        .order_by("employee_number")
        .first()
    )
    if leaver is not None:
        leaver.end_date = date(2026, 10, 31)
        leaver.save(update_fields=["end_date"])
        facts = {
            "tasks": ["Instellen en bedienen van de CNC-freesbanken", "Maatvoering controleren"],
            "achievements": ["Heeft twee nieuwe collega's ingewerkt"],
            "place": "Enschede",
            "date": date(2026, 10, 31),
            "signatory": {"name": hr.get_full_name(), "title": "HR-manager"},
        }
        document = services.do_draft(leaver, "reference", facts, "nl", hr)
        services.do_approve(document, hr)
    daan = User.objects.get(username="employee").person
    if daan is not None and not InputRequest.objects.filter(person=daan).exists():
        requests.do_ask_manager(daan, hr, notify=False)
