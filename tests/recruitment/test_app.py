"""Recruitment in the app: from vacancy to human decision, blind, explained and on the record."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from mensenwerk.core.models import Person
from mensenwerk.core.services import do_create_user
from mensenwerk.governance import rights, trail
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AIApplication, AuditEntry
from mensenwerk.recruitment import intake, services
from mensenwerk.recruitment.models import Application, SelfIdentification, Vacancy
from tests.files import docx_file, pdf, png, zip_file
from tests.recruitment.helpers import apply, cv_pdf


@pytest.mark.django_db
def test_it_takes_a_public_application_and_shows_it_blind_and_explained(
    client, users, vacancy
) -> None:
    response = apply(client, vacancy, cv_pdf(), gender="nonbinary", age_band="35-44")
    assert response.status_code == 302
    assert "/apply/status/" in response["Location"]
    status_page = client.get(response["Location"])
    assert status_page.status_code == 200
    assert status_page["Cache-Control"] == "no-store"
    app = Application.objects.get()
    assert app.person.kind == "candidate"
    assert app.stage == "screened"
    assert app.score is not None
    assert app.score > 0.8
    assert app.ai_suggestion == "advance"
    assert "Jan" not in app.blind_text
    assert "jan@example.nl" not in app.blind_text
    assert "Kerkstraat" not in app.blind_text
    assert "1990" not in app.blind_text
    # the trail holds the output under the person's pseudonym, with the engine version
    entry = app.output_entry
    assert entry.kind == "output"
    assert entry.subject == trail.pseudonym_for(app.person)
    assert entry.content["engine_version"] == services.matching.VERSION
    # the candidate got the confirmation with a working private link
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jan@example.nl"]
    link = re.search(r"http://testserver(/apply/status/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200
    # self-identification is stored apart and appears on no reviewer page
    assert SelfIdentification.objects.get(application=app).gender == "nonbinary"
    client.force_login(users["recruiter"])
    ranking = client.get(reverse("recruitment:candidates", args=[vacancy.pk])).content.decode()
    detail = client.get(reverse("recruitment:application", args=[app.pk])).content.decode()
    for page in (ranking, detail):
        assert app.pseudonym in page
        assert "Jan" not in page
        assert "jan@example.nl" not in page
        assert "Non-binary" not in page
        assert "35–44" not in page
    assert "<mark>" in detail  # evidence highlighted
    assert "Heidenhain TNC 640" in detail


@pytest.mark.django_db
def test_it_scores_the_same_cv_under_another_name_exactly_alike_and_flags_it(
    client, vacancy
) -> None:
    apply(client, vacancy, cv_pdf())
    apply(
        client,
        vacancy,
        cv_pdf(name="Fatima El Amrani", email="fatima@example.com"),
        first_name="Fatima",
        last_name="El Amrani",
        email="fatima@example.com",
        phone="0687654321",
    )
    first, second = Application.objects.order_by("pk")
    assert first.score == second.score
    assert first.result == second.result
    assert second.duplicate_of == first
    assert "duplicate" in second.flags


@pytest.mark.django_db
def test_it_leaves_hidden_text_out_of_the_score_and_flags_it(client, users, vacancy) -> None:
    apply(client, vacancy, cv_pdf())
    apply(
        client,
        vacancy,
        cv_pdf(white="Mastercam VCA Mastercam VCA"),
        email="other@example.nl",
    )
    honest, stuffed = Application.objects.order_by("pk")
    assert "hidden_text" in stuffed.flags
    assert stuffed.score == honest.score
    client.force_login(users["recruiter"])
    page = client.get(reverse("recruitment:application", args=[stuffed.pk])).content.decode()
    assert "hidden text found" in page
    assert "white text, page 1: “Mastercam VCA Mastercam VCA”" in page
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    page = client.get(reverse("recruitment:application", args=[stuffed.pk])).content.decode()
    assert "witte tekst, pagina 1" in page


@pytest.mark.django_db
def test_it_marks_a_scan_for_manual_review_instead_of_scoring_it_empty(
    client, users, vacancy
) -> None:
    apply(client, vacancy, pdf([]))
    app = Application.objects.get()
    assert app.score is None
    assert "needs_manual_review" in app.flags
    assert app.output_entry
    services.do_decide(app, users["recruiter"], "advance", "")
    assert Application.objects.get().stage == "advanced"


@pytest.mark.django_db
def test_it_refuses_bad_files_on_the_public_page_with_a_clear_error(client, vacancy) -> None:
    for data, name, message in [
        (b"", "cv.pdf", "empty"),
        (png(), "cv.pdf", "PNG image"),
        (b"%PDF-1.4 broken", "cv.pdf", "not a readable PDF"),
        (pdf(["x"], password="secret"), "cv.pdf", "password-protected"),
        (cv_pdf()[:500], "cv.pdf", "not a readable PDF"),  # truncated
        (pdf(["Werkervaring", "2019 - heden lasser"], pages=200), "cv.pdf", "more than 100 pages"),
        (b"PK\x03\x04 not a docx", "cv.docx", "not a readable Word"),
        (b"MZ\x90\x00", "cv.exe", "unsupported file type"),
    ]:
        response = apply(client, vacancy, data, name=name)
        assert response.status_code == 200, name
        assert message in response.content.decode(), message
    assert not Application.objects.exists()
    assert not Person.objects.filter(kind="candidate")


@pytest.mark.django_db
def test_it_needs_a_reason_to_reject_or_override_and_records_each_decision(
    client, users, vacancy
) -> None:
    apply(client, vacancy, cv_pdf())
    app = Application.objects.get()
    client.force_login(users["manager"])
    url = reverse("recruitment:application_decide", args=[app.pk])
    client.post(url, {"decision": "reject", "reason": " "})
    assert Application.objects.get().stage == "screened"
    client.post(url, {"decision": "reject", "reason": "Geen VCA", "notify": "on"})
    app.refresh_from_db()
    assert app.stage == "rejected"
    assert app.decided_by == users["manager"]
    decision = AuditEntry.objects.filter(kind="decision").get()
    assert decision.content["decision"] == "reject"
    assert decision.content["refers_to"] == app.output_entry.seq
    assert decision.payload.data["ai_suggestion"] == "advance"
    assert mail.outbox[-1].subject.startswith("Je sollicitatie")
    assert "Geen VCA" in mail.outbox[-1].body
    assert trail.verify_trail().ok


@pytest.mark.django_db
def test_it_records_advancing_against_the_ai_as_an_override_with_a_reason(users, vacancy) -> None:
    data = pdf(["Profiel", "Administratief medewerker", "Werkervaring", "2020 - heden Kantoor"])
    app, _key = intake.do_apply(
        vacancy,
        first_name="A",
        last_name="B",
        email="a@example.nl",
        phone="",
        data=data,
        filename="cv.pdf",
        consent=False,
    )
    assert app.ai_suggestion == "below"
    with pytest.raises(services.ServiceError):
        services.do_decide(app, users["recruiter"], "advance", "")
    services.do_decide(app, users["recruiter"], "advance", "Leerbaar, sterke motivatie")
    assert AuditEntry.objects.filter(kind="decision").get().content["decision"] == "override"


@pytest.mark.django_db
def test_it_reveals_the_identity_only_after_a_decision_and_on_the_record(
    client, users, vacancy
) -> None:
    apply(client, vacancy, cv_pdf())
    app = Application.objects.get()
    client.force_login(users["recruiter"])
    reveal = reverse("recruitment:application_reveal", args=[app.pk])
    client.post(reveal)
    assert Application.objects.get().revealed_at is None
    services.do_decide(app, users["recruiter"], "advance", "")
    client.post(reveal)
    page = client.get(reverse("recruitment:application", args=[app.pk])).content.decode()
    assert "Jan de Vries" in page
    assert "jan@example.nl" in page
    event = AuditEntry.objects.filter(kind="event", content__event="identity_revealed").get()
    assert event.subject == trail.pseudonym_for(app.person)
    # the API stays blind whatever was revealed in the app
    api = client.get(f"/api/v1/vacancies/{vacancy.pk}/candidates").json()
    assert api[0]["pseudonym"] == app.pseudonym
    assert "Jan" not in str(api)


@pytest.mark.django_db
def test_it_tracks_the_pipeline_with_dates_and_messages(client, users, vacancy) -> None:
    apply(client, vacancy, cv_pdf())
    app = Application.objects.get()
    services.do_decide(app, users["recruiter"], "advance", "")
    with pytest.raises(services.ServiceError):
        services.do_move(app, users["recruiter"], "hired")  # not straight from advanced
    services.do_move(app, users["recruiter"], "interview", notify=True)
    assert mail.outbox[-1].subject.startswith("Uitnodiging")
    services.do_move(app, users["recruiter"], "offer")
    services.do_move(app, users["recruiter"], "hired")
    stages = list(app.events.values_list("stage", flat=True))
    assert stages == ["received", "advanced", "interview", "offer", "hired"]
    assert services.time_to_hire_days(vacancy) is not None


@pytest.mark.django_db
def test_it_keeps_scope_per_vacancy_and_role(client, users, vacancy) -> None:
    apply(client, vacancy, cv_pdf())
    app = Application.objects.get()
    other = do_create_user("recruiter2", "x", ["recruiter"])
    client.force_login(other)
    assert client.get(reverse("recruitment:vacancy", args=[vacancy.pk])).status_code == 404
    assert client.get(reverse("recruitment:application", args=[app.pk])).status_code == 404
    response = client.post(
        reverse("recruitment:application_decide", args=[app.pk]), {"decision": "advance"}
    )
    assert response.status_code == 404
    assert Application.objects.get().stage == "screened"
    assert client.get("/api/v1/vacancies").json() == []
    for role in ("employee", "or", "dpo", "director", "it", "champion"):
        client.force_login(users[role])
        assert client.get(reverse("recruitment:application", args=[app.pk])).status_code == 403
    # the hiring manager sees and decides, but does not edit the vacancy
    client.force_login(users["manager"])
    assert client.get(reverse("recruitment:candidates", args=[vacancy.pk])).status_code == 200
    edit = client.get(reverse("recruitment:vacancy_edit", args=[vacancy.pk]))
    assert edit.status_code == 403


@pytest.mark.django_db
def test_it_receives_but_does_not_score_while_screening_is_switched_off(
    client, users, vacancy
) -> None:
    trust.do_deactivate(AIApplication.objects.get(slug="cv-screening"), users["hr"], "test")
    apply(client, vacancy, cv_pdf())
    app = Application.objects.get()
    assert app.stage == "received"
    assert app.score is None
    assert app.output_entry is None
    client.force_login(users["recruiter"])
    response = client.post(reverse("recruitment:application_screen", args=[app.pk]))
    assert response.status_code == 409
    # a person can still decide; the trail records it as a decision without AI
    services.do_decide(app, users["recruiter"], "reject", "Geen ervaring")
    assert AuditEntry.objects.filter(content__event="decision_without_ai").exists()


@pytest.mark.django_db
def test_it_takes_a_batch_where_each_file_succeeds_or_fails_on_its_own(
    client, users, vacancy, django_capture_on_commit_callbacks
) -> None:
    archive = zip_file(
        {
            "cvs/a.pdf": cv_pdf(name="Piet Jansen", email="piet@example.nl"),
            "cvs/b.docx": docx_file(["Sanne Bakker", "Werkervaring", "2019 - heden Frezer"]),
            "../../etc/evil.txt": b"escape",
            "inner.zip": zip_file({"x.txt": b"x"}),
            "bomb.txt": b"0" * (30 * 1024 * 1024),
            "fake.pdf": png(),
        }
    )
    script = b"<script>alert(1)</script>\nWerkervaring\n2018 - heden CNC-frezer"
    files = [
        ("batch.zip", archive),
        ("c.txt", script),
        ("empty.pdf", b""),
        ("broken.zip", b"PK\x03\x04 not really"),
    ]
    client.force_login(users["recruiter"])
    upload = [io.BytesIO(data) for _name, data in files]
    for handle, (name, _data) in zip(upload, files, strict=True):
        handle.name = name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("recruitment:upload", args=[vacancy.pk]),
            {"files": upload},
            headers={"accept-language": "en"},
        )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page
    results = {r["name"]: r for r in vacancy.uploads.get().results}
    assert {n for n, r in results.items() if r["ok"]} == {"a.pdf", "b.docx", "c.txt"}
    with translation.override("en"):
        error = {name: intake.result_error(r) for name, r in results.items()}
    assert "unsafe path" in error["../../etc/evil.txt"]
    assert "ZIP inside a ZIP" in error["inner.zip"]
    assert "size limit" in error["bomb.txt"]
    assert "PNG image" in error["fake.pdf"]
    assert "empty" in error["empty.pdf"]
    assert "not a readable ZIP" in error["broken.zip"]
    # stored as codes, worded for each reader: the same upload in Dutch
    dutch = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "not a readable ZIP" not in dutch
    with translation.override("nl"):
        assert intake.result_error(results["broken.zip"]) in dutch
    assert Application.objects.filter(source="upload").count() == 3
    piet = Application.objects.get(original_name="a.pdf").person
    assert (piet.first_name, piet.email) == ("Piet", "piet@example.nl")
    ranking = client.get(reverse("recruitment:candidates", args=[vacancy.pk])).content.decode()
    assert "<script>alert" not in ranking
    assert "Piet" not in ranking
    assert not list(intake.upload_dir().iterdir())  # nothing left behind


@pytest.mark.django_db
def test_it_checks_the_job_ad_before_publishing_and_records_the_check(
    client, users, vacancy
) -> None:
    vacancy.status = "draft"
    vacancy.description = "Wij zoeken een jonge en dynamische, stressbestendige collega."
    vacancy.save()
    client.force_login(users["recruiter"])
    client.post(reverse("recruitment:vacancy_status", args=[vacancy.pk, "publish"]))
    assert Vacancy.objects.get().status == "draft"
    client.post(reverse("recruitment:vacancy_check", args=[vacancy.pk]))
    found = {f["text"].lower() for f in Vacancy.objects.get().job_ad_report["findings"]}
    assert {"stressbestendige", "jonge en dynamische"} <= found
    page = client.get(reverse("recruitment:vacancy", args=[vacancy.pk])).content.decode()
    assert "Masculien gecodeerd woord" in page or "Masculine-coded word" in page
    assert AuditEntry.objects.filter(application="job-ad-check", kind="output").exists()
    assert "je houdt het overzicht als het druk is" in page  # an alternative for each word
    # open findings: publishing asks first, and the trail keeps how many were left
    refused = client.post(
        reverse("recruitment:vacancy_status", args=[vacancy.pk, "publish"]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert Vacancy.objects.get().status == "draft"
    assert "findings to resolve first" in refused.content.decode()
    client.post(
        reverse("recruitment:vacancy_status", args=[vacancy.pk, "publish"]), {"confirm": "1"}
    )
    assert Vacancy.objects.get().status == "open"
    published = AuditEntry.objects.select_related("payload").get(content__event="vacancy_published")
    assert published.payload.data["open_findings"] >= 2


@pytest.mark.django_db
def test_it_suggests_criteria_from_the_ad_and_adds_the_chosen_ones(client, users, vacancy) -> None:
    vacancy.description += " Ervaring met Mastercam en SolidWorks is mooi meegenomen."
    vacancy.save()
    suggestions = services.suggested_criteria(vacancy)
    assert "solidworks" in [s.lower() for s in suggestions]
    assert "heidenhain" not in [s.lower() for s in suggestions]  # already a criterion
    client.force_login(users["recruiter"])
    client.post(
        reverse("recruitment:vacancy_suggest", args=[vacancy.pk]),
        {"names": [s for s in suggestions if s.lower() == "solidworks"], "kind": "nice_to_have"},
    )
    assert vacancy.criteria.filter(name__iexact="solidworks", kind="nice_to_have").exists()


@pytest.mark.django_db
def test_it_writes_and_reads_the_vacancy_file_the_cli_uses(client, users, vacancy, tmp_path):
    from mensenwerk.commands.screen import load_vacancy

    client.force_login(users["recruiter"])
    text = client.get(reverse("recruitment:vacancy_file", args=[vacancy.pk])).content.decode()
    (tmp_path / "v.yaml").write_text(text, encoding="utf-8")
    engine = load_vacancy(tmp_path / "v.yaml")
    assert engine == services.engine_vacancy(vacancy)
    upload = io.BytesIO(text.encode())
    upload.name = "v.yaml"
    client.post(reverse("recruitment:vacancy_import"), {"file": upload})
    copy = Vacancy.objects.exclude(pk=vacancy.pk).get()
    assert services.engine_vacancy(copy) == engine
    bad = io.BytesIO(b"title: x\nnice_to_have: [{name: A, weight: 99}]")
    bad.name = "bad.yaml"
    response = client.post(reverse("recruitment:vacancy_import"), {"file": bad})
    assert "weight must be 0-10" in response.content.decode()


@pytest.mark.django_db
def test_it_erases_a_candidate_with_the_cv_file_and_self_identification(
    client, users, vacancy
) -> None:
    apply(client, vacancy, cv_pdf(), gender="female")
    app = Application.objects.get()
    stored = intake.cv_dir() / app.stored_name
    assert stored.exists()
    rights.erase_subject(app.person, users["dpo"])
    assert not stored.exists()
    assert not Application.objects.exists()
    assert not SelfIdentification.objects.exists()
    assert trail.verify_trail().ok


@pytest.mark.django_db
def test_it_sets_retention_when_the_vacancy_closes(client, users, vacancy) -> None:
    apply(client, vacancy, cv_pdf())
    apply(client, vacancy, cv_pdf(email="b@example.nl"), email="b@example.nl", keep="year")
    services.do_close(vacancy, users["recruiter"])
    no_consent, consent = (a.person for a in Application.objects.order_by("pk"))
    assert no_consent.retain_until is not None
    assert consent.retain_until is not None
    assert (consent.retain_until - no_consent.retain_until).days > 300
    # the closed vacancy says so (410), not "page does not exist"
    assert client.get(reverse("recruitment:apply", args=[vacancy.public_id])).status_code == 410


@pytest.mark.django_db
def test_it_fills_scorecards_from_the_interview_kit(client, users, vacancy) -> None:
    apply(client, vacancy, cv_pdf())
    app = Application.objects.get()
    client.force_login(users["manager"])
    kit = client.get(reverse("recruitment:interview_kit", args=[vacancy.pk])).content.decode()
    assert "Vertel over een concrete situatie" in kit
    assert "Heidenhain" in kit
    url = reverse("recruitment:scorecard", args=[app.pk])
    client.post(url, {"q_c1": "4", "q_c2": "5", "notes": "Goed"})
    assert not app.scorecards.exists()  # not advanced yet
    services.do_decide(app, users["recruiter"], "advance", "")
    response = client.post(url, {"q_c1": "4", "q_c2": "9", "notes": "x"})
    assert response.status_code == 200  # 9 is off the scale
    assert not app.scorecards.exists()
    client.post(url, {"q_c1": "4", "q_c2": "", "notes": "<b>Goed</b>"})
    assert app.scorecards.get().ratings == {"CNC-frezen of CNC-draaien": 4}
    page = client.get(reverse("recruitment:application", args=[app.pk])).content.decode()
    assert "<b>Goed</b>" not in page


@pytest.mark.django_db
def test_it_fills_only_the_documented_placeholders_in_messages(client, users, vacancy) -> None:
    client.force_login(users["hr"])
    client.post(
        reverse("recruitment:template_edit", args=["received", "nl"]),
        {"subject": "Hallo {candidate}", "body": "{vacancy} {candidate.__class__} {reason"},
    )
    apply(client, vacancy, cv_pdf())
    message = mail.outbox[-1]
    assert message.subject == "Hallo Jan de Vries"
    assert message.body == "CNC-verspaner (m/v/x) {candidate.__class__} {reason"


@pytest.mark.django_db
def test_it_lets_the_candidate_withdraw_through_the_private_link(client, vacancy) -> None:
    response = apply(client, vacancy, cv_pdf())
    client.post(response["Location"], {"withdraw": "1"})
    assert Application.objects.get().stage == "withdrawn"
    assert client.get("/apply/status/not-a-key/").status_code == 404


@pytest.mark.django_db
def test_it_speaks_dutch_to_a_dutch_browser(client, users, vacancy) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    page = client.get(reverse("recruitment:apply", args=[vacancy.public_id])).content.decode()
    assert "Sollicitatie versturen" in page
    assert "Hoe wij AI gebruiken" in page
    client.force_login(users["recruiter"])
    page = client.get(reverse("recruitment:vacancy", args=[vacancy.pk])).content.decode()
    assert "Harde eis" in page
    assert "Interviewkit" in page


@pytest.mark.django_db
def test_it_gives_the_candidate_everything_in_the_access_report(client, users, vacancy) -> None:
    from mensenwerk.governance.documents import subject_report

    apply(client, vacancy, cv_pdf(), gender="female")
    app = Application.objects.get()
    data = rights.subject_export(app.person)
    [held] = data["applications"]
    assert held["vacancy"] == vacancy.title
    assert held["self_identification"]["gender"] == "female"
    assert "Heidenhain TNC 640" in held["cv_text_as_assessed"]
    assert held["messages"][0]["subject"].startswith("Je sollicitatie")
    text = subject_report(data, "en")
    assert f"Application: {vacancy.title}" in text
    assert "gender=female" in text


@pytest.mark.django_db
def test_it_does_not_call_two_scans_duplicates(client, vacancy) -> None:
    apply(client, vacancy, pdf([]))
    apply(client, vacancy, pdf([], pages=2), email="other@example.nl")
    assert [a.duplicate_of for a in Application.objects.all()] == [None, None]
