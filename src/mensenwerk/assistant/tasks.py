"""Background tasks of the HR assistant (run by `mensenwerk worker`)."""

from django_tasks import task

from mensenwerk.assistant import services
from mensenwerk.core.models import Job
from mensenwerk.core.services import do_update_job


@task()
def index_documents(version_ids: list[int], job_id: int) -> int:
    try:
        return services.run_indexing(version_ids, job_id).progress
    except Exception:
        job = Job.objects.filter(pk=job_id).first()
        if job is not None:
            do_update_job(job, status=Job.Status.FAILED, message="internal error")
        raise
