"""HR drafts a reference from an employee's record, edits a sentence, approves and downloads
the PDF — in a real Chromium, in Dutch; the PDF is rendered to a PNG in test-output/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2
import pytest

from mensenwerk.core.demo import load_demo
from mensenwerk.core.models import User
from mensenwerk.governance.demo import load_governance_demo
from tests.trust import activate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_drafts_edits_approves_and_downloads_a_reference(
    browser, live_server, screenshots: Path, tmp_path: Path
) -> None:
    load_demo("demo")
    load_governance_demo()
    hr = User.objects.get(username="hr")
    activate("drafting", hr)
    person = User.objects.get(username="employee").person
    person.end_date = date(2026, 10, 31)
    person.save()
    problems: list[str] = []
    context = browser.new_context(
        locale="nl", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/?next=/people/{person.pk}/")
    page.get_by_label("Gebruikersnaam").fill("hr")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_label("Wachtwoord").press("Enter")
    page.get_by_role("link", name="Opstellen: Getuigschrift").click()
    page.get_by_label("Plaats van ondertekening").fill("Deventer")
    page.get_by_label("Je functie onder de handtekening").fill("HR-manager")
    page.get_by_label("Taken").fill("Ontwerpen van machineframes\nBerekeningen in SolidWorks")
    page.screenshot(path=screenshots / "drafting-form-nl.png", full_page=True)
    page.get_by_role("button", name="Document opstellen").click()
    text = page.get_by_label("Tekst")
    assert "tot en met 31 oktober 2026" in text.input_value()
    text.fill(text.input_value().replace("Wij wensen", "Wij danken Daan voor zijn inzet en wensen"))
    page.get_by_role("button", name="Tekst opslaan").click()
    page.get_by_role("button", name="Goedkeuren").click()
    assert page.locator("p.lead").inner_text().startswith("Goedgekeurd")
    page.screenshot(path=screenshots / "drafting-approved-nl.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    saved = tmp_path / "getuigschrift.pdf"
    download.value.save_as(saved)
    pdf = pypdfium2.PdfDocument(str(saved))
    content = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert "Wij danken Daan voor zijn inzet" in content and "31 oktober 2026" in content
    pdf[0].render(scale=1.5).to_pil().save(screenshots / "drafting-reference-pdf.png")
    pdf.close()
    assert problems == []
    context.close()
