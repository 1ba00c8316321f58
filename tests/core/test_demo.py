from __future__ import annotations

import itertools

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
    assert 130 <= counts[0] <= 150
    assert counts[2] >= 6
    assert [login[0] for login in first] == [role.value for role in Role]


@pytest.mark.django_db
def test_it_gives_each_demo_user_their_role_and_a_working_password() -> None:
    load_demo("s3cret-demo")
    for role in Role:
        user = authenticate(username=role.value, password="s3cret-demo")
        assert user is not None
        assert user.role_set == {role.value}


@pytest.mark.django_db
def test_it_puts_the_demo_employee_in_the_demo_managers_team() -> None:
    load_demo("demo")
    manager = User.objects.get(username="manager")
    employee = User.objects.get(username="employee")
    team = Person.objects.visible_to(manager)
    assert employee.person in team
    assert team.count() > 5
    assert Person.objects.visible_to(employee).count() == 1
    # every employee has a manager except the director
    assert Person.objects.filter(manager__isnull=True).count() == 1


@pytest.mark.django_db
def test_it_shows_an_active_and_a_blocked_ai_application_in_the_demo() -> None:
    from mensenwerk.governance import services, trail
    from mensenwerk.governance.demo import load_governance_demo
    from mensenwerk.governance.models import AIApplication

    load_demo("demo")
    load_governance_demo()
    load_governance_demo()  # twice: no duplicate activations or requests
    active = set(AIApplication.objects.filter(active=True).values_list("slug", flat=True))
    assert active == {"cv-screening", "job-ad-check", "drafting", "onboarding", "skills"}
    blocked = AIApplication.objects.get(slug="hr-assistant")
    assert [gap.code for gap in services.activation_gaps(blocked)] == ["notice"]
    rows = AIApplication.objects.get(slug="cv-screening").vendor_assessments.all()
    assert len({row.evidence for row in rows}) == len(rows)  # a reason per criterion
    assert rows.get(criterion="certifications").rating == "insufficient"
    verdict = trail.verify_trail()
    assert verdict.ok
    from mensenwerk.governance.models import AuditEntry

    not_accounts = AuditEntry.objects.exclude(content__event__startswith="account_").exclude(
        content__event="role_granted"
    )
    # five activations, the rights request and the DPO's reasons why the assistant, drafting,
    # onboarding and skills need no DPIA
    assert not_accounts.count() == 10


@pytest.mark.django_db
def test_the_whole_demo_writes_its_history_in_time_order_and_measures_past_months() -> None:
    from mensenwerk.adoption import metrics
    from mensenwerk.adoption import services as adoption
    from mensenwerk.adoption.models import Project
    from mensenwerk.bias.demo import HISTORY_VACANCY
    from mensenwerk.bias.services import Scope, build_report
    from mensenwerk.demo import build_demo
    from mensenwerk.governance import trail as trust
    from mensenwerk.governance.models import AuditEntry
    from mensenwerk.recruitment.models import Vacancy

    build_demo("demo")
    times = list(AuditEntry.objects.order_by("seq").values_list("created_at", flat=True))
    assert all(a <= b for a, b in itertools.pairwise(times))
    assert trust.verify_trail().ok
    # usage spread over the last three complete months, so the ROI measures all of them
    summary = adoption.roi_summary(Project.objects.get())
    assert summary["hours"]["months_measured"] == 3
    assert all(row["screening"] > 0 for row in summary["hours"]["rows"])
    assert summary["measured_months"] == [metrics.month_key(m) for m in metrics.last_months(4)[:-1]]
    assert summary["roi"].payback_months is None or summary["roi"].payback_months > 0
    # a recruiter takes hours, not zero seconds, to review
    stats = trust.decision_stats()["per_application"]["cv-screening"]
    assert stats["median_review_seconds"] > 3600
    # realistic scores: the median rule can compare the groups; the gap is in the people's
    vacancy = Vacancy.objects.get(public_id=HISTORY_VACANCY)
    report = build_report(Scope(vacancy=vacancy))
    score = next(m for m in report["measures"] if m["key"] == "ai_score")
    assert score["tied"] == 0
    assert 20 < score["selected"] < 76
    flagged = {
        m["key"]
        for m in report["measures"]
        for t in m["tables"]
        for r in t["rows"]
        if r["conclusion"] == "needs_review"
    }
    assert flagged == {"human_screening"}
    build_demo("demo")  # again: nothing duplicated, the trail still verifies
    assert AuditEntry.objects.count() == len(times)
    assert trust.verify_trail().ok
