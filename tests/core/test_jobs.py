"""core.jobs: a background task never leaves its job spinning, and services queue tasks by
their path (tasks import services, never the other way round)."""

from __future__ import annotations

import pytest

from mensenwerk.core import imports, jobs
from mensenwerk.core.models import EmployeeImport, Job
from mensenwerk.core.tasks import import_employees
from tests.engines.test_hris import AFAS_MAPPING
from tests.files import afas_csv

pytestmark = pytest.mark.django_db


def _started_import(users, settings) -> EmployeeImport:
    # the database backend keeps the task queued instead of running it at once
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    record = imports.do_upload_employee_import(
        afas_csv(["3001;Noa;Visser;;;;;;;"]), "a.csv", users["hr"]
    )
    imports.do_start_employee_import(record, AFAS_MAPPING, "valid_rows", "", users["hr"])
    record.refresh_from_db()
    return record


def test_a_task_that_raises_fails_its_job_and_its_record(users, settings, monkeypatch) -> None:
    record = _started_import(users, settings)

    def broken(import_id: int) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "run_employee_import", broken)
    with pytest.raises(RuntimeError):
        import_employees.call(record.pk)
    record.refresh_from_db()
    assert record.status == EmployeeImport.Status.FAILED
    assert record.job.status == Job.Status.FAILED
    assert record.job.message_code == "internal_error"


def test_a_task_that_succeeds_leaves_its_job_to_the_service(users, settings) -> None:
    record = _started_import(users, settings)
    import_employees.call(record.pk)
    record.refresh_from_db()
    assert record.job.status == Job.Status.DONE


def test_the_job_keeps_the_tasks_path_to_queue_it_again(users, settings) -> None:
    record = _started_import(users, settings)
    assert record.job.task_path == "mensenwerk.core.tasks.import_employees"
    assert record.job.task_args == [record.pk]


def test_every_task_path_a_service_queues_is_a_task() -> None:
    from django.utils.module_loading import import_string

    for path in (
        "mensenwerk.core.tasks.import_employees",
        "mensenwerk.recruitment.tasks.process_upload",
        "mensenwerk.assistant.tasks.index_documents",
    ):
        assert import_string(path).module_path == path


FINISHED: list[Job] = []


def _finished_job() -> Job:
    return FINISHED[0]


@jobs.job_task(_finished_job)
def fails_after_the_work() -> None:
    raise RuntimeError("after the work was done")


def test_a_finished_job_is_not_failed_afterwards(users) -> None:
    job = jobs.do_create_job("kb_index", "x", users["hr"])
    jobs.do_update_job(job, status=Job.Status.DONE)
    FINISHED[:] = [job]
    with pytest.raises(RuntimeError):
        fails_after_the_work.call()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_a_jobs_message_is_worded_in_the_readers_language(users) -> None:
    from django.utils import translation

    job = jobs.do_create_job("cv_upload", "x", users["hr"])
    jobs.do_update_job(job, code="cv_upload_done", params={"added": 1, "failed": 2})
    with translation.override("nl"):
        dutch = job.text
    with translation.override("en"):
        english = job.text
    assert (dutch, english) == (
        "1 cv toegevoegd, 2 bestanden met een fout",
        "1 CV added, 2 files with an error",
    )


def test_an_unknown_code_shows_as_stored(users) -> None:
    job = jobs.do_create_job("x", "x", users["hr"])
    jobs.do_update_job(job, code="from_an_app_that_is_gone", message="kept text")
    assert job.text == "kept text"
