"""The real database task backend and worker, as `mensenwerk worker` runs them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from mensenwerk.core import imports
from mensenwerk.core.models import EmployeeImport, Job, Person
from tests.engines.test_hris import AFAS_MAPPING
from tests.files import afas_csv


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_it_runs_a_queued_import_in_the_database_worker(users) -> None:
    record = imports.do_upload_employee_import(
        afas_csv(["3001;Noa;Visser;;;;;;;", "3002;Sem;Kok;;;;3001;;;"]), "a.csv", users["hr"]
    )
    job = imports.do_start_employee_import(record, AFAS_MAPPING, "valid_rows", "", users["hr"])
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert not Person.objects.filter(employee_number="3001")
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.percent == 100
    assert EmployeeImport.objects.get().created_count == 2
    assert Person.objects.get(employee_number="3002").manager.employee_number == "3001"
