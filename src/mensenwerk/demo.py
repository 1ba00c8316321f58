"""The whole demo organisation, each app's part in the order it happened.

A fresh demo writes four months of history oldest first (``governance.history.Timeline``):
the organisation and its register, the closed vacancy's applications and decisions, the
assistant's questions; then today's open vacancy and the adoption cockpit. So the audit trail
is in time order and the cockpit's KPIs and the ROI have past months to measure. Run again on
an existing demo, it only updates (every part is idempotent) and records at the real time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from mensenwerk.adoption.demo import load_adoption_demo
from mensenwerk.analytics.demo import load_analytics_demo
from mensenwerk.assistant.demo import load_assistant_demo
from mensenwerk.bias.demo import load_history_demo
from mensenwerk.core.demo import load_demo
from mensenwerk.drafting.demo import load_drafting_demo
from mensenwerk.governance.demo import load_governance_demo
from mensenwerk.governance.history import Timeline
from mensenwerk.governance.models import AuditEntry
from mensenwerk.onboarding.demo import load_onboarding_demo
from mensenwerk.recruitment.demo import load_recruitment_demo
from mensenwerk.skills.demo import load_skills_demo

HISTORY_DAYS = 135


@transaction.atomic
def build_demo(password: str) -> list[tuple[str, str, str]]:
    """Create or refresh the demo; return (username, role label, name) per login."""
    fresh = not AuditEntry.objects.exists()
    history = Timeline(timezone.now() - timedelta(days=HISTORY_DAYS) if fresh else None)
    logins: list[tuple[str, str, str]] = []

    def organisation(at: datetime) -> None:
        logins.extend(load_demo(password))
        load_governance_demo()

    history.add(history.start or timezone.now(), organisation)
    load_history_demo(history)
    load_assistant_demo(history)
    history.run()
    load_recruitment_demo()
    load_adoption_demo()
    load_drafting_demo()
    logins.extend(load_onboarding_demo(password))
    load_skills_demo()
    load_analytics_demo()
    return logins
