"""Data subjects' rights: requests with their due date, the access report (GDPR art. 15, AI
Act art. 86), erasure (art. 17), and how to find the person a request is about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from mensenwerk.core.models import Organisation, Person, User
from mensenwerk.engines import chain
from mensenwerk.governance.models import (
    AuditEntry,
    AuditPayload,
    RightsRequest,
)
from mensenwerk.governance.trail import actor_id, append, pseudonym_for, record_event


def due_date(received: date) -> date:
    """One month (GDPR art. 12(3)); the same day next month, or the month's last day."""
    year, month = (
        (received.year + 1, 1) if received.month == 12 else (received.year, received.month + 1)
    )
    for day in (received.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return received + timedelta(days=28)


def do_log_rights_request(
    kind: str, subject: str, received: date, actor: User | None, note: str = ""
) -> RightsRequest:
    with transaction.atomic():
        request = RightsRequest.objects.create(
            kind=kind,
            subject=subject,
            received_on=received,
            due_on=due_date(received),
            note=note,
            handled_by=actor,
        )
        record_event(
            "rights_request_logged",
            actor,
            subject=subject,
            payload={"kind": kind, "request": request.pk},
        )
    return request


@transaction.atomic
def do_close_rights_request(item: RightsRequest, actor: User) -> None:
    item.status = RightsRequest.Status.DONE
    item.closed_on = timezone.localdate()
    item.save(update_fields=["status", "closed_on"])
    record_event("rights_request_closed", actor, subject=item.subject, payload={"request": item.pk})


# --- rights of data subjects (GDPR art. 15, 17; AI Act art. 86) ---------------------------


# Use cases add what they hold about a person (e.g. applications) to the access report:
# name -> function(person) -> list of plain dicts. Registered in the apps' ready().
SUBJECT_DATA: dict[str, Callable[[Person], list[dict[str, Any]]]] = {}
# ... and erase it on an erasure request: name -> function(person) -> how many records went.
# They run before the person's account is deleted (a use case may key its data by account).
SUBJECT_ERASERS: dict[str, Callable[[Person], int]] = {}


# Use cases name other ways to find a person (a candidate's application pseudonym):
# name -> function(query) -> people. Registered in the apps' ready().
SUBJECT_FINDERS: dict[str, Callable[[str], list[Person]]] = {}


def find_people(query: str) -> list[Person]:
    """The people a rights request is about: by employee number, e-mail, pseudonym (the
    trail's, or a use case's such as an application's) or name. Exact identifiers first; a
    name may match several people."""
    query = " ".join(query.split())[:200]
    if not query:
        return []
    exact = Person.objects.filter(
        models.Q(employee_number=query)
        | models.Q(email__iexact=query)
        | models.Q(subject_key__pseudonym__iexact=query)
    )
    found = list(exact)
    for find in SUBJECT_FINDERS.values():
        found += [p for p in find(query) if p not in found]
    if found:
        return found
    parts = query.split(" ")
    by_name = Person.objects.all()
    for part in parts:
        by_name = by_name.filter(
            models.Q(first_name__icontains=part) | models.Q(last_name__icontains=part)
        )
    return list(by_name.order_by("last_name", "first_name")[:20])


@transaction.atomic
def do_export_subject(person: Person, actor: User, fmt: str) -> dict[str, Any]:
    """The access report's data, with the export on the record (who, about whom, which form)."""
    data = subject_export(person)
    record_event("subject_exported", actor, subject=data["pseudonym"], payload={"format": fmt})
    return data


def subject_export(person: Person) -> dict[str, Any]:
    """Everything held about one person, with the AI outputs and decisions about them."""
    pseudonym = pseudonym_for(person)
    user = User.objects.filter(person=person).first()
    entries = AuditEntry.objects.filter(subject=pseudonym).select_related("payload").order_by("seq")
    ai = []
    for row in entries:
        payload = getattr(row, "payload", None)
        data = payload.data if payload and not payload.erased_at else None
        ai.append(
            {
                "seq": row.seq,
                "kind": row.kind,
                "application": row.application,
                "at": row.created_at.isoformat(),
                "engine": row.content.get("engine"),
                "engine_version": row.content.get("engine_version"),
                "decision": row.content.get("decision"),
                "refers_to": row.content.get("refers_to"),
                "details": data,
            }
        )
    return {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "organisation": Organisation.current().name,
        "pseudonym": pseudonym,
        "person": {
            "kind": person.kind,
            "employee_number": person.employee_number,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "department": person.department.name if person.department else None,
            "job_role": person.job_role.title if person.job_role else None,
            "manager": person.manager.full_name if person.manager else None,
            "contract_hours": str(person.contract_hours) if person.contract_hours else None,
            "start_date": person.start_date.isoformat() if person.start_date else None,
            "end_date": person.end_date.isoformat() if person.end_date else None,
        },
        "account": {
            "username": user.username,
            "email": user.email,
            "roles": sorted(user.role_set),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        }
        if user
        else None,
        "ai_outputs_and_decisions": ai,
        "rights_requests": [
            {"kind": r.kind, "received_on": r.received_on.isoformat(), "status": r.status}
            for r in RightsRequest.objects.filter(subject=pseudonym)
        ],
        **{name: provide(person) for name, provide in sorted(SUBJECT_DATA.items())},
    }


@dataclass(frozen=True)
class Erasure:
    pseudonym: str
    payloads_erased: int
    account_deleted: bool


def erase_payloads(
    *,
    reason: str,
    subject: str | None = None,
    application: str | None = None,
    before: datetime | None = None,
    actor: User | None = None,
) -> int:
    """Blank the stored inputs and outputs of trail entries (their hashes stay, so the chain
    still verifies) and append a chained ``payloads_erased`` event naming them: without that
    event ``verify`` treats a blanked payload as suppressed. Returns how many were erased."""
    rows = AuditPayload.objects.filter(erased_at__isnull=True)
    if subject is not None:
        rows = rows.filter(entry__subject=subject)
    if application is not None:
        rows = rows.filter(entry__application=application)
    if before is not None:
        rows = rows.filter(entry__created_at__lt=before)
    with transaction.atomic():
        found = list(rows.values_list("entry_id", "entry__seq"))
        if not found:
            return 0
        now = timezone.now()
        ids = [entry_id for entry_id, _seq in found]
        for start in range(0, len(ids), 500):  # stay under SQLite's bound-variable limit
            AuditPayload.objects.filter(pk__in=ids[start : start + 500]).update(
                data=None, erased_at=now, erased_reason=reason[:20]
            )
        append(
            AuditEntry.Kind.EVENT,
            actor_id(actor),
            "",
            "",
            {
                "event": chain.ERASURE_EVENT,
                "reason": reason[:20],
                "erased_seqs": chain.seq_ranges(seq for _id, seq in found),
            },
            None,
        )
    return len(found)


def erase_subject(person: Person, actor: User | None, reason: str = "erasure") -> Erasure:
    """Remove a person's personal data from every app; the trail keeps the pseudonym only."""
    from mensenwerk.core.models import EmployeeImport

    with transaction.atomic():
        pseudonym = pseudonym_for(person)
        needles = [
            v
            for v in (
                person.first_name,
                person.last_name,
                person.full_name,
                person.email,
                person.employee_number,
            )
            if v and len(v) >= 3
        ]
        erased = erase_payloads(subject=pseudonym, reason=reason, actor=actor)
        # import reports quote cell values; drop any that could point at this person
        for record in EmployeeImport.objects.exclude(errors=[]):
            kept = [
                e
                for e in record.errors
                if not any(n.lower() in str(e.get("value", "")).lower() for n in needles)
            ]
            if len(kept) != len(record.errors):
                record.errors = kept
                record.save(update_fields=["errors"])
        _drop_files_mentioning(needles)
        erased_elsewhere = {name: erase(person) for name, erase in sorted(SUBJECT_ERASERS.items())}
        account = User.objects.filter(person=person).first()
        if account is not None:
            account.delete()
        person.delete()  # cascades to SubjectKey: the pseudonym can no longer be linked
        record_event(
            "subject_erased",
            actor,
            subject=pseudonym,
            payload={
                "reason": reason,
                "payloads_erased": erased,
                "account_deleted": account is not None,
                **erased_elsewhere,
            },
        )
    sqlite_checkpoint()
    return Erasure(pseudonym, erased, account is not None)


def sqlite_checkpoint() -> None:
    """SQLite keeps the pages of deleted rows in its write-ahead log until a checkpoint; with
    ``secure_delete`` on (settings) the checkpoint overwrites them in the database file. Only
    outside a transaction (the caller's commit comes first)."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _drop_files_mentioning(needles: list[str]) -> None:
    """Uploaded import files not yet processed may hold the person's row: delete those."""
    from mensenwerk.core.imports import import_dir
    from mensenwerk.core.jobs import files_mentioning
    from mensenwerk.core.models import EmployeeImport

    for path in files_mentioning(import_dir(), needles):
        path.unlink(missing_ok=True)
        EmployeeImport.objects.filter(stored_name=path.name).update(status="failed")
