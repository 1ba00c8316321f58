"""HR starts onboarding from a hire in recruitment and accepts the proposal; the new colleague
ticks off a task on a phone through the personal link; the manager sees the progress — in a
real Chromium, in Dutch."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from mensenwerk.core.demo import load_demo
from mensenwerk.core.models import Person, User
from mensenwerk.governance.demo import load_governance_demo
from mensenwerk.recruitment.models import Application, Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _hired() -> Application:
    manager = User.objects.get(username="manager")
    vacancy = Vacancy.objects.create(
        title="Werktuigbouwkundig engineer", description="Ontwerpen.", status="closed",
        hiring_manager=manager, department=manager.person.department,
    )  # fmt: skip
    candidate = Person.objects.create(
        kind="candidate", first_name="Lina", last_name="Mertens", email="lina@example.org"
    )
    return Application.objects.create(
        vacancy=vacancy, person=candidate, pseudonym="K-LINA", stored_name="cv", stage="hired",
        status_key_hash="lina", revealed_at=timezone.now(),
    )  # fmt: skip


def _login(page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_label("Wachtwoord").press("Enter")


def test_hr_plans_from_a_hire_the_new_colleague_ticks_on_a_phone_the_manager_follows(
    browser, live_server, screenshots: Path
) -> None:
    load_demo("demo")
    load_governance_demo()
    application = _hired()
    problems: list[str] = []
    desk = browser.new_context(locale="nl", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    _login(page, live_server.url, "hr")
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    page.get_by_role("link", name="Onboarding starten").click()
    start = timezone.localdate() + timedelta(days=12)
    page.get_by_label("Datum in dienst").fill(start.isoformat())
    page.get_by_label("Contract").select_option("permanent")
    page.get_by_role("button", name="Record maken en plan voorstellen").click()
    assert page.locator("h1").inner_text() == "Inwerkplan: Lina Mertens"
    assert page.get_by_text("omdat de afdeling Engineering is").count() >= 1  # the reason
    page.screenshot(path=screenshots / "onboarding-proposal-nl.png", full_page=True)
    page.get_by_label("Plan accepteren").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    assert "Actief" in page.locator("p.lead").inner_text()
    page.get_by_role("button", name="Persoonlijke link maken").click()
    link = page.locator(".token").inner_text().strip()
    assert "/onboarding/welcome/" in link

    phone = browser.new_context(locale="nl", viewport={"width": 390, "height": 844}, is_mobile=True)
    mobile = phone.new_page()
    mobile.on("pageerror", lambda exc: problems.append(str(exc)))
    mobile.goto(link)
    assert mobile.locator("h1").inner_text() == "Welkom, Lina"
    task = mobile.locator("li", has_text="Lees 'Je eerste werkdag'")
    task.get_by_role("button", name="Klaar").click()
    assert "✓ gedaan" in mobile.locator("li", has_text="Lees 'Je eerste werkdag'").inner_text()
    wide = mobile.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the phone page scrolls sideways ({wide}px)"
    mobile.screenshot(path=screenshots / "onboarding-phone-nl.png", full_page=True)
    phone.close()

    desk.close()
    desk = browser.new_context(locale="nl", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    _login(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/onboarding/")
    row = page.locator("tr", has_text="Lina Mertens")
    assert "1/" in row.inner_text()
    page.screenshot(path=screenshots / "onboarding-manager-nl.png", full_page=True)
    assert problems == []
    desk.close()
