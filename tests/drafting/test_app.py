"""Drafting in the app: HR drafts from an employee's record, edits, approves, downloads; the
employee reads and comments; nobody else sees it; on the trail; in the access report; erased."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from mensenwerk.core.models import JobRole, Person
from mensenwerk.drafting import services
from mensenwerk.drafting.models import Document
from mensenwerk.governance import rights
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AIApplication, AuditEntry
from tests.trust import activate

pytestmark = pytest.mark.django_db

FORM = {
    "language": "nl",
    "place": "Deventer",
    "date": "2026-11-30",
    "signatory_title": "HR-manager",
    "role": "",
    "pronoun": "name",
    "tasks": "CNC-frezen van enkelstuks\nProgrammeren op Heidenhain",
    "achievements": "",
    "performance": "",
    "reason_for_leaving": "",
}


@pytest.fixture
def employee(team, users) -> Person:
    """Daan Bakker: the employee user's own record, leaving at the end of October."""
    person = team["report"]
    person.job_role = JobRole.objects.create(title="CNC-verspaner")
    person.start_date, person.end_date = date(2019, 3, 1), date(2026, 10, 31)
    person.contract_hours = 38
    person.save()
    activate("drafting", users["hr"])
    return person


def _draft(client, users, person, **change) -> Document:
    client.force_login(users["hr"])
    url = reverse("drafting:new", args=[person.pk, "reference"])
    response = client.post(url, {**FORM, **change}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Document.objects.latest("pk")


def test_hr_drafts_a_reference_from_the_record_on_the_trail(client, users, employee) -> None:
    client.force_login(users["hr"])
    page = client.get(reverse("core:person", args=[employee.pk])).content.decode()
    assert reverse("drafting:new", args=[employee.pk, "reference"]) in page
    document = _draft(client, users, employee)
    assert "van 1 maart 2019 tot en met 31 oktober 2026" in document.text
    assert "als CNC-verspaner" in document.text and "38 uur per week" in document.text
    assert "Deventer, 30 november 2026" in document.text
    entry = document.output_entry
    assert entry.kind == AuditEntry.Kind.OUTPUT and entry.application == "drafting"
    assert entry.payload.data["output"]["sentences"][0]["facts"][:2] == ["organisation", "name"]
    shown = client.get(reverse("drafting:document", args=[document.pk])).content.decode()
    assert "start_date" in shown  # which fact each sentence states


def test_nothing_is_drafted_while_drafting_is_switched_off(client, users, employee) -> None:
    trust.do_deactivate(AIApplication.objects.get(slug="drafting"), users["hr"], "test")
    client.force_login(users["hr"])
    url = reverse("drafting:new", args=[employee.pk, "reference"])
    page = client.post(url, FORM, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Drafting is switched off" in page
    assert not Document.objects.exists()


def test_a_fact_the_record_lacks_is_asked_for_not_guessed(client, users, employee) -> None:
    Person.objects.filter(pk=employee.pk).update(job_role=None, end_date=None)
    client.force_login(users["hr"])
    url = reverse("drafting:new", args=[employee.pk, "reference"])
    page = client.post(url, FORM, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fill in the job role" in page
    page = client.post(url, {**FORM, "role": "Verspaner"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Fill in the end date" in page.content.decode()
    assert not Document.objects.exists()
    response = client.post(url, {**FORM, "role": "Verspaner", "end_date": "2026-10-31"})
    assert response.status_code == 302


def test_an_edit_and_the_approval_are_recorded_and_only_then_it_downloads(
    client, users, employee
) -> None:
    document = _draft(client, users, employee)
    url = reverse("drafting:document", args=[document.pk])
    pdf = reverse("drafting:download", args=[document.pk, "pdf"])
    assert client.get(pdf).status_code == 302  # not approved yet
    edited = document.text.replace("Wij wensen", "Wij danken Daan Bakker en wensen")
    client.post(url, {"text": edited})
    client.post(reverse("drafting:approve", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == "approved" and document.edited
    decision = AuditEntry.objects.get(kind=AuditEntry.Kind.DECISION)
    assert decision.content["decision"] == "override"
    assert decision.payload.data["reason"] == "edited before approval"
    client.post(url, {"text": "Anders"})  # final: no more edits
    document.refresh_from_db()
    assert "Wij danken Daan Bakker" in document.text
    response = client.get(pdf)
    assert response.content.startswith(b"%PDF")
    word = client.get(reverse("drafting:download", args=[document.pk, "docx"])).content
    body = zipfile.ZipFile(io.BytesIO(word)).read("word/document.xml").decode()
    assert "Wij danken Daan Bakker" in body and "1 maart 2019" in body
    assert client.get(reverse("drafting:download", args=[document.pk, "exe"])).status_code == 404


def test_an_unchanged_draft_is_approved_as_the_ai_wrote_it(client, users, employee) -> None:
    document = _draft(client, users, employee)
    client.post(reverse("drafting:approve", args=[document.pk]))
    decision = AuditEntry.objects.get(kind=AuditEntry.Kind.DECISION)
    assert decision.content["decision"] == "accept"
    again = client.post(
        reverse("drafting:approve", args=[document.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "already approved" in again.content.decode()


def test_the_employee_reads_and_comments_nobody_else_sees_it(client, users, employee) -> None:
    document = _draft(client, users, employee, tasks="<script>alert(1)</script>")
    url = reverse("drafting:document", args=[document.pk])
    client.force_login(users["employee"])  # Daan himself
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    client.post(url, {"comment": "Ik deed ook de opleiding van stagiairs."})
    assert client.post(url, {"text": "Zelf geschreven"}).status_code == 403
    assert client.post(reverse("drafting:approve", args=[document.pk])).status_code == 403
    document.refresh_from_db()
    assert document.employee_comment.startswith("Ik deed ook")
    assert "Zelf geschreven" not in document.text
    for role in ("manager", "recruiter", "it", "or", "dpo", "director", "champion"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403, role
    other = Person.objects.create(first_name="Eva", last_name="Smit", start_date=date(2020, 1, 1))
    users["employee"].person = other  # the same role, another person: not theirs to see
    users["employee"].save()
    client.force_login(users["employee"])
    assert client.get(url).status_code == 404
    client.force_login(users["hr"])
    assert "Ik deed ook de opleiding" in client.get(url).content.decode()


def test_the_access_report_holds_it_and_erasure_removes_it(client, users, employee) -> None:
    document = _draft(client, users, employee)
    drafted = rights.subject_export(employee)["drafted_documents"]
    assert drafted[0]["text"] == document.text
    rights.erase_subject(employee, users["hr"])
    assert not Document.objects.exists()


def test_a_statement_asks_for_what_a_temporary_contract_needs(client, users, employee) -> None:
    client.force_login(users["hr"])
    url = reverse("drafting:new", args=[employee.pk, "statement"])
    data = {
        "language": "en",
        "date": "2026-11-30",
        "signatory_title": "HR",
        "contract": "temporary",
        "end_date": "2027-02-28",
        "salary": "48000",
        "holiday_pay": "3840",
        "end_of_year_payment": "0",
        "irregular_allowance": "0",
    }
    page = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "whether the employment will be continued" in page
    response = client.post(url, {**data, "will_continue": "no"})
    text = Document.objects.get().text
    assert response.status_code == 302
    assert "Gross yearly salary (without holiday pay): €48,000" in text
    assert "Intention to continue the employment: no" in text
    assert services.may_read(users["employee"], Document.objects.get())


def test_a_language_model_s_invented_date_is_refused_and_hr_is_told(
    client, users, employee, settings, tmp_path
) -> None:
    from tests.engines.test_drafting_rephrase import scripted

    with scripted("Daan Bakker werkte hier van 1 januari 2010 tot vandaag.", tmp_path) as end:
        settings.MENSENWERK_LLM = {"url": end.url, "model": end.model, "key": "", "timeout": 2}
        document = _draft(client, users, employee)
    assert "1 januari 2010" not in document.text
    assert "van 1 maart 2019 tot en met 31 oktober 2026" in document.text
    assert document.output_entry.payload.data["output"]["rephrased_by_model"] is False
    page = client.get(
        reverse("drafting:document", args=[document.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "De formulering van het taalmodel is niet gebruikt" in page


def test_hr_drafts_an_offer_letter_for_a_candidate(client, users, employee) -> None:
    candidate = Person.objects.create(first_name="Noor", last_name="Haddou", kind="candidate")
    client.force_login(users["hr"])
    url = reverse("drafting:new", args=[candidate.pk, "offer"])
    data = {
        "language": "nl",
        "date": "2026-11-30",
        "signatory_title": "HR-manager",
        "role": "CNC-verspaner",
        "start_date": "2027-01-04",
        "contract": "permanent",
        "salary": "3150",
        "reply_by": "2026-12-11",
        "conditions": "Acht procent vakantiegeld",
    }
    assert client.post(url, data).status_code == 302
    text = Document.objects.get(kind="offer").text
    assert "Beste Noor Haddou," in text and "€ 3.150 bruto per maand" in text
    page = client.post(url, {**data, "reply_by": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert "This field is required." in page.content.decode()


def test_the_offer_letter_starts_from_a_revealed_candidate_in_the_offer_stage(
    client, users, vacancy
) -> None:
    from django.utils import timezone

    from mensenwerk.recruitment.models import Application

    activate("drafting", users["hr"])
    candidate = Person.objects.create(first_name="Noor", last_name="Haddou", kind="candidate")
    app = Application.objects.create(
        vacancy=vacancy, person=candidate, pseudonym="K-OFFER", stored_name="x",
        status_key_hash="k", stage="offer", revealed_at=timezone.now(),
    )  # fmt: skip
    client.force_login(users["hr"])
    page = client.get(reverse("recruitment:application", args=[app.pk])).content.decode()
    link = reverse("drafting:new", args=[candidate.pk, "offer"])
    assert link in page
    form = client.get(f"{link}?role={vacancy.title}").content.decode()
    assert f'value="{vacancy.title}"' in form
    client.force_login(users["recruiter"])  # only HR drafts
    assert (
        link not in client.get(reverse("recruitment:application", args=[app.pk])).content.decode()
    )


def test_the_cockpit_measures_how_much_of_the_drafts_hr_could_use(client, users, employee):
    from django.utils import timezone

    from mensenwerk.adoption import metrics

    first = _draft(client, users, employee)
    client.post(reverse("drafting:approve", args=[first.pk]))  # as composed
    second = _draft(client, users, employee)
    client.post(reverse("drafting:document", args=[second.pk]), {"text": "Anders.\n"})
    client.post(reverse("drafting:approve", args=[second.pk]))  # edited
    month = timezone.localdate().replace(day=1)
    figure = metrics.drafts_unchanged(month)
    assert (figure.value, figure.n) == (50.0, 2)
    # the approvals stay out of the AI-suggestion agreement figures of screening
    assert metrics.decisions(month)["override_rate"].n == 0
