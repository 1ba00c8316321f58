"""The words of bias monitoring: labels of groups and measures, plain-language conclusions,
the bias-audit report (the structure of an NYC Local Law 144 audit summary) and the alert
e-mail's lines. Read only; every text through gettext, in the active language.

A report's figures are built in ``services.build_report``; a published report carries the
labels of the organisation's own questions, so its words do not change afterwards.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mensenwerk.bias.models import BiasAlert, BiasAudit
from mensenwerk.core import formats
from mensenwerk.core.models import Organisation
from mensenwerk.recruitment.models import GroupQuestion, SelfIdentification

ATTRIBUTES = ("gender", "age_band")  # asked of every candidate; GroupQuestions add more
ATTRIBUTE_LABELS = {"gender": gettext_lazy("gender"), "age_band": gettext_lazy("age group")}
VALUE_LABELS = {
    "gender": dict(SelfIdentification.Gender.choices),
    "age_band": dict(SelfIdentification.AgeBand.choices),
}
MEASURE_LABELS = {
    "ai_screening": gettext_lazy("Screening — AI suggestion (above the shortlist threshold)"),
    "ai_score": gettext_lazy("Screening — AI score (above the median score)"),
    "human_screening": gettext_lazy("Screening — human decision (advanced)"),
    "interview": gettext_lazy("Advanced → invited to an interview"),
    "offer": gettext_lazy("Interview → offer"),
    "hire": gettext_lazy("Offer → hired"),
    "scorecard": gettext_lazy("Interview scorecards (average above the median)"),
}
CONCLUSION_LABELS = {
    "no_flag": gettext_lazy("no flag"),
    "needs_review": gettext_lazy("below four-fifths: needs human review"),
    "not_enough_data": gettext_lazy("below four-fifths: not enough data to conclude"),
    "not_reported": gettext_lazy("not reported"),
    "none_selected": gettext_lazy("nobody selected: no comparison"),
    "too_tied": gettext_lazy("scores too tied to compare"),
}
DEFINITIONS = (
    gettext_lazy(
        "Selection rate: people in the group who move to the next stage ÷ people in the group "
        "at that stage."
    ),
    gettext_lazy(
        "Scoring rate: share of the group scoring above the median score of the whole sample."
    ),
    gettext_lazy(
        "Impact ratio: a group's rate ÷ the highest rate of any reportable group "
        "(NYC Local Law 144)."
    ),
    gettext_lazy(
        "Four-fifths rule: an impact ratio below 0.8 is flagged for human review — not a "
        "verdict (US EEOC Uniform Guidelines, 29 CFR 1607.4(D))."
    ),
    gettext_lazy(
        "Significance: Fisher's exact test of the group against the highest group; p ≥ 0.05 "
        "means not enough data to conclude. Interval: Wilson, 95 percent, for the group's rate."
    ),
)
SMALL_GROUPS = gettext_lazy(
    "Small groups: fewer than %(n)s people or under 2%% of the sample are shown as too small "
    "to report and are not used as the reference."
)


# --- labels ----------------------------------------------------------------------------------


def question_labels(keys: list[str]) -> dict[str, dict[str, Any]]:
    """Both languages of the organisation's own attributes, carried in the report so that a
    frozen report keeps its words."""
    return {
        q.key: {
            "nl": q.question_nl,
            "en": q.question_en,
            "values": {o["code"]: {"nl": o["nl"], "en": o["en"]} for o in q.options},
        }
        for q in GroupQuestion.objects.filter(key__in=keys)
    }


def scope_label(scope: dict[str, str | None]) -> str:
    parts = []
    if scope.get("vacancy"):
        parts.append(_("vacancy “%s”") % scope["vacancy"])
    if scope.get("department"):
        parts.append(_("department %s") % scope["department"])
    if scope.get("from") or scope.get("to"):
        parts.append(
            _("applications from %(start)s to %(end)s")
            % {"start": _day(scope.get("from")), "end": _day(scope.get("to"))}
        )
    return ", ".join(parts) or _("all vacancies, all time")


def _day(iso: str | None) -> str:
    return formats.long_date(date.fromisoformat(iso)) if iso else "…"


def alert_scope(alert: BiasAlert) -> str:
    """Where an alert applies, in the reader's language (older alerts kept their words)."""
    return scope_label(alert.scope_data) if alert.scope_data else alert.scope


def _language() -> str:
    return "nl" if translation.get_language() == "nl" else "en"


def _labels(keys: list[str], labels: dict[str, Any] | None) -> dict[str, Any]:
    wanted = [k for k in keys if k not in ATTRIBUTES]
    if labels is None or any(k not in labels for k in wanted):
        labels = {**question_labels(wanted), **(labels or {})}
    return labels


def group_label(group: dict[str, str], labels: dict[str, Any] | None = None) -> str:
    """'Woman, 45–54' — from the form's choices, or the organisation's own question's
    answers (``labels`` as carried in a report; looked up when not given)."""
    labels = _labels(list(group), labels)
    out = []
    for attribute, value in group.items():
        if attribute in VALUE_LABELS:
            out.append(str(VALUE_LABELS[attribute].get(value, value)))
        else:
            words = labels.get(attribute, {}).get("values", {}).get(value)
            out.append(words[_language()] if words else value)
    return ", ".join(out)


def attribute_label(attribute: str, labels: dict[str, Any] | None = None) -> str:
    if attribute in ATTRIBUTE_LABELS:
        return str(ATTRIBUTE_LABELS[attribute])
    words = _labels([attribute], labels).get(attribute)
    return words[_language()] if words else attribute


def attributes_label(attributes: list[str], labels: dict[str, Any] | None = None) -> str:
    return " × ".join(attribute_label(a, labels) for a in attributes)


def _pct(value: float | None) -> str:
    return "—" if value is None else formats.percent(value * 100, 1)


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else formats.number(value, digits)


def _p(value: float | None) -> str:
    if value is None:
        return "—"
    return f"< {formats.number(0.001, 3)}" if value < 0.001 else formats.number(value, 4)


# --- conclusions -----------------------------------------------------------------------------


def conclusions(report: dict[str, Any]) -> list[str]:
    """Plain-language conclusions in the active language: what needs review first, then where
    a gap arises, then the rest per measure and attribute set."""
    first, rest = conclusions_split(report)
    return first + rest


def conclusions_split(report: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(what needs review and where a gap arises, everything else)."""
    if not report["applicants"]:
        return [_("There are no applications in this selection yet.")], []
    urgent: list[str] = []
    out: list[str] = []
    for measure in report["measures"]:
        name = MEASURE_LABELS[measure["key"]]
        if not measure["n"]:
            continue
        if measure.get("tied"):
            out.append(
                f"{name}: "
                + _(
                    "the scores are too tied to compare: %(tied)s of %(n)s people have the "
                    "same score, so the median rule cannot tell the groups apart. No group is "
                    "compared and none is the reference."
                )
                % {"tied": measure["tied"], "n": measure["n"]}
            )
            continue
        for table in measure["tables"]:
            prefix = f"{name} — {attributes_label(table['attributes'], report.get('labels'))}: "
            _table_conclusions(prefix, measure, table, report, urgent, out)
    first = urgent + _gap_conclusions(report)
    if not first:
        first = [
            _(
                "No impact ratio in this selection is both below four-fifths and unlikely to be "
                "chance."
            )
        ]
    return first, out


def _table_conclusions(
    prefix: str,
    measure: dict[str, Any],
    table: dict[str, Any],
    report: dict[str, Any],
    urgent: list[str],
    out: list[str],
) -> None:
    """One measure × attribute set: flagged groups to ``urgent`` (needs review) or ``out``,
    and a sentence when there is nothing to compare."""
    rows = [r for r in table["rows"] if r["status"] != "too_small"]
    flagged = [r for r in rows if r["flag"]]
    if not rows:
        text = _(
            "every group is smaller than %(n)s people or 2%% of the sample, so none is reported."
        )
        out.append(prefix + text % {"n": report["min_group"]})
    elif len(rows) == 1:
        out.append(prefix + _("only one group is large enough to report; no comparison."))
    for row in flagged:
        values = {
            "group": group_label(row["group"], report.get("labels")),
            "ratio": _num(row["impact_ratio"]),
            "rate": _pct(row["rate"]),
            "reference": _pct(table["reference_rate"]),
            "p": _p(row["p_value"]),
        }
        if row["conclusion"] == "needs_review":
            text = _(
                "%(group)s has an impact ratio of %(ratio)s (%(rate)s against "
                "%(reference)s for the highest group). With p = %(p)s this is unlikely "
                "to be chance: needs human review."
            )
            urgent.append(prefix + text % values)
        else:
            text = _(
                "%(group)s has an impact ratio of %(ratio)s (%(rate)s against "
                "%(reference)s), below four-fifths, but with p = %(p)s it may be "
                "chance: not enough data to conclude."
            )
            out.append(prefix + text % values)
    ratios = [r["impact_ratio"] for r in rows if r["impact_ratio"] is not None]
    if len(rows) > 1 and not ratios and measure["kind"] == "score":
        out.append(prefix + _("nobody scored above the median (many equal scores); no comparison."))
    elif len(rows) > 1 and not ratios:
        out.append(prefix + _("nobody in any group moved on at this stage."))
    elif len(rows) > 1 and not flagged:
        text = _("no group below four-fifths (lowest impact ratio %(ratio)s).")
        out.append(prefix + text % {"ratio": _num(min(ratios))})


def _gap_conclusions(report: dict[str, Any]) -> list[str]:
    """Where a gap arises: in the AI's suggestions or in the people's screening decisions."""
    by_key = {m["key"]: m for m in report["measures"]}
    ai, human = by_key["ai_screening"], by_key["human_screening"]
    out = []
    for ai_table, human_table in zip(ai["tables"], human["tables"], strict=False):
        ai_flag = any(r["conclusion"] == "needs_review" for r in ai_table["rows"])
        human_flag = any(r["conclusion"] == "needs_review" for r in human_table["rows"])
        attrs = attributes_label(ai_table["attributes"], report.get("labels"))
        if human_flag and not ai_flag:
            out.append(
                _(
                    "For %(attrs)s the gap arises in the people's decisions, not in the AI's "
                    "suggestions."
                )
                % {"attrs": attrs}
            )
        elif ai_flag and not human_flag:
            out.append(
                _(
                    "For %(attrs)s the gap is in the AI's suggestions; the people's decisions do "
                    "not show it."
                )
                % {"attrs": attrs}
            )
    return out


# --- the alert e-mail and the audit report ---------------------------------------------------


def alert_line(alert: BiasAlert) -> str:
    """One alert in the e-mail to HR and the DPO, in the active language."""
    ratio = _("impact ratio")
    return (
        f"- {alert_scope(alert)} — {MEASURE_LABELS[alert.measure]} — {group_label(alert.group)}: "
        f"{ratio} {_num(alert.impact_ratio)}, p = {_p(alert.p_value)}, n = {alert.n}"
    )


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _rate_table(
    measure: dict[str, Any], table: dict[str, Any], min_group: int, labels: dict[str, Any] | None
) -> list[str]:
    outcome = measure["kind"] == "outcome"
    lines = [
        _row(
            _("group"),
            _("applicants"),
            _("selected") if outcome else _("above the median"),
            _("selection rate") if outcome else _("scoring rate"),
            _("impact ratio"),
            _("p (Fisher)"),
            _("95% interval"),
            _("conclusion"),
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    too_small = _("too small to report (fewer than %(n)s or under 2%%)") % {"n": min_group}
    reference = " (" + _("reference") + ")"
    for row in table["rows"]:
        group = group_label(row["group"], labels)
        if row["status"] == "too_small":
            lines.append(_row(group, row["n"], *["—"] * 5, too_small))
            continue
        ci = row["ci"]
        conclusion = str(CONCLUSION_LABELS[row["conclusion"]])
        lines.append(
            _row(
                group,
                row["n"],
                row["selected"],
                _pct(row["rate"]),
                _num(row["impact_ratio"]),
                _p(row["p_value"]),
                f"{_pct(ci[0])}–{_pct(ci[1])}",
                conclusion + (reference if row["status"] == "reference" else ""),
            )
        )
    unknown, counted = _("unknown (not given)"), _("counted, not reported")
    lines.append(_row(unknown, table["unknown"], *["—"] * 5, counted))
    return lines


def _override_table(table: dict[str, Any], labels: dict[str, Any] | None) -> list[str]:
    lines = [
        f"{attributes_label(table['attributes'], labels)}:",
        _row(
            _("group"),
            _("decisions"),
            _("against the AI"),
            _("share"),
            _("advanced although the AI said below"),
            _("rejected although the AI said advance"),
        ),
        "|---|---|---|---|---|---|",
    ]
    for row in table["rows"]:
        group = group_label(row["group"], labels)
        if row["status"] == "too_small":
            lines.append(_row(group, row["n"], *["—"] * 4))
        else:
            lines.append(
                _row(
                    group,
                    row["n"],
                    row["overridden"],
                    _pct(row["rate"]),
                    row["advanced_against"],
                    row["rejected_against"],
                )
            )
    return [*lines, ""]


def _audit_head(audit: BiasAudit) -> list[str]:
    data = audit.data
    labels = data.get("labels")
    title, figures, published = _("Bias audit"), _("date of the figures"), _("published")
    lines = [
        f"# {title}: {scope_label(data['scope'])}",
        f"{Organisation.current().name} — {figures}: "
        f"{formats.long_date(date.fromisoformat(data['generated_at'][:10]))} — "
        f"{published}: {formats.long_date(timezone.localtime(audit.created_at).date())}",
        "## " + _("1. Data source and explanation"),
        _(
            "Applications in Mensenwerk in the selection named above. Group membership comes "
            "only from the candidates' voluntary self-identification, stored apart from the "
            "application and never shown per person. Stages come from the AI's screening "
            "output, the recorded human decisions and the interview scorecards. Candidates "
            "still waiting, on hold or withdrawn at a stage are not counted at that stage."
        ),
        "## " + _("2. Definitions"),
        *(f"- {d}" for d in DEFINITIONS),
        "- " + str(SMALL_GROUPS) % {"n": data["min_group"]},
        "## " + _("3. Applicants"),
        "- " + _("Applicants in this selection") + f": {data['applicants']}",
        "- " + _("With voluntary self-identification") + f": {data['self_identified']}",
    ]
    for attribute, count in data["unknown"].items():
        label = _("Unknown: %(attribute)s") % {"attribute": attribute_label(attribute, labels)}
        lines.append(f"- {label}: {count}")
    return lines


def _audit_rates(data: dict[str, Any]) -> list[str]:
    lines = ["## " + _("4. Rates and impact ratios per stage")]
    for measure in data["measures"]:
        source = _("AI suggestion") if measure["source"] == "ai" else _("human decision")
        lines.append(f"### {MEASURE_LABELS[measure['key']]} ({source})")
        if not measure["n"]:
            lines.append(_("Nobody has been measured at this stage yet."))
            continue
        lines.append(_("%(n)s people measured at this stage.") % {"n": measure["n"]})
        for table in measure["tables"]:
            lines.append(f"{attributes_label(table['attributes'], data.get('labels'))}:")
            lines.extend(_rate_table(measure, table, data["min_group"], data.get("labels")))
            lines.append("")
    return lines


def audit_text(audit: BiasAudit, lang: str) -> str:
    """The bias-audit report as Markdown-lite, in the structure of an LL144 audit summary."""
    data = audit.data
    with translation.override(lang):
        overrides = data["overrides"]
        lines = [
            *_audit_head(audit),
            *_audit_rates(data),
            "## " + _("5. People going against the AI at screening"),
            _("%(over)s of %(n)s screening decisions went against the AI's suggestion.")
            % {"over": overrides["overridden"], "n": overrides["n"]},
        ]
        for table in overrides["tables"]:
            lines.extend(_override_table(table, data.get("labels")))
        lines.append("## " + _("6. Conclusions"))
        lines.extend(f"- {c}" for c in conclusions(data))
        lines.append(
            _(
                "Aggregated figures only: no person, application or pseudonym appears in this "
                "report."
            )
        )
    return "\n".join(lines)
