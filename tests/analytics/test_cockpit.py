"""The cockpit's people-analytics KPIs: survey response and eNPS of the latest survey of the
twelve months, and the share of retention alerts that got a human decision."""

from __future__ import annotations

from datetime import date

import pytest

from mensenwerk.adoption import metrics
from mensenwerk.analytics.models import RetentionRun, RiskScore
from mensenwerk.core.models import Department, Person
from tests.analytics.helpers import SUMMARY, ready_survey

pytestmark = pytest.mark.django_db


def test_survey_response_and_enps(users) -> None:
    for name, staff in (("Productie", 20), ("Logistiek", 8), ("Kantoor", 3)):
        dept, _new = Department.objects.get_or_create(name=name)
        Person.objects.bulk_create(
            Person(first_name="A", last_name=str(i), department=dept) for i in range(staff)
        )
    survey = ready_survey(users["hr"], held_on=date(2026, 10, 1))
    figures = metrics.analytics_figures(date(2026, 11, 1))
    assert figures["survey_response"].n == 23
    # Productie has the team fixture's outsider too: 23 answers from 21 + 8 + 3 employees
    assert figures["survey_response"].value == pytest.approx(23 / 32 * 100, abs=0.1)
    assert figures["survey_enps"].value == survey.result["top"]["overall"]["enps"]
    assert metrics.analytics_figures(date(2028, 1, 1))["survey_response"].value is None


def test_alerts_decided_share_is_withheld_under_the_smallest_group(users, team) -> None:
    run = RetentionRun.objects.create(original_name="h.csv", status="done", summary=SUMMARY)
    for i, risk in enumerate((0.9, 0.8, 0.7, 0.6, 0.5, 0.1)):
        person = Person.objects.create(first_name="B", last_name=str(i))
        RiskScore.objects.create(
            run=run, person=person, key=str(i), risk=risk, stay="planned" if i < 3 else ""
        )
    month = date.today().replace(day=1)
    figure = metrics.analytics_figures(month)["retention_alerts_decided"]
    assert (figure.value, figure.n) == (60.0, 5)  # five alerts from 0.3, three decided
    RiskScore.objects.filter(risk__lt=0.6).delete()
    assert metrics.analytics_figures(month)["retention_alerts_decided"].withheld
