"""Demo: Noor starts in ten days in the manager's team with an accepted plan (log in as
``nieuw``); Ruben started forty days ago, half his plan done and the manager's 30-day check-in
overdue; anonymous pulse answers from earlier new colleagues."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mensenwerk.core import services as core_services
from mensenwerk.core.models import JobRole, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.onboarding import services
from mensenwerk.onboarding.models import Plan, PlanTask, PulseAnswer

NEW_USER = "nieuw"
# (day, welcome, clarity, equipped, recommend): earlier starters' answers, invented
PULSE = [
    (7, 5, 4, 3, 9),
    (7, 4, 4, 4, 8),
    (7, 5, 3, 2, 7),
    (7, 4, 5, 4, 10),
    (7, 3, 3, 3, 6),
    (7, 5, 4, 4, 9),
    (30, 4, 4, 3, 8),
    (30, 4, 3, 4, 7),
    (30, 5, 5, 4, 9),
    (30, 3, 4, 2, 6),
    (30, 4, 4, 4, 9),
    (90, 4, 4, 4, 8),
    (90, 5, 4, 5, 10),
]


def load_onboarding_demo(password: str) -> list[tuple[str, str, str]]:
    """Idempotent; returns the extra demo login."""
    hr = User.objects.get(username="hr")
    manager = User.objects.get(username="manager").person
    today = timezone.localdate()
    role = JobRole.objects.get(title="Werktuigbouwkundig engineer")
    noor, _ = Person.objects.update_or_create(
        employee_number="2001",
        defaults={
            "kind": Person.Kind.EMPLOYEE,
            "first_name": "Noor",
            "last_name": "Hendriks",
            "email": "noor.hendriks@vandermolen.example",
            "department": role.department,
            "job_role": role,
            "manager": manager,
            "start_date": today + timedelta(days=10),
        },
    )
    user = User.objects.filter(username=NEW_USER).first()
    if user is None:
        core_services.do_create_user(
            NEW_USER,
            password,
            [Role.EMPLOYEE],
            email=noor.email,
            first_name="Noor",
            last_name="Hendriks",
            person=noor,
        )
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    buddy = User.objects.get(username="employee").person
    if not Plan.objects.filter(person=noor).exists():
        plan = services.do_create_plan(noor, hr, buddy=buddy, contract="permanent")
        services.do_decide(plan, hr, "accept")
    _started_earlier(hr, manager, today)
    if not PulseAnswer.objects.exists():
        month = today.replace(day=1)
        PulseAnswer.objects.bulk_create(
            PulseAnswer(
                day=d,
                department="Productie",
                month=month,
                welcome=w,
                clarity=c,
                equipped=e,
                recommend=r,
            )
            for d, w, c, e, r in PULSE
        )
    return [(NEW_USER, str(Role.EMPLOYEE.label), "Noor Hendriks — Werktuigbouwkundig engineer")]


def _started_earlier(hr: User, manager: Person | None, today) -> None:
    start = today - timedelta(days=40)
    ruben, _ = Person.objects.update_or_create(
        employee_number="2002",
        defaults={
            "kind": Person.Kind.EMPLOYEE,
            "first_name": "Ruben",
            "last_name": "Smits",
            "email": "ruben.smits@vandermolen.example",
            "department": manager.department if manager else None,
            "job_role": JobRole.objects.filter(title="Werktuigbouwkundig engineer").first(),
            "manager": manager,
            "start_date": start,
        },
    )
    if Plan.objects.filter(person=ruben).exists():
        return
    plan = services.do_create_plan(ruben, hr, contract="permanent")
    services.do_decide(plan, hr, "accept")
    for task in plan.tasks.filter(day__lte=5):
        services.do_tick(task, task.assignee)
        # done on the day it was due (the demo's history), so the week-one figure is real
        PlanTask.objects.filter(pk=task.pk).update(
            done_at=timezone.make_aware(
                timezone.datetime.combine(task.due_date, timezone.datetime.min.time())
            )
            + timedelta(hours=15)
        )
