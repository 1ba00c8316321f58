"""Background tasks (django-tasks, database backend; run by `mensenwerk worker`)."""

from django_tasks import task

from mensenwerk.core import services
from mensenwerk.core.models import EmployeeImport, Job


@task()
def import_employees(import_id: int) -> None:
    try:
        services.run_employee_import(import_id)
    except Exception:
        # never leave a progress bar spinning: mark the job failed, then let the worker log it
        record = EmployeeImport.objects.select_related("job").get(pk=import_id)
        record.status = EmployeeImport.Status.FAILED
        record.save(update_fields=["status"])
        if record.job:
            services.do_update_job(record.job, status=Job.Status.FAILED, message="internal error")
        raise
