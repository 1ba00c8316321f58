"""Agreement with the AI and override rates, from what the trail records about each decision,
and suggested objection answers that state only what the current state supports."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mensenwerk.adoption import metrics
from mensenwerk.adoption import services as adoption
from mensenwerk.adoption.models import TrustItem
from mensenwerk.governance import rights, trail
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AIApplication, AuditEntry
from mensenwerk.recruitment import services as recruitment
from mensenwerk.recruitment.models import Application
from tests.recruitment.helpers import apply, cv_pdf

pytestmark = pytest.mark.django_db


def _screened(client, vacancy, suggestion: str, n: int) -> list[Application]:
    """``n`` screened applications whose AI suggestion is ``suggestion`` (advance | below)."""
    apps = []
    for i in range(n):
        email = f"{suggestion}{i}@example.nl"
        apply(client, vacancy, cv_pdf(email=email), email=email)
        app = Application.objects.order_by("-pk").first()
        app.ai_suggestion = suggestion
        app.save(update_fields=["ai_suggestion"])
        apps.append(app)
    return apps


def test_a_rejection_the_ai_suggested_counts_as_agreement(client, users, vacancy) -> None:
    """The demo's case: accepts, overrides and rejects on both kinds of suggestion."""
    recruiter = users["recruiter"]
    for app in _screened(client, vacancy, "advance", 4):
        recruitment.do_decide(app, recruiter, "advance", "")
    for app in _screened(client, vacancy, "below", 1):
        recruitment.do_decide(app, recruiter, "advance", "Ervaring buiten het cv")  # against
    for app in _screened(client, vacancy, "below", 3):
        recruitment.do_decide(app, recruiter, "reject", "Geen CNC-ervaring")  # follows
    for app in _screened(client, vacancy, "advance", 2):
        recruitment.do_decide(app, recruiter, "reject", "Te ver weg")  # against
    for app in _screened(client, vacancy, "advance", 1):
        recruitment.do_decide(app, recruiter, "hold", "")  # no position yet
    chained = [e.content["followed_ai"] for e in AuditEntry.objects.filter(kind="decision")]
    assert sorted(chained, key=str) == sorted([True] * 7 + [False] * 3 + [None], key=str)
    stats = trail.decision_stats()["per_application"]["cv-screening"]
    assert (stats["decisions"], stats["followed"], stats["against"]) == (11, 7, 3)
    assert stats["acceptance_rate"] == pytest.approx(0.7)
    assert stats["override_rate"] == pytest.approx(0.3)
    month = timezone.localdate().replace(day=1)
    figures = metrics.decisions(month)
    assert figures["acceptance_rate"].value == pytest.approx(70.0)
    assert figures["override_rate"].value == pytest.approx(30.0)
    out = StringIO()
    call_command("kpis", "--format", "json", stdout=out)
    kpis = json.loads(out.getvalue())["kpis"]
    assert kpis["override_rate"]["value"] == pytest.approx(30.0)
    client.force_login(users["dpo"])
    page = client.get(reverse("governance:trail"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Followed the AI" in page
    assert "7 (70%)" in page
    assert "3 (30%)" in page


def test_old_entries_without_the_flag_are_derived_from_the_stored_suggestion(
    users, vacancy
) -> None:
    output = trust.record_output(
        "cv-screening",
        engine="t",
        engine_version="1",
        params={},
        subject="K-1",
        input_data="x",
        output={},
        explanation={},
        actor=None,
    )
    actor = f"user:{users['recruiter'].pk}"
    # decisions as the first wave wrote them: no followed_ai in the chained content
    for decision, suggestion in [
        ("accept", "advance"),
        ("override", "below"),
        ("reject", "below"),
        ("reject", "advance"),
        ("reject", ""),  # suggestion not stored: unknown, counted apart
    ]:
        trail.append(
            AuditEntry.Kind.DECISION,
            actor,
            "cv-screening",
            "K-1",
            {"decision": decision, "refers_to": output.seq},
            {"reason": "r", "ai_suggestion": suggestion},
        )
    stats = trail.decision_stats()["per_application"]["cv-screening"]
    assert (stats["decisions"], stats["followed"], stats["against"]) == (5, 2, 2)
    assert trail.verify_trail().ok
    # a reason erased since: the derivation has nothing to go on and says so (None)
    rights.erase_payloads(subject="K-1", reason="erasure")
    after = trail.decision_stats()["per_application"]["cv-screening"]
    assert (after["followed"], after["against"]) == (1, 1)  # accept and override only


def _in_last_month(monkeypatch) -> None:
    last = timezone.localtime().replace(day=1) - timedelta(days=3)  # the local month
    monkeypatch.setattr(timezone, "now", lambda: last)


def test_objection_answers_claim_nothing_the_state_does_not_support(
    client, users, vacancy, settings, monkeypatch
) -> None:
    project = adoption.ensure_defaults()
    assistant = AIApplication.objects.get(slug="hr-assistant")
    AIApplication.objects.filter(pk=assistant.pk).update(active=True, dpia_status="not_started")
    settings.MENSENWERK_LLM = {"url": "https://llm.example.com/v1", "model": "m"}
    from django.utils import translation

    with translation.override("en"):
        privacy = adoption.objection_answer("privacy", project, None)
        assert "a DPIA has been done" not in privacy
        assert f"No DPIA is completed yet for: {assistant.name}" in privacy
        assert "llm.example.com" in privacy
        assert "no data goes to an outside" not in privacy
        jobs = adoption.objection_answer("jobs", project, None)
        assert "nobody loses their job" not in jobs  # the TRUST item is not done
        TrustItem.objects.filter(key="no_layoffs").update(status="done")
        assert "nobody loses their job" in adoption.objection_answer("jobs", project, None)
        assert "In " not in adoption.objection_answer("bias", project, None)  # no figures yet
        # decisions in the last complete month are quoted, named by that month
        real_now = timezone.now
        _in_last_month(monkeypatch)
        recruiter = users["recruiter"]
        for app in _screened(client, vacancy, "advance", 6):
            recruitment.do_decide(app, recruiter, "reject", "Te ver weg")
        monkeypatch.setattr(timezone, "now", real_now)
    month = metrics.last_months(2)[0]
    with translation.override("en"):  # the client's requests switched the language
        bias = adoption.objection_answer("bias", project, None)
        from django.utils import formats

        assert f"In {formats.date_format(month, 'F Y')}, 100.0%" in bias
        assert "(6 decisions)" in bias
