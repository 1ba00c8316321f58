from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from mensenwerk.core.demo import load_demo
from mensenwerk.core.models import Department, Person, User
from mensenwerk.core.roles import Role


@pytest.mark.django_db
def test_it_loads_the_demo_organisation_twice_without_duplicates() -> None:
    first = load_demo("demo")
    counts = (Person.objects.count(), User.objects.count(), Department.objects.count())
    second = load_demo("demo")
    assert first == second
    assert (Person.objects.count(), User.objects.count(), Department.objects.count()) == counts
    assert 130 <= counts[0] <= 150 and counts[2] >= 6
    assert [login[0] for login in first] == [role.value for role in Role]


@pytest.mark.django_db
def test_it_gives_each_demo_user_their_role_and_a_working_password() -> None:
    load_demo("s3cret-demo")
    for role in Role:
        user = authenticate(username=role.value, password="s3cret-demo")
        assert user is not None and user.role_set == {role.value}


@pytest.mark.django_db
def test_it_puts_the_demo_employee_in_the_demo_managers_team() -> None:
    load_demo("demo")
    manager = User.objects.get(username="manager")
    employee = User.objects.get(username="employee")
    team = Person.objects.visible_to(manager)
    assert employee.person in team and team.count() > 5
    assert Person.objects.visible_to(employee).count() == 1
    # every employee has a manager except the director
    assert Person.objects.filter(manager__isnull=True).count() == 1


@pytest.mark.django_db
def test_it_shows_an_active_and_a_blocked_ai_application_in_the_demo() -> None:
    from mensenwerk.governance import services
    from mensenwerk.governance.demo import load_governance_demo
    from mensenwerk.governance.models import AIApplication

    load_demo("demo")
    load_governance_demo()
    load_governance_demo()  # twice: no duplicate activations or requests
    active = set(AIApplication.objects.filter(active=True).values_list("slug", flat=True))
    assert active == {"cv-screening", "job-ad-check"}
    blocked = AIApplication.objects.get(slug="hr-assistant")
    assert [gap.code for gap in services.activation_gaps(blocked)] == ["notice"]
    verdict = services.verify_trail()
    assert verdict.ok
    from mensenwerk.governance.models import AuditEntry

    not_accounts = AuditEntry.objects.exclude(content__event__startswith="account_").exclude(
        content__event="role_granted"
    )
    assert not_accounts.count() == 3  # two activations and the rights request, once each
