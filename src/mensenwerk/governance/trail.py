"""The audit trail: one hash chain of AI outputs, human decisions and events.

    out = record_output("cv-screening", engine=..., subject=person, output=..., ...)
    decide(out, actor=user, decision="reject", reason="...")   # a person decides
    record_event("rights_request_closed", actor, subject=..., payload=...)

Writes happen inside the caller's transaction, so an AI output and its audit entry commit
together or not at all. Also: verification, the DPO alert, the figures and export read from
the trail.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Person, User
from mensenwerk.core.roles import Role
from mensenwerk.engines import chain
from mensenwerk.governance.errors import TrustError
from mensenwerk.governance.gate import require_active
from mensenwerk.governance.models import (
    AuditEntry,
    AuditPayload,
    ChainHead,
    SubjectKey,
)

DECISIONS = ("accept", "override", "reject", "hold")
REASON_REQUIRED = ("override", "reject")


# --- pseudonyms ---------------------------------------------------------------------------


def pseudonym_for(person: Person) -> str:
    key = SubjectKey.objects.filter(person=person).first()
    if key is None:
        key = SubjectKey.objects.create(
            person=person, pseudonym="S-" + secrets.token_hex(8).upper()
        )
    return key.pseudonym


def actor_id(actor: User | None) -> str:
    return f"user:{actor.pk}" if actor is not None else "system"


# --- the trail ----------------------------------------------------------------------------


# The time a demo's history step happened (governance.history.Timeline); None: the real time.
_CLOCK: ContextVar[datetime | None] = ContextVar("trail_clock", default=None)


@contextmanager
def trail_clock(at: datetime) -> Iterator[None]:
    """Entries appended inside are dated ``at``: only for writing demo history, oldest first.
    An ``at`` before the chain's last entry is refused, so the trail stays in time order."""
    token = _CLOCK.set(at)
    try:
        yield
    finally:
        _CLOCK.reset(token)


def append(
    kind: str, actor: str, application: str, subject: str, content: dict[str, Any], payload: Any
) -> AuditEntry:
    with transaction.atomic():
        # Lock the head row: concurrent writers queue here instead of forking the chain.
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            ChainHead.objects.get_or_create(pk=1)
            head = ChainHead.objects.select_for_update().get(pk=1)
        dated = _CLOCK.get()
        now = dated or timezone.now()
        if dated is not None:
            last = AuditEntry.objects.filter(seq=head.seq).values_list("created_at", flat=True)
            if last and last[0] > now:
                raise TrustError("history must be written oldest first: the trail keeps order")
        content = {
            "kind": kind,
            "application": application,
            "subject": subject,
            "actor": actor,
            "at": now.isoformat(timespec="microseconds"),
            **content,
        }
        if payload is not None:
            content["payload_hash"] = chain.payload_hash(payload)
        seq = head.seq + 1
        digest = chain.entry_hash(seq, head.hash, content)
        entry = AuditEntry.objects.create(
            seq=seq,
            kind=kind,
            application=application,
            subject=subject,
            actor=actor,
            content=content,
            prev_hash=head.hash,
            hash=digest,
            created_at=now,
        )
        if payload is not None:
            AuditPayload.objects.create(entry=entry, data=payload)
        head.seq, head.hash = seq, digest
        head.save(update_fields=["seq", "hash"])
    return entry


def _subject_id(subject: Person | str | None) -> str:
    if subject is None:
        return ""
    return subject if isinstance(subject, str) else pseudonym_for(subject)


def record_output(
    application: str,
    *,
    engine: str,
    engine_version: str,
    params: dict[str, Any],
    subject: Person | str | None,
    input_data: bytes | str,
    output: Any,
    explanation: Any,
    actor: User | None,
) -> AuditEntry:
    """Record one AI output. Refuses when the register entry is not active."""
    require_active(application)
    return append(
        AuditEntry.Kind.OUTPUT,
        actor_id(actor),
        application,
        _subject_id(subject),
        {
            "engine": engine,
            "engine_version": engine_version,
            "params_hash": chain.payload_hash(params),
            "input_hash": chain.sha256_hex(input_data),
        },
        {"output": output, "explanation": explanation},
    )


def decide(
    output: AuditEntry,
    *,
    actor: User,
    decision: str,
    reason: str = "",
    ai_suggestion: str = "",
    followed_ai: bool | None = None,
) -> AuditEntry:
    """Record a person's decision on an AI output. A reason is required to override or reject.

    ``followed_ai`` says whether the person did what the AI suggested (True), went against it
    (False) or took no position yet, such as putting on hold (None). It is chained, so the
    agreement and override figures cannot be rewritten; the use case knows what its
    suggestion meant (a recruiter who rejects a candidate the AI put below the threshold
    follows the AI)."""
    if output.kind != AuditEntry.Kind.OUTPUT:
        raise TrustError(str(_("Decisions can only be recorded on an AI output.")))
    if actor is None or not actor.is_authenticated:
        raise TrustError(str(_("Only a person can decide.")))
    if decision not in DECISIONS:
        raise TrustError(str(_("Unknown decision.")))
    if decision in REASON_REQUIRED and not reason.strip():
        raise TrustError(str(_("A reason is required to override the AI or to reject.")))
    if followed_ai is None and decision in ("accept", "override"):
        followed_ai = decision == "accept"
    return append(
        AuditEntry.Kind.DECISION,
        actor_id(actor),
        output.application,
        output.subject,
        {"decision": decision, "refers_to": output.seq, "followed_ai": followed_ai},
        {"reason": reason.strip(), "ai_suggestion": ai_suggestion},
    )


def followed_ai(content: dict[str, Any], payload: Any) -> bool | None:
    """Did the person follow the AI's suggestion? From the chained ``followed_ai`` since it is
    recorded; for older entries derived from the decision and the stored ``ai_suggestion``
    (None when that was erased, or for a hold)."""
    if "followed_ai" in content:
        return content["followed_ai"]
    decision = content.get("decision")
    if decision in ("accept", "override"):
        return decision == "accept"
    if decision == "reject":
        suggestion = (payload or {}).get("ai_suggestion") if isinstance(payload, dict) else None
        return {"below": True, "advance": False}.get(suggestion or "")
    return None


@dataclass(frozen=True)
class Agreement:
    """How often people followed the AI and went against it, over the decisions that took a
    position (holds and decisions whose suggestion is unknown are counted apart)."""

    decisions: int
    followed: int
    against: int

    @property
    def with_position(self) -> int:
        return self.followed + self.against

    @property
    def agreement_rate(self) -> float | None:
        return self.followed / self.with_position if self.with_position else None

    @property
    def override_rate(self) -> float | None:
        return self.against / self.with_position if self.with_position else None


def agreement(verdicts: list[bool | None]) -> Agreement:
    return Agreement(
        len(verdicts), sum(v is True for v in verdicts), sum(v is False for v in verdicts)
    )


def record_event(
    event: str, actor: User | None, *, application: str = "", subject: str = "", payload: Any = None
) -> AuditEntry:
    return append(
        AuditEntry.Kind.EVENT, actor_id(actor), application, subject, {"event": event}, payload
    )


def _entries() -> Iterator[chain.ChainEntry]:
    rows = AuditEntry.objects.order_by("id").select_related("payload")
    for row in rows.iterator(chunk_size=2000):
        payload = getattr(row, "payload", None)
        content = row.content
        columns = {
            "kind": row.kind,
            "application": row.application,
            "subject": row.subject,
            "actor": row.actor,
        }
        if any(content.get(key) != value for key, value in columns.items()):
            # the queryable columns copy the hashed content; a difference is tampering
            content = {**content, "_columns_differ": True}
        yield chain.ChainEntry(
            seq=row.seq,
            prev_hash=row.prev_hash,
            hash=row.hash,
            content=content,
            payload=payload.data if payload else None,
            payload_erased=bool(payload and payload.erased_at),
        )


def verify_trail() -> chain.Verdict:
    """Walk the whole chain in insertion order, then compare its end with the stored head."""
    verdict = chain.verify(_entries())
    if not verdict.ok:
        return verdict
    head = ChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, chain.GENESIS)
    if (head_seq, head_hash) != (verdict.head_seq, verdict.head_hash):
        return chain.Verdict(
            False,
            verdict.checked,
            verdict.head_seq,
            verdict.head_hash,
            verdict.head_seq + 1,
            "deleted",
        )
    return verdict


def alert_dpo(verdict: chain.Verdict) -> int:
    """E-mail every active DPO that the trail failed verification; returns how many."""
    from django.core.mail import send_mail

    recipients = sorted(
        {
            u.email
            for u in User.objects.filter(is_active=True, role_assignments__role=Role.DPO)
            if u.email
        }
    )
    if recipients:
        send_mail(
            "[Mensenwerk] audit trail NOT intact / audittrail NIET intact",
            f"Entry/regel {verdict.bad_seq}: {verdict.problem}. "
            f"{verdict.checked} entries verified before it / regels gecontroleerd daarvoor.",
            None,
            recipients,
        )
    return len(recipients)


# --- figures from the trail -----------------------------------------------------------------


def decision_stats(since: datetime | None = None) -> dict[str, Any]:
    """Agreement with the AI and override rates per application and per overseer, and review
    times. ``acceptance_rate`` is the share of decisions that followed the AI's suggestion and
    ``override_rate`` the share that went against it, both over the decisions that took a
    position; a rejection the AI suggested is agreement, one it did not is an override."""
    decisions = AuditEntry.objects.filter(kind=AuditEntry.Kind.DECISION).select_related("payload")
    if since:
        decisions = decisions.filter(created_at__gte=since)
    output_times = dict(
        AuditEntry.objects.filter(kind=AuditEntry.Kind.OUTPUT).values_list("seq", "created_at")
    )
    groups: dict[tuple[str, str], list[tuple[str, bool | None, float | None]]] = {}
    for row in decisions:
        produced = output_times.get(row.content.get("refers_to"))
        seconds = (row.created_at - produced).total_seconds() if produced else None
        payload = getattr(row, "payload", None)
        verdict = followed_ai(row.content, payload.data if payload else None)
        item = (row.content["decision"], verdict, seconds)
        groups.setdefault(("application", row.application), []).append(item)
        groups.setdefault(("actor", row.actor), []).append(item)
    result: dict[str, Any] = {"per_application": {}, "per_overseer": {}}
    for (by, key), items in sorted(groups.items()):
        counts = {d: sum(1 for decision, _v, _s in items if decision == d) for d in DECISIONS}
        times = [s for _d, _v, s in items if s is not None]
        agreed = agreement([v for _d, v, _s in items])
        summary = {
            "decisions": len(items),
            **counts,
            "followed": agreed.followed,
            "against": agreed.against,
            # so the three add up to the decisions: holds, and decisions without a suggestion
            "no_position": len(items) - agreed.followed - agreed.against,
            "acceptance_rate": _round(agreed.agreement_rate),
            "override_rate": _round(agreed.override_rate),
            "median_review_seconds": round(median(times), 1) if times else None,
        }
        result["per_application" if by == "application" else "per_overseer"][key] = summary
    return result


def _round(rate: float | None) -> float | None:
    return round(rate, 4) if rate is not None else None


def export_trail(since: date | None = None, application: str = "") -> list[dict[str, Any]]:
    rows = AuditEntry.objects.select_related("payload").order_by("seq")
    if since:
        rows = rows.filter(created_at__date__gte=since)
    if application:
        rows = rows.filter(application=application)
    out = []
    for row in rows:
        payload = getattr(row, "payload", None)
        out.append(
            {
                "seq": row.seq,
                "kind": row.kind,
                "application": row.application,
                "subject": row.subject,
                "actor": row.actor,
                "at": row.created_at.isoformat(),
                "hash": row.hash,
                "prev_hash": row.prev_hash,
                "content": row.content,
                "payload": payload.data if payload and not payload.erased_at else None,
            }
        )
    return out


def trail_csv(rows: list[dict[str, Any]]) -> str:
    import csv
    import io
    import json

    out = io.StringIO()
    writer = csv.writer(out)
    fields = ["seq", "kind", "application", "subject", "actor", "at", "hash", "prev_hash"]
    writer.writerow([*fields, "content", "payload"])
    for row in rows:
        writer.writerow(
            [row[f] for f in fields]
            + [
                json.dumps(row["content"], ensure_ascii=False),
                json.dumps(row["payload"], ensure_ascii=False),
            ]
        )
    return out.getvalue()
