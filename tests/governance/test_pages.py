from __future__ import annotations

import pytest
from django.urls import reverse

from mensenwerk.governance.models import AIApplication


@pytest.mark.django_db
def test_it_shows_the_register_with_what_blocks_activation(client, users) -> None:
    client.force_login(users["employee"])
    html = client.get(reverse("governance:register"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "CV-screening" in html
    assert "Not active" in html
    detail = client.get(
        reverse("governance:application", args=["cv-screening"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "The DPIA is completed" in detail
    assert "Edit entry" not in detail
    assert reverse("governance:document", args=["cv-screening", "dpia", "nl"]) not in detail


@pytest.mark.django_db
def test_it_lets_hr_complete_and_activate_an_entry(client, users) -> None:
    client.force_login(users["hr"])
    url = reverse("governance:application_activate", args=["cv-screening"])
    client.post(url)
    assert not AIApplication.objects.get(slug="cv-screening").active
    app = AIApplication.objects.get(slug="cv-screening")
    app.owner, app.legal_basis, app.dpia_status = users["hr"], "6_1f", "completed"
    app.works_council_status = "informed"
    app.save()
    client.post(
        reverse("governance:overseer_add", args=["cv-screening"]),
        {"user": users["recruiter"].pk, "briefed_at": "2026-10-01"},
    )
    client.post(url)
    assert AIApplication.objects.get(slug="cv-screening").active
    client.post(reverse("governance:application_deactivate", args=["cv-screening"]), {})
    assert AIApplication.objects.get(slug="cv-screening").active  # no reason, no stop
    client.post(
        reverse("governance:application_deactivate", args=["cv-screening"]), {"reason": "klachten"}
    )
    assert not AIApplication.objects.get(slug="cv-screening").active


@pytest.mark.django_db
def test_it_generates_editable_documents_in_both_languages(client, users) -> None:
    client.force_login(users["dpo"])
    for kind, nl, en in [
        ("dpia", "Beschrijving van de verwerking", "Systematic description"),
        ("agreement", "Bezwaar en klachten", "Objection and complaints"),
        ("notice", "Jouw rechten", "Your rights"),
        ("ropa", "Register van verwerkingsactiviteiten", "Record of processing"),
    ]:
        dutch = client.get(reverse("governance:document", args=["cv-screening", kind, "nl"]))
        english = client.get(reverse("governance:document", args=["cv-screening", kind, "en"]))
        assert nl in dutch.content.decode(), kind
        assert en in english.content.decode(), kind
    edited = "# Mijn DPIA\n\n<script>alert(1)</script> eigen tekst\n\n- punt één"
    pdf = client.post(
        reverse("governance:document", args=["cv-screening", "dpia", "nl"]), {"text": edited}
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_it_lets_the_works_council_read_documents_but_not_export_edits(client, users) -> None:
    client.force_login(users["or"])
    url = reverse("governance:document", args=["cv-screening", "agreement", "nl"])
    page = client.get(url).content.decode()
    assert "Regeling AI-gebruik" in page
    assert "<textarea" not in page
    assert client.post(url, {"text": "# x"}).status_code == 403


@pytest.mark.django_db
def test_it_shows_the_dpo_a_verified_pseudonymous_trail(client, users) -> None:
    client.force_login(users["dpo"])
    html = client.get(reverse("governance:trail"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Intact." in html
    client.force_login(users["or"])
    html = client.get(reverse("governance:trail"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Intact." in html
    assert "Latest entries" not in html
    export = client.get(reverse("governance:trail_export", args=["csv"]))
    assert export.status_code == 403


@pytest.mark.django_db
def test_it_exports_the_register_as_system_cards(client, users) -> None:
    import yaml

    client.force_login(users["or"])
    cards = yaml.safe_load(client.get(reverse("governance:register_export", args=["yaml"])).content)
    assert {c["slug"] for c in cards} == {
        "cv-screening",
        "job-ad-check",
        "hr-assistant",
        "drafting",
        "onboarding",
        "skills",
        "retention-risk",
    }
    assert cards[0]["human_intervention"]["human_decides"]


@pytest.mark.django_db
def test_it_lets_hr_register_an_external_system_and_assess_its_vendor(client, users) -> None:
    client.force_login(users["hr"])
    form = {
        "slug": "vendor-ats",
        "name": "Leverancier-ATS",
        "purpose": "Sollicitanten beheren",
        "hr_process": "Werving",
        "provider": "ATS B.V.",
        "risk_class": "high_4a",
        "risk_reason": "Bijlage III 4(a)",
        "collaboration": "augmentation",
        "ai_alone": "-",
        "ai_recommends": "Ranking",
        "human_decides": "Alles",
        "personal_data": "Cv's",
        "retention": "4 weken",
        "dpia_status": "not_started",
        "works_council_status": "not_informed",
        "gdpr_art88": "on",
    }
    assert client.post(reverse("governance:application_new"), form).status_code == 302
    app = AIApplication.objects.get(slug="vendor-ats")
    assert not app.builtin
    assert not app.active
    assert app.vendor_assessments.count() == 9
    taken = client.post(reverse("governance:application_new"), form, HTTP_ACCEPT_LANGUAGE="en")
    assert "This short name is taken" in taken.content.decode()
    client.force_login(users["dpo"])
    ratings = {
        f"rating_{c}": "adequate"
        for c in app.vendor_assessments.values_list("criterion", flat=True)
    }
    ratings["evidence_location"] = "Datacenter in Amsterdam (contract bijlage 3)"
    client.post(reverse("governance:vendor_edit", args=["vendor-ats"]), ratings)
    location = app.vendor_assessments.get(criterion="location")
    assert (location.rating, location.evidence) == (
        "adequate",
        "Datacenter in Amsterdam (contract bijlage 3)",
    )


@pytest.mark.django_db
def test_it_filters_the_auditor_export_and_refuses_a_bad_date(client, users) -> None:
    from mensenwerk.governance import services

    services.record_event("x", None, application="cv-screening")
    services.record_event("y", None, application="job-ad-check")
    client.force_login(users["dpo"])
    url = reverse("governance:trail_export", args=["json"])
    rows = client.get(url, {"application": "job-ad-check"}).json()
    assert [r["content"]["event"] for r in rows] == ["y"]
    assert client.get(url, {"since": "2999-01-01"}).json() == []
    assert client.get(url, {"since": "yesterday"}).status_code == 400
    csv = client.get(reverse("governance:trail_export", args=["csv"])).content.decode()
    assert csv.startswith("seq,kind,application")


@pytest.mark.django_db
def test_it_shows_what_is_missing_when_a_feature_is_used_while_inactive(rf, users) -> None:
    from mensenwerk.governance import services
    from mensenwerk.governance.middleware import ActivationGateMiddleware

    request = rf.get("/", HTTP_ACCEPT_LANGUAGE="en")
    request.user = users["recruiter"]
    from django.utils import translation

    with translation.override("en"):
        try:
            services.require_active("hr-assistant")
        except services.ApplicationInactive as exc:
            response = ActivationGateMiddleware(lambda r: None).process_exception(request, exc)
    assert response.status_code == 409
    html = response.content.decode()
    assert "not active" in html
    assert "transparency notice exists in Dutch and English" in html


@pytest.mark.django_db
def test_it_answers_the_api_with_the_gate_status(client, users) -> None:
    from mensenwerk.api import api, application_inactive
    from mensenwerk.core import services as core_services
    from mensenwerk.governance import services

    _token, secret = core_services.do_create_api_token(users["it"], "t", None)
    entry = client.get(
        "/api/v1/register/hr-assistant", headers={"Authorization": f"Bearer {secret}"}
    ).json()
    assert entry["active"] is False
    assert "notice" in {g["code"] for g in entry["missing"]}
    try:
        services.require_active("hr-assistant")
    except services.ApplicationInactive as exc:
        response = application_inactive(client.get("/").wsgi_request, exc)
    body = response.content.decode()
    assert response.status_code == 409
    assert '"application_inactive"' in body
    assert api


@pytest.mark.django_db
def test_it_exports_the_register_as_a_readable_pdf(client, users) -> None:
    client.force_login(users["or"])
    pdf = client.get(reverse("governance:register_export", args=["pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_cli_says_clearly_when_a_person_is_gone(users, team) -> None:
    from django.core.management import CommandError, call_command

    call_command("subject", "erase", "--person", "101")
    with pytest.raises(CommandError, match="already erased, or never existed"):
        call_command("subject", "erase", "--person", "101")
    with pytest.raises(CommandError, match="no person"):
        call_command("subject", "export", "--person", "nobody")
