"""Fixtures of the recruitment tests: an open vacancy with screening switched on."""

from __future__ import annotations

import pytest

from mensenwerk.recruitment import services
from mensenwerk.recruitment.models import Vacancy
from tests.governance.test_trail import activate


@pytest.fixture(autouse=True)
def _english(client) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # assertions read the English texts


@pytest.fixture
def vacancy(users) -> Vacancy:
    activate("cv-screening", users["hr"])
    activate("job-ad-check", users["hr"])
    vacancy = Vacancy(
        title="CNC-verspaner (m/v/x)",
        description="Voor onze machinefabriek zoeken wij een CNC-verspaner. Je leest "
        "technische tekeningen en werkt met Heidenhain.",
        language="nl",
        min_years_experience=3,
        hiring_manager=users["manager"],
        status="open",
    )
    criteria = services.CriteriaInput(
        ["CNC-frezen of CNC-draaien", "technische tekeningen lezen"],
        [("Heidenhain", 2.0), ("Mastercam", 1.0), ("VCA", 1.0)],
        [("nl", "B2")],
    )
    return services.do_save_vacancy(vacancy, criteria, [users["recruiter"]], users["hr"])
