"""Who gets development plans and training hours, by the groups employees chose to give: the
fairness engine's rates and impact ratios with the small-group rule, for HR and the works
council; the answer is the employee's own and never shown per person."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mensenwerk.core.models import Organisation, Person
from mensenwerk.core.services import ServiceError
from mensenwerk.skills import figures, services
from mensenwerk.skills.models import DevelopmentPlan, EmployeeGroups, PlanCourse

pytestmark = pytest.mark.django_db


def _people(operator, gender: str, n: int, with_plan: int, hours=(8,)) -> None:
    for i in range(n):
        person = Person.objects.create(
            first_name=f"{gender}{i}", last_name="X", job_role=operator.job_role,
            department=operator.department,
        )  # fmt: skip
        EmployeeGroups.objects.create(person=person, gender=gender, age_band="35-44")
        if i < with_plan:
            plan = DevelopmentPlan.objects.create(person=person, status="agreed")
            PlanCourse.objects.create(plan=plan, title="VCA", hours=hours[i % len(hours)], cost=0)


def test_rates_impact_ratios_and_the_small_group_rule(operator) -> None:
    Organisation.objects.update(bias_min_group=5)
    _people(operator, "male", 5, with_plan=4)
    _people(operator, "female", 5, with_plan=1)
    _people(operator, "nonbinary", 2, with_plan=2)  # too small to report
    DevelopmentPlan.objects.create(person=operator, status="rejected")  # not agreed: not counted
    with translation.override("en"):
        tables, people = figures.fairness_tables()
        plan_gender = next(t for t in tables if (t.measure, t.attribute) == ("plan", "gender"))
        rows = {label: row for label, row in plan_gender.rows}
        by_age = next(t for t in tables if (t.measure, t.attribute) == ("plan", "age_band"))
        age_rows = by_age.rows
    assert people == 13  # twelve plus the operator, who gave nothing
    assert rows["Man"].status == "reference" and rows["Man"].rate == 0.8
    assert rows["Woman"].rate == 0.2 and rows["Woman"].impact_ratio == pytest.approx(0.25)
    assert rows["Woman"].flag and rows["Woman"].conclusion == "not_enough_data"  # p ≈ 0.21
    assert rows["Non-binary"].status == "too_small" and rows["Non-binary"].rate is None
    assert plan_gender.table.unknown == 1
    assert [(label, r.n) for label, r in age_rows] == [("35–44", 12)]


def test_training_hours_above_the_median_among_those_with_a_plan(operator) -> None:
    Organisation.objects.update(bias_min_group=5)
    _people(operator, "male", 6, with_plan=6, hours=(8, 8, 16, 16, 24, 24))
    _people(operator, "female", 6, with_plan=6, hours=(8, 8, 8, 8, 16, 24))
    with translation.override("en"):
        tables, _people_counted = figures.fairness_tables()
        table = next(t for t in tables if (t.measure, t.attribute) == ("hours", "gender"))
        rows = {label: row for label, row in table.rows}
    # median of the twelve is 12 hours: four men and two women are above it
    assert (rows["Man"].selected, rows["Woman"].selected) == (4, 2)
    assert rows["Woman"].impact_ratio == pytest.approx(0.5) and rows["Woman"].flag


def test_only_the_person_gives_their_groups_and_blank_removes_them(operator, users) -> None:
    with pytest.raises(ServiceError):
        services.do_set_groups(operator, users["manager"], "female", "<25")
    with pytest.raises(ServiceError):
        services.do_set_groups(operator, users["employee"], "<script>", "")
    services.do_set_groups(operator, users["employee"], "female", "")
    assert EmployeeGroups.objects.get(person=operator).gender == "female"
    services.do_set_groups(operator, users["employee"], "", "")
    assert not EmployeeGroups.objects.exists()


def test_the_page_is_for_hr_the_works_council_and_the_dpo(client, operator, users) -> None:
    _people(operator, "male", 5, with_plan=4)
    _people(operator, "female", 5, with_plan=1)
    for role, status in (("hr", 200), ("or", 200), ("dpo", 200), ("manager", 403)):
        client.force_login(users[role])
        response = client.get(reverse("skills:fairness"))
        assert response.status_code == status, role
    page = response_text = client.get(reverse("skills:fairness")).content.decode()
    client.force_login(users["or"])
    page = client.get(reverse("skills:fairness")).content.decode()
    assert "Has an agreed development plan" in page and "0.25" in page and "Woman" in page
    assert "20%" in page and "80%" in page
    assert "female0" not in page and "male0" not in page  # no names, only groups
    assert response_text  # the manager's 403 page rendered
    # the employee gives (and sees) only their own answer
    client.force_login(users["employee"])
    client.post(reverse("skills:groups", args=[operator.pk]), {"gender": "male", "age_band": ""})
    assert EmployeeGroups.objects.get(person=operator).gender == "male"
    page = client.get(reverse("skills:person", args=[operator.pk])).content.decode()
    assert "Help check that training is shared fairly" in page
    client.force_login(users["manager"])
    page = client.get(reverse("skills:person", args=[operator.pk])).content.decode()
    assert "Help check that training is shared fairly" not in page


def test_retention_and_the_cockpits_kpis(operator, users) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mensenwerk.adoption import metrics
    from mensenwerk.governance.retention import RETENTION

    Organisation.objects.update(bias_min_group=5)
    now = timezone.now()
    for i in range(5):
        person = Person.objects.create(
            first_name=f"p{i}", last_name="X", job_role=operator.job_role
        )
        status = "rejected" if i == 0 else "agreed"
        plan = DevelopmentPlan.objects.create(person=person, status=status, decided_at=now)
        PlanCourse.objects.create(
            plan=plan, title="VCA", hours=8, cost=0, status="done", confirmed_at=now
        )
    figures = metrics.measure_month(timezone.localdate().replace(day=1))
    assert figures["skills_plans_agreed"].value == 80.0  # 4 of 5 decided plans agreed
    assert (figures["skills_training_hours"].value, figures["skills_training_hours"].n) == (40.0, 5)
    # a year later the rejected plan goes; so do the groups of someone who left
    leaver = Person.objects.create(first_name="L", last_name="X", end_date=timezone.localdate())
    EmployeeGroups.objects.create(person=leaver, gender="female")
    later = timezone.localdate() + timedelta(days=400)
    assert RETENTION["skills"](later, True) == 2
    assert RETENTION["skills"](later, False) == 2
    assert not DevelopmentPlan.objects.filter(status="rejected").exists()
    assert not EmployeeGroups.objects.filter(person=leaver).exists()
    assert DevelopmentPlan.objects.filter(status="agreed").count() == 4


def test_budget_per_department_and_per_person(operator, users) -> None:
    from django.utils import timezone

    plan = DevelopmentPlan.objects.create(
        person=operator, status="agreed", decided_at=timezone.now()
    )
    PlanCourse.objects.create(plan=plan, title="PLC", hours=32, cost=1650)
    Person.objects.create(first_name="Tweede", last_name="X", department=operator.department)
    found = figures.budget()
    # the department's agreed cost, and that cost per active person in it (three people)
    assert found.agreed == 1650
    assert found.by_department == [(operator.department.name, 1650, 550)]
