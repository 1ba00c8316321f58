"""Retention risk in the app: the gate (page and API 409), the run through the trust layer with
protected columns excluded and their alert rates reported, the team view by default, person
scores only for named HR with a reason on the trail, the stay interview, roles and rights."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mensenwerk.analytics import services
from mensenwerk.analytics.models import RetentionRun, RiskScore
from mensenwerk.core.models import Person
from mensenwerk.core.services import ServiceError
from mensenwerk.governance import rights
from mensenwerk.governance.models import AIApplication, AuditEntry, Overseer
from mensenwerk.governance.services import ApplicationInactive
from tests.analytics.helpers import history_csv
from tests.trust import activate

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(team) -> list[Person]:
    """Twelve current employees in Engineering besides the team fixture's people."""
    eng = team["boss"].department
    extra = [
        Person.objects.create(
            first_name=f"Medewerker{i}",
            last_name="Test",
            employee_number=str(300 + i),
            department=eng,
        )
        for i in range(12)
    ]
    return [team["boss"], team["report"], *extra]


def _run(users, staff, django_capture_on_commit_callbacks) -> RetentionRun:
    activate("retention-risk", users["hr"])
    people = [(p.employee_number, "Engineering") for p in staff]
    run = services.do_upload(history_csv(people), "historie.csv", users["hr"])
    with django_capture_on_commit_callbacks(execute=True):
        services.do_start(run, run.mapping, users["hr"])
    run.refresh_from_db()
    return run


def test_no_consent_no_page_no_api_no_upload(client, users) -> None:
    app = AIApplication.objects.get(slug="retention-risk")
    assert app.is_high_risk and app.monitoring_wor and not app.active
    client.force_login(users["hr"])
    response = client.get(reverse("analytics:retention"))
    assert response.status_code == 409
    assert "ondernemingsraad" in response.content.decode()
    api = client.get("/api/v1/analytics/retention")
    assert api.status_code == 409 and api.json()["error"] == "application_inactive"
    assert any(m["code"] == "works_council" for m in api.json()["missing"])
    with pytest.raises(ApplicationInactive):
        services.do_upload(history_csv([]), "h.csv", users["hr"])


def test_the_consent_is_what_the_gate_waits_for(users) -> None:
    app = AIApplication.objects.get(slug="retention-risk")
    activate("retention-risk", users["hr"])
    app.refresh_from_db()
    app.works_council_status = "informed"  # informed is not enough for a monitoring system
    app.save()
    gaps = {g.code for g in services.trust.activation_gaps(app)}
    assert gaps == {"works_council"}


def test_a_run_excludes_protected_columns_and_reports_alert_rates(
    users, staff, django_capture_on_commit_callbacks
) -> None:
    run = _run(users, staff, django_capture_on_commit_callbacks)
    assert run.status == "done", run.error
    s = run.summary
    assert {"Geslacht", "Leeftijd"} <= set(s["protected"])
    assert "Geslacht" not in s["used"] and "Leeftijd" not in s["used"]
    assert s["cv_auc"] > 0.8 and s["baseline_auc"] > 0.5 and 0 <= s["brier"] < 0.25
    assert {f["attributes"][0] for f in s["fairness"]} == {"Geslacht", "Leeftijd"}
    ages = {row["group"]["Leeftijd"] for f in s["fairness"] for row in f["rows"]
            if "Leeftijd" in row["group"]}  # fmt: skip
    assert ages <= {"< 30", "30-49", "50+"}  # bands, never an exact age
    assert run.pending == []  # the history is not kept
    scores = RiskScore.objects.filter(run=run)
    assert scores.count() == len(staff)  # current staff only, only people Mensenwerk knows
    output = run.output_entry
    assert output.kind == AuditEntry.Kind.OUTPUT and output.application == "retention-risk"
    assert output.payload.data["explanation"]["protected_excluded"] == s["protected"]
    time_to_leave = s["survival"]  # "Diensttijd" guessed as the years employed
    assert time_to_leave["concordance"] > 0.6 and time_to_leave["events"] == 80
    assert not {h["feature"] for h in time_to_leave["hazard_ratios"]} & {"Geslacht", "Leeftijd"}
    eng = next(t for t in s["teams"] if t["team"] == "Engineering")
    assert eng["n"] > len(staff) and not eng["withheld"] and "expected" in eng  # the file's staff


def test_a_protected_column_is_excluded_even_when_not_ticked(users, staff) -> None:
    activate("retention-risk", users["hr"])
    run = services.do_upload(history_csv([]), "h.csv", users["hr"])
    services.do_start(run, {**run.mapping, "protected": []}, users["hr"])
    assert set(run.mapping["protected"]) == {"Geslacht", "Leeftijd"}
    other = services.do_upload(history_csv([]), "h.csv", users["hr"])
    with pytest.raises(ServiceError):
        services.do_start(other, {**other.mapping, "target": "Geslacht"}, users["hr"])


def test_team_view_by_default_and_no_person_score_for_others(
    client, users, staff, django_capture_on_commit_callbacks
) -> None:
    run = _run(users, staff, django_capture_on_commit_callbacks)
    score = RiskScore.objects.filter(run=run).first()
    for role in ("or", "dpo"):
        client.force_login(users[role])
        page = client.get(reverse("analytics:retention")).content.decode()
        assert "Engineering" in page and "Medewerker0" not in page
        assert client.get(reverse("analytics:people")).status_code == 403
    client.force_login(users["manager"])
    assert client.get(reverse("analytics:retention")).status_code == 403
    assert client.get(reverse("analytics:person", args=[score.pk])).status_code == 403
    assert client.get("/api/v1/analytics/retention").status_code == 403
    # an HR user the register does not name sees the team view, not the people
    other = users["hr"].__class__.objects.create(username="hr2")
    other.role_assignments.create(role="hr")
    client.force_login(other)
    assert client.get(reverse("analytics:retention")).status_code == 200
    assert client.get(reverse("analytics:people")).status_code == 403
    with pytest.raises(ServiceError):
        services.do_view_person(score, other, "wil het graag weten")


def test_a_named_hr_user_sees_a_score_with_a_reason_on_the_trail(
    client, users, staff, django_capture_on_commit_callbacks
) -> None:
    run = _run(users, staff, django_capture_on_commit_callbacks)
    score = RiskScore.objects.filter(run=run).order_by("-risk").first()
    client.force_login(users["hr"])
    listed = client.get(reverse("analytics:people")).content.decode()
    assert "%" not in listed.split("<tbody>")[1]  # names without scores
    url = reverse("analytics:person", args=[score.pk])
    first = client.get(url).content.decode()
    assert "Geschat risico" not in first  # a reason first
    short = client.post(url, {"reason": "kort"})
    assert "Geschat risico" not in short.content.decode()
    shown = client.post(url, {"reason": "Voorbereiding jaargesprek met de medewerker"})
    assert "Geschat risico" in shown.content.decode()
    viewed = AuditEntry.objects.get(content__event="retention.person_viewed")
    assert viewed.payload.data["reason"] == "Voorbereiding jaargesprek met de medewerker"
    score.refresh_from_db()
    assert score.output_entry.subject.startswith("S-")  # pseudonymous on the trail
    assert viewed.subject == score.output_entry.subject


def test_the_stay_interview_is_a_recorded_human_decision(
    users, staff, django_capture_on_commit_callbacks
) -> None:
    run = _run(users, staff, django_capture_on_commit_callbacks)
    score = RiskScore.objects.filter(run=run).first()
    with pytest.raises(ServiceError):  # not before the score was looked at
        services.do_stay_decision(score, users["hr"], "planned", "")
    services.do_view_person(score, users["hr"], "Signaal besproken in HR-overleg")
    against = "none" if services.alert(score) else "planned"
    with pytest.raises(ServiceError):
        services.do_stay_decision(score, users["hr"], against, "")
    services.do_stay_decision(score, users["hr"], against, "Net een gesprek gehad")
    decision = AuditEntry.objects.get(kind=AuditEntry.Kind.DECISION)
    assert decision.content["followed_ai"] is False
    assert decision.content["refers_to"] == score.output_entry.seq


def test_access_report_erasure_and_retention(users, staff, django_capture_on_commit_callbacks):
    run = _run(users, staff, django_capture_on_commit_callbacks)
    person = staff[0]
    data = rights.SUBJECT_DATA["analytics"](person)
    assert len(data["retention_scores"]) == 1 and data["retention_scores"][0]["factors"]
    assert rights.SUBJECT_ERASERS["analytics"](person) == 1
    assert not RiskScore.objects.filter(person=person).exists()
    assert services.retention(date(2027, 1, 1), dry_run=True) == 0
    assert services.retention(date(2028, 1, 1), dry_run=False) == 1
    assert not RetentionRun.objects.filter(pk=run.pk).exists()


def test_a_bad_history_fails_with_a_message_and_keeps_nothing(
    client, users, django_capture_on_commit_callbacks
) -> None:
    activate("retention-risk", users["hr"])
    run = services.do_upload(b"Nr;Vertrokken\n1;ja\n2;nee\n", "h.csv", users["hr"])
    with django_capture_on_commit_callbacks(execute=True):
        services.do_start(run, {"id": "Nr", "target": "Vertrokken", "team": ""}, users["hr"])
    run.refresh_from_db()
    assert run.status == "failed" and run.error and run.pending == []
    client.force_login(users["hr"])
    upload = SimpleUploadedFile("h.csv", b"\x00\x01\x02PNG")
    response = client.post(reverse("analytics:retention_upload"), {"file": upload})
    assert response.status_code == 200 and "kan niet worden gelezen" in response.content.decode()
    assert Overseer.objects.filter(user=users["hr"]).exists()


def test_the_teams_survey_scores_join_the_history(
    users, staff, django_capture_on_commit_callbacks
) -> None:
    from tests.analytics.helpers import ready_survey, survey_csv

    # Engineering 8 and Productie 6 answers shown; a team score is one value per team, so it
    # needs two teams with a score to be learnt from
    data = survey_csv().replace(b"Productie;Dagdienst", b"Engineering;Dagdienst")
    ready_survey(users["hr"], data)
    activate("retention-risk", users["hr"])
    people = [(p.employee_number, "Engineering") for p in staff]
    run = services.do_upload(history_csv(people), "historie.csv", users["hr"])
    with django_capture_on_commit_callbacks(execute=True):
        services.do_start(run, {**run.mapping, "team": "Afdeling"}, users["hr"])
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert {"Onderzoek: Werkdruk", "Onderzoek: Leiding"} <= set(run.summary["used"])


def test_a_history_the_cox_model_cannot_fit_still_gives_the_risk(
    users, staff, django_capture_on_commit_callbacks
) -> None:
    activate("retention-risk", users["hr"])
    people = [(p.employee_number, "Engineering") for p in staff]
    data = history_csv(people).replace(b";nee\n", b";nee\n", 1)
    run = services.do_upload(data, "historie.csv", users["hr"])
    with django_capture_on_commit_callbacks(execute=True):
        services.do_start(run, {**run.mapping, "duration": "Managerwissels"}, users["hr"])
    run.refresh_from_db()  # zero manager changes is not a positive duration
    assert run.status == "done" and "error" in run.summary["survival"]
