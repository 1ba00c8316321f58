"""The manager opens the team's heatmap, opens an engineer, proposes a development plan and
agrees it; the engineer agrees on a phone — in a real Chromium, in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mensenwerk.core.demo import load_demo
from mensenwerk.governance.demo import load_governance_demo
from mensenwerk.skills.demo import load_skills_demo
from mensenwerk.skills.models import DevelopmentPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_label("Wachtwoord").press("Enter")


def test_manager_agrees_a_plan_from_the_heatmap_and_the_employee_agrees(
    browser, live_server, screenshots: Path
) -> None:
    load_demo("demo")
    load_governance_demo()
    load_skills_demo()
    problems: list[str] = []
    desk = browser.new_context(locale="nl", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    _login(page, live_server.url, "manager")
    page.get_by_role("link", name="Vaardigheden en leren").first.click()
    page.get_by_role("link", name="Engineering").click()
    expect(page.get_by_role("heading", name="Vaardigheden van Engineering")).to_be_visible()
    expect(page.locator("table.heatmap td[class^=heat-]").first).to_be_visible()
    page.screenshot(path=screenshots / "skills-heatmap-nl.png", full_page=True)
    page.get_by_role("link", name="Daan Bakker").click()
    expect(page.get_by_role("heading", name="Vaardigheden van Daan Bakker")).to_be_visible()
    expect(page.get_by_text("uit eigen cv of certificaat")).to_be_visible()  # with consent
    page.get_by_role("button", name="Ontwikkelplan voorstellen").click()
    expect(page.get_by_text("Voorgesteld door software")).to_be_visible()
    expect(page.get_by_role("cell", name="SolidWorks basis")).to_be_visible()
    expect(page.get_by_text("SolidWorks, niveau 1 → 2")).to_be_visible()  # why this course
    page.screenshot(path=screenshots / "skills-proposal-nl.png", full_page=True)
    page.get_by_label("Plan afspreken").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Vastgelegd in de audittrail.")).to_be_visible()
    expect(page.get_by_text("wacht op instemming van de medewerker")).to_be_visible()
    desk.close()

    phone = browser.new_context(locale="nl", viewport={"width": 390, "height": 844}, is_mobile=True)
    mobile = phone.new_page()
    mobile.on("pageerror", lambda exc: problems.append(str(exc)))
    _login(mobile, live_server.url, "employee")
    mobile.goto(f"{live_server.url}/skills/my/")
    mobile.get_by_role("button", name="Ik stem in met dit plan").click()
    expect(mobile.get_by_text("Je hebt ingestemd met je ontwikkelplan.")).to_be_visible()
    mobile.screenshot(path=screenshots / "skills-agreed-phone-nl.png", full_page=True)
    wide = mobile.evaluate("document.documentElement.scrollWidth")
    phone.close()
    plan = DevelopmentPlan.objects.get(person__user__username="employee")
    assert plan.status == "agreed" and plan.employee_agreed_at is not None
    assert wide <= 390, f"the phone page scrolls sideways ({wide}px)"
    assert problems == []
