"""Background tasks of recruitment (run by `mensenwerk worker`)."""

from mensenwerk.core.jobs import job_task
from mensenwerk.core.models import Job
from mensenwerk.recruitment import intake
from mensenwerk.recruitment.models import Upload


def _upload_job(upload_id: int) -> Job | None:
    return Upload.objects.select_related("job").get(pk=upload_id).job


@job_task(_upload_job)
def process_upload(upload_id: int) -> None:
    intake.run_upload(upload_id)
