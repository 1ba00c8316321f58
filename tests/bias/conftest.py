"""Bias tests read the English texts; CV screening is owned by the director (not HR)."""

from __future__ import annotations

import pytest

from mensenwerk.recruitment import services as recruitment
from mensenwerk.recruitment.models import Vacancy
from tests.trust import activate


@pytest.fixture(autouse=True)
def _english(client) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def vacancy(users) -> Vacancy:
    for role in ("hr", "director", "or"):
        users[role].email = f"{role}@example.nl"
        users[role].save()
    activate("cv-screening", users["director"])  # the register owner is not an HR admin
    activate("job-ad-check", users["hr"])
    vacancy = Vacancy(
        title="CNC-verspaner <script>alert(1)</script>",
        description="CNC-frezen en technische tekeningen lezen.",
        language="nl",
        hiring_manager=users["manager"],
        status="open",
    )
    criteria = recruitment.CriteriaInput(
        ["CNC-frezen of CNC-draaien", "technische tekeningen lezen"], [("Heidenhain", 1.0)], []
    )
    return recruitment.do_save_vacancy(vacancy, criteria, [users["recruiter"]], users["hr"])
