"""Employee import from HRIS exports, through the pages, as HR does it."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mensenwerk.core.models import EmployeeImport, ImportProfile, Job, Person
from tests.engines.test_hris import AFAS_MAPPING
from tests.files import afas_csv, png, xlsx

GOOD = [
    "2001;Anouk;de Jong;anouk@x.nl;Kwaliteit;Inspecteur;;36;01-02-2020;",
    "2002;Bram;Bos;bram@x.nl;Kwaliteit;Inspecteur;2001;32,5;2021-03-01;",
]
BAD = [
    "2003;Sem;Vos;<script>alert('x')</script>;Kwaliteit;;;;;",
    "2004;Eva;Smit;;;;;;31-02-2020;",
]


def _upload(client, data: bytes, name: str):
    return client.post(
        reverse("core:import_upload"),
        {"file": SimpleUploadedFile(name, data)},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _map(
    client,
    record: EmployeeImport,
    mode: str = "valid_rows",
    profile: str = "AFAS",
    django_capture_on_commit_callbacks=None,
):
    form = {f"map_{target}": column for target, column in AFAS_MAPPING.items()}
    form.update(mode=mode, profile_name=profile)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("core:import_map", args=[record.pk]), form)


@pytest.fixture
def hr(client, users):
    client.force_login(users["hr"])
    return client


@pytest.mark.django_db
def test_it_imports_valid_rows_and_lists_the_rest(hr, django_capture_on_commit_callbacks) -> None:
    before = Person.objects.count()
    response = _upload(hr, afas_csv(GOOD + BAD), "afas.csv")
    record = EmployeeImport.objects.get()
    assert response["Location"] == reverse("core:import_map", args=[record.pk])
    assert record.row_count == 4  # suggested from headers
    assert record.mapping == AFAS_MAPPING
    _map(hr, record, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    record.refresh_from_db()
    assert record.status == "done"
    assert record.job.status == Job.Status.DONE
    assert (record.created_count, record.updated_count) == (2, 0)
    assert Person.objects.count() == before + 2
    bram = Person.objects.get(employee_number="2002")
    assert bram.manager.employee_number == "2001"
    assert str(bram.contract_hours) == "32.5"
    assert bram.department.name == "Kwaliteit"
    assert not Person.objects.filter(employee_number__in=["2003", "2004"]).exists()

    page = hr.get(reverse("core:import_detail", args=[record.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "is not a valid e-mail address" in html
    assert "is not a date" in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    nl = hr.get(reverse("core:import_detail", args=[record.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "is geen geldig e-mailadres" in nl.content.decode()


@pytest.mark.django_db
def test_it_imports_nothing_in_all_or_nothing_mode(hr, django_capture_on_commit_callbacks) -> None:
    before = Person.objects.count()
    _upload(hr, afas_csv(GOOD + BAD), "afas.csv")
    record = EmployeeImport.objects.get()
    _map(
        hr,
        record,
        "all_or_nothing",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    record.refresh_from_db()
    assert record.status == "rejected"
    assert record.job.status == Job.Status.FAILED
    assert Person.objects.count() == before
    assert len(record.errors) == 2


@pytest.mark.django_db
def test_it_updates_by_employee_number_on_reimport(hr, django_capture_on_commit_callbacks) -> None:
    _upload(hr, afas_csv(GOOD), "afas.csv")
    _map(
        hr,
        EmployeeImport.objects.get(),
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    changed = [GOOD[0], GOOD[1].replace("Bos", "Bos-Visser").replace("32,5", "40")]
    _upload(
        hr,
        xlsx(
            [
                row.split(";")
                for row in [
                    "Medewerker;Roepnaam;Achternaam;E-mail werk;Afdeling;Functie;Leidinggevende;"
                    "Uren per week;Datum in dienst;Datum uit dienst",
                    *changed,
                ]
            ]
        ),
        "afas.xlsx",
    )
    second = EmployeeImport.objects.order_by("-pk").first()
    # the remembered AFAS profile fills the mapping for the second file
    assert second.profile == ImportProfile.objects.get(name="AFAS")
    _map(hr, second, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    second.refresh_from_db()
    assert (second.created_count, second.updated_count) == (0, 2)
    bram = Person.objects.get(employee_number="2002")
    assert bram.last_name == "Bos-Visser"
    assert str(bram.contract_hours) == "40.0"
    assert Person.objects.filter(employee_number__in=["2001", "2002"]).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (png(), "employees.csv", "not a text (CSV) file"),
        (b"", "empty.csv", "The submitted file is empty"),
        (b"PK\x03\x04junk", "x.xlsx", "not a readable Excel workbook"),
        (b"only;header\n", "x.csv", "the file has no rows"),
    ],
)
def test_it_refuses_unreadable_files_with_a_clear_error(hr, data, name, message) -> None:
    response = _upload(hr, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EmployeeImport.objects.exists()


@pytest.mark.django_db
def test_it_refuses_50_mb_of_junk_before_reading_it(hr) -> None:
    response = _upload(hr, os.urandom(50 * 1024 * 1024), "junk.csv")
    assert response.status_code == 413
    assert "The file is too large (at most 20 MB)" in response.content.decode()
    assert not EmployeeImport.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_file_just_over_the_limit_in_the_form(hr, settings) -> None:
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    response = _upload(hr, b"a;b\n" + b"1;2\n" * 300_000, "big.csv")
    assert response.status_code == 200
    assert "larger than 1 MB" in response.content.decode()
    assert not EmployeeImport.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_mapping_that_uses_a_column_twice(hr) -> None:
    _upload(hr, afas_csv(GOOD), "afas.csv")
    record = EmployeeImport.objects.get()
    form = {f"map_{t}": c for t, c in AFAS_MAPPING.items()}
    form.update(map_last_name="Roepnaam", mode="valid_rows")
    response = hr.post(
        reverse("core:import_map", args=[record.pk]), form, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Each column can be used for one field only" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "uploaded"


@pytest.mark.django_db
def test_it_marks_a_job_failed_when_the_stored_file_is_gone(
    hr, django_capture_on_commit_callbacks
) -> None:
    from mensenwerk.core.imports import import_dir

    _upload(hr, afas_csv(GOOD), "afas.csv")
    record = EmployeeImport.objects.get()
    (import_dir() / record.stored_name).unlink()
    _map(hr, record, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    record.refresh_from_db()
    assert record.status == "failed"
    assert record.job.status == Job.Status.FAILED


@pytest.mark.django_db
def test_it_shows_progress_and_asks_htmx_to_reload_when_done(hr, users) -> None:
    job = Job.objects.create(
        kind="x", label="Import", created_by=users["hr"], total=10, progress=5, status="running"
    )
    fragment = hr.get(reverse("core:job_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert 'value="50"' in html
    assert 'hx-trigger="every 1s"' in html
    assert "HX-Refresh" not in fragment
    job.status = "done"
    job.save()
    done = hr.get(reverse("core:job_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    assert "hx-trigger" not in done.content.decode()


@pytest.mark.django_db
def test_it_hides_other_peoples_jobs(client, users) -> None:
    job = Job.objects.create(kind="x", label="Import", created_by=users["hr"])
    client.force_login(users["employee"])
    assert client.get(reverse("core:job_status", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_it_says_which_required_field_has_no_column(hr) -> None:
    _upload(hr, b"Medewerker;Roepnaam\n1;Anouk\n", "partial.csv")
    record = EmployeeImport.objects.get()
    response = hr.post(
        reverse("core:import_map", args=[record.pk]),
        {"map_employee_number": "Medewerker", "map_first_name": "Roepnaam", "mode": "valid_rows"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This field is required" in html
    assert "id_map_last_name" in html
    record.refresh_from_db()
    assert record.status == "uploaded"
