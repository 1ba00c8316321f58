"""The words of a survey's report for the works council and management: the anonymity rules,
the figures per group (a withheld group by its size only), what moves the recommend score, the
comment themes by their words and counts (no quotes: the document leaves the system) and the
early signals. Markdown-lite for ``engines.documents``; every text in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from mensenwerk.analytics import surveys
from mensenwerk.analytics.models import Survey
from mensenwerk.core import formats


def _number(value: float | None, decimals: int) -> str:
    return "—" if value is None else formats.number(value, decimals)


def _groups(result: dict[str, Any]) -> str:
    themes = list(result["themes"])
    rows = [f"| {_('Group')} | {_('Answers')} | eNPS | " + " | ".join(themes) + " |"]
    for figures in [result["overall"], *result["groups"]]:
        name = figures["group"] or _("Whole organisation")
        if figures["withheld"]:
            cells = [_("not shown")] + [""] * len(themes)
        else:
            scores = [_number(figures["themes"].get(t), 2) for t in themes]
            cells = [_number(figures["enps"], 0), *scores]
        rows.append(f"| {name} | {figures['n']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)  # one block: a table


def survey_text(survey: Survey, lang: str) -> str:
    with translation.override(lang):
        top = survey.result["top"]
        lines = [
            f"# {survey.title}",
            _("Held on %(date)s; %(n)s answers.")
            % {"date": formats.long_date(survey.held_on), "n": top["overall"]["n"]},
            _(
                "Answers carry no name. A group under %(n)s answers shows its size only, and so "
                "does a group that could be worked out by subtracting shown groups; comment "
                "themes come only from groups of ten or more."
            )
            % {"n": survey.min_group},
            "## " + _("Per group"),
            _groups(top),
        ]
        if top.get("drivers"):
            lines.append("## " + _("What moves the recommend score"))
            lines += [
                _("- %(theme)s: %(share)s of what the themes explain (95 %% interval %(low)s – "
                  "%(high)s)")
                % {"theme": d["theme"], "share": formats.percent(100 * d["share"], 0),
                   "low": formats.percent(100 * d["low"], 0),
                   "high": formats.percent(100 * d["high"], 0)}
                for d in top["drivers"]
            ]  # fmt: skip
        if top["overall"].get("comments"):
            lines.append("## " + _("What people wrote, by theme"))
            lines += [
                _("- %(terms)s: %(n)s comments") % {"terms": ", ".join(c["terms"]),
                                                     "n": c["comments"]}
                for c in top["overall"]["comments"]
            ]  # fmt: skip
        signals = surveys.early_signals(survey)
        if signals:
            lines.append("## " + _("Early signals"))
            lines += [
                f"- {s.group}: {s.measure} {_number(s.before, 2)} → {_number(s.after, 2)}"
                for s in signals
            ]
        lines.append(_("Aggregated figures only: no person appears in this report."))
        return "\n\n".join(lines)
