"""The onboarding figures the adoption cockpit measures: from the plans and the pulse, withheld
below the smallest group, never typed in."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from mensenwerk.adoption import metrics
from mensenwerk.core.models import Person
from mensenwerk.onboarding import services
from mensenwerk.onboarding.models import PlanTask, PulseAnswer

pytestmark = pytest.mark.django_db


def _started(users, days_ago: int, n: int, week_one_after: int | None) -> None:
    today = timezone.localdate()
    for i in range(n):
        person = Person.objects.create(
            first_name="S", last_name=f"{days_ago}-{i}", start_date=today - timedelta(days=days_ago)
        )
        plan = services.do_decide(
            services.do_create_plan(person, users["hr"]), users["hr"], "accept"
        )
        if week_one_after is not None:
            done = timezone.make_aware(datetime.combine(plan.start_date, time(12))) + timedelta(
                days=week_one_after
            )
            PlanTask.objects.filter(plan=plan, day__lte=7).update(done_at=done)


def test_week_one_days_and_the_recommend_score_are_measured(newcomer, users) -> None:
    month = timezone.localdate().replace(day=1)
    _started(users, 30, 4, week_one_after=3)
    figures = metrics.measure_month(month)
    assert figures["onboarding_week_one_days"].withheld  # four plans: below five
    _started(users, 20, 1, week_one_after=5)
    figure = metrics.measure_month(month)["onboarding_week_one_days"]
    assert (figure.value, figure.n) == (3.0, 5)
    assert metrics.measure_month(month)["onboarding_complete_90"].n == 0
    for score in (10, 9, 9, 7, 3):
        PulseAnswer.objects.create(
            day=30, month=month, welcome=4, clarity=4, equipped=4, recommend=score
        )
    figure = metrics.measure_month(month)["onboarding_recommend"]
    assert (figure.value, figure.n) == (40.0, 5)  # 3 promoters, 1 detractor of 5


def test_complete_at_day_90_counts_every_task(newcomer, users) -> None:
    _started(users, 100, 5, week_one_after=2)
    plan_task = PlanTask.objects.filter(plan__person__last_name="100-0").first()
    PlanTask.objects.filter(plan__person__last_name__startswith="100-").update(
        done_at=timezone.now()
    )
    PlanTask.objects.filter(pk=plan_task.pk).update(done_at=None)
    figure = metrics.measure_month(timezone.localdate().replace(day=1))["onboarding_complete_90"]
    assert (figure.value, figure.n) == (80.0, 5)


def test_retention_removes_old_cancelled_plans_and_old_pulse_answers(newcomer, users) -> None:
    from mensenwerk.governance.retention import run_retention
    from mensenwerk.onboarding.models import Plan

    plan = services.do_create_plan(newcomer, users["hr"])
    services.do_decide(plan, users["hr"], "reject", "Komt niet")
    today = timezone.localdate()
    PulseAnswer.objects.create(
        day=7, month=today.replace(day=1), welcome=4, clarity=4, equipped=4, recommend=8
    )
    PulseAnswer.objects.create(
        day=7, month=date(2020, 1, 1), welcome=4, clarity=4, equipped=4, recommend=8
    )
    assert run_retention(None, today, dry_run=True).other["onboarding"] == 1
    Plan.objects.filter(pk=plan.pk).update(cancelled_at=timezone.now() - timedelta(days=400))
    assert run_retention(None, today).other["onboarding"] == 2
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert PulseAnswer.objects.count() == 1  # this month's answer stays
