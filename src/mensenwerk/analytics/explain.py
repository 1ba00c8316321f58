"""The people-analytics part of the readable access report, in the person's language."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from mensenwerk.analytics.models import RiskScore


def report_lines(data: dict[str, Any], lang: str) -> list[str]:
    scores = data.get("retention_scores", [])
    if not scores:
        return []
    stays = dict(RiskScore.Stay.choices)
    with translation.override(lang):
        lines = [_("## Retention risk")]
        for score in scores:
            factors = ", ".join(f["feature"] for f in score["factors"]) or "—"
            lines.append(
                _("- %(date)s: estimated risk of leaving %(risk)s %%; main factors: "
                  "%(factors)s; %(decision)s")
                % {
                    "date": score["date"],
                    "risk": round(100 * score["risk"]),
                    "factors": factors,
                    "decision": str(stays.get(score["stay_interview"], "")),
                }
            )  # fmt: skip
        return lines
