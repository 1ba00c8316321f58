"""Background work that survives a crash.

Every long piece of work is a ``Job`` and a queued task (django-tasks, database backend). A
worker killed mid-task leaves both "running" for ever. So:

- ``enqueue(job, task, *args)`` records on the job how to start the task again;
- each worker writes a heartbeat (``WorkerBeat``) every few seconds (``mensenwerk worker``);
- ``recover()`` — at a worker's start and then every ``STALE`` interval — fails the task
  results claimed by workers that went quiet, starts again every unfinished job whose task is
  neither queued nor running on a live worker (tasks resume from their own state: an upload
  skips the files it already has a result for), gives up after ``MAX_ATTEMPTS`` with a
  message, and lets the apps delete orphan files (``ORPHAN_CLEANERS``, filled in ``ready()``),
  such as uploads written by a web process that died before it recorded them.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from mensenwerk.core.job_messages import JOB_MESSAGES
from mensenwerk.core.models import Job, User, WorkerBeat

if TYPE_CHECKING:
    from django_tasks.base import Task

P = ParamSpec("P")
R = TypeVar("R")

log = logging.getLogger("mensenwerk.jobs")
MAX_ATTEMPTS = 3
ORPHAN_AGE = timedelta(minutes=10)  # a file younger than this may be a request still writing


def stale_after() -> timedelta:
    """A worker silent this long is taken for dead (MENSENWERK_WORKER_STALE_SECONDS)."""
    return timedelta(seconds=int(os.environ.get("MENSENWERK_WORKER_STALE_SECONDS", "60")))


# name -> function(older_than) -> files deleted: files no record points at (apps' ready())
ORPHAN_CLEANERS: dict[str, Callable[[datetime], int]] = {}


def delete_unreferenced(folder: Path, keep: set[str], older_than: datetime) -> int:
    """Delete the files in ``folder`` that no record names (``keep``) and that are older than
    ``older_than`` (a younger one may belong to a request still writing); how many went."""
    deleted = 0
    for path in folder.iterdir():
        try:
            old = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC) < older_than
        except OSError:
            continue
        if path.name not in keep and old:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


def files_mentioning(folder: Path, needles: list[str]) -> list[Path]:
    """The files in ``folder`` whose content holds any of ``needles`` (case-insensitive): the
    uploads and exports not yet processed that an erasure must take along."""
    lowered = [n.lower().encode() for n in needles if n]
    found = []
    for path in folder.iterdir():
        try:
            data = path.read_bytes().lower()
        except OSError:
            continue
        if any(n in data for n in lowered):
            found.append(path)
    return found


def do_create_job(kind: str, label: str, created_by: User | None, total: int = 0) -> Job:
    return Job.objects.create(kind=kind, label=label, created_by=created_by, total=total)


def do_update_job(
    job: Job,
    *,
    status: str | None = None,
    progress: int | None = None,
    total: int | None = None,
    message: str | None = None,
    code: str | None = None,
    params: dict[str, Any] | None = None,
) -> None:
    """``code`` and ``params`` word the message when it is read (``core.job_messages``); a
    ``message`` is free text (a file's own error)."""
    if status is not None:
        job.status = status
    if progress is not None:
        job.progress = progress
    if total is not None:
        job.total = total
    if message is not None:
        job.message = message
    if code is not None:
        job.message_code, job.message_params = code, params or {}
    job.save(
        update_fields=[
            "status",
            "progress",
            "total",
            "message",
            "message_code",
            "message_params",
            "updated_at",
        ]
    )


def enqueue(job: Job, task: str, *args: Any) -> None:
    """Queue the task at dotted path ``task`` with ``args`` for ``job`` once the caller's
    transaction commits, and keep what is needed to queue it again after a crash. A path, not
    the task: services queue tasks, tasks import services, and never the other way round."""
    job.task_path = task
    job.task_args = list(args)
    job.save(update_fields=["task_path", "task_args", "updated_at"])

    def send() -> None:
        result = import_string(task).enqueue(*args)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id), attempts=1)

    transaction.on_commit(send)


def job_task(on_failure: Callable[..., Job | None]) -> Callable[[Callable[P, R]], Task[P, R]]:
    """A background task (django-tasks) whose job never keeps a spinning progress bar: when
    the task raises, ``on_failure(*args)`` (which may mark its own record failed) gives the
    job, which is marked failed; then the exception goes on to the worker's log.

        @job_task(lambda upload_id: Upload.objects.get(pk=upload_id).job)
        def process_upload(upload_id: int) -> None: ...
    """

    def wrap(function: Callable[P, R]) -> Task[P, R]:
        @functools.wraps(function)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return function(*args, **kwargs)
            except Exception:
                job = on_failure(*args, **kwargs)
                if job is not None and job.status != Job.Status.DONE:
                    do_update_job(job, status=Job.Status.FAILED, code="internal_error")
                raise

        return task()(run)

    return wrap


def beat(worker_id: str) -> None:
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id[:64], defaults={"pid": os.getpid(), "beat_at": timezone.now()}
    )


def live_workers() -> set[str]:
    since = timezone.now() - stale_after()
    return set(WorkerBeat.objects.filter(beat_at__gte=since).values_list("worker_id", flat=True))


@dataclass(frozen=True)
class Recovery:
    failed_tasks: int
    restarted: list[int]
    given_up: list[int]
    orphans: int


def recover() -> Recovery:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    alive = live_workers()
    now = timezone.now()
    failed = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        claimed_by = result.worker_ids[-1] if result.worker_ids else ""
        if claimed_by not in alive:
            result.set_failed(RuntimeError("the worker stopped while running this task"))
            failed += 1
    restarted, given_up = [], []
    quiet = now - stale_after()  # a job just queued may not have its task id yet
    unfinished = Job.objects.filter(
        status__in=[Job.Status.QUEUED, Job.Status.RUNNING], updated_at__lt=quiet
    ).exclude(task_path="")
    for job in unfinished:
        result = DBTaskResult.objects.filter(id=job.task_id).first() if job.task_id else None
        if result is not None and result.status == TaskResultStatus.READY:
            continue
        if result is not None and result.status == TaskResultStatus.RUNNING:
            continue  # claimed by a live worker (dead workers' tasks were failed above)
        if job.attempts >= MAX_ATTEMPTS:
            Job.objects.filter(pk=job.pk).update(
                status=Job.Status.FAILED,
                message_code="stopped_repeatedly",
                message_params={"n": job.attempts},
            )
            given_up.append(job.pk)
            continue
        task = import_string(job.task_path)
        queued = task.enqueue(*job.task_args)
        Job.objects.filter(pk=job.pk).update(task_id=str(queued.id), attempts=job.attempts + 1)
        restarted.append(job.pk)
        log.warning("job %s (%s) started again after its worker stopped", job.pk, job.kind)
    orphans = sum(clean(now - ORPHAN_AGE) for clean in ORPHAN_CLEANERS.values())
    return Recovery(failed, restarted, given_up, orphans)


class Heartbeat(threading.Thread):
    """Beat and recover in the background while the worker runs its tasks."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="mensenwerk-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(1.0, stale_after().total_seconds() / 3)
        beats = 0
        while not self.stopped.wait(interval):
            try:
                close_old_connections()
                beat(self.worker_id)
                beats += 1
                if beats % 3 == 0:
                    recover()
            except Exception:  # the heartbeat must outlive a passing database error
                log.exception("worker heartbeat failed")
            finally:
                connection.close()

    def stop(self) -> None:
        self.stopped.set()


JOB_MESSAGES["internal_error"] = lambda params: _("An internal error stopped the work.")
JOB_MESSAGES["stopped_repeatedly"] = lambda params: (
    _("Stopped %(n)s times while running; not started again.") % {"n": params.get("n", "?")}
)
