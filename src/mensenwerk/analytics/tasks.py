"""Background tasks of people analytics (run by `mensenwerk worker`)."""

from mensenwerk.analytics import services
from mensenwerk.analytics.models import RetentionRun
from mensenwerk.core.jobs import job_task
from mensenwerk.core.models import Job


def _job(run_id: int) -> Job | None:
    run = RetentionRun.objects.filter(pk=run_id).first()
    if run is not None and run.status == RetentionRun.Status.QUEUED:
        run.status = RetentionRun.Status.FAILED
        run.pending = []
        run.save(update_fields=["status", "pending"])
    return run.job if run else None


@job_task(_job)
def run_retention(run_id: int) -> str:
    return services.run_retention(run_id).status
