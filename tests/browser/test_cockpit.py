"""The adoption cockpit in a real Chromium: HR ranks use cases and ticks off the TRUST plan
with evidence, the director reads the ROI and downloads the business case, the works council
reads the KPIs without costs — charts drawn, no console errors, screenshots saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mensenwerk.adoption.demo import load_adoption_demo
from mensenwerk.adoption.models import TrustItem
from mensenwerk.assistant.demo import load_assistant_demo
from mensenwerk.bias.demo import load_history_demo
from mensenwerk.core.demo import load_demo
from mensenwerk.governance.demo import load_governance_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, url: str, username: str, user_label: str, password_label: str) -> None:
    page.goto(f"{url}/accounts/login/?next=/cockpit/")
    page.get_by_label(user_label).fill(username)
    page.get_by_label(password_label).fill("demo")
    page.get_by_label(password_label).press("Enter")


def test_cockpit_as_hr_director_and_works_council(
    browser, live_server, screenshots: Path, tmp_path: Path
) -> None:
    load_demo("demo")
    load_governance_demo()
    load_history_demo()
    load_assistant_demo()
    load_adoption_demo()
    problems: list[str] = []

    def open_as(username: str, locale: str):
        context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        labels = ("Username", "Password") if locale == "en" else ("Gebruikersnaam", "Wachtwoord")
        _login(page, live_server.url, username, *labels)
        return context, page

    # HR admin: the overview, the ranked catalogue, a TRUST action done with its evidence
    context, page = open_as("hr", "en")
    expect(page.get_by_role("heading", name="Adoption cockpit")).to_be_visible()
    kpi = page.get_by_role("cell", name="Adoptie HR-assistent (actief in 30 dagen)")
    expect(kpi).to_be_visible()
    page.screenshot(path=screenshots / "cockpit-hr-en.png", full_page=True)
    page.get_by_role("link", name="Use cases", exact=True).click()
    first = page.locator("tbody tr").first
    assert "Onboarding-assistent" in first.inner_text()
    assert "quick win" in first.inner_text()
    page.wait_for_selector("canvas[data-chart][data-drawn=true]")
    # a laptop's 1,366 px: the table and the matrix fit without scrolling sideways
    page.set_viewport_size({"width": 1366, "height": 768})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    table_right = page.evaluate("document.querySelector('table').getBoundingClientRect().right")
    assert table_right <= 1366
    page.screenshot(path=screenshots / "cockpit-use-cases-en.png", full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.get_by_role("link", name="TRUST plan").click()
    item = TrustItem.objects.filter(status="todo").first()
    page.get_by_role("link", name=item.label).click()
    page.get_by_label("Status").select_option("done")
    evidence = tmp_path / "aanwezigheidslijst.txt"
    evidence.write_text("Sessie 12 november: 14 deelnemers")
    page.get_by_label("evidence (file, at most 5 MB)").set_input_files(str(evidence))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.get_by_role("link", name="aanwezigheidslijst.txt")).to_be_visible()
    item.refresh_from_db()
    assert item.status == "done"
    assert bytes(item.evidence).startswith(b"Sessie 12")
    page.get_by_role("link", name="KPIs").click()
    page.wait_for_selector("canvas[data-chart][data-drawn=true]")
    assert page.locator("canvas[data-chart][data-drawn=true]").count() >= 10
    page.screenshot(path=screenshots / "cockpit-kpis-en.png", full_page=True)
    page.get_by_role("link", name="Roadmap and budget").click()
    page.wait_for_selector("canvas[data-chart=gantt][data-drawn=true]")
    page.screenshot(path=screenshots / "cockpit-roadmap-en.png", full_page=True)
    context.close()

    # the director: reads the ROI, cannot edit, downloads the business case
    context, page = open_as("director", "en")
    page.get_by_role("link", name="ROI", exact=True).first.click()
    expect(page.get_by_role("heading", name="ROI and business case")).to_be_visible()
    expect(page.get_by_text("partly estimates").first).to_be_visible()
    expect(page.get_by_role("link", name="Add a benefit")).to_have_count(0)
    page.screenshot(path=screenshots / "cockpit-roi-director-en.png", full_page=True)
    page.get_by_role("link", name="Overview").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Business case (EN)").click()
    assert download.value.suggested_filename.endswith("-en.pdf")
    context.close()

    # the works council, in Dutch: KPIs and the TRUST plan, no costs, no owners
    context, page = open_as("or", "nl")
    expect(page.get_by_role("heading", name="Adoptiecockpit")).to_be_visible()
    expect(page.get_by_role("link", name="ROI")).to_have_count(0)
    expect(page.get_by_text("EUR")).to_have_count(0)
    page.get_by_role("link", name="TRUST-plan").click()
    expect(page.get_by_role("columnheader", name="Eigenaar")).to_have_count(0)
    page.get_by_role("link", name="KPI's").click()
    page.wait_for_selector("canvas[data-chart][data-drawn=true]")
    assert page.locator("canvas[data-chart][data-drawn=true]").count() >= 10
    page.screenshot(path=screenshots / "cockpit-kpis-or-nl.png", full_page=True)
    assert problems == []
    response = page.goto(f"{live_server.url}/cockpit/roi/")
    assert response is not None
    assert response.status == 403
    problems.clear()  # the browser logs the refused page itself as an error
    page.goto(f"{live_server.url}/cockpit/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Rapportage ondernemingsraad (NL)").click()
    assert download.value.suggested_filename.startswith("works-council-")
    context.close()

    assert problems == []
