"""The trust layer's entry point. Use cases call these four; see docs/trust-layer.md.

    app = require_active("cv-screening")            # the activation gate
    out = record_output("cv-screening", engine=..., subject=person, output=..., ...)
    decide(out, actor=user, decision="reject", reason="...")   # a person decides

Writes to the trail happen inside the caller's transaction, so an AI output and its audit
entry commit together or not at all. The calls live in ``gate.py`` and ``trail.py`` and are
re-exported here; this module holds the register's own writes, each saved and recorded in one
transaction. Rights requests and erasure are in ``rights.py``, retention in ``retention.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import User
from mensenwerk.core.roles import Role
from mensenwerk.governance.errors import ApplicationInactive, Gap, TrustError
from mensenwerk.governance.gate import activation_gaps, dpia_settled, require_active
from mensenwerk.governance.models import (
    CRITICAL_CRITERIA,
    AIApplication,
    Overseer,
    VendorAssessment,
)
from mensenwerk.governance.trail import decide, record_event, record_output

__all__ = [
    "ApplicationInactive",
    "Gap",
    "TrustError",
    "activation_gaps",
    "decide",
    "dpia_settled",
    "record_event",
    "record_output",
    "require_active",
]


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


@transaction.atomic
def do_update_application(app: AIApplication, changed: list[str], actor: User) -> bool:
    """Save an edited register entry (HR) and record which fields changed. A change that
    breaks a requirement of an active application switches it off at once; returns whether
    it did."""
    app.save()
    record_event("register_entry_changed", actor, application=app.slug, payload={"fields": changed})
    if app.active and activation_gaps(app):
        do_deactivate(app, actor, "requirement no longer met after edit")
        return True
    return False


@transaction.atomic
def do_assign_overseer(
    app: AIApplication, user: User, briefed_at: date | None, note: str, actor: User
) -> Overseer:
    """Name (or re-brief) a person who oversees the application's outputs (AI Act art. 26(2))."""
    overseer, _created = Overseer.objects.update_or_create(
        application=app, user=user, defaults={"briefed_at": briefed_at, "briefing_note": note}
    )
    record_event(
        "overseer_assigned",
        actor,
        application=app.slug,
        payload={"user": user.pk, "briefed": bool(briefed_at)},
    )
    return overseer
