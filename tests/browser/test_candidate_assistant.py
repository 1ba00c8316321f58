"""A candidate on a vacancy page asks the assistant about the conditions and about the job
itself (answered from the vacancy's own text), opens the cited source, and sends a question
the documents do not answer to the recruiters — in a real Chromium, on a phone, without an
account."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mensenwerk.assistant.demo import load_assistant_demo
from mensenwerk.assistant.models import Escalation
from mensenwerk.core.demo import load_demo
from mensenwerk.governance.demo import load_governance_demo
from mensenwerk.recruitment.demo import DEMO_VACANCY, load_recruitment_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_candidate_asks_on_the_vacancy_page(browser, live_server, screenshots: Path) -> None:
    load_demo("demo")
    load_governance_demo()
    load_assistant_demo()
    load_recruitment_demo()
    problems: list[str] = []
    phone = browser.new_context(locale="nl", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(f"{live_server.url}/apply/{DEMO_VACANCY}/")
    page.get_by_role("link", name="Vraag het onze assistent").click()
    expect(page.get_by_role("heading", name="Vragen over werken bij ons")).to_be_visible()
    expect(page.get_by_text("Je praat met een AI-assistent.")).to_be_visible()
    page.get_by_label("Je vraag").fill("Krijg ik reiskosten als ik met de fiets kom?")
    page.get_by_role("button", name="Vragen", exact=True).click()
    expect(page.get_by_text("€ 0,23 per kilometer")).to_be_visible()
    page.screenshot(path=screenshots / "candidate-assistant-phone-nl.png", full_page=True)
    page.get_by_role(
        "link", name="Werken bij Van der Molen (voor sollicitanten) › Arbeidsvoorwaarden"
    ).click()
    expect(page.locator("section.cited")).to_contain_text("Reiskostenvergoeding")
    page.go_back()
    page.get_by_label("Je vraag").fill("Welke opleiding moet ik hebben voor deze baan?")
    page.get_by_role("button", name="Vragen", exact=True).click()
    expect(page.get_by_text("mbo-opleiding werktuigbouwkunde").first).to_be_visible()
    expect(page.get_by_role("link", name="CNC-verspaner (m/v/x)").first).to_be_visible()
    page.get_by_label("Je vraag").fill("Hebben jullie een bedrijfsfitnessregeling?")
    page.get_by_role("button", name="Vragen", exact=True).click()
    expect(page.get_by_text("Dat staat niet in onze openbare documenten.")).to_be_visible()
    page.get_by_label("Je e-mailadres").fill("kim@example.org")
    page.get_by_label("Stuur mijn vraag naar de recruiters.").check()
    page.get_by_role("button", name="Naar de recruiters sturen").click()
    expect(page.get_by_text("Je vraag ligt bij onze recruiters").first).to_be_visible()
    wide = page.evaluate("document.documentElement.scrollWidth")
    phone.close()
    assert Escalation.objects.filter(contact_email="kim@example.org", asked_by=None).exists()
    assert wide <= 390, f"the phone page scrolls sideways ({wide}px)"
    assert problems == []
