"""Log in as every demo role, open the start page in Dutch and English, keep a screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mensenwerk.core.demo import load_demo
from mensenwerk.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPECTED = {"nl": ("Mijn acties", "Uitloggen"), "en": ("My actions", "Log out")}


def test_it_shows_every_role_its_start_page_in_both_languages(
    browser, live_server, screenshots: Path
) -> None:
    load_demo("demo")
    for role in Role:
        for language, (heading, logout) in EXPECTED.items():
            context = browser.new_context(locale=language, viewport={"width": 1280, "height": 800})
            page = context.new_page()
            problems: list[str] = []
            page.on("console", lambda msg, p=problems: msg.type == "error" and p.append(msg.text))
            page.on("pageerror", lambda exc, p=problems: p.append(str(exc)))
            page.goto(f"{live_server.url}/")
            page.get_by_label("Gebruikersnaam" if language == "nl" else "Username").fill(role)
            page.get_by_label("Wachtwoord" if language == "nl" else "Password").fill("demo")
            page.keyboard.press("Enter")  # keyboard only: the form must work without a mouse
            page.wait_for_url(f"{live_server.url}/start/")
            expect(page.get_by_role("heading", name=heading)).to_be_visible()
            expect(page.get_by_role("button", name=logout)).to_be_visible()
            assert page.locator("html").get_attribute("lang") == language
            page.screenshot(path=screenshots / f"start-{role.value}-{language}.png", full_page=True)
            assert problems == [], f"{role} {language}: {problems}"
            context.close()


def test_it_switches_language_and_shows_import_progress(browser, live_server, screenshots) -> None:
    load_demo("demo")
    context = browser.new_context(locale="nl")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("hr")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wisselen").click()
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    page.get_by_role("link", name="Import employees").first.click()
    page.get_by_label("Export file (CSV or XLSX)").set_input_files(
        files=[
            {
                "name": "afas.csv",
                "mimeType": "text/csv",
                "buffer": (b"Medewerker;Roepnaam;Achternaam\r\n9001;Noa;Postma\r\n9002;;Kok\r\n"),
            }
        ]
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("button", name="Import").click()
    # tasks run inline in tests, so the page arrives with the finished job
    expect(page.get_by_text("Rows with errors (not imported)")).to_be_visible()
    assert page.locator("progress").get_attribute("value") == "100"
    page.screenshot(path=screenshots / "import-result-en.png", full_page=True)
    context.close()


def test_it_walks_the_trust_layer_as_works_council_dpo_and_hr(
    browser, live_server, screenshots
) -> None:
    from mensenwerk.governance.demo import load_governance_demo

    load_demo("demo")
    load_governance_demo()
    for role, path, text, shot in [
        ("or", "/register/", "AI-register", "register-or-nl"),
        ("hr", "/register/hr-assistant/", "Niet actief: wat ontbreekt", "gate-hr-nl"),
        ("dpo", "/audit/", "Intact.", "audit-dpo-nl"),
        ("dpo", "/rights/", "Rechtenverzoeken", "rights-dpo-nl"),
        (
            "or",
            "/register/cv-screening/documents/agreement/nl/",
            "Regeling AI-gebruik",
            "agreement-or-nl",
        ),
    ]:
        context = browser.new_context(locale="nl")
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/?next={path}")
        page.get_by_label("Gebruikersnaam").fill(role)
        page.get_by_label("Wachtwoord").fill("demo")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(f"{live_server.url}{path}")
        expect(page.get_by_text(text).first).to_be_visible()
        page.screenshot(path=screenshots / f"{shot}.png", full_page=True)
        context.close()
