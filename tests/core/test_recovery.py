"""A real worker killed with SIGKILL in the middle of a bulk upload: the next worker picks the
work up, every file ends with exactly one result, and no file is left behind."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

FILES = 200
DOC = (
    b"# Verlof\n\nJe hebt recht op vijfentwintig vakantiedagen per jaar bij een volledige "
    b"werkweek. Vraag verlof minstens twee weken vooraf aan bij je leidinggevende.\n"
)

SETUP = """
import os, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from mensenwerk.core.services import do_create_user
from mensenwerk.recruitment import services
from mensenwerk.recruitment import intake
from mensenwerk.recruitment.models import Vacancy
from tests.trust import activate
hr = do_create_user("hr", None, ["hr"])
recruiter = do_create_user("recruiter", None, ["recruiter"], actor=hr)
activate("cv-screening", hr)
vacancy = Vacancy(title="Lasser", description="Lassen", language="nl", hiring_manager=hr)
vacancy = services.do_save_vacancy(vacancy, services.CriteriaInput(["lassen"], [], []), [], hr)
line = "Kandidaat {i}\\nWerkervaring\\n2015 - heden Lasser bij Bedrijf {i}\\n"
cvs = [(f"cv-{i}.txt", line.format(i=i).encode()) for i in range(FILES)]
upload = intake.do_start_upload(vacancy, cvs, recruiter)
# what a web process that died between writing and recording would leave behind
orphan = intake.upload_dir() / "orphan-from-a-dead-request"
orphan.write_bytes(b"Jan Jansen, jan@example.nl")
old = time.time() - 3600
os.utime(orphan, (old, old))
print(upload.pk)
"""


def _env(data: Path) -> dict[str, str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MENSENWERK_", "DJANGO_")) and k != "DATABASE_URL"
    }
    return {
        **base,
        "DJANGO_SETTINGS_MODULE": "mensenwerk.settings",
        "PYTHONPATH": str(REPO),
        "MENSENWERK_DATA_DIR": str(data),
        "MENSENWERK_SECRET_KEY": "recovery-test-" + "x" * 40,
        "MENSENWERK_EMAIL": "memory",
        "MENSENWERK_WORKER_STALE_SECONDS": "2",
    }


def _upload(db: Path) -> tuple[list[dict], str]:
    with sqlite3.connect(db, timeout=20) as conn:
        results, status = conn.execute(
            "select u.results, j.status from recruitment_upload u "
            "join core_job j on j.id = u.job_id"
        ).fetchone()
    return json.loads(results), status


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs its own SQLite install")
def test_a_killed_worker_leaves_no_file_without_a_result(tmp_path: Path) -> None:
    env = _env(tmp_path)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP.replace("FILES", str(FILES))],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert setup.returncode == 0, setup.stderr
    db = tmp_path / "mensenwerk.sqlite3"
    worker = subprocess.Popen(
        [sys.executable, "-m", "mensenwerk", "worker"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while len(_upload(db)[0]) < 20:
            assert worker.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    results, status = _upload(db)
    assert status == "running"  # stuck, as before the fix
    assert 20 <= len(results) < FILES
    time.sleep(3)  # the dead worker's heartbeat goes stale
    second = subprocess.run(
        [sys.executable, "-m", "mensenwerk", "worker", "--batch"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 0, second.stderr
    assert "1 job(s) started again" in second.stderr
    results, status = _upload(db)
    assert status == "done"
    stored = [r["stored"] for r in results]
    assert len(results) == FILES  # one result per file
    assert len(set(stored)) == FILES
    with sqlite3.connect(db) as conn:
        applications = {p for (p,) in conn.execute("select pseudonym from recruitment_application")}
    added = {r["pseudonym"] for r in results if r["ok"]}
    assert added == applications  # no application without a result, none twice
    interrupted = [r for r in results if not r["ok"]]
    assert len(interrupted) <= 1  # nl or en
    assert all(r["code"] == "interrupted" for r in interrupted)
    # every upload copy is gone, the orphan of a dead request too
    assert list((tmp_path / "files" / "cv-uploads").iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_recovery_restarts_an_import_whose_worker_died_and_gives_up_after_three(
    users, settings
) -> None:
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from mensenwerk.core import imports, jobs
    from mensenwerk.core.models import Job, Person, WorkerBeat
    from tests.engines.test_hris import AFAS_MAPPING
    from tests.files import afas_csv

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    record = imports.do_upload_employee_import(
        afas_csv(["3001;Noa;Visser;;;;;;;"]), "a.csv", users["hr"]
    )
    job = imports.do_start_employee_import(record, AFAS_MAPPING, "valid_rows", "", users["hr"])
    job.refresh_from_db()
    # a worker claimed it and died: its heartbeat stopped a minute ago
    WorkerBeat.objects.create(worker_id="dead", beat_at=timezone.now() - timedelta(minutes=5))
    DBTaskResult.objects.filter(id=job.task_id).update(
        status=TaskResultStatus.RUNNING, worker_ids=["dead"]
    )
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, updated_at=timezone.now() - timedelta(minutes=5)
    )
    recovered = jobs.recover()
    assert recovered.failed_tasks == 1
    assert recovered.restarted == [job.pk]
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert Person.objects.filter(employee_number="3001").exists()
    # a job that keeps stopping its worker is not started for ever
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=3, updated_at=timezone.now() - timedelta(minutes=5)
    )
    DBTaskResult.objects.filter(id=job.task_id).update(status=TaskResultStatus.FAILED)
    assert jobs.recover().given_up == [job.pk]
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED  # nl or en
    assert "3" in job.text


@pytest.mark.django_db
def test_indexing_run_again_indexes_only_what_is_still_pending(users) -> None:
    from mensenwerk.assistant import services
    from mensenwerk.assistant.models import DocumentVersion, KnowledgeDocument
    from mensenwerk.core.jobs import do_create_job

    versions = []
    for n in range(3):
        doc = KnowledgeDocument.objects.create(title=f"Gids {n}", owner=users["hr"])
        versions.append(
            DocumentVersion.objects.create(
                document=doc, number=1, filename="g.md", content=DOC, sha256=""
            )
        )
    services.index_version(versions[0])  # done before the crash
    before = versions[0].passages.values_list("pk", flat=True)
    first = set(before)
    job = do_create_job("kb_index", "gids", users["hr"], total=3)
    services.run_indexing([v.pk for v in versions], job.pk)
    assert set(versions[0].passages.values_list("pk", flat=True)) == first  # not redone
    statuses = set(
        DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).values_list(
            "status", flat=True
        )
    )
    assert statuses == {"indexed"}


@pytest.mark.django_db
def test_recovery_deletes_only_old_files_no_record_points_at(users) -> None:
    from mensenwerk.core import jobs
    from mensenwerk.core.imports import do_upload_employee_import, import_dir
    from tests.files import afas_csv

    record = do_upload_employee_import(afas_csv(["3001;Noa;Visser;;;;;;;"]), "a.csv", users["hr"])
    kept = import_dir() / record.stored_name
    orphan, young = import_dir() / "orphan-export.csv", import_dir() / "being-written.csv"
    for path in (orphan, young):
        path.write_bytes(b"Medewerker;Roepnaam\n9;Jan\n")
    old = time.time() - 3600
    for path in (orphan, kept):
        os.utime(path, (old, old))
    assert jobs.recover().orphans >= 1
    assert not orphan.exists()
    assert young.exists()
    assert kept.exists()
