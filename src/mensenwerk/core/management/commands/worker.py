"""`mensenwerk worker`: django-tasks' database worker with a heartbeat and crash recovery."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from mensenwerk.core import jobs


class Command(DbWorkerCommand):
    help = "Run background jobs; pick up work a stopped worker left unfinished."

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"]
        jobs.beat(worker_id)
        recovered = jobs.recover()
        if recovered.restarted or recovered.given_up or recovered.orphans:
            self.stderr.write(
                f"recovered: {len(recovered.restarted)} job(s) started again, "
                f"{len(recovered.given_up)} given up, {recovered.orphans} orphan file(s) deleted"
            )
        heartbeat = jobs.Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
