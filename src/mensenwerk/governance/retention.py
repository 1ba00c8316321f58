"""Retention: what has expired is deleted or anonymised, and the run is recorded in counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from mensenwerk.core.dates import day_start, months_before
from mensenwerk.core.models import Organisation, Person, User
from mensenwerk.governance.models import (
    AuditPayload,
)
from mensenwerk.governance.rights import erase_payloads, erase_subject
from mensenwerk.governance.trail import record_event

# --- retention ---------------------------------------------------------------------------


# Use cases with a retention period of their own: name -> function(today, dry_run) -> how
# many records are (or would be) deleted. Registered in the apps' ready().
RETENTION: dict[str, Callable[[date, bool], int]] = {}


@dataclass(frozen=True)
class RetentionPlan:
    people: list[int]
    former_employees: int
    expired_people: int
    audit_payloads: int
    other: dict[str, int]  # per RETENTION name


def retention_plan(today: date | None = None) -> RetentionPlan:
    org = Organisation.current()
    today = today or timezone.localdate()
    cutoff = months_before(today, org.former_employee_retention_months)
    former = list(Person.objects.filter(end_date__lt=cutoff).values_list("pk", flat=True))
    expired = list(
        Person.objects.filter(retain_until__lt=today)
        .exclude(pk__in=former)
        .values_list("pk", flat=True)
    )
    audit_cutoff = day_start(months_before(today, max(6, org.audit_retention_months)))
    payloads = AuditPayload.objects.filter(
        erased_at__isnull=True, entry__created_at__lt=audit_cutoff
    ).count()
    other = {name: run(today, True) for name, run in sorted(RETENTION.items())}
    return RetentionPlan(former + expired, len(former), len(expired), payloads, other)


def run_retention(
    actor: User | None, today: date | None = None, dry_run: bool = False
) -> RetentionPlan:
    """Delete or anonymise what has expired. Idempotent; records counts, never names."""
    plan = retention_plan(today)
    if dry_run:
        return plan
    org = Organisation.current()
    today = today or timezone.localdate()
    with transaction.atomic():
        for person in Person.objects.filter(pk__in=plan.people):
            erase_subject(person, actor, reason="retention")
        audit_cutoff = day_start(months_before(today, max(6, org.audit_retention_months)))
        erase_payloads(before=audit_cutoff, reason="retention", actor=actor)
        for _name, run in sorted(RETENTION.items()):
            run(today, False)
        if plan.people or plan.audit_payloads or any(plan.other.values()):
            record_event(
                "retention_run",
                actor,
                payload={
                    "former_employees": plan.former_employees,
                    "expired_people": plan.expired_people,
                    "audit_payloads": plan.audit_payloads,
                    **plan.other,
                },
            )
    return plan
