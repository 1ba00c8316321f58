"""The skills part of the readable access report, in the person's language."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from mensenwerk.skills.models import DevelopmentPlan, PersonSkill


def report_lines(data: dict[str, Any], lang: str) -> list[str]:
    sources = dict(PersonSkill.Source.choices)
    statuses = dict(DevelopmentPlan.Status.choices)
    with translation.override(lang):
        lines = [_("## Skills and learning")]
        for skill in data.get("skills", []):
            line = _("- %(skill)s, level %(level)s (%(source)s)") % {
                "skill": skill["skill"],
                "level": skill["level"],
                "source": str(sources.get(skill["source"], skill["source"])),
            }
            if skill.get("evidence"):
                line += " — " + skill["evidence"]
            lines.append(line)
        for plan in data.get("development_plans", []):
            courses = ", ".join(c["course"] for c in plan["courses"]) or "—"
            lines.append(
                _("- Development plan (%(status)s): %(courses)s")
                % {"status": str(statuses.get(plan["status"], plan["status"])), "courses": courses}
            )
        if data.get("groups_for_fairness"):
            lines.append(
                _("- You gave your gender and age group for the fairness figures (aggregate only).")
            )
        return lines
