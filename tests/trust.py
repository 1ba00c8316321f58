"""Switch an AI application on the way the register demands, for tests that need it active."""

from __future__ import annotations

from datetime import date

from mensenwerk.governance import services
from mensenwerk.governance.models import AIApplication, Overseer


def activate(slug: str, owner) -> AIApplication:
    app = AIApplication.objects.get(slug=slug)
    app.owner = owner
    app.legal_basis = "6_1f"
    app.dpia_status = "completed"
    # a personnel information system (WOR art. 27) needs the works council's consent
    app.works_council_status = "consent_given" if app.monitoring_wor else "informed"
    app.notice_nl = app.notice_nl or "Uitleg"
    app.notice_en = app.notice_en or "Notice"
    app.save()
    Overseer.objects.get_or_create(
        application=app, user=owner, defaults={"briefed_at": date(2026, 11, 1)}
    )
    services.do_activate(app, owner)
    return app
