"""Employee import: an HRIS export (AFAS, Visma/Youforce, Nmbrs, Excel) uploaded, mapped and
applied in the background, every row validated before any is written."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from mensenwerk.core import jobs
from mensenwerk.core.models import (
    Department,
    EmployeeImport,
    ImportProfile,
    Job,
    JobRole,
    Person,
    User,
)
from mensenwerk.engines import hris
from mensenwerk.engines.tabular import TableError, read_table


def import_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def do_upload_employee_import(data: bytes, filename: str, created_by: User) -> EmployeeImport:
    """Store an uploaded export and read its header row; raise TableError for a bad file."""
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise TableError("too_large", mb=settings.MAX_UPLOAD_BYTES // 2**20)
    table = read_table(data, filename)
    stored = f"{uuid.uuid4().hex}{Path(filename).suffix.lower()[:6]}"
    (import_dir() / stored).write_bytes(data)
    suggested = hris.suggest_mapping(table.headers)
    profile = _matching_profile(table.headers)
    return EmployeeImport.objects.create(
        original_name=Path(filename).name[:255],
        stored_name=stored,
        size=len(data),
        headers=table.headers,
        row_count=len(table.rows),
        profile=profile,
        mapping=profile.mapping if profile else suggested,
        created_by=created_by,
    )


def _matching_profile(headers: list[str]) -> ImportProfile | None:
    """A remembered profile whose mapped columns all appear in this file."""
    for profile in ImportProfile.objects.all():
        used = {column for column in profile.mapping.values() if column}
        if used and used <= set(headers):
            return profile
    return None


def do_start_employee_import(
    record: EmployeeImport,
    mapping: dict[str, str],
    mode: str,
    profile_name: str,
    created_by: User,
) -> Job:
    with transaction.atomic():
        if profile_name:
            profile, _created = ImportProfile.objects.update_or_create(
                name=profile_name, defaults={"mapping": mapping}
            )
            record.profile = profile
        record.mapping = mapping
        record.mode = mode
        record.status = EmployeeImport.Status.QUEUED
        record.job = jobs.do_create_job(
            "employee_import", record.original_name, created_by, total=record.row_count
        )
        record.save()
        job = record.job
        jobs.enqueue(job, "mensenwerk.core.tasks.import_employees", record.pk)
    return job


def delete_orphan_imports(older_than: datetime) -> int:
    """Export files no import record points at (a web process died after writing one)."""
    known = set(EmployeeImport.objects.values_list("stored_name", flat=True))
    return jobs.delete_unreferenced(import_dir(), known, older_than)


def run_employee_import(import_id: int) -> EmployeeImport:
    """The background half of an import: validate every row, then write in one transaction."""
    record = EmployeeImport.objects.select_related("job").get(pk=import_id)
    job = record.job
    assert job is not None
    jobs.do_update_job(job, status=Job.Status.RUNNING, progress=0)
    try:
        data = (import_dir() / record.stored_name).read_bytes()
        table = read_table(data, record.original_name)
    except (OSError, TableError) as exc:
        return _finish_import(record, EmployeeImport.Status.FAILED, [], str(exc))
    known = set(
        Person.objects.exclude(employee_number=None).values_list("employee_number", flat=True)
    )
    plan = hris.plan_import(table, record.mapping, known)
    if plan.mapping_errors:
        errors = [
            {"row": 1, "column": target, "code": "unmapped", "value": ""}
            for target in plan.mapping_errors
        ]
        return _finish_import(record, EmployeeImport.Status.FAILED, errors, "")
    errors = [asdict(error) for error in plan.errors]
    jobs.do_update_job(job, progress=len(table.rows) // 2)
    if errors and record.mode == EmployeeImport.Mode.ALL_OR_NOTHING:
        return _finish_import(record, EmployeeImport.Status.REJECTED, errors, "")
    created, updated = _apply_records(plan.records)
    record.created_count, record.updated_count = created, updated
    return _finish_import(record, EmployeeImport.Status.DONE, errors, "")


def _finish_import(
    record: EmployeeImport, status: str, errors: list[dict[str, object]], message: str
) -> EmployeeImport:
    record.status = status
    record.errors = errors
    record.save()
    # the export holds many people's data and is no longer needed once processed
    (import_dir() / record.stored_name).unlink(missing_ok=True)
    assert record.job is not None
    failed = status in (EmployeeImport.Status.FAILED, EmployeeImport.Status.REJECTED)
    jobs.do_update_job(
        record.job,
        status=Job.Status.FAILED if failed else Job.Status.DONE,
        progress=record.row_count,
        message=message,
    )
    return record


@transaction.atomic
def _apply_records(records: list[hris.EmployeeRecord]) -> tuple[int, int]:
    departments: dict[str, Department] = {}
    job_roles: dict[str, JobRole] = {}
    for rec in records:
        if rec.department and rec.department not in departments:
            departments[rec.department], _created = Department.objects.get_or_create(
                name=rec.department
            )
        if rec.job_title and rec.job_title not in job_roles:
            job_roles[rec.job_title], _created = JobRole.objects.get_or_create(
                title=rec.job_title, defaults={"department": departments.get(rec.department)}
            )
    numbers = [rec.employee_number for rec in records]
    existing = {p.employee_number: p for p in Person.objects.filter(employee_number__in=numbers)}
    created = updated = 0
    people: dict[str, Person] = {}
    for rec in records:
        person = existing.get(rec.employee_number)
        if person is None:
            person = Person(kind=Person.Kind.EMPLOYEE, employee_number=rec.employee_number)
            created += 1
        else:
            updated += 1
        person.first_name, person.last_name = rec.first_name, rec.last_name
        person.email = rec.email
        person.department = departments.get(rec.department)
        person.job_role = job_roles.get(rec.job_title)
        person.contract_hours = rec.contract_hours
        person.start_date, person.end_date = rec.start_date, rec.end_date
        person.save()
        people[rec.employee_number] = person
    managers = {r.manager_number for r in records if r.manager_number} - set(people)
    people.update(
        {p.employee_number: p for p in Person.objects.filter(employee_number__in=managers)}
    )
    for rec in records:
        person = people[rec.employee_number]
        manager = people.get(rec.manager_number) if rec.manager_number else None
        if person.manager_id != (manager.pk if manager else None):
            person.manager = manager
            person.save(update_fields=["manager", "updated_at"])
    return created, updated
