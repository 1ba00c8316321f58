"""Machine-readable system cards, close to the Dutch government's Algoritmeregister fields
(naam, organisatie, beschrijving, doel en impact, menselijke tussenkomst, risicobeheer,
wettelijke basis, DPIA, bronnen, methoden en modellen, publicatiecategorie, status)."""

from __future__ import annotations

from typing import Any

from mensenwerk.core.models import Organisation
from mensenwerk.governance.models import AIApplication


def system_card(app: AIApplication) -> dict[str, Any]:
    org = Organisation.current()
    return {
        "name": app.name,
        "slug": app.slug,
        "organization": org.name,
        "status": "in_use" if app.active else "not_in_use",
        "description": app.purpose,
        "hr_process": app.hr_process,
        "provider": app.provider,
        "version": app.version,
        "publication_category": app.get_risk_class_display(),
        "ai_act_risk_class": app.risk_class,
        "risk_class_reason": app.risk_reason,
        "goal_and_impact": app.purpose,
        "human_intervention": {
            "collaboration_model": app.collaboration,
            "ai_alone": app.ai_alone,
            "ai_recommends": app.ai_recommends,
            "human_decides": app.human_decides,
            "overseers": app.overseers.count(),
            "overseers_briefed": app.overseers.filter(briefed_at__isnull=False).count(),
        },
        "legal_basis": {
            "gdpr_art6": app.legal_basis,
            "gdpr_art88": app.gdpr_art88,
            "balancing_test": app.balancing_test,
        },
        "source_data": app.personal_data,
        "retention": app.retention,
        "dpia": {
            "status": app.dpia_status,
            "date": app.dpia_date.isoformat() if app.dpia_date else None,
        },
        "works_council": {
            "country": org.country,
            "nl_status": app.works_council_status,
            "nl_wor_27_1_l": app.monitoring_wor,
            "nl_date": app.works_council_date.isoformat() if app.works_council_date else None,
            "be_cao39_informed": app.cao39_informed_on.isoformat()
            if app.cao39_informed_on
            else None,
            "be_cao39_consulted": app.cao39_consulted_on.isoformat()
            if app.cao39_consulted_on
            else None,
        },
        "risk_management": app.monitoring_plan,
        "transparency_notice": {"nl": app.notice_nl, "en": app.notice_en},
        "vendor_assessment": {
            v.criterion: {"rating": v.rating or None, "evidence": v.evidence}
            for v in app.vendor_assessments.all()
        },
    }


def system_cards() -> list[dict[str, Any]]:
    apps = AIApplication.objects.prefetch_related("overseers", "vendor_assessments")
    return [system_card(app) for app in apps]
