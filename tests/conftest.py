"""Shared fixtures: named users per role (as in healthchecks' tests), test settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mensenwerk.core import services
from mensenwerk.core.models import Department, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.recruitment import services as recruitment
from mensenwerk.recruitment.models import Vacancy
from tests.translations import asked  # noqa: F401 - a fixture for every test module
from tests.trust import activate

PASSWORD = "correct horse battery staple"
REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


VECTORS = REPO / ".pytest_cache" / "mensenwerk-vectors.npz"


@pytest.fixture(scope="session", autouse=True)
def _passage_vectors():
    """Passage vectors of earlier runs (by model and text), so the SQLite and PostgreSQL runs
    and every rerun embed each test document once: embedding costs about 0.45 s per passage."""
    import numpy as np

    from mensenwerk.engines.retrieval import dense

    try:
        with np.load(VECTORS) as kept:
            dense.preload({k: kept[k] for k in kept.files})
    except (OSError, ValueError):
        pass
    yield
    vectors = dense.memo()
    if vectors:
        VECTORS.parent.mkdir(exist_ok=True)
        # the SQLite and PostgreSQL runs end at the same time: write aside, then replace
        partial = VECTORS.with_suffix(f".{os.getpid()}.npz")
        np.savez(partial, **vectors)
        os.replace(partial, VECTORS)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # argon2 is the production hasher (tested in test_auth); MD5 keeps fixtures fast
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db) -> dict[str, Person]:
    """A manager with one report, and an outsider in another department."""
    eng = Department.objects.create(name="Engineering")
    prod = Department.objects.create(name="Productie")
    boss = Person.objects.create(
        first_name="Peter", last_name="Jansen", employee_number="100", department=eng
    )
    report = Person.objects.create(
        first_name="Daan", last_name="Bakker", employee_number="101", department=eng, manager=boss
    )
    outsider = Person.objects.create(
        first_name="Fatma", last_name="Yılmaz", employee_number="200", department=prod
    )
    return {"boss": boss, "report": report, "outsider": outsider}


@pytest.fixture
def users(team) -> dict[str, User]:
    """One user per role, username = role slug, as in the demo."""
    links = {Role.MANAGER: team["boss"], Role.EMPLOYEE: team["report"]}
    return {
        role.value: services.do_create_user(role.value, PASSWORD, [role], person=links.get(role))
        for role in Role
    }


@pytest.fixture
def login(client):
    def as_user(user: User):
        client.force_login(user)
        return client

    return as_user


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
    criteria = recruitment.CriteriaInput(
        ["CNC-frezen of CNC-draaien", "technische tekeningen lezen"],
        [("Heidenhain", 2.0), ("Mastercam", 1.0), ("VCA", 1.0)],
        [("nl", "B2")],
    )
    return recruitment.do_save_vacancy(vacancy, criteria, [users["recruiter"]], users["hr"])
