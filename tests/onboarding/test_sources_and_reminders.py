"""Where plans come from (a hire in recruitment, the HRIS import), the daily reminder run, the
anonymous pulse, templates, and the API's rules."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mensenwerk.core.models import Person
from mensenwerk.onboarding import pulse, reminders, services
from mensenwerk.onboarding.models import Plan, PulseAnswer, PulseInvite
from mensenwerk.recruitment.models import Application

pytestmark = pytest.mark.django_db


def _active(newcomer, users, **options) -> Plan:
    plan = services.do_create_plan(newcomer, users["hr"], **options)
    return services.do_decide(plan, users["hr"], "accept")


def test_a_hire_becomes_an_employee_record_without_the_application_data(
    vacancy, users, newcomer, client
) -> None:
    candidate = Person.objects.create(
        kind="candidate", first_name="Ali", last_name="Bakir", email="ali@example.org"
    )
    application = Application.objects.create(
        vacancy=vacancy, person=candidate, pseudonym="K-ALI", stored_name="cv", phone="0612345678",
        blind_text="Lasser met tien jaar ervaring", status_key_hash="x", stage="hired",
    )  # fmt: skip
    client.force_login(users["hr"])
    start = timezone.localdate() + timedelta(days=21)
    response = client.post(
        reverse("onboarding:hire", args=[application.pk]),
        {
            "start_date": start.isoformat(),
            "department": newcomer.department_id,
            "manager": newcomer.manager_id,
            "template": services.ensure_default_template().pk,
            "language": "nl",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    plan = Plan.objects.get(source=Plan.Source.HIRE)
    employee = plan.person
    assert employee.pk != candidate.pk and employee.kind == "employee"
    assert (employee.first_name, employee.email, employee.start_date) == (
        "Ali",
        "ali@example.org",
        start,
    )
    assert employee.manager_id == newcomer.manager_id
    # nothing of the application is copied: no phone, no CV text, the candidate stays apart
    assert not Application.objects.filter(person=employee).exists()
    candidate.refresh_from_db()
    assert candidate.kind == "candidate"


def test_only_a_hired_application_and_a_future_start(vacancy, users, newcomer, client) -> None:
    candidate = Person.objects.create(kind="candidate", first_name="A", last_name="B")
    application = Application.objects.create(
        vacancy=vacancy, person=candidate, pseudonym="K-1", stored_name="cv", status_key_hash="y",
        stage="offer",
    )  # fmt: skip
    client.force_login(users["hr"])
    assert client.get(reverse("onboarding:hire", args=[application.pk])).status_code == 404
    application.stage = "hired"
    application.save()
    response = client.post(
        reverse("onboarding:hire", args=[application.pk]),
        {
            "start_date": "2020-01-01",
            "template": services.ensure_default_template().pk,
            "language": "nl",
        },
    )
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert not Plan.objects.exists()


def test_hris_employees_starting_soon_get_proposals_once(newcomer, users, client, team) -> None:
    Person.objects.create(
        first_name="Old",
        last_name="Timer",
        employee_number="9",
        start_date=timezone.localdate() - timedelta(days=400),
    )
    client.force_login(users["hr"])
    home = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "new colleague from the HRIS has no onboarding plan" in home
    client.post(reverse("onboarding:from_hris"))
    assert list(Plan.objects.values_list("person", "source")) == [(newcomer.pk, "hris")]
    client.post(reverse("onboarding:from_hris"))
    assert Plan.objects.count() == 1


def test_remind_lists_overdue_and_upcoming_tasks_as_json(newcomer, users, settings) -> None:
    settings.MENSENWERK_BASE_URL = "https://hr.example.org"
    plan = _active(newcomer, users)
    out = StringIO()
    call_command("onboarding", "remind", "--dry-run", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows and set(rows[0]) == {"plan", "task", "assignee", "due", "days_overdue"}
    assert {r["plan"] for r in rows} == {plan.pk}
    assert all(r["days_overdue"] >= 0 for r in rows)
    assert not mail.outbox  # a dry run sends nothing
    # ten days before the start: the contract check (day -14) is four days overdue
    contract = next(r for r in rows if r["task"].startswith("Arbeidsovereenkomst"))
    assert contract["assignee"] == "hr" and contract["days_overdue"] >= 3
    call_command("onboarding", "remind", stdout=StringIO())
    recipients = {address for m in mail.outbox for address in m.to}
    assert users["hr"].email in recipients or not users["hr"].email


def test_a_leaver_before_the_start_gets_the_plan_cancelled_and_no_mail(
    newcomer, users, settings
) -> None:
    settings.MENSENWERK_BASE_URL = "https://hr.example.org"
    plan = _active(newcomer, users)
    newcomer.end_date = timezone.localdate()
    newcomer.save()
    found = reminders.remind()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CANCELLED
    assert found == [] and not mail.outbox


def test_a_start_date_changed_by_the_import_moves_the_plan(newcomer, users, settings) -> None:
    settings.MENSENWERK_BASE_URL = "https://hr.example.org"
    plan = _active(newcomer, users)
    newcomer.start_date += timedelta(days=7)
    newcomer.save()
    reminders.remind(dry_run=False)
    plan.refresh_from_db()
    assert plan.start_date == newcomer.start_date


def test_remind_without_a_base_url_says_so(newcomer, users, settings) -> None:
    settings.MENSENWERK_BASE_URL = ""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="MENSENWERK_BASE_URL"):
        call_command("onboarding", "remind", stdout=StringIO())


def test_the_pulse_is_anonymous_once_per_link_and_shown_only_for_groups(
    newcomer, users, client, settings
) -> None:
    settings.MENSENWERK_BASE_URL = "https://hr.example.org"
    newcomer.start_date = timezone.localdate() - timedelta(days=8)
    newcomer.save()
    _active(newcomer, users)
    assert reminders.send_pulses(timezone.localdate()) == 1
    assert reminders.send_pulses(timezone.localdate()) == 0  # once per day per plan
    link = next(
        line for m in mail.outbox for line in m.body.splitlines() if "/onboarding/pulse/" in line
    )
    path = link.replace("https://hr.example.org", "")
    answer = {"welcome": "5", "clarity": "4", "equipped": "3", "recommend": "9"}
    assert client.post(path, {**answer, "recommend": "11"}).status_code == 200
    assert not PulseAnswer.objects.exists()
    assert client.post(path, answer).status_code == 200
    stored = PulseAnswer.objects.get()
    assert not hasattr(stored, "plan_id") and stored.day == 7
    assert client.get(path).status_code == 410  # spent
    assert PulseInvite.objects.get().answered
    row = next(r for r in pulse.report() if r.day == 7)
    assert row.n == 1 and row.withheld and row.welcome is None  # below the smallest group
    for _ in range(4):
        PulseAnswer.objects.create(
            day=7, month=stored.month, welcome=3, clarity=3, equipped=3, recommend=5
        )
    row = next(r for r in pulse.report() if r.day == 7)
    assert row.n == 5 and row.welcome == 3.4 and row.enps == -60.0


def test_a_template_condition_nobody_meets_is_flagged(users, client, team) -> None:
    template = services.ensure_default_template()
    client.force_login(users["hr"])
    url = reverse("onboarding:template", args=[template.pk])
    response = client.post(
        url,
        {
            "owner": "hr",
            "day": "3",
            "title_nl": "Rijbewijs",
            "conditions_text": "job_role: Chauffeur",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "no current employee matches this condition" in page
    bad = client.post(
        url, {"owner": "hr", "day": "3", "title_nl": "X", "conditions_text": "leeftijd: 30"}
    )
    assert 'class="error"' in bad.content.decode()
    none = client.post(url, {"owner": "hr", "day": "3", "title_nl": "", "title_en": ""})
    assert "form-errors" in none.content.decode()
    for link in ("javascript:alert(1)", "//evil.example/x", "data:text/html,x"):
        bad = client.post(url, {"owner": "hr", "day": "3", "title_nl": "X", "link": link})
        assert 'class="error"' in bad.content.decode(), link
    ok = client.post(url, {"owner": "hr", "day": "3", "title_nl": "Lees", "link": "/assistant/"})
    assert ok.status_code == 302


def test_the_api_creates_reads_and_ticks_with_the_page_rules(newcomer, users, client, team) -> None:
    client.force_login(users["hr"])
    response = client.post(
        "/api/v1/onboarding/plans", {"person": newcomer.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= {"id", "person", "start_date", "progress", "tasks"}
    assert set(body["tasks"][0]) == {"id", "title", "owner", "assignee", "due_date", "done"}
    again = client.post(
        "/api/v1/onboarding/plans", {"person": newcomer.pk}, content_type="application/json"
    )
    assert again.status_code == 409
    plan = Plan.objects.get(pk=body["id"])
    services.do_decide(plan, users["hr"], "accept")
    assert client.get(f"/api/v1/onboarding/plans?person={newcomer.pk}").json()[0]["id"] == plan.pk
    client.force_login(users["employee"])  # not the new colleague, no task of this plan
    assert client.get(f"/api/v1/onboarding/plans/{plan.pk}").status_code == 404
    task = plan.tasks.get(key="welcome")
    assert client.post(f"/api/v1/onboarding/tasks/{task.pk}/done").status_code == 404
    client.force_login(users["manager"])
    assert client.get(f"/api/v1/onboarding/plans/{plan.pk}").status_code == 200
    mine = client.get("/api/v1/onboarding/my").json()
    assert mine["plan"] is None and any(t["id"] == task.pk for t in mine["assigned"])
    assert client.post(f"/api/v1/onboarding/tasks/{task.pk}/done").json()["done"] is True


def test_hr_copies_a_template_and_plans_use_the_chosen_one(newcomer, users, client) -> None:
    default = services.ensure_default_template()
    client.force_login(users["hr"])
    url = reverse("onboarding:templates")
    response = client.post(url, {"name": "Chauffeurs", "source": default.pk})
    copy = default.__class__.objects.get(name="Chauffeurs")
    assert response["Location"] == reverse("onboarding:template", args=[copy.pk])
    assert copy.tasks.count() == default.tasks.count() and not copy.is_default
    copy.tasks.filter(key="safety").delete()
    again = client.post(url, {"name": "chauffeurs", "source": default.pk})
    assert 'class="error"' in again.content.decode()
    plan = services.do_create_plan(newcomer, users["hr"], template=copy)
    assert plan.template == copy and not plan.tasks.filter(key="safety").exists()
    assert default.tasks.filter(key="safety").exists()
