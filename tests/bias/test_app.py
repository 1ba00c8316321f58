"""Bias monitoring in the app: figures per group and stage, for the AI and for people, with
alerts on the record and an aggregated audit report — and nothing about any one person."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from mensenwerk.bias import report as wording
from mensenwerk.bias import services
from mensenwerk.bias.models import BiasAlert, BiasAudit
from mensenwerk.core.models import Organisation
from mensenwerk.governance import rights, trail
from mensenwerk.governance.models import AuditEntry
from mensenwerk.recruitment import intake, subjects
from mensenwerk.recruitment import services as recruitment
from mensenwerk.recruitment.models import Application, GroupQuestion
from tests.bias.helpers import candidates, decide


@pytest.fixture
def screened(vacancy, users, django_capture_on_commit_callbacks) -> dict[str, list[Application]]:
    """20 women and 20 men with equally strong CVs, 2 non-binary candidates, 3 without
    self-identification; people advance 17 of 20 men but 5 of 20 women."""
    women = candidates(vacancy, [("female", "25-34", True, 10), ("female", "45-54", True, 10)])
    men = candidates(vacancy, [("male", "25-34", True, 10), ("male", "45-54", True, 10)])
    other = candidates(vacancy, [("nonbinary", "25-34", True, 2), ("", "", True, 3)])
    with django_capture_on_commit_callbacks(execute=True):
        decide(women, users["recruiter"], 5)
        decide(men, users["recruiter"], 17)
    return {"women": women, "men": men, "other": other}


def _measure(report, key):
    return next(m for m in report["measures"] if m["key"] == key)


def _rows(table):
    return {tuple(r["group"].values()): r for r in table["rows"]}


@pytest.mark.django_db
def test_it_separates_the_ais_suggestions_from_the_peoples_decisions(screened, vacancy) -> None:
    report = services.build_report(services.Scope(vacancy=vacancy))
    assert report["applicants"] == 45
    assert report["self_identified"] == 42
    assert report["unknown"] == {"gender": 3, "age_band": 3}
    ai = _rows(_measure(report, "ai_screening")["tables"][0])
    assert ai[("female",)]["rate"] == 1.0
    assert ai[("male",)]["rate"] == 1.0
    assert not any(r["flag"] for r in ai.values())
    human = _measure(report, "human_screening")
    assert human["n"] == 40  # the five undecided candidates are pending, not "not selected"
    gender = _rows(human["tables"][0])
    assert gender[("female",)]["rate"] == 0.25
    assert gender[("male",)]["rate"] == 0.85
    assert gender[("female",)]["impact_ratio"] == round(0.25 / 0.85, 4)
    assert gender[("female",)]["conclusion"] == "needs_review"
    assert gender[("female",)]["p_value"] < 0.001
    assert gender[("male",)]["status"] == "reference"
    # the two non-binary candidates are counted apart, without a rate
    assert _rows(_measure(report, "ai_screening")["tables"][0])[("nonbinary",)] == {
        "group": {"gender": "nonbinary"},
        "n": 2,
        "selected": None,
        "rate": None,
        "impact_ratio": None,
        "flag": False,
        "p_value": None,
        "ci": None,
        "status": "too_small",
        "conclusion": "not_reported",
    }
    intersection = _measure(report, "human_screening")["tables"][2]
    assert intersection["attributes"] == ["gender", "age_band"]
    # overrides: 15 women rejected although the AI suggested advance
    over = _rows(report["overrides"]["tables"][0])
    assert over[("female",)]["rejected_against"] == 15
    assert over[("male",)]["overridden"] == 3
    with translation.override("en"):
        words = " ".join(wording.conclusions(report))
    assert "gap arises in the people's decisions" in words
    assert "needs human review" in words


@pytest.mark.django_db
def test_later_stages_count_only_people_who_reached_them(screened, users, vacancy) -> None:
    men = [a for a in screened["men"] if a.stage == "advanced"]
    for app in men[:8]:
        recruitment.do_move(app, users["recruiter"], "interview")
    recruitment.do_move(men[8], users["recruiter"], "rejected", "geen plek")
    for app in men[:3]:
        recruitment.do_save_scorecard(app, users["manager"], {"q1": 4, "q2": 5}, "")
    report = services.build_report(services.Scope(vacancy=vacancy))
    interview = _measure(report, "interview")
    assert (interview["n"], interview["selected"]) == (9, 8)  # 8 invited, 1 rejected, 8 pending
    assert _measure(report, "offer")["n"] == 0
    assert _measure(report, "scorecard")["n"] == 3


@pytest.mark.django_db
def test_an_alert_is_raised_once_mailed_recorded_and_handled(screened, users, client) -> None:
    alerts = BiasAlert.objects.filter(measure="human_screening", group={"gender": "female"})
    assert alerts.count() == 2  # the vacancy, and the organisation over twelve months
    assert not BiasAlert.objects.filter(measure="ai_screening").exists()
    events = AuditEntry.objects.filter(content__event="bias_alert_raised")
    assert events.count() == BiasAlert.objects.count()
    sent = [m for m in mail.outbox if "adverse impact" in m.subject]
    assert sent
    assert all(m.to == ["director@example.nl", "hr@example.nl"] for m in sent)
    alert_mail = next(m for m in mail.outbox if "adverse impact" in m.subject)
    assert "Nummer" not in alert_mail.body
    assert "female" not in alert_mail.body.split("\n")[0]
    # a later decision does not raise the same alert again
    before = BiasAlert.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - already decided
        recruitment.do_decide(screened["women"][0], users["recruiter"], "advance", "")
    services.check_alerts(screened["women"][0].vacancy_id)
    assert BiasAlert.objects.count() == before
    alert = alerts.first()
    # the works council sees alerts but does not handle them; HR and the register owner do
    client.force_login(users["or"])
    url = reverse("bias:alert_handle", args=[alert.pk])
    assert client.post(url, {"action": "x"}).status_code == 403
    client.force_login(users["director"])
    assert client.post(url, {"action": "  "}).status_code == 302
    alert.refresh_from_db()
    assert alert.status == "open"
    client.post(url, {"action": "Besluiten met de manager nagelopen"})
    alert.refresh_from_db()
    assert alert.status == "handled"
    assert alert.handled_by == users["director"]
    handled = AuditEntry.objects.get(content__event="bias_alert_handled")
    assert handled.payload.data["action"] == "Besluiten met de manager nagelopen"
    assert client.post(url, {"action": "nogmaals"}).status_code == 302  # refused, kept
    alert.refresh_from_db()
    assert alert.action == "Besluiten met de manager nagelopen"
    # the gap persists: not raised again at the next check, but after thirty days
    for other in alerts.exclude(pk=alert.pk):
        services.do_handle_alert(other, users["hr"], "nagelopen")
    vacancy_id = screened["women"][0].vacancy_id
    assert services.check_alerts(vacancy_id, notify=False) == []
    alerts.update(handled_at=alert.handled_at - services.RAISE_AGAIN_AFTER)
    again = services.check_alerts(vacancy_id, notify=False)
    assert {(a.measure, a.vacancy_id) for a in again} == {
        ("human_screening", vacancy_id),
        ("human_screening", None),
    }
    assert trail.verify_trail().ok


@pytest.mark.django_db
def test_the_page_shows_groups_never_people(screened, users, client, vacancy) -> None:
    client.force_login(users["or"])
    response = client.get(reverse("bias:fairness"), {"vacancy": vacancy.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "needs human review" in page
    assert "too small to report" in page
    assert 'data-chart="chart-gender"' in page
    assert 'id="chart-gender"' in page
    for app in screened["women"] + screened["men"] + screened["other"]:
        assert app.pseudonym not in page
        assert app.person.last_name not in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    for role in ("recruiter", "manager", "employee", "it", "champion"):
        client.force_login(users[role])
        assert client.get(reverse("bias:fairness")).status_code == 403


@pytest.mark.django_db
def test_bad_selections_get_a_clear_error(users, client) -> None:
    client.force_login(users["hr"])
    page = client.get(
        reverse("bias:fairness"), {"date_from": "2026-12-01", "date_to": "2026-01-01"}
    ).content.decode()
    assert "The start date is after the end date." in page
    page = client.get(reverse("bias:fairness"), {"vacancy": "999999"}).content.decode()
    assert "Select a valid choice" in page
    page = client.get(reverse("bias:fairness"), {"date_from": "<b>x</b>"}).content.decode()
    assert "Enter a valid date" in page
    assert "<b>x</b>" not in page
    response = client.post(reverse("bias:publish"), {"date_from": "nonsense"})
    assert response.status_code == 302
    assert not BiasAudit.objects.exists()
    assert (
        "There are no applications in this selection yet."
        in client.get(reverse("bias:fairness")).content.decode()
    )


@pytest.mark.django_db
def test_the_audit_report_is_aggregated_frozen_and_readable_as_pdf(
    screened, users, client, vacancy
) -> None:
    client.force_login(users["hr"])
    response = client.post(reverse("bias:publish"), {"vacancy": vacancy.pk})
    audit = BiasAudit.objects.get()
    assert response["Location"] == reverse("bias:audit", args=[audit.pk])
    entry = AuditEntry.objects.get(content__event="bias_audit_published")
    assert entry.payload.data["applicants"] == 45
    client.force_login(users["dpo"])
    html = client.get(reverse("bias:audit", args=[audit.pk]) + "?lang=en").content.decode()
    for part in (
        "1. Data source and explanation",
        "Four-fifths rule",
        "Applicants in this selection: 45",
        "Unknown: gender: 3",
        "too small to report",
        "needs human review",
        "<table",
    ):
        assert part in html, part
    assert "<script>alert(1)</script>" not in html
    dutch = client.get(reverse("bias:audit", args=[audit.pk]) + "?lang=nl").content.decode()
    assert "Gegevensbron" in dutch
    assert "selectieratio" in dutch.lower()
    pdf = client.get(reverse("bias:audit_pdf", args=[audit.pk]) + "?lang=en")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf.content))
    assert "Impact ratio" in text
    assert "Applicants in this selection: 45" in text
    for app in screened["women"] + screened["men"]:
        assert app.pseudonym not in text
        assert app.person.last_name not in text
    # the frozen report survives the erasure of the candidates behind it
    for app in Application.objects.select_related("person"):
        rights.erase_subject(app.person, users["dpo"])
    assert services.build_report(services.Scope(vacancy=vacancy))["applicants"] == 0
    again = client.get(reverse("bias:audit", args=[audit.pk]) + "?lang=en").content.decode()
    assert "Applicants in this selection: 45" in again


@pytest.mark.django_db
def test_the_smallest_group_is_the_organisations_choice(screened, vacancy) -> None:
    org = Organisation.current()
    org.bias_min_group = 25
    org.save()
    report = services.build_report(services.Scope(vacancy=vacancy))
    gender = _measure(report, "human_screening")["tables"][0]
    assert all(r["status"] == "too_small" for r in gender["rows"])
    with translation.override("en"):
        words = " ".join(wording.conclusions(report))
    assert "every group is smaller than 25 people" in words


@pytest.mark.django_db
def test_the_api_gives_the_same_figures(screened, users, client, vacancy) -> None:
    client.force_login(users["director"])
    data = client.get("/api/v1/fairness", {"vacancy_id": vacancy.pk}).json()
    assert data["applicants"] == 45
    assert data["measures"][2]["key"] == "human_screening"
    assert client.get("/api/v1/fairness", {"vacancy_id": 999999}).status_code == 404
    bad = client.get("/api/v1/fairness", {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    assert bad.status_code == 400
    client.force_login(users["recruiter"])
    assert client.get("/api/v1/fairness").status_code in (401, 403)


@pytest.mark.django_db
def test_the_organisation_adds_its_own_voluntary_question(users, client, vacancy) -> None:
    client.force_login(users["hr"])
    url = reverse("bias:questions")
    form = {"question_nl": "Geboorteland <b>ouders</b>", "question_en": "Parents' country <i>"}
    for options, error in (
        ("Nederland / the Netherlands", "Give two to twelve answers."),
        ("Nederland\nAnders / Other", "separated by a slash"),
        ("", "This field is required."),
    ):
        page = client.post(url, {**form, "options": options}).content.decode()
        assert error in page
    assert not GroupQuestion.objects.exists()
    client.post(url, {**form, "options": "Nederland / the Netherlands\nAnders / elsewhere\n\n"})
    question = GroupQuestion.objects.get()
    assert question.options[1] == {"code": "o2", "nl": "Anders", "en": "elsewhere"}
    assert "&lt;b&gt;" in client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    # candidates see it, in their language, voluntary; a forged answer is not stored
    client.logout()
    apply_url = reverse("recruitment:apply", args=[vacancy.public_id])
    page = client.get(apply_url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Geboorteland &lt;b&gt;ouders&lt;/b&gt; (vrijwillig)" in page
    assert "Anders" in page
    assert intake.valid_answers({question.key: "o9", "other": "o1"}) == {}
    people = candidates(vacancy, [("female", "25-34", True, 6), ("male", "25-34", True, 6)])
    for i, app in enumerate(people):
        app.self_identification.extra = {question.key: "o1" if i % 2 else "o2"}
        app.self_identification.save()
    assert subjects.subject_applications(people[0].person)[0]["self_identification"] == {
        "gender": "female",
        "age_band": "25-34",
        question.key: "o2",
    }
    attributes = ("gender", "age_band", question.key)
    report = services.build_report(services.Scope(vacancy=vacancy, attributes=attributes))
    tables = _measure(report, "ai_screening")["tables"]
    assert len(tables) == 7  # three attributes, three pairs, all three
    with translation.override("en"):
        labels = [wording.group_label(r["group"], report["labels"]) for r in tables[2]["rows"]]
    assert labels == ["the Netherlands", "elsewhere"]
    # switched off: no longer asked, still reported
    client.force_login(users["hr"])
    client.post(reverse("bias:question_toggle", args=[question.pk]))
    client.logout()
    assert "Geboorteland" not in client.get(apply_url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    client.force_login(users["or"])
    page = client.get(
        reverse("bias:fairness"),
        {"vacancy": vacancy.pk, "attributes": ["gender", question.key]},
    ).content.decode()
    assert "Parents&#x27; country &lt;i&gt;" in page
    assert "elsewhere" in page
    assert client.get(reverse("bias:fairness"), {"attributes": "nope"}).status_code == 200


@pytest.mark.django_db
def test_the_page_says_plainly_when_scores_are_too_tied_to_compare(client, users, vacancy) -> None:
    # identical strong CVs: every AI score is the same, so the median rule compares nothing
    candidates(vacancy, [("female", "25-34", True, 6), ("male", "25-34", True, 6)])
    client.force_login(users["hr"])
    page = client.get(reverse("bias:fairness"), {"vacancy": vacancy.pk}).content.decode()
    assert "The scores are too tied to compare: 12 of 12 people have the same score" in page
    assert "scores too tied to compare" in page
    report = services.build_report(services.Scope(vacancy=vacancy))
    score = next(m for m in report["measures"] if m["key"] == "ai_score")
    assert all(r["status"] != "reference" for t in score["tables"] for r in t["rows"])


@pytest.mark.django_db
def test_an_alert_says_where_it_applies_in_the_readers_language(screened, users, client) -> None:
    alert = BiasAlert.objects.filter(vacancy__isnull=True).first()
    assert alert.scope_data["from"]  # the twelve months, kept as data
    client.force_login(users["hr"])
    dutch = client.get(reverse("bias:fairness"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    english = client.get(reverse("bias:fairness"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "sollicitaties van" in dutch and "applications from" not in dutch
    assert "applications from" in english
    assert alert.scope_data["from"] not in dutch  # "30 november 2025", not an ISO date
