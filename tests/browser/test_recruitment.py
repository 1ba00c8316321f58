"""A candidate applies on the public page; the recruiter reviews blind in the side panel and
decides — in a real Chromium, keyboard-usable, without console errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mensenwerk.core.demo import load_demo
from mensenwerk.governance.demo import load_governance_demo
from mensenwerk.recruitment.demo import DEMO_VACANCY, load_recruitment_demo
from mensenwerk.recruitment.models import Application
from tests.files import pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_applies_publicly_and_reviews_blind_in_the_side_panel(
    browser, live_server, screenshots: Path, tmp_path: Path
) -> None:
    load_demo("demo")
    load_governance_demo()
    load_recruitment_demo()
    problems: list[str] = []

    context = browser.new_context(locale="nl", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.goto(f"{live_server.url}/apply/{DEMO_VACANCY}/")
    expect(page.get_by_role("heading", name="Hoe wij AI gebruiken")).to_be_visible()
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Haddou")
    page.get_by_label("E-mail").fill("noor@example.nl")
    cv = tmp_path / "noor.pdf"
    cv.write_bytes(
        pdf(
            [
                "Noor Haddou",
                "Werkervaring",
                "2018 - heden CNC-frezer bij Atlas Metaal",
                "CNC-frezen met Heidenhain, technische tekeningen lezen.",
                "Opleiding",
                "MBO Werktuigbouwkunde",
            ]
        )
    )
    page.locator("input[type=file]").set_input_files(str(cv))
    page.screenshot(path=screenshots / "apply-nl.png", full_page=True)
    page.get_by_role("button", name="Sollicitatie versturen").click()
    heading = page.get_by_role("heading", name="Jouw sollicitatie: CNC-verspaner (m/v/x)")
    expect(heading).to_be_visible()
    context.close()
    pseudonym = Application.objects.get(person__email="noor@example.nl").pseudonym

    context = browser.new_context(locale="en", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/?next=/vacancies/")
    page.get_by_label("Username").fill("recruiter")
    page.get_by_label("Password").fill("demo")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="CNC-verspaner (m/v/x)").click()
    page.get_by_role("link", name="Candidates").first.click()
    assert "Noor" not in page.content()
    page.get_by_role("link", name=pseudonym).click()  # HTMX loads the side panel
    panel = page.locator("#panel")
    panel.get_by_role("heading", name=f"Candidate {pseudonym}").wait_for()
    expect(panel.get_by_text("Heidenhain").first).to_be_visible()
    assert page.url.endswith("/candidates")  # still the list: the panel came in place
    page.screenshot(path=screenshots / "review-panel-en.png", full_page=True)
    panel.get_by_role("radio", name="Reject").check()
    panel.get_by_role("button", name="Record decision").click()
    # refused in the panel itself: the list stays, the choice is kept, the error is by the field
    panel.get_by_text("A reason is required").wait_for()
    assert page.url.endswith("/candidates")
    assert panel.get_by_role("radio", name="Reject").is_checked()
    panel.get_by_role("textbox", name="Reason").fill("Andere kandidaten hebben meer ervaring")
    panel.get_by_role("button", name="Record decision").click()
    panel.get_by_role("button", name="Record decision").wait_for(state="detached")
    assert Application.objects.get(pseudonym=pseudonym).stage == "rejected"
    assert problems == []
    context.close()


def test_hr_builds_a_vacancy_row_by_row(browser, live_server, screenshots: Path) -> None:
    load_demo("demo")
    load_governance_demo()
    problems: list[str] = []
    context = browser.new_context(locale="nl", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/?next=/vacancies/new/")
    page.get_by_label("Gebruikersnaam").fill("hr")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_label("Wachtwoord").press("Enter")
    page.get_by_label("Titel").fill("Lasser (m/v/x)")
    page.get_by_label("Vacaturetekst").fill("Wij zoeken een lasser voor onze fabriek.")
    names = page.get_by_label("Criterium", exact=True)
    expect(names).to_have_count(3)  # three empty rows to start with
    page.get_by_role("button", name="Criterium toevoegen").click()
    expect(names).to_have_count(4)
    names.nth(0).fill("MIG/MAG-lassen")
    names.nth(3).fill("VCA")
    page.get_by_label("Soort").nth(3).select_option("nice_to_have")
    page.get_by_label("Gewicht").nth(3).fill("2")
    page.locator("select[name=languages-0-language]").select_option("nl")
    page.locator("select[name=languages-0-level]").select_option("B1")
    page.get_by_label("Leidinggevende van de vacature").select_option(index=1)
    page.screenshot(path=screenshots / "vacancy-form-nl.png", full_page=True)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r".*/vacancies/\d+/$"))
    criteria = page.locator("table").first.inner_text()
    assert "MIG/MAG-lassen" in criteria and "VCA" in criteria and "Nederlands (B1)" in criteria
    assert problems == []
    context.close()
