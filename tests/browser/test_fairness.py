"""The works council reads the fairness figures and a published audit report, and HR records
what was done about an alert — in a real Chromium, with the charts drawn, no console errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mensenwerk.bias.demo import HISTORY_VACANCY, load_history_demo
from mensenwerk.bias.models import BiasAlert
from mensenwerk.core.demo import load_demo
from mensenwerk.governance.demo import load_governance_demo
from mensenwerk.recruitment.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, url: str, username: str, label_user: str, label_password: str) -> None:
    page.goto(f"{url}/accounts/login/?next=/fairness/")
    page.get_by_label(label_user).fill(username)
    page.get_by_label(label_password).fill("demo")
    page.get_by_label(label_password).press("Enter")


def test_fairness_page_charts_report_and_alert(browser, live_server, screenshots: Path) -> None:
    load_demo("demo")
    load_governance_demo()
    load_history_demo()
    vacancy = Vacancy.objects.get(public_id=HISTORY_VACANCY)
    problems: list[str] = []

    context = browser.new_context(locale="en", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    _login(page, live_server.url, "hr", "Username", "Password")
    page.get_by_label("Vacancy").select_option(str(vacancy.pk))
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("heading", name="Fairness of the selection")).to_be_visible()
    expect(page.locator("canvas[data-chart][data-drawn=true]")).to_have_count(2)  # gender, age
    expect(page.get_by_text("needs human review").first).to_be_visible()
    page.screenshot(path=screenshots / "fairness-en.png", full_page=True)
    # HR records what was done about the first open alert
    page.locator("#alerts textarea").first.fill("Besluiten met de leidinggevende nagelopen.")
    page.locator("#alerts").get_by_role("button", name="Record").first.click()
    expect(page.get_by_text("Recorded in the audit trail.")).to_be_visible()
    assert BiasAlert.objects.filter(status="handled").count() == 1
    page.get_by_label("Vacancy").select_option(str(vacancy.pk))
    page.get_by_role("button", name="Show", exact=True).click()
    page.get_by_role("button", name="Publish a bias-audit report of this selection").click()
    expect(page.get_by_role("heading", name="1. Data source and explanation")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith("-en.pdf")
    context.close()

    # the works council, in Dutch: sees the figures and the report, cannot handle alerts
    context = browser.new_context(locale="nl", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    _login(page, live_server.url, "or", "Gebruikersnaam", "Wachtwoord")
    expect(page.get_by_role("heading", name="Eerlijkheid van de selectie")).to_be_visible()
    expect(page.locator("#alerts textarea")).to_have_count(0)
    expect(page.get_by_text("een mens moet dit bekijken").first).to_be_visible()
    page.screenshot(path=screenshots / "fairness-nl-works-council.png", full_page=True)
    page.locator("a", has_text="Productiemedewerker").first.click()
    expect(page.get_by_role("heading", name="1. Gegevensbron en toelichting")).to_be_visible()
    context.close()
    assert problems == []
