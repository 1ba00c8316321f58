"""Every write to core data goes through here (named ``do_*`` actions, as in Zulip)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mensenwerk.core.models import (
    ApiToken,
    Department,
    EmployeeImport,
    ImportProfile,
    Job,
    JobRole,
    LoginFailure,
    Organisation,
    Person,
    RoleAssignment,
    User,
)
from mensenwerk.engines import hris
from mensenwerk.engines.tabular import TableError, read_table

log = logging.getLogger("mensenwerk.core")
TOKEN_PREFIX = "mw_"  # noqa: S105 - a public marker, not a secret


class ServiceError(Exception):
    """A refused action; the message is already translated for the user."""


# --- log-in lock-out ---------------------------------------------------------------------


def _login_key(username: str) -> str:
    return username.strip().lower()[:150]


def is_locked_out(username: str) -> bool:
    row = LoginFailure.objects.filter(username=_login_key(username)).first()
    return bool(row and row.locked_until and row.locked_until > timezone.now())


def do_record_login_failure(username: str) -> None:
    key = _login_key(username)
    now = timezone.now()
    window = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    with transaction.atomic():
        row, _ = LoginFailure.objects.select_for_update().get_or_create(username=key)
        if now - row.last_failure_at > window:
            row.failures = 0  # old failures do not count towards a new lock-out
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= settings.LOGIN_MAX_FAILURES:
            row.locked_until = now + window
            log.warning("log-in locked for %s after %s failures", key, row.failures)
        row.save()


def do_clear_login_failures(username: str) -> None:
    LoginFailure.objects.filter(username=_login_key(username)).delete()


# --- users, roles and API tokens ------------------------------------------------------------


def keyed_id(purpose: str, user: User) -> str:
    """A stable keyed hash of a user for one purpose (hex): logs that must not hold the
    account (assistant questions, pulse answers) store this; without the secret key nobody can
    tell whose it is, and different purposes cannot be linked to each other."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{purpose}:{user.pk}".encode(), hashlib.sha256
    ).hexdigest()


def do_create_user(
    username: str,
    password: str | None,
    roles: list[str],
    *,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    person: Person | None = None,
    superuser: bool = False,
) -> User:
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            person=person,
            is_superuser=superuser,
            is_staff=superuser,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        do_set_roles(user, roles)
    return user


def do_set_roles(user: User, roles: list[str]) -> None:
    with transaction.atomic():
        RoleAssignment.objects.filter(user=user).exclude(role__in=roles).delete()
        for role in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role)
    user.__dict__.pop("role_set", None)


def do_update_user(
    user: User,
    *,
    email: str,
    first_name: str,
    last_name: str,
    is_active: bool,
    roles: list[str],
    person: Person | None,
) -> User:
    with transaction.atomic():
        user.email, user.first_name, user.last_name = email, first_name, last_name
        user.is_active = is_active
        user.person = person
        user.save()
        do_set_roles(user, roles)
    return user


def _hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def do_create_api_token(user: User, name: str, created_by: User | None) -> tuple[ApiToken, str]:
    """Return the token and its secret; the secret is not stored and cannot be shown again."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        key_hash=_hash_token(secret),
        created_by=created_by,
    )
    log.info("API token %s created for user %s", token.pk, user.pk)
    return token, secret


def do_revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def authenticate_token(secret: str) -> User | None:
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # write at most once a minute: the API must not turn every read into a write
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- organisation ---------------------------------------------------------------------------


def do_update_organisation(org: Organisation, **fields: object) -> Organisation:
    for name, value in fields.items():
        setattr(org, name, value)
    org.full_clean()
    org.save()
    return org


# --- background jobs ------------------------------------------------------------------------


def do_create_job(kind: str, label: str, created_by: User | None, total: int = 0) -> Job:
    return Job.objects.create(kind=kind, label=label, created_by=created_by, total=total)


def do_update_job(
    job: Job,
    *,
    status: str | None = None,
    progress: int | None = None,
    total: int | None = None,
    message: str | None = None,
) -> None:
    if status is not None:
        job.status = status
    if progress is not None:
        job.progress = progress
    if total is not None:
        job.total = total
    if message is not None:
        job.message = message
    job.save(update_fields=["status", "progress", "total", "message", "updated_at"])


# --- employee import ------------------------------------------------------------------------


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
    from mensenwerk.core.tasks import import_employees

    with transaction.atomic():
        if profile_name:
            profile, _ = ImportProfile.objects.update_or_create(
                name=profile_name, defaults={"mapping": mapping}
            )
            record.profile = profile
        record.mapping = mapping
        record.mode = mode
        record.status = EmployeeImport.Status.QUEUED
        record.job = do_create_job(
            "employee_import", record.original_name, created_by, total=record.row_count
        )
        record.save()
        job = record.job
        transaction.on_commit(lambda: import_employees.enqueue(record.pk))
    return job


def run_employee_import(import_id: int) -> EmployeeImport:
    """The background half of an import: validate every row, then write in one transaction."""
    record = EmployeeImport.objects.select_related("job").get(pk=import_id)
    job = record.job
    assert job is not None
    do_update_job(job, status=Job.Status.RUNNING, progress=0)
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
    do_update_job(job, progress=len(table.rows) // 2)
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
    do_update_job(
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
            departments[rec.department], _ = Department.objects.get_or_create(name=rec.department)
        if rec.job_title and rec.job_title not in job_roles:
            job_roles[rec.job_title], _ = JobRole.objects.get_or_create(
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
