"""Onboarding speed: proposing plans for N new hires from the HRIS import (each through the
trust layer, with the reading list searched in the demo handbook) and the HR overview with M
plans.

    .venv/bin/python benchmarks/onboarding_speed.py [--hires 500] [--plans 2000] [--repeat 5]

Targets (issue 18): 500 proposals <= 10 s; the overview with 2,000 plans <= 500 ms. Runs on
a fresh SQLite database with the whole demo (its handbook indexed, with vectors when the
embedding model is installed), so the search is the product's own. The plans beyond the
hires are copies of a proposed plan (bulk-inserted: the page's cost, not the proposal's).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--hires", type=int, default=500)
    args.add_argument("--plans", type=int, default=2000)
    args.add_argument("--repeat", type=int, default=5)
    opts = args.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="mw-onboarding-"))
    os.environ.update(MENSENWERK_DEMO="1", MENSENWERK_DATA_DIR=str(data_dir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenwerk.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from mensenwerk.assistant import search
    from mensenwerk.core.models import JobRole, Person, User
    from mensenwerk.demo import build_demo
    from mensenwerk.onboarding import hires as hires_module
    from mensenwerk.onboarding.models import Plan, PlanTask

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build_demo("demo")
    print(f"demo built in {time.perf_counter() - started:.0f} s; search: "
          f"{'hybrid' if search.dense_enabled() else 'lexical'}")  # fmt: skip
    hr = User.objects.get(username="hr")
    roles = list(JobRole.objects.select_related("department"))
    managers = {
        p.department_id: p for p in Person.objects.filter(managed_departments__isnull=False)
    }
    today = timezone.localdate()
    Person.objects.bulk_create(
        Person(
            first_name="Nieuw", last_name=str(i), employee_number=f"B{i}",
            job_role=roles[i % len(roles)], department=roles[i % len(roles)].department,
            manager=managers.get(roles[i % len(roles)].department_id),
            start_date=today + timedelta(days=7 + i % 60),
        )
        for i in range(opts.hires)
    )  # fmt: skip
    started = time.perf_counter()
    made, failed = hires_module.do_plans_from_hris(hr)  # the HRIS import's batch path
    proposing = time.perf_counter() - started
    assert made == opts.hires and not failed, (made, failed)
    print(f"{opts.hires} plans proposed in {proposing:.1f} s "
          f"({proposing / opts.hires * 1000:.1f} ms each; target: 500 in <= 10 s)")  # fmt: skip

    model = Plan.objects.filter(source=Plan.Source.HRIS).first()
    tasks = list(model.tasks.all())
    extra = max(0, opts.plans - Plan.objects.count())
    people = Person.objects.bulk_create(
        Person(first_name="Extra", last_name=str(i), start_date=today + timedelta(days=i % 90))
        for i in range(extra)
    )
    plans = Plan.objects.bulk_create(
        Plan(person=p, template=model.template, start_date=p.start_date, status="active",
             proposal=model.proposal, created_by=hr)
        for p in people
    )  # fmt: skip
    PlanTask.objects.bulk_create(
        PlanTask(plan=plan, key=t.key, title=t.title, owner=t.owner, assignee=t.assignee,
                 day=t.day, due_date=t.due_date, reason=t.reason)
        for plan in plans for t in tasks
    )  # fmt: skip
    client = Client()
    client.force_login(hr)
    times = []
    for _ in range(opts.repeat + 1):
        started = time.perf_counter()
        response = client.get("/onboarding/", HTTP_ACCEPT_LANGUAGE="nl")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    times = times[1:]  # the first request warms the templates
    print(f"overview with {Plan.objects.count()} plans and {PlanTask.objects.count()} tasks: "
          f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          "(target <= 500 ms)")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
