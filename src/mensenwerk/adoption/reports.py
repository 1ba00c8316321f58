"""The cockpit's one-click reports as Markdown-lite (``engines/documents`` makes HTML and PDF).

- business case: goal, chosen use cases, costs, benefits, ROI and scenarios, risks;
- management report (monthly): KPIs against baseline and target, adoption, ROI, TRUST
  progress, open objections, next milestones;
- works-council report: the same figures without any cost or amount, aggregated, no names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mensenwerk.adoption import metrics, services
from mensenwerk.adoption.models import Kpi, Objection, Project
from mensenwerk.core import formats
from mensenwerk.core.models import Organisation


def _cell(value: Any) -> str:
    return str(value).replace("|", "/").replace("\n", " ")


def _h(title: str) -> str:
    return "## " + title


def _figure(fig: metrics.Figure, unit: str) -> str:
    if fig.withheld:
        return _("fewer than the smallest group: not shown")
    if fig.value is None:
        return "—"
    if unit == "%":
        return formats.percent(fig.value)
    return f"{formats.number(fig.value)} {unit}".strip()


def _kpi_lines(figures: dict[str, metrics.Figure], month: date) -> list[str]:
    this = timezone.localdate().replace(day=1)
    measured = _("this month") if month == this else formats.month(month)
    lines = [
        "| " + " | ".join([_("KPI"), _("baseline"), _("target"), _("target date"), measured]) + " |"
    ]
    for kpi in Kpi.objects.all():
        if kpi.measure:
            current = _figure(figures[kpi.measure], kpi.unit)
        else:
            last = kpi.values.last()
            current = (
                f"{formats.number(last.value)} {kpi.unit}".strip() + f" ({last.source}, "
                f"{formats.long_date(last.date)})"
                if last
                else "—"
            )
        lines.append(
            "| "
            + " | ".join(
                _cell(v)
                for v in (
                    kpi.name,
                    formats.number(kpi.baseline) if kpi.baseline is not None else "—",
                    formats.number(kpi.target) if kpi.target is not None else "—",
                    formats.long_date(kpi.target_date) if kpi.target_date else "—",
                    current,
                )
            )
            + " |"
        )
    return lines


def _trust_lines(project: Project) -> list[str]:
    return [f"- {s['label']}: {s['done']}/{s['total']}" for s in services.trust_progress(project)]


def _milestones(project: Project) -> list[str]:
    labels = services.phase_labels()
    today = timezone.localdate()
    out = []
    for row in services.schedule(project):
        plan = row["plan"]
        if plan.end >= today:
            gate = " — " + _("go/no-go decision") if plan.gate else ""
            span = f"{formats.long_date(plan.start)} – {formats.long_date(plan.end)}"
            out.append(f"- {labels[plan.key]}: {span}{gate}")
    return out[:4]


def _objections() -> list[str]:
    rows = Objection.objects.exclude(status=Objection.Status.CLOSED)
    return [f"- {o.text} ({o.get_status_display()})" for o in rows] or [_("None.")]


def _roi_lines(summary: dict[str, Any]) -> list[str]:
    roi = summary["roi"]
    money, costs = formats.money, summary["costs"]
    estimates = " (" + _("partly estimates") + ")" if summary["estimates"] else ""
    payback = (
        _("%(m)s months") % {"m": roi.payback_months}
        if roi.payback_months is not None
        else _("not within the plan")
    )
    lines = [
        "- "
        + _("Yearly costs")
        + f": {money(costs['yearly'])}; "
        + _("one-off costs")
        + f": {money(costs['one_off'])}",
        "- "
        + _("Measured hours saved per year")
        + f": {formats.number(summary['measured_hours_yearly'])} × {money(summary['rate'])}"
        + f" = {money(summary['hours_value'])}",
        "- " + _("Other benefits per year") + f": {money(summary['other_benefits'])}{estimates}",
        "- " + _("ROI in the first year") + ": " + _pct(roi.roi_pct),
        "- " + _("Payback") + ": " + payback,
    ]
    names = {
        "conservative": _("conservative"),
        "expected": _("expected"),
        "optimistic": _("optimistic"),
    }
    lines += ["", "| " + " | ".join([_("Scenario"), _("Benefits"), _("Costs"), "ROI"]) + " |"]
    for key, r in summary["scenarios"].items():
        cells = [names[key], money(r.benefits), money(r.first_year_cost), _pct(r.roi_pct)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _pct(value: float | None) -> str:
    return "—" if value is None else formats.percent(value, 1)


def build(kind: str, project: Project, lang: str, month: date | None = None) -> tuple[str, str]:
    """(title, Markdown-lite text) of one report: business-case, management or works-council.
    The KPIs are those of ``month`` (its first day; default this month so far)."""
    month = month or timezone.localdate().replace(day=1)
    with translation.override(lang):
        org = Organisation.current()
        chosen = [f"- {_cell(c.name)}" for c in project.use_cases.all()] or [_("None chosen yet.")]
        today = formats.long_date(timezone.localdate())
        head = [f"{org.name} — {_cell(project.name)} — {today}"]
        kpis = _kpi_lines(metrics.measure_month(month), month)
        if kind == "business-case":
            title, body = _("Business case"), _business_case(project, chosen)
        elif kind == "management":
            title, body = _("Monthly management report"), _management(project, chosen, kpis)
        else:
            title, body = _("Report for the works council"), _works_council(project, chosen, kpis)
        return title, "\n".join([f"# {title}", *head, *body]) + "\n"


def _business_case(project: Project, chosen: list[str]) -> list[str]:
    return [
        _h(_("Goal")),
        _cell(project.goal) or "—",
        _h(_("Use cases of this wave")),
        *chosen,
        _h(_("Costs and benefits")),
        *_roi_lines(services.roi_summary(project)),
        _h(_("How the figures are measured")),
        _(
            "Hours saved are measured in the system: CVs the AI screened × the minutes a "
            "manual first screen takes, plus questions the assistant answered without HR "
            "× HR's minutes per question, averaged over the last three complete months. "
            "Other benefits are entered with their basis."
        ),
        _h(_("Risks and objections")),
        *_objections(),
    ]


def _management(project: Project, chosen: list[str], kpis: list[str]) -> list[str]:
    return [
        _h(_("Use cases of this wave")),
        *chosen,
        _h(_("KPIs")),
        *kpis,
        _h(_("Return on investment")),
        *_roi_lines(services.roi_summary(project)),
        _h(_("TRUST plan")),
        *_trust_lines(project),
        _h(_("Open objections")),
        *_objections(),
        _h(_("Next milestones")),
        *_milestones(project),
    ]


def _works_council(project: Project, chosen: list[str], kpis: list[str]) -> list[str]:
    return [
        _(
            "All figures are aggregated; a figure from fewer people than the smallest "
            "reportable group is not shown. This report holds no costs and no names."
        ),
        _h(_("Use cases of this wave")),
        *chosen,
        _h(_("KPIs")),
        *kpis,
        _h(_("TRUST plan")),
        *_trust_lines(project),
        _h(_("Open objections")),
        *_objections(),
        _h(_("Next milestones")),
        *_milestones(project),
    ]
