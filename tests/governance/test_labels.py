"""The audit page speaks words: every event the code records has a label, in both languages,
and the decision figures add up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

import mensenwerk
from mensenwerk.governance import labels, trail
from mensenwerk.governance.models import AuditEntry

PACKAGE = Path(mensenwerk.__file__).resolve().parent
RECORDED = re.compile(r"(?:record_event|_account_event)\(\s*\"([a-z_]+)\"")


def test_every_event_the_code_records_has_a_label() -> None:
    codes = {code for path in PACKAGE.rglob("*.py") for code in RECORDED.findall(path.read_text())}
    codes |= {"account_deactivated", "account_reactivated", "payloads_erased"}  # built names
    assert codes - set(labels.EVENTS) == set()


def test_an_actor_reads_as_words() -> None:
    with translation.override("en"):
        assert (labels.actor("system"), labels.actor("user:7")) == ("system", "user 7")


@pytest.mark.django_db
def test_the_dpo_reads_events_not_codes(client, users) -> None:
    trail.record_event("subject_exported", users["dpo"], subject="S-1", payload={})
    client.force_login(users["dpo"])
    html = client.get(reverse("governance:trail"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "gegevens van een persoon geëxporteerd" in html
    assert f"gebruiker {users['dpo'].pk}" in html
    assert "subject_exported" not in html


@pytest.mark.django_db
def test_every_decision_is_in_one_column(client, users) -> None:
    from tests.trust import activate

    activate("cv-screening", users["hr"])
    out = trail.record_output(
        "cv-screening",
        engine="e",
        engine_version="1",
        params={},
        subject="S-1",
        input_data="x",
        output={"score": 0.5},
        explanation=[],
        actor=None,
    )
    trail.decide(out, actor=users["recruiter"], decision="hold", reason="")
    client.force_login(users["hr"])
    page = client.get(reverse("governance:trail"), HTTP_ACCEPT_LANGUAGE="en")
    stats = page.context["stats"]["per_application"]["cv-screening"]
    assert (stats["decisions"], stats["no_position"]) == (1, 1)
    assert AuditEntry.objects.filter(kind="decision").count() == 1
