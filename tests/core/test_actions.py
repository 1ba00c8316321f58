""" "Mijn acties" on the start page: what waits for each person, from every app's source,
most urgent first, never a link the person may not open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mensenwerk.adoption import services as adoption
from mensenwerk.core.actions import Urgency, actions_for
from mensenwerk.governance import rights
from mensenwerk.governance.models import AIApplication, Overseer
from tests.bias.helpers import open_alert
from tests.recruitment.helpers import cv_pdf

pytestmark = pytest.mark.django_db


def _texts(user) -> list[str]:
    with translation.override("en"):
        return [f"{a.context} | {a.text}" for a in actions_for(user)]


def _apply(vacancy, n: int = 1) -> None:
    from mensenwerk.recruitment import intake

    for i in range(n):
        intake.do_apply(
            vacancy,
            first_name="Jan",
            last_name=f"Kandidaat{i}",
            email=f"jan{i}@example.nl",
            phone="",
            data=cv_pdf(name=f"Jan Kandidaat{i}", email=f"jan{i}@example.nl"),
            filename="cv.pdf",
            consent=False,
            notify=False,
        )


def test_hr_sees_the_candidates_waiting_per_vacancy(users, vacancy) -> None:
    _apply(vacancy, 2)
    assert f"{vacancy.title} | 2 candidates wait for a decision" in _texts(users["hr"])


def test_the_action_links_to_the_vacancys_open_candidates(users, vacancy) -> None:
    _apply(vacancy)
    [action] = [a for a in actions_for(users["hr"]) if a.context == vacancy.title]
    assert action.url == reverse("recruitment:candidates", args=[vacancy.pk]) + "?view=open"


def test_a_recruiter_sees_only_the_vacancies_assigned_to_them(users, vacancy) -> None:
    vacancy.recruiters.clear()
    _apply(vacancy)
    assert not [t for t in _texts(users["recruiter"]) if vacancy.title in t]


def test_an_employee_has_no_hr_work_waiting(users, vacancy) -> None:
    _apply(vacancy)
    rights.do_log_rights_request("access", "S-1", timezone.localdate(), users["dpo"])
    assert _texts(users["employee"]) == []


def test_a_rights_request_shows_its_days_left(users) -> None:
    received = timezone.localdate() - timedelta(days=3)
    request = rights.do_log_rights_request("access", "S-1", received, users["dpo"])
    left = (request.due_on - timezone.localdate()).days
    with translation.override("en"):
        [action] = [a for a in actions_for(users["dpo"]) if a.context == "S-1"]
    assert action.detail == f"{left} days left"


def test_an_overdue_rights_request_comes_first(users, vacancy) -> None:
    _apply(vacancy)
    rights.do_log_rights_request("erasure", "S-2", date(2020, 1, 1), users["dpo"])
    first = actions_for(users["hr"])[0]
    assert (first.context, first.urgency) == ("S-2", Urgency.NOW)


def test_hr_sees_what_a_blocked_register_entry_misses(users) -> None:
    name = AIApplication.objects.get(slug="cv-screening").name
    texts = _texts(users["hr"])
    assert any(t.startswith(f"{name} | ") and "missing" in t for t in texts)


def test_a_complete_entry_switched_off_on_purpose_is_not_listed(users) -> None:
    from tests.trust import activate

    app = activate("cv-screening", users["hr"])
    app.active = False
    app.save()
    assert not [a for a in actions_for(users["hr"]) if a.context == app.name]


def test_an_overseer_without_briefing_is_an_action_for_hr(users) -> None:
    app = AIApplication.objects.get(slug="hr-assistant")
    Overseer.objects.create(application=app, user=users["recruiter"])
    assert any("without the AI-literacy briefing" in t for t in _texts(users["hr"]))


def test_a_bias_alert_waits_for_those_who_may_handle_it(users) -> None:
    open_alert()
    assert any("1 bias alert" in t for t in _texts(users["hr"]))
    assert not any("bias alert" in t for t in _texts(users["recruiter"]))


def test_a_trust_action_due_this_week_is_listed_for_hr(users) -> None:
    project = adoption.ensure_defaults()
    item = project.trust_items.first()
    item.due = timezone.localdate() + timedelta(days=3)
    item.save()
    [action] = [a for a in actions_for(users["hr"]) if item.label in a.text]
    assert action.urgency == Urgency.SOON


def test_every_action_of_every_role_opens(client, users, vacancy) -> None:
    _apply(vacancy)
    rights.do_log_rights_request("access", "S-1", timezone.localdate(), users["dpo"])
    for user in users.values():
        client.force_login(user)
        for action in actions_for(user):
            assert client.get(action.url).status_code == 200, (user.username, action.url)


def test_the_start_page_lists_the_actions_escaped(client, users, vacancy) -> None:
    vacancy.title = "Lasser <script>alert(1)</script>"
    vacancy.save()
    _apply(vacancy)
    client.force_login(users["hr"])
    html = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "1 kandidaat wacht op een besluit" in html
    assert "&lt;script&gt;" in html
    assert "<script>alert" not in html


def test_an_employee_is_offered_the_assistant_and_no_api(client, users) -> None:
    client.force_login(users["employee"])
    html = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ask the HR assistant" in html
    assert "Nothing waits for you." in html
    assert "API tokens" not in html.split("<main")[-1]
