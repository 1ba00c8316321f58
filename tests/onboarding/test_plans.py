"""Plans through the trust layer: proposed (an AI output), decided by HR, changed (every change
kept), ticked off by the right people only, moved and cancelled, erased."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mensenwerk.core.services import ServiceError
from mensenwerk.governance import rights
from mensenwerk.governance.documents import subject_report
from mensenwerk.governance.errors import ApplicationInactive
from mensenwerk.governance.models import AIApplication, AuditEntry
from mensenwerk.onboarding import services
from mensenwerk.onboarding.models import Plan, PlanChange, PlanTask

pytestmark = pytest.mark.django_db


def _plan(newcomer, users, **options) -> Plan:
    return services.do_create_plan(newcomer, users["hr"], **options)


def test_a_proposal_is_an_ai_output_with_a_reason_per_task(newcomer, users) -> None:
    plan = _plan(newcomer, users, buddy=users["employee"].person, contract="permanent")
    assert plan.status == Plan.Status.PROPOSED
    entry = AuditEntry.objects.get(pk=plan.output_entry_id)
    assert entry.application == "onboarding"
    explanation = entry.payload.data["explanation"]
    keys = set(plan.tasks.values_list("key", flat=True))
    assert set(explanation["tasks"]) == keys
    # the engineering department gets the safety instruction, by its condition
    assert explanation["tasks"]["safety"] == [
        "condition",
        {"field": "department", "value": "Engineering"},
    ]
    assert "probation" in keys  # a permanent contract
    tasks = {t.key: t for t in plan.tasks.all()}
    assert tasks["welcome"].assignee == users["manager"]
    assert tasks["accounts"].assignee == users["it"]
    assert tasks["introductions"].assignee == users["employee"]  # the buddy's account
    assert tasks["prepare"].assignee is None  # the new colleague has no account yet
    assert all(t.due_date.weekday() < 5 for t in tasks.values())
    intros = plan.proposal["introductions"]
    assert intros[0]["relation"] == "buddy" and intros[1]["relation"] == "manager"


def test_a_condition_nobody_meets_leaves_the_task_out_with_the_reason(newcomer, users) -> None:
    plan = _plan(newcomer, users)  # no contract type given: no probation reminder
    assert not plan.tasks.filter(key="probation").exists()
    skipped = {key: params for key, _code, params in plan.proposal["skipped"]}
    assert skipped["probation"]["field"] == "contract"


def test_gate_closed_means_no_proposal_and_no_plan(newcomer, users, client) -> None:
    app = AIApplication.objects.get(slug="onboarding")
    app.active = False
    app.save()
    with pytest.raises(ApplicationInactive):
        _plan(newcomer, users)
    assert not Plan.objects.exists()
    client.force_login(users["hr"])
    response = client.post(
        reverse("onboarding:new"),
        {
            "person": newcomer.pk,
            "template": services.ensure_default_template().pk,
            "language": "en",
        },
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "Onboarding is switched off in the AI register" in response.content.decode()
    assert not Plan.objects.exists()


def test_a_second_plan_is_refused_with_a_link_to_the_first(newcomer, users, client) -> None:
    first = _plan(newcomer, users)
    with pytest.raises(services.ExistingPlan):
        _plan(newcomer, users)
    client.force_login(users["hr"])
    response = client.post(
        reverse("onboarding:new"),
        {"person": newcomer.pk, "template": first.template_id, "language": "nl"},
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "onboarding:plan", args=[first.pk]
    )
    assert Plan.objects.count() == 1


def test_accepting_unchanged_follows_the_ai_and_changing_first_is_an_override(
    newcomer, users, team
) -> None:
    plan = _plan(newcomer, users)
    services.do_decide(plan, users["hr"], "accept")
    decision = AuditEntry.objects.filter(kind="decision").latest("pk")
    assert decision.content["decision"] == "accept"
    assert plan.status == Plan.Status.ACTIVE

    other = _plan(
        team["outsider"].__class__.objects.create(
            first_name="Sem",
            last_name="Vos",
            start_date=timezone.localdate() + timedelta(days=3),
        ),
        users,
    )
    task = other.tasks.first()
    services.do_edit_task(task, users["hr"], title="Eigen titel")
    services.do_decide(other, users["hr"], "accept")
    decision = AuditEntry.objects.filter(kind="decision").latest("pk")
    assert decision.content["decision"] == "override"
    assert PlanChange.objects.filter(plan=other, change="task_changed").exists()


def test_rejecting_needs_a_reason_and_closes_the_plan(newcomer, users) -> None:
    plan = _plan(newcomer, users)
    with pytest.raises(ServiceError):
        services.do_decide(plan, users["hr"], "reject", "  ")
    services.do_decide(plan, users["hr"], "reject", "Verkeerd sjabloon")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CANCELLED
    assert not PlanTask.objects.filter(plan=plan, closed=False, done_at__isnull=True).exists()
    assert _plan(newcomer, users).pk != plan.pk  # HR may propose again


def test_a_moved_start_date_moves_open_tasks_and_keeps_done_ones(newcomer, users) -> None:
    plan = _plan(newcomer, users)
    services.do_decide(plan, users["hr"], "accept")
    done = plan.tasks.get(key="contract")
    services.do_tick(done, users["hr"])
    kept = done.due_date
    new_start = plan.start_date + timedelta(days=14)
    services.do_move_start(plan, new_start, users["hr"])
    done.refresh_from_db()
    assert done.due_date == kept
    welcome = plan.tasks.get(key="welcome")
    assert (
        welcome.due_date == new_start
        if new_start.weekday() < 5
        else welcome.due_date.weekday() == 4
    )
    newcomer.refresh_from_db()
    assert newcomer.start_date == new_start
    change = plan.changes.get(change="start_moved")
    assert change.detail["to"] == new_start.isoformat()


def test_only_the_assignee_the_manager_and_hr_tick_a_task(newcomer, users, client) -> None:
    plan = _plan(newcomer, users)
    services.do_decide(plan, users["hr"], "accept")
    accounts = plan.tasks.get(key="accounts")  # IT's task
    for role in ("employee", "recruiter", "or", "dpo", "director", "champion"):
        client.force_login(users[role])
        response = client.post(reverse("onboarding:tick", args=[accounts.pk]))
        assert response.status_code in (403, 404), role
    accounts.refresh_from_db()
    assert not accounts.done
    for role in ("it", "manager", "hr"):
        client.force_login(users[role])
        client.post(reverse("onboarding:tick", args=[accounts.pk]), {"done": "1"})
        accounts.refresh_from_db()
        assert accounts.done, role
        client.post(reverse("onboarding:tick", args=[accounts.pk]), {"done": "0"})


def test_a_proposed_plan_cannot_be_ticked(newcomer, users) -> None:
    plan = _plan(newcomer, users)
    with pytest.raises(ServiceError):
        services.do_tick(plan.tasks.first(), users["hr"])


def test_the_plan_page_is_404_for_people_outside_it(newcomer, users, client) -> None:
    plan = _plan(newcomer, users)
    url = reverse("onboarding:plan", args=[plan.pk])
    for role, status in {
        "hr": 200,
        "manager": 200,
        "it": 200,
        "employee": 404,
        "or": 404,
        "director": 404,
    }.items():
        client.force_login(users[role])
        assert client.get(url).status_code == status, role


def test_markup_in_a_task_is_escaped(newcomer, users, client) -> None:
    plan = _plan(newcomer, users)
    services.do_add_task(plan, users["hr"], "<script>alert(1)</script>", "hr", 2, "<b>x</b>")
    client.force_login(users["hr"])
    page = client.get(reverse("onboarding:plan", args=[plan.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<b>x</b>" not in page


def test_bad_task_input_gets_a_clear_error_and_changes_nothing(newcomer, users, client) -> None:
    plan = _plan(newcomer, users)
    client.force_login(users["hr"])
    before = plan.tasks.count()
    for bad in (
        {"title": "", "owner": "hr", "day": "1"},
        {"title": "x", "owner": "ceo", "day": "1"},
        {"title": "x", "owner": "hr", "day": "9999"},
        {"title": "x" * 5000, "owner": "hr", "day": "1"},
    ):
        response = client.post(reverse("onboarding:add_task", args=[plan.pk]), bad)
        assert response.status_code == 200
        assert 'class="error"' in response.content.decode()
    assert plan.tasks.count() == before


def test_the_personal_link_shows_the_plan_and_ticks_only_own_tasks(newcomer, users, client) -> None:
    plan = _plan(newcomer, users)
    services.do_decide(plan, users["hr"], "accept")
    url, emailed = services.do_new_link(plan, users["hr"], "")
    assert emailed and mail.outbox[-1].to == ["noor@example.org"] and url in mail.outbox[-1].body
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Noor" in page
    own = plan.tasks.get(key="prepare")
    hr_task = plan.tasks.get(key="contract")
    client.post(url, {"task": own.pk, "done": "1"})
    assert client.post(url, {"task": hr_task.pk, "done": "1"}).status_code == 404
    own.refresh_from_db()
    hr_task.refresh_from_db()
    assert own.done and not hr_task.done
    assert client.get(reverse("onboarding:welcome", args=["wrong"])).status_code == 410
    services.do_new_link(plan, users["hr"], "")  # a new link ends the old one
    assert client.get(url).status_code == 410


def test_cancelling_closes_tasks_and_erasure_removes_the_plan(newcomer, users) -> None:
    plan = _plan(newcomer, users)
    services.do_decide(plan, users["hr"], "accept")
    report = rights.subject_export(newcomer)
    assert report["onboarding"][0]["tasks"]
    readable = subject_report(report, "nl")
    assert "## Inwerken" in readable and "Arbeidsovereenkomst ondertekend terug" in readable
    assert "taken gedaan" in readable and "(actief)" in readable
    services.do_cancel(plan, users["hr"], "Komt niet")
    assert not plan.tasks.filter(closed=False, done_at__isnull=True).exists()
    with pytest.raises(ServiceError):
        services.do_tick(plan.tasks.first(), users["hr"])
    assert services.erase_plans(newcomer) >= 1
    assert not Plan.objects.filter(person=newcomer).exists()


def test_erasing_a_buddy_removes_their_name_from_other_plans(newcomer, users) -> None:
    buddy = users["employee"].person
    plan = _plan(newcomer, users, buddy=buddy)
    services.do_set_buddy(plan, buddy, users["hr"])
    services.erase_plans(buddy)
    plan.refresh_from_db()
    assert plan.buddy is None
    assert all(c["person_id"] != buddy.pk for c in plan.proposal["introductions"])
    assert not PlanChange.objects.filter(detail__buddy=buddy.full_name).exists()
