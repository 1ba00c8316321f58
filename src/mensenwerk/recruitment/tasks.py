"""Background tasks of recruitment (run by `mensenwerk worker`)."""

from django_tasks import task

from mensenwerk.core.models import Job
from mensenwerk.core.services import do_update_job
from mensenwerk.recruitment import intake
from mensenwerk.recruitment.models import Upload


@task()
def process_upload(upload_id: int) -> None:
    try:
        intake.run_upload(upload_id)
    except Exception:
        # never leave a progress bar spinning: mark the job failed, then let the worker log it
        upload = Upload.objects.select_related("job").get(pk=upload_id)
        if upload.job:
            do_update_job(upload.job, status=Job.Status.FAILED, message="internal error")
        raise
