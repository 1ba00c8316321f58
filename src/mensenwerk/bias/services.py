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

from mensenwerk.bias.models import BiasAlert, BiasAudit
from mensenwerk.bias.report import (
    ATTRIBUTES,
    VALUE_LABELS,
    alert_line,
    question_labels,
    scope_label,
)
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
    StageEvent,
    Vacancy,
)
from mensenwerk.recruitment.services import SCREENING

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
                    raised.append(_raise(key, scope, (label, report["scope"]), measure["key"], row))
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


def _raise(
    key: str, scope: Scope, where: tuple[str, dict[str, Any]], measure: str, row: dict[str, Any]
) -> BiasAlert:
    label, scope_data = where
    with transaction.atomic():
        alert = BiasAlert.objects.create(
            key=key,
            vacancy=scope.vacancy,
            scope=label[:300],
            scope_data=scope_data,
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
            lines.extend(alert_line(alert) for alert in alerts)
            lines.append("")
    send_mail(
        "[Mensenwerk] Mogelijke ongelijke selectie / Possible adverse impact",
        "Mensenwerk vond een selectieverhouding onder vier vijfde die waarschijnlijk geen toeval "
        "is. Dit is een reden om te kijken, geen oordeel. Leg op de pagina Eerlijkheid vast wat "
        "je hebt gedaan.\n"
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
