"""An employee asks the HR assistant on a phone-sized screen, follows the citation, sends an
unanswered question to HR with consent, and HR replies in Dutch — in a real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mensenwerk.assistant.demo import load_assistant_demo
from mensenwerk.assistant.models import Escalation
from mensenwerk.core.demo import load_demo
from mensenwerk.governance.demo import load_governance_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, url: str, username: str, user_label: str, password_label: str, to: str) -> None:
    page.goto(f"{url}/accounts/login/?next={to}")
    page.get_by_label(user_label).fill(username)
    page.get_by_label(password_label).fill("demo")
    page.get_by_label(password_label).press("Enter")


def test_employee_asks_and_hr_replies(browser, live_server, screenshots: Path) -> None:
    load_demo("demo")
    load_governance_demo()
    load_assistant_demo()
    Escalation.objects.all().delete()
    problems: list[str] = []

    phone = browser.new_context(locale="en", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    _login(page, live_server.url, "employee", "Username", "Password", "/assistant/")
    expect(page.get_by_text("You are talking to an AI assistant.")).to_be_visible()
    # the question box is above the fold: the menu folds behind one button on a phone
    box = page.get_by_label("Your question").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 844
    expect(page.get_by_role("link", name="My data")).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("link", name="My data")).to_be_visible()
    page.get_by_text("Menu", exact=True).click()
    page.get_by_label("Your question").fill("How do I report sick?")
    page.get_by_role("button", name="Ask", exact=True).click()
    answer = page.locator("article.answer").first
    assert "Ziekmelden" in answer.inner_text()
    page.screenshot(path=screenshots / "assistant-phone-en.png", full_page=True)
    answer.get_by_role("link").first.click()
    expect(page.locator("section.cited")).to_be_visible()
    page.go_back()
    page.get_by_label("Your question").fill("Can I bring my dog to the office?")
    page.get_by_role("button", name="Ask", exact=True).click()
    first = page.locator("article.answer").first
    assert "That is not in the documents I know." in first.inner_text()
    first.get_by_role("button", name="Ask HR").click()  # consent not ticked: the browser stops it
    assert not Escalation.objects.exists()
    first.get_by_label("Send my question to HR. HR will see that I asked it.").check()
    first.get_by_role("button", name="Ask HR").click()
    expect(page.get_by_text("Your question is with HR. Their reply appears here.")).to_be_visible()
    phone.close()

    desk = browser.new_context(locale="nl", viewport={"width": 1300, "height": 900})
    page = desk.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    _login(page, live_server.url, "hr", "Gebruikersnaam", "Wachtwoord", "/assistant/inbox/")
    page.get_by_role("link", name="Can I bring my dog to the office?").click()
    page.get_by_role("textbox", name="Antwoord").fill("Honden mogen niet mee, behalve hulphonden.")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Je antwoord is verstuurd.")).to_be_visible()
    page.goto(f"{live_server.url}/assistant/gaps/")
    expect(page.get_by_role("heading", name="Hiaten en cijfers")).to_be_visible()
    page.screenshot(path=screenshots / "assistant-gaps-nl.png", full_page=True)
    desk.close()
    assert problems == []
