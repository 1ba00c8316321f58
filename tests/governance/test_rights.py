"""Access and erasure: a distinctive person is erased and no trace of them remains anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from mensenwerk.core.imports import do_upload_employee_import
from mensenwerk.core.models import EmployeeImport, Person
from mensenwerk.governance import retention, rights, services, trail
from mensenwerk.governance.models import AuditEntry
from tests.trust import activate

NAME, SURNAME, EMAIL = "Zebulon", "Quaxwell-Brightmore", "zebulon.quax@example.org"
CV_TEXT = "Zebulon Quaxwell-Brightmore bouwde de Heidenhain-cel in Xanthe-Kerkdorp"


@pytest.fixture
def zebulon(users, team) -> Person:
    person = Person.objects.create(
        first_name=NAME,
        last_name=SURNAME,
        email=EMAIL,
        employee_number="ZQ-4711",
        manager=team["boss"],
    )
    activate("cv-screening", users["hr"])
    out = services.record_output(
        "cv-screening",
        engine="matcher",
        engine_version="1",
        params={},
        subject=person,
        input_data=CV_TEXT,
        output={"score": 0.7},
        explanation=[CV_TEXT],
        actor=users["recruiter"],
    )
    services.decide(out, actor=users["recruiter"], decision="reject", reason=f"{NAME} mist VCA")
    # an uploaded but unprocessed export that holds their row
    do_upload_employee_import(
        f"Medewerker;Roepnaam;Achternaam\nZQ-4711;{NAME};{SURNAME}\n".encode(), "x.csv", users["hr"]
    )
    return person


def _all_text_in_database() -> str:
    chunks = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(
                f, models.CharField | models.TextField | models.JSONField | models.EmailField
            )
        ]
        if fields:
            for row in model.objects.values_list(*fields):
                chunks.append(json.dumps(row, default=str, ensure_ascii=False))
    return "\n".join(chunks)


def _all_stored_files() -> str:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return ""
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in root.rglob("*") if p.is_file()
    )


@pytest.mark.django_db
def test_it_exports_everything_held_about_a_person(zebulon, client, users) -> None:
    data = rights.subject_export(zebulon)
    assert data["person"]["email"] == EMAIL
    kinds = [item["kind"] for item in data["ai_outputs_and_decisions"]]
    assert kinds == ["output", "decision"]
    assert data["ai_outputs_and_decisions"][1]["details"]["reason"] == f"{NAME} mist VCA"
    client.force_login(users["dpo"])
    pdf = client.post(
        reverse("governance:subject_export", args=["pdf"]),
        {"subject": "ZQ-4711", "language": "en"},
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_it_erases_a_person_from_every_table_and_file(zebulon, client, users) -> None:
    needles = [NAME, SURNAME, EMAIL, "Xanthe-Kerkdorp"]
    assert all(n in _all_text_in_database() + _all_stored_files() for n in needles)
    client.force_login(users["dpo"])
    response = client.post(
        reverse("governance:subject_erase"),
        {"subject": "ZQ-4711", "language": "nl", "confirm": trail.pseudonym_for(zebulon)},
    )
    assert response.status_code == 302
    text = _all_text_in_database() + _all_stored_files()
    for needle in needles:
        assert needle not in text, f"{needle!r} survived the erasure"
    assert trail.verify_trail().ok
    assert AuditEntry.objects.filter(content__event="subject_erased").exists()
    assert EmployeeImport.objects.get().status == "failed"


@pytest.mark.django_db
def test_it_refuses_to_erase_twice_or_without_confirmation(zebulon, client, users) -> None:
    client.force_login(users["hr"])
    url = reverse("governance:subject_erase")
    pseudonym = trail.pseudonym_for(zebulon)
    client.post(url, {"subject": "ZQ-4711", "language": "nl", "confirm": "ZQ-4711"})
    assert Person.objects.filter(employee_number="ZQ-4711").exists()  # not the pseudonym
    client.post(url, {"subject": "ZQ-4711", "language": "nl", "confirm": pseudonym})
    again = client.post(
        url,
        {"subject": "ZQ-4711", "language": "nl", "confirm": pseudonym},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Nobody matches" in again.content.decode()
    assert "(Already erased?)" in again.content.decode()


@pytest.mark.django_db
def test_it_logs_requests_with_a_one_month_deadline(client, users, team) -> None:
    from datetime import date

    assert rights.due_date(date(2026, 1, 31)) == date(2026, 2, 28)
    assert rights.due_date(date(2026, 12, 15)) == date(2027, 1, 15)
    client.force_login(users["dpo"])
    client.post(
        reverse("governance:rights"),
        {"kind": "access", "subject": "101", "received_on": "2026-11-01"},
    )
    from mensenwerk.governance.models import RightsRequest

    request = RightsRequest.objects.get()
    assert request.due_on == date(2026, 12, 1)
    assert request.subject.startswith("S-")
    page = client.get(reverse("governance:rights")).content.decode()
    assert "Daan" not in page  # the DPO's list holds pseudonyms, not names


@pytest.mark.django_db
def test_it_runs_retention_idempotently_and_records_counts_only(users, team) -> None:
    from datetime import date

    leaver = Person.objects.create(
        first_name="Oud", last_name="Gediende", employee_number="L-1", end_date=date(2020, 1, 31)
    )
    expired = Person.objects.create(
        first_name="Kandi", last_name="Daat", kind="candidate", retain_until=date(2026, 1, 1)
    )
    plan = retention.run_retention(None, today=date(2026, 11, 22), dry_run=True)
    assert (plan.former_employees, plan.expired_people) == (1, 1)
    assert Person.objects.filter(pk__in=[leaver.pk, expired.pk]).count() == 2  # dry run
    retention.run_retention(None, today=date(2026, 11, 22))
    assert not Person.objects.filter(pk__in=[leaver.pk, expired.pk]).exists()
    again = retention.run_retention(None, today=date(2026, 11, 22))
    assert (again.former_employees, again.expired_people) == (0, 0)
    event = AuditEntry.objects.filter(content__event="retention_run").get()
    assert "Gediende" not in json.dumps(event.payload.data)
    assert trail.verify_trail().ok


@pytest.mark.django_db
def test_it_explains_each_ai_supported_decision_in_plain_words(zebulon) -> None:
    from mensenwerk.governance.documents import subject_report

    data = rights.subject_export(zebulon)
    dutch, english = subject_report(data, "nl"), subject_report(data, "en")
    assert "een mens besliste" in dutch
    assert "Besluit: wees af" in dutch
    assert f"Reden: {NAME} mist VCA" in dutch
    assert "Decision: rejected" in english
    assert "The AI's reasons:" in english


@pytest.mark.django_db
def test_a_candidate_is_found_by_email_and_erased_without_a_trace(
    client, users, vacancy, django_capture_on_commit_callbacks
) -> None:
    """A candidate uploaded in a batch (their name in the file name) who also applied on the
    public page, with a second upload copy never processed: erased through the web flow."""
    from mensenwerk.recruitment import intake, subjects
    from mensenwerk.recruitment.models import Upload
    from tests.recruitment.helpers import apply, cv_pdf

    cv = cv_pdf(name=f"{NAME} {SURNAME}", email=EMAIL)
    apply(client, vacancy, cv, first_name=NAME, last_name=SURNAME, email=EMAIL)
    filename = f"{NAME}_{SURNAME}_CV.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        batch = intake.do_start_upload(vacancy, [(filename, cv)], users["recruiter"])
    batch.refresh_from_db()
    assert batch.results[0]["name"] == filename
    orphan = intake.upload_dir() / "left-by-a-dead-request"
    orphan.write_bytes(f"{NAME} {SURNAME} <{EMAIL}>".encode())
    needles = [NAME, SURNAME, EMAIL, filename]
    before = _all_text_in_database() + _all_stored_files()
    assert all(n in before for n in needles)
    client.force_login(users["dpo"])
    # the public application and the uploaded CV are two records of one person: both found
    people = rights.find_people(EMAIL)
    assert len(people) == 2
    page = client.get(reverse("governance:rights"), {"find": EMAIL}).content.decode()
    pseudonyms = [trail.pseudonym_for(p) for p in people]
    assert all(p in page for p in pseudonyms)
    assert SURNAME in page
    refused = client.post(
        reverse("governance:subject_erase"),
        {"subject": EMAIL, "language": "en", "confirm": pseudonyms[0]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "2 people match" in refused.content.decode()  # ambiguous: nothing erased
    assert rights.find_people(people[1].applications.first().pseudonym) == [people[1]]
    for pseudonym in pseudonyms:
        response = client.post(
            reverse("governance:subject_erase"),
            {"subject": pseudonym, "language": "en", "confirm": pseudonym},
        )
        assert response.status_code == 302
    assert not Person.objects.filter(email=EMAIL).exists()
    after = _all_text_in_database() + _all_stored_files()
    for needle in needles:
        assert needle not in after, f"{needle!r} survived the erasure"
    assert Upload.objects.get(pk=batch.pk).results[0]["name"] == subjects.ERASED
    upload_page = client.get(reverse("recruitment:upload_detail", args=[batch.pk]))
    assert SURNAME not in upload_page.content.decode()
    assert trail.verify_trail().ok


SQLITE_ERASURE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from mensenwerk.core.models import Person
from mensenwerk.governance import rights
person = Person.objects.create(
    first_name="Zebulon", last_name="Quaxwell-Brightmore", email="zebulon.quax@example.org",
    kind="candidate",
)
rights.erase_subject(person, None)
"""


@pytest.mark.skipif(bool(__import__("os").environ.get("DATABASE_URL")), reason="SQLite's files")
def test_sqlite_keeps_no_copy_of_an_erased_person_in_its_files(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO
    from tests.core.test_recovery import _env

    done = subprocess.run(
        [sys.executable, "-c", SQLITE_ERASURE],
        env=_env(tmp_path),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    files = [p for p in tmp_path.iterdir() if p.name.startswith("mensenwerk.sqlite3")]
    assert files
    for path in files:  # the database, and its write-ahead log if one is left
        data = path.read_bytes()
        assert b"Quaxwell" not in data, path.name
        assert b"zebulon.quax" not in data, path.name
