"""Engagement surveys in the app: import with a remembered mapping, the anonymity rules on the
page and in the API, masking, early signals, roles and bad files."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from mensenwerk.analytics import surveys
from mensenwerk.analytics.models import Survey, SurveyAnswer
from mensenwerk.core.services import ServiceError
from mensenwerk.governance.models import AuditEntry
from tests.analytics.helpers import HEADER, ready_survey, survey_csv

pytestmark = pytest.mark.django_db


def test_import_keeps_only_the_mapped_columns_and_masks_comments(users, team) -> None:
    comment = {0: "Daan Bakker belde me om 22:00 op 06-12345678, mail daan@example.org"}
    survey = ready_survey(users["hr"], survey_csv(comments=comment))
    assert survey.status == "ready" and survey.pending == []
    assert survey.mapping["department"] == "Afdeling" and survey.mapping["team"] == "Team"
    assert survey.mapping["enps"] == "Aanbevelen" and survey.mapping["comments"] == "Opmerking"
    assert survey.mapping["items"] == ["Werkdruk1", "Werkdruk2", "Leiding1", "Leiding2"]
    answer = SurveyAnswer.objects.get(survey=survey, comment__contains="belde")
    assert "Daan" not in answer.comment and "Bakker" not in answer.comment
    assert "06-12345678" not in answer.comment and "@example.org" not in answer.comment
    stored = " ".join(str(a.values) for a in SurveyAnswer.objects.all())
    assert "Persoon" not in stored and "@example.org" not in stored  # names never kept
    assert AuditEntry.objects.filter(content__event="survey.imported").exists()


def test_groups_too_small_or_derivable_by_subtraction_are_withheld(users) -> None:
    result = ready_survey(users["hr"]).result
    top = {g["group"]: g for g in result["top"]["groups"]}
    assert top["Kantoor"]["withheld"] and top["Kantoor"]["themes"] == {}
    # Kantoor (3) = organisation - Productie - Logistiek: Logistiek is withheld too
    assert top["Logistiek"]["withheld"] and not top["Productie"]["withheld"]
    teams = {g["group"]: g for g in result["teams"]["Productie"]["groups"]}
    assert not teams["Dagdienst"]["withheld"] and not teams["Nachtdienst"]["withheld"]
    assert set(result["teams"]) == {"Productie"}  # no team view under a withheld department


def test_the_page_shows_no_figure_of_a_withheld_group(client, users) -> None:
    survey = ready_survey(users["hr"])
    client.force_login(users["or"])
    page = client.get(reverse("analytics:survey", args=[survey.pk])).content.decode()
    assert "Kantoor" in page and "te weinig antwoorden" in page
    row = page[page.index("Kantoor") :].split("</tr>")[0]
    assert '<td class="num">3</td>' in row and len(re.findall(r">-?\d", row)) == 1
    teams = client.get(reverse("analytics:survey", args=[survey.pk]) + "?department=Productie")
    assert teams.status_code == 200 and "Nachtdienst" in teams.content.decode()
    hidden = client.get(reverse("analytics:survey", args=[survey.pk]) + "?department=Kantoor")
    assert hidden.status_code == 404


def test_comments_of_a_small_group_are_never_shown(client, users) -> None:
    texts = {n: f"Opmerking nummer {n} over de werkdruk en de planning" for n in range(23)}
    texts[20] = "Geheime klacht van kantoor over de werkdruk en de planning"
    survey = ready_survey(users["hr"], survey_csv(comments=texts))
    client.force_login(users["hr"])
    page = client.get(reverse("analytics:survey", args=[survey.pk])).content.decode()
    assert "Geheime klacht" in page  # the organisation wrote 23: its examples may show
    kantoor = next(g for g in survey.result["top"]["groups"] if g["group"] == "Kantoor")
    assert kantoor["comments"] == []  # but Kantoor (3) has no comment theme of its own
    overall = survey.result["top"]["overall"]["comments"]
    assert overall and sum(t["comments"] for t in overall) == 23
    productie = next(g for g in survey.result["top"]["groups"] if g["group"] == "Productie")
    assert productie["comments"]  # fourteen comments: themes with examples
    teams = survey.result["teams"]["Productie"]["groups"]
    assert all(t["comments"] == [] for t in teams)  # eight and six: no comments at all


def test_the_mapping_is_remembered_for_the_next_wave(users) -> None:
    first = surveys.do_upload(survey_csv(), "a.csv", "Voorjaar", date(2026, 4, 1), users["hr"])
    chosen = {**first.mapping, "items": ["Werkdruk1", "Werkdruk2"]}
    surveys.do_apply(first, chosen, users["hr"])
    second = surveys.do_upload(survey_csv(2), "b.csv", "Najaar", date(2026, 10, 1), users["hr"])
    assert second.mapping == chosen


def test_a_drop_beyond_normal_variation_is_an_early_signal_per_team(client, users) -> None:
    ready_survey(users["hr"], survey_csv(1), date(2026, 4, 1))
    after = ready_survey(users["hr"], survey_csv(2, low="Nachtdienst"), date(2026, 10, 1))
    found = surveys.early_signals(after)
    assert any(s.group == "Nachtdienst" and s.measure == "Werkdruk" for s in found)
    assert not any(s.group == "Dagdienst" for s in found)
    client.force_login(users["director"])
    page = client.get(reverse("analytics:survey", args=[after.pk])).content.decode()
    assert "Vroege signalen" in page and "Nachtdienst" in page


def test_bad_values_are_named_and_nothing_is_stored(users) -> None:
    data = survey_csv().replace(b";4;", b";<script>;", 1)
    survey = surveys.do_upload(data, "x.csv", "Fout", date(2026, 10, 1), users["hr"])
    assert "Werkdruk1" not in survey.mapping["items"]  # not numbers: not guessed as a question
    items = ["Werkdruk1", "Werkdruk2"]
    with pytest.raises(ServiceError, match="Rij 2: “<script>”"):
        surveys.do_apply(survey, {**survey.mapping, "items": items}, users["hr"])
    assert not SurveyAnswer.objects.exists()
    lines = survey_csv().decode().splitlines()
    cells = lines[1].split(";")
    cells[HEADER.index("Aanbevelen")] = "11"
    lines[1] = ";".join(cells)
    survey = surveys.do_upload("\n".join(lines).encode(), "y.csv", "F", date.today(), users["hr"])
    with pytest.raises(ServiceError, match="0 tot en met 10"):
        surveys.do_apply(survey, survey.mapping, users["hr"])
    with pytest.raises(ServiceError):
        surveys.do_apply(survey, {**survey.mapping, "items": []}, users["hr"])


def test_corrupt_and_empty_files_get_a_clear_error(client, users) -> None:
    client.force_login(users["hr"])
    for name, data in (("a.csv", b""), ("b.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), ("c.xlsx", b"x")):
        upload = _file(name, data)
        response = client.post(
            reverse("analytics:survey_upload"),
            {"title": "T", "held_on": "2026-10-01", "file": upload},
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "kan niet worden gelezen" in page or "is leeg" in page, name
    assert not Survey.objects.exists()


def test_markup_in_answers_is_escaped(client, users) -> None:
    data = survey_csv().replace(b"Productie;Dagdienst", b"<b>Productie</b>;Dagdienst")
    survey = ready_survey(users["hr"], data)
    client.force_login(users["hr"])
    page = client.get(reverse("analytics:survey", args=[survey.pk])).content.decode()
    assert "<b>Productie</b>" not in page and "&lt;b&gt;Productie&lt;/b&gt;" in page


def test_roles(client, users) -> None:
    survey = ready_survey(users["hr"])
    for role, status in (("manager", 200), ("director", 200), ("employee", 403), ("it", 403)):
        client.force_login(users[role])
        assert client.get(reverse("analytics:survey", args=[survey.pk])).status_code == status
    client.force_login(users["manager"])
    response = client.post(reverse("analytics:survey_upload"), {"title": "x"})
    assert response.status_code == 403


def test_the_api_gives_a_withheld_group_its_size_only(client, users) -> None:
    survey = ready_survey(users["hr"])
    client.force_login(users["or"])
    data = client.get(f"/api/v1/analytics/surveys/{survey.pk}").json()
    kantoor = next(g for g in data["groups"] if g["group"] == "Kantoor")
    assert kantoor["withheld"] and kantoor["themes"] == {} and kantoor["enps"] is None
    assert data["teams"]["Productie"][0]["n"] in (6, 8)


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_the_trend_per_department_over_waves(client, users) -> None:
    from tests.analytics.helpers import survey_csv

    ready_survey(users["hr"], survey_csv(1), date(2026, 4, 1))
    after = ready_survey(users["hr"], survey_csv(2, low="Productie"), date(2026, 10, 1))
    waves = surveys.trend(after, "Productie")
    assert [w["n"] for w in waves] == [14, 14] and not any(w["withheld"] for w in waves)
    werkdruk = list(after.result["top"]["themes"]).index("Werkdruk")
    assert waves[1]["scores"][werkdruk] == 1.0 < waves[0]["scores"][werkdruk]
    assert all(
        w["withheld"] and w["scores"] == [None, None] for w in surveys.trend(after, "Kantoor")
    )
    client.force_login(users["or"])
    page = client.get(reverse("analytics:survey", args=[after.pk]) + "?department=Productie")
    assert "Over de metingen — Productie" in page.content.decode()


def test_the_report_for_the_works_council_holds_no_withheld_figure(client, users) -> None:
    from mensenwerk.analytics import report

    texts = {n: f"Opmerking {n} over de werkdruk en de planning" for n in range(23)}
    survey = ready_survey(users["hr"], survey_csv(comments=texts))
    text = report.survey_text(survey, "nl")
    kantoor = next(line for line in text.splitlines() if line.startswith("| Kantoor"))
    assert kantoor.startswith("| Kantoor | 3 | niet getoond |")
    assert "werkdruk" in text and "Opmerking 1 " not in text  # themes by words, no quotes
    assert "Geen persoon" in text or "geen persoon" in text
    client.force_login(users["or"])
    pdf = client.get(reverse("analytics:survey_pdf", args=[survey.pk]) + "?lang=en")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.force_login(users["employee"])
    assert client.get(reverse("analytics:survey_pdf", args=[survey.pk])).status_code == 403
