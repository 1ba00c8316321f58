from __future__ import annotations

import pytest

from mensenwerk.core.models import JobRole, Person
from mensenwerk.skills import services
from mensenwerk.skills.models import Course
from tests.trust import activate

CATALOGUE = [
    ("Heftruckcertificaat", "heftruck rijden:2", 8, 350),
    ("VCA Basis", "VCA", 8, 195),
    ("Veilig en heftruck", "VCA; heftruck:2", 14, 500),
    ("PLC TIA Portal", "PLC programmeren:4", 32, 1650),
    ("PLC basis", "PLC:2", 24, 1150),
    ("Excel gevorderd", "Excel:3", 8, 295),
]


@pytest.fixture
def operator(team, users) -> Person:
    """Daan (the manager's report) as an operator with a profile, some skills, a catalogue."""
    activate("skills", users["hr"])
    role = JobRole.objects.create(title="Operator", department=team["boss"].department)
    services.do_save_profile(
        role,
        [("Heftruck rijden", 2, True), ("VCA", 1, True), ("PLC programmeren", 3, True),
         ("Excel", 2, False)],
    )  # fmt: skip
    person = team["report"]
    person.job_role = role
    person.save()
    for title, skills, hours, cost in CATALOGUE:
        Course.objects.create(title=title, skills=skills, hours=hours, cost=cost)
    return person


@pytest.fixture(autouse=True)
def english(client) -> None:
    """Pages in English unless a test asks for Dutch (the organisation's language is Dutch)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
