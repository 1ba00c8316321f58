from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mensenwerk.core.models import JobRole, Person
from tests.trust import activate


@pytest.fixture
def newcomer(team, users) -> Person:
    """Noor: a new engineer in the manager's team, starting in ten days, with no account."""
    activate("onboarding", users["hr"])
    role = JobRole.objects.create(
        title="Werktuigbouwkundig engineer", department=team["boss"].department
    )
    return Person.objects.create(
        first_name="Noor",
        last_name="Hendriks",
        email="noor@example.org",
        employee_number="300",
        department=team["boss"].department,
        job_role=role,
        manager=team["boss"],
        start_date=timezone.localdate() + timedelta(days=10),
    )
