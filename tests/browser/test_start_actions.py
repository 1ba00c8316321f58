"""HR's morning in Dutch: the start page lists what waits, most urgent first; each action
opens the page where it is done. A real Chromium over the whole demo, screenshots kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_walks_the_start_pages_actions_in_dutch(browser, live_server, screenshots: Path):
    from mensenwerk.demo import build_demo

    build_demo("demo")
    problems: list[str] = []
    context = browser.new_context(locale="nl", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("hr")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url(f"{live_server.url}/start/")
    expect(page.get_by_role("heading", name="Mijn acties")).to_be_visible()
    page.screenshot(path=screenshots / "start-actions-hr-nl.png", full_page=True)
    actions = page.locator("ol.my-actions > li > a")
    count = actions.count()
    assert count >= 4, "the demo leaves HR several things to do"
    urgencies = page.locator("ol.my-actions > li").evaluate_all(
        "items => items.map(i => [...i.classList].find(c => c.startsWith('urgency-')))"
    )
    levels = [int(u.removeprefix("urgency-")) for u in urgencies]  # 0 now, 1 soon, 2 later
    assert levels == sorted(levels) and levels[0] == 0
    for index in range(count):
        link = page.locator("ol.my-actions > li > a").nth(index)
        text = link.inner_text()
        link.click()
        page.wait_for_load_state()
        expect(page.locator("h1").first).to_be_visible()
        assert "/accounts/login/" not in page.url, text
        page.screenshot(path=screenshots / f"start-action-{index + 1}-nl.png", full_page=True)
        page.go_back()
        page.wait_for_url(f"{live_server.url}/start/")
    assert problems == []
    context.close()
