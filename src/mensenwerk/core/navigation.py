"""Navigation and start-page cards, filtered by the same access rules the views enforce."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: Promise
    description: Promise


ENTRIES = [
    Entry("core:start", _("Start"), _("What you can do here.")),
    Entry("core:me", _("My data"), _("The personnel record HR keeps about you.")),
    Entry("core:people", _("People"), _("Employees you may see, with department and manager.")),
    Entry("core:departments", _("Departments"), _("Departments, managers and headcount.")),
    Entry(
        "core:import_upload",
        _("Import employees"),
        _("Load a CSV or Excel export from AFAS, Nmbrs, Personio or Visma."),
    ),
    Entry(
        "core:organisation",
        _("Organisation"),
        _("Name, country, language and retention periods."),
    ),
    Entry(
        "assistant:chat",
        _("HR assistant"),
        _("Answers from the HR documents, with the source; HR when it does not know."),
    ),
    Entry(
        "assistant:welcome",
        _("New here?"),
        _("The questions new colleagues ask in their first weeks."),
    ),
    Entry(
        "assistant:documents",
        _("Knowledge base"),
        _("The documents the HR assistant answers from, questions for HR and gaps."),
    ),
    Entry(
        "onboarding:my",
        _("My onboarding"),
        _("Your own onboarding plan and the onboarding tasks others count on you for."),
    ),
    Entry(
        "onboarding:overview",
        _("Onboarding"),
        _("Every new colleague's plan: progress, overdue tasks and the pulse."),
    ),
    Entry(
        "skills:my",
        _("My skills"),
        _("Your skills, the gaps for your role and your development plan."),
    ),
    Entry(
        "skills:overview",
        _("Skills and learning"),
        _("Team heatmaps, role profiles, the course catalogue and development plans."),
    ),
    Entry(
        "skills:fairness",
        _("Fairness of development plans"),
        _("Who gets development plans and training hours, by gender and age group."),
    ),
    Entry(
        "recruitment:vacancies",
        _("Vacancies"),
        _("Vacancies, blind and explained CV screening, interview kits."),
    ),
    Entry(
        "bias:fairness",
        _("Fairness"),
        _("Selection rates and impact ratios per group, for the AI and for people."),
    ),
    Entry(
        "analytics:surveys",
        _("Engagement surveys"),
        _("Survey results per department and team, eNPS, drivers and comment themes."),
    ),
    Entry(
        "analytics:retention",
        _("Retention risk"),
        _("Where people are more likely to leave, per team; only with the works council."),
    ),
    Entry(
        "adoption:cockpit",
        _("Adoption cockpit"),
        _("Use cases, stakeholders and the TRUST plan, roadmap, measured KPIs and ROI."),
    ),
    Entry(
        "adoption:pulse",
        _("Your opinion"),
        _("Two questions about the AI tools you use, answered anonymously."),
    ),
    Entry(
        "governance:register",
        _("AI register"),
        _("Which AI is used here, what it may do, and what stays a human decision."),
    ),
    Entry("governance:trail", _("Audit trail"), _("Every AI output and decision, verifiable.")),
    Entry("governance:rights", _("Rights requests"), _("Access, erasure and explanation.")),
    Entry("core:users", _("Users"), _("Accounts and their roles.")),
    Entry("core:tokens", _("API tokens"), _("Personal tokens for integrations, shown once.")),
    Entry("api-1.0.0:openapi-view", _("API"), _("The REST API and its interactive documentation.")),
]


@cache
def _routes() -> list[tuple[Entry, str, Any]]:
    """Each entry's URL and access rule, looked up once per process: the URL configuration
    does not change while it runs, and resolving twenty URLs on every page was a third of a
    page's time."""
    routes = []
    for entry in ENTRIES:
        url = reverse(entry.url_name)
        routes.append((entry, url, getattr(resolve(url).func, "access_rule", None)))
    return routes


def visible_entries(user: Any) -> list[dict[str, Any]]:
    items = []
    for entry, url, rule in _routes():
        if rule is not None and rule.permits(user):
            items.append(
                {
                    "url": url,
                    "label": entry.label,
                    "description": entry.description,
                    "name": entry.url_name,
                }
            )
    return items
