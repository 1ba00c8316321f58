"""The manager supplies the tasks and achievements, HR drafts: asked by e-mail and on the start
page, answered once, by that manager only; the reference form starts with the answer."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from mensenwerk.core import services as core
from mensenwerk.core.actions import actions_for
from mensenwerk.core.models import Person, User
from mensenwerk.drafting.models import InputRequest
from mensenwerk.governance.models import AuditEntry
from tests.trust import activate

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(client, users, team, settings) -> InputRequest:
    settings.MENSENWERK_BASE_URL = "https://hr.voorbeeld.nl"
    activate("drafting", users["hr"])
    User.objects.filter(pk=users["manager"].pk).update(email="peter@voorbeeld.nl")
    client.force_login(users["hr"])
    client.post(reverse("drafting:ask_manager", args=[team["report"].pk]))
    return InputRequest.objects.get()


def test_hr_asks_the_manager_by_e_mail_and_on_the_start_page(asked, users, client) -> None:
    assert asked.manager == users["manager"]
    message = mail.outbox[-1]
    assert message.to == ["peter@voorbeeld.nl"]
    assert f"https://hr.voorbeeld.nl/draft-input/{asked.pk}/" in message.body
    assert AuditEntry.objects.filter(content__event="draft_input_requested").count() == 1
    todo = [a for a in actions_for(users["manager"]) if "/draft-input/" in a.url]
    assert len(todo) == 1 and todo[0].context == "Daan Bakker"
    again = client.post(
        reverse("drafting:ask_manager", args=[asked.person_id]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "already been asked" in again.content.decode()
    assert InputRequest.objects.count() == 1


def test_the_manager_answers_once_and_the_form_starts_with_it(asked, users, client) -> None:
    client.force_login(users["manager"])
    url = reverse("drafting:answer", args=[asked.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"tasks": "Ontwerpen van frames\nBerekeningen", "achievements": ""})
    asked.refresh_from_db()
    assert asked.answered_at is not None
    assert not [a for a in actions_for(users["manager"]) if "/draft-input/" in a.url]
    page = client.post(url, {"tasks": "Iets anders"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "answered already" in page.content.decode()
    client.force_login(users["hr"])
    form = client.get(reverse("drafting:new", args=[asked.person_id, "reference"]))
    assert "Ontwerpen van frames" in form.content.decode()


def test_nobody_else_answers_and_a_person_without_a_manager_cannot_be_asked(
    asked, users, client, team
) -> None:
    url = reverse("drafting:answer", args=[asked.pk])
    other = core.do_create_user("manager2", "x" * 12, ["manager"])
    client.force_login(other)
    assert client.get(url).status_code == 404
    for role in ("employee", "recruiter", "it"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403
    alone = Person.objects.create(first_name="Eva", last_name="Smit")
    client.force_login(users["hr"])
    page = client.post(
        reverse("drafting:ask_manager", args=[alone.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "no manager with an account" in page.content.decode()
