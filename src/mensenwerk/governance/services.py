"""The trust layer's service API. Use cases call these; see docs/trust-layer.md.

    app = require_active("cv-screening")            # the activation gate
    out = record_output("cv-screening", engine=..., subject=person, output=..., ...)
    decide(out, actor=user, decision="reject", reason="...")   # a person decides

Writes to the trail happen inside the caller's transaction, so an AI output and its audit
entry commit together or not at all.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from statistics import median
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Organisation, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.engines import chain
from mensenwerk.governance.models import (
    CRITICAL_CRITERIA,
    AIApplication,
    AuditEntry,
    AuditPayload,
    ChainHead,
    RightsRequest,
    SubjectKey,
    VendorAssessment,
)

DECISIONS = ("accept", "override", "reject", "hold")
REASON_REQUIRED = ("override", "reject")


class TrustError(Exception):
    """A refused trust-layer action; ``str()`` is a sentence for the user."""


@dataclass(frozen=True)
class Gap:
    code: str
    message: Promise
    fixer: Promise  # who can fix it


class ApplicationInactive(TrustError):
    def __init__(
        self, application: AIApplication | None, slug: str, gaps: list[Gap] | None = None
    ) -> None:
        self.application, self.slug, self.gaps = application, slug, gaps or []
        name = application.name if application else slug
        super().__init__(f"AI application {name!r} is not active")


# --- the activation gate ----------------------------------------------------------------


def activation_gaps(app: AIApplication) -> list[Gap]:
    """What is missing before ``app`` may be switched on (empty when nothing is)."""
    hr, dpo = Role.HR.label, Role.DPO.label
    gaps: list[Gap] = []
    if app.owner_id is None:
        gaps.append(Gap("owner", _("An owner is assigned."), hr))
    if not app.legal_basis:
        gaps.append(Gap("legal_basis", _("A legal basis (GDPR art. 6) is recorded."), dpo))
    if app.is_high_risk and app.dpia_status != AIApplication.DpiaStatus.COMPLETED:
        gaps.append(Gap("dpia", _("The DPIA is completed (required for high-risk AI)."), dpo))
    elif app.processes_personal_data and not dpia_settled(app):
        message = _(
            "The DPIA is completed, or the DPO recorded why none is needed (it processes "
            "personal data)."
        )
        gaps.append(Gap("dpia", message, dpo))
    country = Organisation.current().country
    wc = AIApplication.WorksCouncil
    if country == "NL" and app.monitoring_wor and app.works_council_status != wc.CONSENT_GIVEN:
        gaps.append(
            Gap("works_council", _("The works council gave consent (WOR art. 27(1)(l))."), hr)
        )
    elif (
        country == "NL"
        and not app.monitoring_wor
        and (app.is_high_risk or app.processes_personal_data)
        and app.works_council_status == wc.NOT_INFORMED
    ):
        message = _("The works council is informed before use (AI Act art. 26(7)).")
        gaps.append(Gap("works_council", message, hr))
    blocking = [a.get_criterion_display() for a in app.vendor_assessments.all() if a.blocks]
    if blocking:
        message = _(
            "No critical vendor criterion is rated insufficient without a risk HR accepted "
            "(%(criteria)s)."
        ) % {"criteria": ", ".join(str(c) for c in blocking)}
        gaps.append(Gap("vendor", message, hr))
    if (
        country == "BE"
        and app.is_high_risk
        and not (app.cao39_informed_on and app.cao39_consulted_on)
    ):
        gaps.append(
            Gap("cao39", _("Employees' representatives are informed and consulted (CAO 39)."), hr)
        )
    if not (app.notice_nl.strip() and app.notice_en.strip()):
        gaps.append(Gap("notice", _("A transparency notice exists in Dutch and English."), hr))
    if not app.overseers.filter(briefed_at__isnull=False, user__is_active=True).exists():
        gaps.append(
            Gap(
                "overseer",
                _("At least one human overseer has completed the AI-literacy briefing."),
                hr,
            )
        )
    return gaps


def dpia_settled(app: AIApplication) -> bool:
    """A completed DPIA, or "not required" with the reason the DPO recorded."""
    status = AIApplication.DpiaStatus
    if app.dpia_status == status.COMPLETED:
        return True
    return (
        app.dpia_status == status.NOT_REQUIRED
        and bool(app.dpia_exemption_reason.strip())
        and app.dpia_exemption_by_id is not None
    )


@transaction.atomic
def do_record_dpia_exemption(app: AIApplication, reason: str, actor: User) -> None:
    """The DPO records why this entry needs no DPIA; it is on the record with their name."""
    if not actor.has_role(Role.DPO):
        raise TrustError(str(_("Only the DPO can record why no DPIA is needed.")))
    if not reason.strip():
        raise TrustError(str(_("Give the reason why no DPIA is needed.")))
    app.dpia_status = AIApplication.DpiaStatus.NOT_REQUIRED
    app.dpia_exemption_reason = reason.strip()
    app.dpia_exemption_by, app.dpia_exemption_at = actor, timezone.now()
    app.save(
        update_fields=[
            "dpia_status",
            "dpia_exemption_reason",
            "dpia_exemption_by",
            "dpia_exemption_at",
            "updated_at",
        ]
    )
    record_event(
        "dpia_not_required", actor, application=app.slug, payload={"reason": reason.strip()}
    )


@transaction.atomic
def do_create_application(app: AIApplication, actor: User) -> AIApplication:
    """Register an external AI system, with its vendor criteria, on the record."""
    app.save()
    ensure_vendor_rows(app)
    record_event("register_entry_created", actor, application=app.slug)
    return app


def ensure_vendor_rows(app: AIApplication) -> None:
    """One row per vendor criterion; where personal data goes and how safe are critical."""
    for criterion in VendorAssessment.Criterion.values:
        VendorAssessment.objects.get_or_create(
            application=app,
            criterion=criterion,
            defaults={"critical": criterion in CRITICAL_CRITERIA},
        )


@transaction.atomic
def do_save_vendor_assessment(
    app: AIApplication, changes: dict[str, dict[str, Any]], actor: User
) -> None:
    """Ratings and evidence (HR or DPO); which criteria are critical and an accepted risk
    only from an HR admin. Saved and recorded together."""
    is_hr = actor.has_role(Role.HR)
    for row in app.vendor_assessments.select_for_update():
        change = changes.get(row.criterion)
        if change is None:
            continue
        row.rating, row.evidence = change["rating"], change["evidence"]
        if is_hr:
            row.critical = change.get("critical", row.critical)
            accepted = (change.get("accepted_risk") or "").strip()
            if accepted != row.accepted_risk:
                row.accepted_risk = accepted
                row.accepted_by = actor if accepted else None
        row.save()
    record_event(
        "vendor_assessment_changed",
        actor,
        application=app.slug,
        payload={
            "blocking": [a.criterion for a in app.vendor_assessments.all() if a.blocks],
            "accepted_risks": [
                a.criterion for a in app.vendor_assessments.all() if a.accepted_by_id
            ],
        },
    )


def require_active(slug: str) -> AIApplication:
    """Raise ApplicationInactive (with the gaps) unless the register entry is active."""
    app = AIApplication.objects.filter(slug=slug).first()
    if app is None:
        raise ApplicationInactive(None, slug)
    if not app.active:
        raise ApplicationInactive(app, slug, activation_gaps(app))
    return app


@transaction.atomic
def do_activate(app: AIApplication, actor: User) -> None:
    gaps = activation_gaps(app)
    if gaps:
        raise ApplicationInactive(app, app.slug, gaps)
    app.active, app.activated_at = True, timezone.now()
    app.save(update_fields=["active", "activated_at", "updated_at"])
    record_event("application_activated", actor, application=app.slug)


@transaction.atomic
def do_deactivate(app: AIApplication, actor: User, reason: str) -> None:
    """Immediate stop (AI Act art. 26(5)); the reason goes on the record."""
    if not reason.strip():
        raise TrustError(str(_("A reason is required to switch an AI application off.")))
    app.active = False
    app.save(update_fields=["active", "updated_at"])
    record_event(
        "application_deactivated", actor, application=app.slug, payload={"reason": reason.strip()}
    )


# --- pseudonyms ---------------------------------------------------------------------------


def pseudonym_for(person: Person) -> str:
    key = SubjectKey.objects.filter(person=person).first()
    if key is None:
        key = SubjectKey.objects.create(
            person=person, pseudonym="S-" + secrets.token_hex(8).upper()
        )
    return key.pseudonym


def _actor_id(actor: User | None) -> str:
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


def _append(
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
    return _append(
        AuditEntry.Kind.OUTPUT,
        _actor_id(actor),
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
    return _append(
        AuditEntry.Kind.DECISION,
        _actor_id(actor),
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
    return _append(
        AuditEntry.Kind.EVENT, _actor_id(actor), application, subject, {"event": event}, payload
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


def make_checkpoint(private_key_pem: bytes) -> dict[str, Any]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(private_key_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TrustError("the checkpoint key must be an Ed25519 private key (PEM)")
    verdict = verify_trail()
    if not verdict.ok:
        raise TrustError(f"the trail does not verify (entry {verdict.bad_seq}: {verdict.problem})")
    message = chain.checkpoint_message(verdict.head_seq, verdict.head_hash)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return {
        "seq": verdict.head_seq,
        "head": verdict.head_hash,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "signature": base64.b64encode(key.sign(message)).decode(),
        "public_key": public.decode(),
    }


def verify_checkpoint(checkpoint: dict[str, Any], trusted_key_pem: bytes) -> chain.Verdict:
    """The log still holds, unchanged, the entries up to the signed head.

    The signature is checked against ``trusted_key_pem`` only (the ``.pub`` file written
    next to the signing key, kept off the server). The public key inside the checkpoint is
    ignored: whoever rewrites the chain can sign a checkpoint with a key of their own.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public = serialization.load_pem_public_key(trusted_key_pem)
    except (ValueError, TypeError):
        raise TrustError("the trusted key is not a PEM public key") from None
    if not isinstance(public, Ed25519PublicKey):
        raise TrustError("the trusted key must be an Ed25519 public key (PEM)")
    try:
        seq, head = int(checkpoint["seq"]), str(checkpoint["head"])
        public.verify(
            base64.b64decode(checkpoint["signature"]), chain.checkpoint_message(seq, head)
        )
    except (KeyError, ValueError, TypeError, InvalidSignature) as exc:
        raise TrustError(
            f"the checkpoint is not signed by the trusted key ({type(exc).__name__})"
        ) from None
    verdict = verify_trail()
    if not verdict.ok:
        return verdict
    row = AuditEntry.objects.filter(seq=seq).first()
    if seq and (row is None or row.hash != head):
        return chain.Verdict(
            False, verdict.checked, verdict.head_seq, verdict.head_hash, seq, "checkpoint"
        )
    return verdict


def public_key_pem(private_key_pem: bytes) -> bytes:
    """The PEM public key of an Ed25519 private key (what auditors verify checkpoints with)."""
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(private_key_pem, password=None)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def generate_checkpoint_key(path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.write_bytes(pem)
    path.chmod(0o600)


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
        "generated_at": timezone.now().isoformat(timespec="seconds"),
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
        _append(
            AuditEntry.Kind.EVENT,
            _actor_id(actor),
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
    from mensenwerk.core.jobs import files_mentioning
    from mensenwerk.core.models import EmployeeImport
    from mensenwerk.core.services import import_dir

    for path in files_mentioning(import_dir(), needles):
        path.unlink(missing_ok=True)
        EmployeeImport.objects.filter(stored_name=path.name).update(status="failed")


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


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the organisation's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    return date(year, month + 1, 28)
