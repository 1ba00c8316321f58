"""Background tasks of core (django-tasks, database backend; run by `mensenwerk worker`)."""

from mensenwerk.core import imports
from mensenwerk.core.jobs import job_task
from mensenwerk.core.models import EmployeeImport, Job


def _import_failed(import_id: int) -> Job | None:
    """The import is failed with its job: nothing was imported that the page does not show."""
    record = EmployeeImport.objects.select_related("job").get(pk=import_id)
    record.status = EmployeeImport.Status.FAILED
    record.save(update_fields=["status"])
    return record.job


@job_task(_import_failed)
def import_employees(import_id: int) -> None:
    imports.run_employee_import(import_id)
