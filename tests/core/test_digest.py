"""The weekly e-mail of "Mijn acties": who gets it, what it says, and the switch."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from mensenwerk.core.digest import send_digests
from mensenwerk.core.models import Organisation
from mensenwerk.governance import rights

pytestmark = pytest.mark.django_db
BASE = "https://hr.example.nl"


@pytest.fixture(autouse=True)
def _site(settings, users) -> None:
    settings.MENSENWERK_BASE_URL = BASE
    for name, user in users.items():
        user.email = f"{name}@example.nl"
        user.save()
    org = Organisation.current()
    org.language = "en"
    org.save()


def test_the_dpo_gets_an_open_rights_request_with_a_link(users) -> None:
    rights.do_log_rights_request("access", "S-1", date.today(), users["dpo"])
    send_digests()
    [message] = [m for m in mail.outbox if m.to == ["dpo@example.nl"]]
    assert "Rights request to answer: Access (GDPR art. 15)" in message.body
    assert f"{BASE}{reverse('governance:rights')}" in message.body


def test_nobody_with_nothing_waiting_gets_one(users) -> None:
    send_digests()
    assert [m for m in mail.outbox if m.to == ["employee@example.nl"]] == []


def test_a_person_who_switched_it_off_gets_none(users) -> None:
    users["hr"].weekly_digest = False
    users["hr"].save()
    send_digests()
    assert [m for m in mail.outbox if m.to == ["hr@example.nl"]] == []


def test_a_dry_run_sends_nothing_and_says_who_would_get_one(users) -> None:
    sent = send_digests(dry_run=True)
    assert mail.outbox == []
    assert "hr" in [s.user for s in sent]  # HR has register entries to complete


def test_it_is_written_in_the_organisations_language(users) -> None:
    org = Organisation.current()
    org.language = "nl"
    org.save()
    send_digests()
    [message] = [m for m in mail.outbox if m.to == ["hr@example.nl"]]
    assert message.subject.startswith("Mensenwerk:")
    assert "wacht" in message.subject


def test_without_a_base_url_the_command_says_what_to_set(settings) -> None:
    settings.MENSENWERK_BASE_URL = ""
    with pytest.raises(CommandError, match="MENSENWERK_BASE_URL"):
        call_command("digest")


def test_the_command_reports_as_json(capsys) -> None:
    call_command("digest", "--dry-run", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert {"user", "email", "actions"} <= set(rows[0])


def test_a_person_switches_it_off_and_on_from_the_start_page(client, users) -> None:
    client.force_login(users["employee"])
    client.post(reverse("core:digest_toggle"), {"on": "0"})
    users["employee"].refresh_from_db()
    assert users["employee"].weekly_digest is False
    client.post(reverse("core:digest_toggle"), {"on": "1"})
    users["employee"].refresh_from_db()
    assert users["employee"].weekly_digest is True


def test_the_switch_is_a_post(client, users) -> None:
    client.force_login(users["employee"])
    assert client.get(reverse("core:digest_toggle")).status_code == 405
