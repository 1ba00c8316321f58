"""Bias monitoring of the selection process: the app's side of ``engines/fairness.py``.

Group membership comes only from the candidates' voluntary self-identification; stages from
the AI's screening output, the people's decisions (``StageEvent``) and interview scorecards.
Everything leaving this module is aggregated: counts, rates and ratios per group, with the
small-group rule of the engine applied before anything is shown or stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mensenwerk.bias.models import BiasAlert, BiasAudit
from mensenwerk.core.models import Department, Organisation, User
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import fairness
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AIApplication
from mensenwerk.recruitment.models import (
    Application,
    GroupQuestion,
    Scorecard,
    SelfIdentification,
    StageEvent,
    Vacancy,
)
from mensenwerk.recruitment.services import SCREENING

ATTRIBUTES = ("gender", "age_band")  # asked of every candidate; GroupQuestions add more
ATTRIBUTE_LABELS = {"gender": gettext_lazy("gender"), "age_band": gettext_lazy("age group")}
VALUE_LABELS = {
    "gender": dict(SelfIdentification.Gender.choices),
    "age_band": dict(SelfIdentification.AgeBand.choices),
}
# (key, kind, source): the AI's suggestions and the people's decisions are kept apart
MEASURES = (
    ("ai_screening", "outcome", "ai"),
    ("ai_score", "score", "ai"),
    ("human_screening", "outcome", "human"),
    ("interview", "outcome", "human"),
    ("offer", "outcome", "human"),
    ("hire", "outcome", "human"),
    ("scorecard", "score", "human"),
)
MEASURE_LABELS = {
    "ai_screening": gettext_lazy("Screening — AI suggestion (above the shortlist threshold)"),
    "ai_score": gettext_lazy("Screening — AI score (above the median score)"),
    "human_screening": gettext_lazy("Screening — human decision (advanced)"),
    "interview": gettext_lazy("Advanced → invited to an interview"),
    "offer": gettext_lazy("Interview → offer"),
    "hire": gettext_lazy("Offer → hired"),
    "scorecard": gettext_lazy("Interview scorecards (average above the median)"),
}
# furthest stage reached; a selection step k is "moved from stage k to k + 1"
PIPELINE = {
    Application.Stage.ADVANCED: 1,
    Application.Stage.INTERVIEW: 2,
    Application.Stage.OFFER: 3,
    Application.Stage.HIRED: 4,
}
STEPS = ("human_screening", "interview", "offer", "hire")
MIN_SHARE = 0.02
SIGNIFICANCE = 0.05
ALERT_WINDOW = timedelta(days=365)
RAISE_AGAIN_AFTER = timedelta(days=30)
# a bulk load (the demo, an import) checks once at the end instead of once per decision
CHECKS_PAUSED: ContextVar[bool] = ContextVar("bias_checks_paused", default=False)


@contextmanager
def checks_paused() -> Iterator[None]:
    token = CHECKS_PAUSED.set(True)
    try:
        yield
    finally:
        CHECKS_PAUSED.reset(token)


def available_attributes() -> list[str]:
    """Gender, age group and every question the organisation added (also switched-off ones,
    whose earlier answers still count)."""
    return [*ATTRIBUTES, *GroupQuestion.objects.values_list("key", flat=True)]


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


@dataclass
class Scope:
    vacancy: Vacancy | None = None
    department: Department | None = None
    date_from: date | None = None
    date_to: date | None = None
    attributes: tuple[str, ...] = ATTRIBUTES

    def applications(self) -> QuerySet[Application]:
        apps = Application.objects.all()
        if self.vacancy is not None:
            apps = apps.filter(vacancy=self.vacancy)
        if self.department is not None:
            apps = apps.filter(vacancy__department=self.department)
        if self.date_from is not None:
            apps = apps.filter(created_at__date__gte=self.date_from)
        if self.date_to is not None:
            apps = apps.filter(created_at__date__lte=self.date_to)
        return apps

    def as_dict(self) -> dict[str, str | None]:
        return {
            "vacancy": self.vacancy.title if self.vacancy else None,
            "department": self.department.name if self.department else None,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
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
            % {"start": scope.get("from") or "…", "end": scope.get("to") or "…"}
        )
    return ", ".join(parts) or _("all vacancies, all time")


# --- figures ---------------------------------------------------------------------------------


def records(
    applications: QuerySet[Application], attributes: tuple[str, ...] = ATTRIBUTES
) -> list[fairness.Record]:
    """One engine record per application, read as plain values (three queries, no model
    instances: the twelve-month alert check reads every application of the year)."""
    ids = applications.values("pk")
    reached: dict[int, int] = {}
    for app_id, stage in StageEvent.objects.filter(application__in=ids).values_list(
        "application_id", "stage"
    ):
        reached[app_id] = max(reached.get(app_id, 0), PIPELINE.get(stage, 0))
    ratings: dict[int, list[int]] = {}
    for app_id, card in Scorecard.objects.filter(application__in=ids).values_list(
        "application_id", "ratings"
    ):
        ratings.setdefault(app_id, []).extend(v for v in card.values() if type(v) is int)
    rows = applications.values_list(
        "pk",
        "stage",
        "ai_suggestion",
        "score",
        "self_identification__gender",
        "self_identification__age_band",
        "self_identification__extra",
    )
    out = []
    for app_id, stage, suggestion, score, gender, age, extra in rows.iterator(chunk_size=5000):
        furthest = max(reached.get(app_id, 0), PIPELINE.get(stage, 0))
        rejected = stage == Application.Stage.REJECTED
        values: dict[str, float | None] = {
            "ai_screening": {"advance": 1, "below": 0}.get(suggestion),
            "ai_score": score,
        }
        for k, key in enumerate(STEPS):
            # known only once a person moved the candidate on, or rejected them at this
            # stage; pending, on hold and withdrawn candidates are not "not selected"
            values[key] = 1 if furthest > k else (0 if furthest == k and rejected else None)
        marks = ratings.get(app_id)
        values["scorecard"] = sum(marks) / len(marks) if marks else None
        answers = {"gender": gender or "", "age_band": age or "", **(extra or {})}
        out.append(fairness.Record({a: answers.get(a, "") for a in attributes}, values))
    return out


def build_report(scope: Scope, min_group: int | None = None) -> dict[str, Any]:
    """The aggregated figures of a scope; what the page, the report and the alerts read."""
    if min_group is None:
        min_group = Organisation.current().bias_min_group
    attributes = scope.attributes
    people = records(scope.applications(), attributes)
    measures = fairness.measures(
        people, attributes, [(k, kind) for k, kind, _s in MEASURES], min_group, MIN_SHARE
    )
    source = {k: s for k, _kind, s in MEASURES}
    override_tables = fairness.overrides(
        people, attributes, "ai_screening", "human_screening", min_group, MIN_SHARE
    )
    both = [
        p
        for p in people
        if p.values["ai_screening"] is not None and p.values["human_screening"] is not None
    ]
    report = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "scope": scope.as_dict(),
        "min_group": min_group,
        "min_share": MIN_SHARE,
        "attributes": list(attributes),
        "labels": question_labels([a for a in attributes if a not in ATTRIBUTES]),
        "applicants": len(people),
        "self_identified": sum(1 for p in people if any(p.groups.values())),
        "unknown": {a: sum(1 for p in people if not p.groups[a]) for a in attributes},
        "measures": [{**m.as_dict(), "source": source[m.key]} for m in measures],
        "overrides": {
            "n": len(both),
            "overridden": sum(
                1 for p in both if p.values["ai_screening"] != p.values["human_screening"]
            ),
            "tables": [
                {"attributes": attrs, "unknown": unknown, "rows": [r.as_dict() for r in rows]}
                for attrs, unknown, rows in override_tables
            ],
        },
    }
    orders = {
        a: list(VALUE_LABELS.get(a) or report["labels"].get(a, {}).get("values", {}))
        for a in attributes
    }

    def display_order(row: dict[str, Any]) -> tuple[int, ...]:
        # groups in the order of the form's choices (under 25 before 25–34), not alphabetical
        return tuple(orders[a].index(v) if v in orders[a] else 99 for a, v in row["group"].items())

    for table in [t for m in report["measures"] for t in m["tables"]] + report["overrides"][
        "tables"
    ]:
        table["rows"].sort(key=display_order)
    return report


# --- words -----------------------------------------------------------------------------------


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
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _p(value: float | None) -> str:
    if value is None:
        return "—"
    return "< 0.001" if value < 0.001 else f"{value:.4f}"


def conclusions(report: dict[str, Any]) -> list[str]:
    """Plain-language conclusions in the active language: what needs review first, then where
    a gap arises, then the rest per measure and attribute set."""
    first, rest = conclusions_split(report)
    return first + rest


def conclusions_split(report: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(what needs review and where a gap arises, everything else)."""
    urgent: list[str] = []
    out: list[str] = []
    labels = report.get("labels")
    if not report["applicants"]:
        return [_("There are no applications in this selection yet.")], []
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
            attrs = attributes_label(table["attributes"], labels)
            rows = [r for r in table["rows"] if r["status"] != "too_small"]
            flagged = [r for r in rows if r["flag"]]
            prefix = f"{name} — {attrs}: "
            if not rows:
                out.append(
                    prefix
                    + _(
                        "every group is smaller than %(n)s people or 2%% of the sample, so none "
                        "is reported."
                    )
                    % {"n": report["min_group"]}
                )
            elif len(rows) == 1:
                out.append(prefix + _("only one group is large enough to report; no comparison."))
            for row in flagged:
                values = {
                    "group": group_label(row["group"], labels),
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
                else:
                    text = _(
                        "%(group)s has an impact ratio of %(ratio)s (%(rate)s against "
                        "%(reference)s), below four-fifths, but with p = %(p)s it may be "
                        "chance: not enough data to conclude."
                    )
                (urgent if row["conclusion"] == "needs_review" else out).append(
                    prefix + text % values
                )
            ratios = [r["impact_ratio"] for r in rows if r["impact_ratio"] is not None]
            if len(rows) > 1 and not ratios and measure["kind"] == "score":
                out.append(
                    prefix + _("nobody scored above the median (many equal scores); no comparison.")
                )
            elif len(rows) > 1 and not ratios:
                out.append(prefix + _("nobody in any group moved on at this stage."))
            elif len(rows) > 1 and not flagged:
                lowest = min(ratios)
                out.append(
                    prefix
                    + _("no group below four-fifths (lowest impact ratio %(ratio)s).")
                    % {"ratio": _num(lowest)}
                )
    first = urgent + _gap_conclusions(report)
    if not first:
        first = [
            _(
                "No impact ratio in this selection is both below four-fifths and unlikely to be "
                "chance."
            )
        ]
    return first, out


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


# --- alerts ----------------------------------------------------------------------------------


def _alert_key(scope: dict[str, Any], measure: str, group: dict[str, str]) -> str:
    raw = json.dumps([scope, measure, group], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def alert_recipients() -> list[str]:
    """HR admins and the owner of the screening entry in the AI register."""
    emails = {u.email for u in User.objects.filter(is_active=True, role_assignments__role=Role.HR)}
    owner = AIApplication.objects.filter(slug=SCREENING).values_list("owner__email", flat=True)
    emails.update(e for e in owner if e)
    return sorted(e for e in emails if e)


def check_alerts(vacancy_id: int | None = None, notify: bool = True) -> list[BiasAlert]:
    """Raise an alert for every impact ratio below four-fifths that is unlikely to be chance
    (p < 0.05), for the vacancy and for the organisation over the last twelve months. One open
    alert per scope, measure and group; each is recorded in the trail and e-mailed."""
    attributes = tuple(available_attributes())
    scopes = [Scope(date_from=timezone.localdate() - ALERT_WINDOW, attributes=attributes)]
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first() if vacancy_id else None
    if vacancy is not None:
        scopes.insert(0, Scope(vacancy=vacancy, attributes=attributes))
    raised: list[BiasAlert] = []
    for scope in scopes:
        report = build_report(scope)
        # the twelve-month window moves daily: key on what it covers, not on the dates
        key_scope = {"vacancy": vacancy.pk} if scope.vacancy else {"organisation": "12 months"}
        with translation.override(Organisation.current().language):
            label = scope_label(report["scope"])
        for measure in report["measures"]:
            for table in measure["tables"]:
                for row in table["rows"]:
                    if row["conclusion"] != "needs_review":
                        continue
                    key = _alert_key(key_scope, measure["key"], row["group"])
                    if _recently_raised(key):
                        continue
                    raised.append(_raise(key, scope, label, measure["key"], row))
    if raised and notify:
        _notify(raised)
    return raised


def _recently_raised(key: str) -> bool:
    """Open, or handled less than ``RAISE_AGAIN_AFTER`` ago: a persisting gap comes back after
    that, not at the very next decision."""
    since = timezone.now() - RAISE_AGAIN_AFTER
    return (
        BiasAlert.objects.filter(key=key)
        .filter(Q(status=BiasAlert.Status.OPEN) | Q(handled_at__gte=since))
        .exists()
    )


def _raise(key: str, scope: Scope, label: str, measure: str, row: dict[str, Any]) -> BiasAlert:
    with transaction.atomic():
        alert = BiasAlert.objects.create(
            key=key,
            vacancy=scope.vacancy,
            scope=label[:300],
            measure=measure,
            group=row["group"],
            n=row["n"],
            rate=row["rate"],
            impact_ratio=row["impact_ratio"],
            p_value=row["p_value"],
        )
        alert.raised_entry = trust.record_event(
            "bias_alert_raised",
            None,
            application=SCREENING,
            payload={
                "alert": alert.pk,
                "scope": label,
                "measure": measure,
                "group": row["group"],
                "n": row["n"],
                "impact_ratio": row["impact_ratio"],
                "p_value": row["p_value"],
            },
        )
        alert.save(update_fields=["raised_entry"])
    return alert


def _notify(alerts: list[BiasAlert]) -> None:
    recipients = alert_recipients()
    if not recipients:
        return
    lines = []
    for lang in ("nl", "en"):
        with translation.override(lang):
            for alert in alerts:
                lines.append(
                    f"- {alert.scope} — {MEASURE_LABELS[alert.measure]} — "
                    f"{group_label(alert.group)}: {T['impact_ratio']} {alert.impact_ratio:.2f}, "
                    f"p = {_p(alert.p_value)}, n = {alert.n}"
                )
            lines.append("")
    send_mail(
        "[Mensenwerk] Mogelijke ongelijke selectie / Possible adverse impact",
        "Mensenwerk vond een selectieverhouding onder vier vijfde die waarschijnlijk geen toeval "
        "is. Dit is een reden om te kijken, geen oordeel. Leg op de pagina Eerlijkheid vast wat "
        "u hebt gedaan.\n"
        "Mensenwerk found an impact ratio below four-fifths that is unlikely to be chance. It is "
        "a reason to look, not a verdict. Record what you did on the Fairness page.\n\n"
        + "\n".join(lines),
        None,
        recipients,
    )


def can_handle(user: User) -> bool:
    if user.has_role(Role.HR):
        return True
    return AIApplication.objects.filter(slug=SCREENING, owner=user).exists()


def do_handle_alert(alert: BiasAlert, actor: User, action: str) -> BiasAlert:
    """Record what was done about an alert; the trail keeps it next to the alert."""
    if not can_handle(actor):
        raise PermissionDenied
    action = action.strip()
    if not action:
        raise ServiceError(_("Describe what was done about this alert."))
    if alert.status == BiasAlert.Status.HANDLED:
        raise ServiceError(_("This alert has already been handled."))
    with transaction.atomic():
        alert.status = BiasAlert.Status.HANDLED
        alert.action, alert.handled_by, alert.handled_at = action, actor, timezone.now()
        alert.save(update_fields=["status", "action", "handled_by", "handled_at"])
        trust.record_event(
            "bias_alert_handled",
            actor,
            application=SCREENING,
            payload={"alert": alert.pk, "action": action},
        )
    return alert


# --- the audit report ------------------------------------------------------------------------


def do_publish_audit(scope: Scope, actor: User) -> BiasAudit:
    """Freeze the figures of a scope as a dated bias-audit report, on the record."""
    report = build_report(scope)
    with transaction.atomic():
        audit = BiasAudit.objects.create(created_by=actor, data=report)
        audit.entry = trust.record_event(
            "bias_audit_published",
            actor,
            application=SCREENING,
            payload={
                "audit": audit.pk,
                "scope": report["scope"],
                "applicants": report["applicants"],
                "hash": hashlib.sha256(json.dumps(report, sort_keys=True).encode()).hexdigest(),
            },
        )
        audit.save(update_fields=["entry"])
    return audit


def _rate_table(
    measure: dict[str, Any], table: dict[str, Any], min_group: int, labels: dict[str, Any] | None
) -> list[str]:
    rate = _("selection rate") if measure["kind"] == "outcome" else _("scoring rate")
    lines = [
        "| "
        + " | ".join(
            [
                _("group"),
                _("applicants"),
                _("selected") if measure["kind"] == "outcome" else _("above the median"),
                rate,
                _("impact ratio"),
                _("p (Fisher)"),
                _("95% interval"),
                _("conclusion"),
            ]
        )
        + " |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in table["rows"]:
        if row["status"] == "too_small":
            lines.append(
                f"| {group_label(row['group'], labels)} | {row['n']} | — | — | — | — | — | "
                f"{T['too_small_n'] % {'n': min_group}} |"
            )
            continue
        ci = row["ci"]
        lines.append(
            f"| {group_label(row['group'], labels)} | {row['n']} | {row['selected']} | "
            f"{_pct(row['rate'])} | {_num(row['impact_ratio'])} | {_p(row['p_value'])} | "
            f"{_pct(ci[0])}–{_pct(ci[1])} | {CONCLUSION_LABELS[row['conclusion']]}"
            f"{' (' + str(_('reference')) + ')' if row['status'] == 'reference' else ''} |"
        )
    lines.append(f"| {T['unknown']} | {table['unknown']} | — | — | — | — | — | {T['counted']} |")
    return lines


# words of the report and the alert e-mail (gettext cannot read inside f-strings)
T = {
    "impact_ratio": gettext_lazy("impact ratio"),
    "unknown": gettext_lazy("unknown (not given)"),
    "counted": gettext_lazy("counted, not reported"),
    "title": gettext_lazy("Bias audit"),
    "figures_date": gettext_lazy("date of the figures"),
    "published": gettext_lazy("published"),
    "h_source": gettext_lazy("1. Data source and explanation"),
    "h_definitions": gettext_lazy("2. Definitions"),
    "h_applicants": gettext_lazy("3. Applicants"),
    "applicants": gettext_lazy("Applicants in this selection"),
    "self_identified": gettext_lazy("With voluntary self-identification"),
    "h_rates": gettext_lazy("4. Rates and impact ratios per stage"),
    "h_overrides": gettext_lazy("5. People going against the AI at screening"),
    "group": gettext_lazy("group"),
    "decisions": gettext_lazy("decisions"),
    "against_the_ai": gettext_lazy("against the AI"),
    "share": gettext_lazy("share"),
    "advanced_against": gettext_lazy("advanced although the AI said below"),
    "rejected_against": gettext_lazy("rejected although the AI said advance"),
    "h_conclusions": gettext_lazy("6. Conclusions"),
    "too_small_n": gettext_lazy("too small to report (fewer than %(n)s or under 2%%)"),
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
CONCLUSION_LABELS = {
    "no_flag": gettext_lazy("no flag"),
    "needs_review": gettext_lazy("below four-fifths: needs human review"),
    "not_enough_data": gettext_lazy("below four-fifths: not enough data to conclude"),
    "not_reported": gettext_lazy("not reported"),
    "none_selected": gettext_lazy("nobody selected: no comparison"),
    "too_tied": gettext_lazy("scores too tied to compare"),
}


def audit_text(audit: BiasAudit, lang: str) -> str:
    """The bias-audit report as Markdown-lite, in the structure of an LL144 audit summary."""
    data = audit.data
    labels = data.get("labels")
    with translation.override(lang):
        org = Organisation.current()
        lines = [
            f"# {T['title']}: {scope_label(data['scope'])}",
            f"{org.name} — {T['figures_date']}: {data['generated_at'][:10]} — "
            f"{T['published']}: {audit.created_at.date().isoformat()}",
            f"## {T['h_source']}",
            _(
                "Applications in Mensenwerk in the selection named above. Group membership comes "
                "only from the candidates' voluntary self-identification, stored apart from the "
                "application and never shown per person. Stages come from the AI's screening "
                "output, the recorded human decisions and the interview scorecards. Candidates "
                "still waiting, on hold or withdrawn at a stage are not counted at that stage."
            ),
            f"## {T['h_definitions']}",
            *(f"- {d}" for d in DEFINITIONS),
            "- " + str(SMALL_GROUPS) % {"n": data["min_group"]},
            f"## {T['h_applicants']}",
            f"- {T['applicants']}: {data['applicants']}",
            f"- {T['self_identified']}: {data['self_identified']}",
        ]
        for attribute, count in data["unknown"].items():
            label = _("Unknown: %(attribute)s") % {"attribute": attribute_label(attribute, labels)}
            lines.append(f"- {label}: {count}")
        lines.append(f"## {T['h_rates']}")
        for measure in data["measures"]:
            source = _("AI suggestion") if measure["source"] == "ai" else _("human decision")
            lines.append(f"### {MEASURE_LABELS[measure['key']]} ({source})")
            if not measure["n"]:
                lines.append(_("Nobody has been measured at this stage yet."))
                continue
            lines.append(_("%(n)s people measured at this stage.") % {"n": measure["n"]})
            for table in measure["tables"]:
                lines.append(f"{attributes_label(table['attributes'], labels)}:")
                lines.extend(_rate_table(measure, table, data["min_group"], labels))
                lines.append("")
        overrides = data["overrides"]
        lines.append(f"## {T['h_overrides']}")
        lines.append(
            _("%(over)s of %(n)s screening decisions went against the AI's suggestion.")
            % {"over": overrides["overridden"], "n": overrides["n"]}
        )
        for table in overrides["tables"]:
            lines.append(f"{attributes_label(table['attributes'], labels)}:")
            lines.append(
                f"| {T['group']} | {T['decisions']} | {T['against_the_ai']} | {T['share']} | "
                f"{T['advanced_against']} | "
                f"{T['rejected_against']} |"
            )
            lines.append("|---|---|---|---|---|---|")
            for row in table["rows"]:
                if row["status"] == "too_small":
                    lines.append(
                        f"| {group_label(row['group'], labels)} | {row['n']} | — | — | — | — |"
                    )
                else:
                    lines.append(
                        f"| {group_label(row['group'], labels)} | {row['n']} | "
                        f"{row['overridden']} | {_pct(row['rate'])} | {row['advanced_against']} | "
                        f"{row['rejected_against']} |"
                    )
            lines.append("")
        lines.append(f"## {T['h_conclusions']}")
        lines.extend(f"- {c}" for c in conclusions(data))
        lines.append(
            _(
                "Aggregated figures only: no person, application or pseudonym appears in this "
                "report."
            )
        )
    return "\n".join(lines)
