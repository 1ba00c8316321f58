"""HR imports an engagement survey and reads a team's themes; the works council reads the
aggregated report and sees the retention gate wait for its consent, then the team view; a
manager sees no retention page and no person score — in a real Chromium, in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mensenwerk.analytics import questions
from mensenwerk.analytics.demo import consent_demo
from mensenwerk.analytics.models import RiskScore
from mensenwerk.core.demo import load_demo
from mensenwerk.governance.demo import load_governance_demo
from tests.analytics.helpers import survey_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_label("Wachtwoord").press("Enter")


def test_hr_imports_a_survey_the_works_council_reads_a_manager_sees_no_scores(
    browser, live_server, screenshots: Path, tmp_path: Path
) -> None:
    load_demo("demo")
    load_governance_demo()
    export = tmp_path / "forms-export.csv"
    export.write_bytes(
        survey_csv(comments={n: "De werkdruk is te hoog, bel Sanne" for n in range(12)})
    )
    problems: list[str] = []
    context = browser.new_context(locale="nl", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    expected = ("409 (Conflict)", "403 (Forbidden)")  # the gate's page and the refusals
    page.on(
        "console",
        lambda msg: (
            msg.type == "error" and not msg.text.endswith(expected) and problems.append(msg.text)
        ),
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    _login(page, live_server.url, "hr")
    page.get_by_role("link", name="Medewerkersonderzoeken").first.click()
    page.locator("#id_title").fill("Pulse november")
    page.get_by_label("Gehouden op").fill("2026-11-15")
    page.get_by_label("Exportbestand (CSV of XLSX)").set_input_files(str(export))
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_role("heading", name="Kies de kolommen — Pulse november")).to_be_visible()
    expect(page.locator("#id_department")).to_have_value("Afdeling")  # guessed
    expect(page.get_by_role("checkbox", name="Naam", exact=True)).not_to_be_checked()
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Het onderzoek is geïmporteerd.")).to_be_visible()
    expect(
        page.get_by_text("niet getoond: te weinig antwoorden om anoniem te blijven").first
    ).to_be_visible()
    page.get_by_role("link", name="Productie").click()
    expect(page.get_by_role("heading", name="Pulse november — Productie")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Werkdruk")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Nachtdienst")).to_be_visible()
    page.screenshot(path=screenshots / "analytics-team-themes-nl.png", full_page=True)
    page.get_by_role("link", name="Alle onderzoeken").click()
    page.locator("#id_open-title").fill("Pulse december")
    page.get_by_role("button", name="Het onderzoek openen").click()
    expect(page.get_by_text("Het onderzoek is open")).to_be_visible()

    _login(page, live_server.url, "employee")  # answers from the start page, on the record
    page.get_by_role("link", name="Een medewerkersonderzoek wacht op je antwoord").click()
    for name, _text in questions.STATEMENTS:
        page.locator(f"input[name={name}][value='4']").check()
    page.locator(f"input[name={questions.RECOMMEND}][value='8']").check()
    page.get_by_label("Wat zou het werken hier beter maken? (niet verplicht)").fill("Meer overleg")
    page.screenshot(path=screenshots / "analytics-answer-nl.png", full_page=True)
    page.get_by_role("button", name="Mijn antwoord versturen").click()
    expect(page.get_by_text("Dank je. Je antwoord telt anoniem mee.")).to_be_visible()
    expect(
        page.get_by_role("link", name="Een medewerkersonderzoek wacht op je antwoord")
    ).to_have_count(0)

    _login(page, live_server.url, "or")
    page.get_by_role("link", name="Medewerkersonderzoeken").first.click()
    page.get_by_role("link", name="Pulse november").click()
    expect(page.get_by_role("heading", name="Wat mensen schreven")).to_be_visible()
    expect(page.get_by_text("bel Sanne")).to_have_count(0)  # the name is masked
    page.get_by_role("link", name="Behoudsrisico").first.click()
    expect(page.get_by_role("heading", name="Deze AI-functie is niet actief")).to_be_visible()
    expect(page.get_by_text("De ondernemingsraad heeft ingestemd")).to_be_visible()
    page.screenshot(path=screenshots / "analytics-gate-nl.png", full_page=True)

    consent_demo()  # the second demo step: consent, DPIA, overseer, the model's run
    page.reload()
    expect(page.get_by_role("heading", name="Per team")).to_be_visible()
    expect(page.get_by_role("heading", name="Eerlijkheid van de signalen")).to_be_visible()
    expect(
        page.get_by_role("link", name="Signalen per persoon (vastgelegd, met een reden)")
    ).to_have_count(0)
    page.screenshot(path=screenshots / "analytics-team-view-nl.png", full_page=True)

    _login(page, live_server.url, "manager")
    expect(page.get_by_role("link", name="Behoudsrisico")).to_have_count(0)
    score = RiskScore.objects.order_by("-risk").first()
    for path in ("/analytics/retention/", f"/analytics/retention/people/{score.pk}/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 403
    context.close()
    assert problems == []
