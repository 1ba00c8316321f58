"""What the trail's codes mean, in words: the DPO reads events and actors, not identifiers."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EVENTS: dict[str, Promise] = {
    "account_created": gettext_lazy("account created"),
    "account_deactivated": gettext_lazy("account deactivated"),
    "account_reactivated": gettext_lazy("account reactivated"),
    "account_locked": gettext_lazy("account locked after failed log-ins"),
    "account_unlocked": gettext_lazy("account unlocked"),
    "password_link_sent": gettext_lazy("password link sent"),
    "password_reset": gettext_lazy("password set"),
    "role_granted": gettext_lazy("role granted"),
    "role_removed": gettext_lazy("role removed"),
    "token_created": gettext_lazy("API token created"),
    "token_revoked": gettext_lazy("API token revoked"),
    "application_activated": gettext_lazy("AI application switched on"),
    "application_deactivated": gettext_lazy("AI application switched off"),
    "register_entry_created": gettext_lazy("register entry created"),
    "register_entry_changed": gettext_lazy("register entry changed"),
    "vendor_assessment_changed": gettext_lazy("vendor assessment changed"),
    "dpia_not_required": gettext_lazy("DPIA not required (DPO's reason)"),
    "overseer_assigned": gettext_lazy("overseer assigned"),
    "rights_request_logged": gettext_lazy("rights request logged"),
    "rights_request_closed": gettext_lazy("rights request closed"),
    "subject_exported": gettext_lazy("a person's data exported"),
    "subject_erased": gettext_lazy("a person's data erased"),
    "payloads_erased": gettext_lazy("details erased (erasure or retention)"),
    "report_mailed": gettext_lazy("monthly report e-mailed"),
    "draft_input_requested": gettext_lazy("manager asked for input to a document"),
    "retention_run": gettext_lazy("retention run"),
    "decision_without_ai": gettext_lazy("decision while the AI was off"),
    "stage_changed": gettext_lazy("application moved to another stage"),
    "identity_revealed": gettext_lazy("candidate's identity revealed"),
    "scorecard_saved": gettext_lazy("interview scorecard saved"),
    "vacancy_published": gettext_lazy("vacancy published"),
    "vacancy_closed": gettext_lazy("vacancy closed"),
    "bias_alert_raised": gettext_lazy("bias alert raised"),
    "bias_alert_handled": gettext_lazy("bias alert handled"),
    "bias_audit_published": gettext_lazy("bias audit published"),
    "assistant_escalated": gettext_lazy("question forwarded to HR"),
    "assistant_reply": gettext_lazy("HR answered a forwarded question"),
}
DECISIONS: dict[str, Promise] = {
    "accept": gettext_lazy("followed the AI"),
    "override": gettext_lazy("went against the AI"),
    "reject": gettext_lazy("rejected"),
    "hold": gettext_lazy("put on hold"),
}


def event(code: str) -> str:
    """The event's words; an unknown code (a newer app's) as written."""
    return str(EVENTS.get(code, code))


def decision(code: str) -> str:
    return str(DECISIONS.get(code, code))


def actor(ref: str) -> str:
    """'system' and 'user:12' as words; the number stays (the trail is pseudonymous)."""
    if ref == "system":
        return _("system")
    if ref.startswith("user:"):
        return _("user %(n)s") % {"n": ref.removeprefix("user:")}
    return ref
