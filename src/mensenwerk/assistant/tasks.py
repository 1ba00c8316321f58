"""Background tasks of the HR assistant (run by `mensenwerk worker`)."""

from mensenwerk.assistant import services
from mensenwerk.core.jobs import job_task
from mensenwerk.core.models import Job


def _job(version_ids: list[int], job_id: int) -> Job | None:
    return Job.objects.filter(pk=job_id).first()


@job_task(_job)
def index_documents(version_ids: list[int], job_id: int) -> int:
    return services.run_indexing(version_ids, job_id).progress
