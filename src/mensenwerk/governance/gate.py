"""The activation gate: an AI application runs only when its register entry is complete."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Organisation
from mensenwerk.core.roles import Role
from mensenwerk.governance.errors import ApplicationInactive, Gap
from mensenwerk.governance.models import AIApplication


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


def require_active(slug: str) -> AIApplication:
    """Raise ApplicationInactive (with the gaps) unless the register entry is active."""
    app = AIApplication.objects.filter(slug=slug).first()
    if app is None:
        raise ApplicationInactive(None, slug)
    if not app.active:
        raise ApplicationInactive(app, slug, activation_gaps(app))
    return app
