"""Retention risk through the trust layer, shaped as ``recruitment.services.screen`` and
``do_decide``: the gate before anything is read or computed; the model, its trail entry, the
team view and the scores in one transaction; every person-level view recorded with its reason;
the only action a stay interview that a named HR person decides on.

Who sees what: the team view (expected leavers per team with the main factors) is the
default; scores of a person only for HR users the register entry names as overseer."""

from __future__ import annotations

import json
import math
import re
import warnings
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mensenwerk.analytics import teams
from mensenwerk.analytics.models import RetentionRun, RetentionSettings, RiskScore, Survey
from mensenwerk.core import dates, jobs
from mensenwerk.core.models import Organisation, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import tabular
from mensenwerk.engines.analytics import AnalyticsError, attrition, survival
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AIApplication, AuditEntry

RETENTION_RISK = "retention-risk"  # the register entry
MIN_REASON = 10
SURVIVAL_RATIOS = 8  # the hazard ratios shown: the clearest first
GUESS = {
    "id": r"employee ?(number|nr|id)|personeelsnummer|personeelsnr|medewerkernummer|^id$",
    "target": r"attrition|left|leaver|vertrokken|uit dienst|verloop|turnover",
    "team": r"^team|afdeling|department",
    "duration": r"diensttijd|dienstjaren|tenure|years ?at ?company|duration",
}


def may_see_people(user: User) -> bool:
    """HR users the register entry names as (briefed) overseer: the only ones who see a
    person's score."""
    if not user.is_authenticated or not user.has_role(Role.HR):
        return False
    app = AIApplication.objects.filter(slug=RETENTION_RISK).first()
    return bool(app and app.overseers.filter(user=user, briefed_at__isnull=False).exists())


def guess_mapping(headers: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        role: next((h for h in headers if re.search(p, h, re.I)), "") for role, p in GUESS.items()
    }
    protected = {p.lower() for p in RetentionSettings.current().protected}
    out["protected"] = [h for h in headers if h.lower() in protected]
    return out


def do_upload(data: bytes, filename: str, actor: User) -> RetentionRun:
    """Keep an HRIS history's rows until the run. Refused while the gate is closed: nothing
    is read then. Raises ApplicationInactive, TableError."""
    trust.require_active(RETENTION_RISK)
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise tabular.TableError("too_large", mb=settings.MAX_UPLOAD_BYTES // 2**20)
    table = tabular.read_table(data, filename)
    return RetentionRun.objects.create(
        original_name=Path(filename).name[:255],
        headers=table.headers,
        pending=table.rows,
        mapping=guess_mapping(table.headers),
        created_by=actor,
    )


def do_start(run: RetentionRun, mapping: dict[str, Any], actor: User) -> RetentionRun:
    """Check the columns and queue the run in the background (5 x 5 cross-validation takes
    a while). The protected columns the DPIA names are always excluded, whatever was ticked."""
    trust.require_active(RETENTION_RISK)
    if run.status != RetentionRun.Status.DRAFT:
        raise ServiceError(_("This history has already been analysed."))
    for role in ("id", "target"):
        if mapping.get(role) not in run.headers:
            raise ServiceError(_("Choose the column with the employee number and who left."))
    if mapping.get("duration") in (mapping["id"], mapping["target"]):
        mapping["duration"] = ""
    protected = {p.lower() for p in RetentionSettings.current().protected}
    chosen = set(mapping.get("protected", []))
    mapping["protected"] = [h for h in run.headers if h in chosen or h.lower() in protected]
    if mapping["target"] in mapping["protected"] or mapping["id"] in mapping["protected"]:
        raise ServiceError(_("A protected column cannot be the employee number or who left."))
    with transaction.atomic():
        job = jobs.do_create_job("retention", _("Retention model"), actor)
        run.mapping, run.status, run.job = mapping, RetentionRun.Status.QUEUED, job
        run.save(update_fields=["mapping", "status", "job"])
        jobs.enqueue(job, "mensenwerk.analytics.tasks.run_retention", run.pk)
    return run


def run_retention(run_id: int) -> RetentionRun:
    """The background part: gate, model, team view, fairness of the alerts, trail entry and
    scores in one transaction; the history's rows are then dropped."""
    run = RetentionRun.objects.select_related("job", "created_by").get(pk=run_id)
    if run.status != RetentionRun.Status.QUEUED:
        return run
    m = run.mapping
    try:
        trust.require_active(RETENTION_RISK)
        table = _history(run)
        result = attrition.analyse(table, m["target"], m["id"], tuple(m["protected"]))
    except (AnalyticsError, trust.ApplicationInactive) as exc:
        return _failed(run, str(exc))
    current = teams.current_rows(table, m, result.positive)
    people = {
        p.employee_number: p
        for p in Person.objects.filter(employee_number__in=list(current)).select_related(
            "department"
        )
    }
    scores = {r.id: r for r in result.people if r.id in current}
    team_of = {
        key: current[key]["team"]
        or (people[key].department.name if key in people and people[key].department else "")
        for key in scores
    }
    summary = _summary(result, m, scores, current, team_of)
    summary["matched"] = sum(k in people for k in scores)
    summary["survival"] = _survival(table, m)
    with transaction.atomic():
        run.output_entry = _record(run, result, summary)
        RiskScore.objects.bulk_create(
            RiskScore(
                run=run,
                person=people[key],
                key=key,
                team=team_of[key],
                risk=score.risk,
                factors=[{"feature": f.feature, "effect": f.effect} for f in score.factors],
            )
            for key, score in scores.items()
            if key in people  # only people Mensenwerk knows: their rights can be honoured
        )
        run.summary, run.pending, run.status = summary, [], RetentionRun.Status.DONE
        run.save(update_fields=["summary", "pending", "status", "output_entry"])
        if run.job:
            jobs.do_update_job(run.job, status="done", progress=1, total=1)
    return run


def _survival(table: tabular.Table, m: dict[str, Any]) -> dict[str, Any] | None:
    """Time to leaving beside the risk, when the history has a tenure column: a Cox model on
    the same columns (protected ones left out), its concordance and hazard ratios; a history
    it cannot fit says why instead of failing the run."""
    if not m.get("duration"):
        return None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fit = survival.analyse(table, m["duration"], m["target"], (m["id"], *m["protected"]))
    except AnalyticsError as exc:
        return {"error": str(exc)}
    # statsmodels warns when its optimisation stops early: said on the page, not in a log
    converged = not any("converge" in str(w.message) for w in caught)
    if not math.isfinite(fit.concordance):
        return {"error": "the model did not converge"}
    # a factor that separates leavers from stayers perfectly has no finite ratio: left out
    finite = [
        h for h in fit.hazard_ratios if all(map(math.isfinite, (h.ratio, h.low, h.high, h.p)))
    ]
    ratios = sorted(finite, key=lambda h: h.p)[:SURVIVAL_RATIOS]
    return {
        "concordance": fit.concordance,
        "converged": converged,
        "rows": fit.rows,
        "events": fit.events,
        "hazard_ratios": [asdict(h) for h in ratios],
    }


def _history(run: RetentionRun) -> tabular.Table:
    """The uploaded rows, with each team's theme scores from the latest survey wave."""
    table = tabular.Table(run.headers, run.pending)
    survey = Survey.objects.filter(status=Survey.Status.READY).first()
    table, _added = teams.with_survey(table, run.mapping.get("team", ""), survey.result if
                                      survey else {})  # fmt: skip
    return table


def _record(
    run: RetentionRun, result: attrition.AttritionResult, summary: dict[str, Any]
) -> AuditEntry:
    """The run as one AI output (no subject: it is about teams); the rows' hash is its input."""
    m = run.mapping
    return trust.record_output(
        RETENTION_RISK,
        engine=attrition.ENGINE,
        engine_version=attrition.VERSION,
        params={"target": m["target"], "excluded": m["protected"], "rows": result.rows},
        subject=None,
        input_data=json.dumps([run.headers, run.pending]),
        output={k: summary[k] for k in ("model", "cv_auc", "brier", "current", "teams")},
        explanation={
            "used": result.used,
            "protected_excluded": m["protected"],
            "baseline_auc": result.baseline_auc,
            "method": "5 x 5 stratified cross-validation; logistic regression or "
            "gradient boosting, the better by ROC AUC; factors per person "
            "(exact for the linear model, occlusion for the boosted one)",
        },
        actor=run.created_by,
    )


def _summary(
    result: attrition.AttritionResult,
    m: dict[str, Any],
    scores: dict[str, attrition.PersonRisk],
    current: dict[str, dict[str, Any]],
    team_of: dict[str, str],
) -> dict[str, Any]:
    """What the pages show of a run: the model's figures, the team view and the fairness of
    the alerts (no person in it)."""
    alert_at = RetentionSettings.current().alert_at
    min_group = Organisation.current().bias_min_group
    figures = ("model", "cv_auc", "cv_auc_std", "baseline_auc", "other_auc", "brier", "rows",
               "leavers", "used", "left_out")  # fmt: skip
    return {
        **{name: getattr(result, name) for name in figures},
        "protected": m["protected"],
        "current": len(scores),
        "alert_at": alert_at,
        "min_group": min_group,
        "teams": teams.team_view(scores, team_of, alert_at, min_group),
        "fairness": teams.alert_fairness(scores, current, m["protected"], alert_at, min_group),
    }


def _failed(run: RetentionRun, message: str) -> RetentionRun:
    run.status, run.error, run.pending = RetentionRun.Status.FAILED, message[:500], []
    run.save(update_fields=["status", "error", "pending"])
    if run.job:
        jobs.do_update_job(run.job, status="failed", message=message[:500])
    return run


def do_save_settings(current: RetentionSettings, data: dict[str, Any], actor: User) -> None:
    """What the DPIA decided, on the trail: a change here changes what the model may use."""
    with transaction.atomic():
        current.protected, current.alert_at = data["protected"], data["alert_at"]
        current.updated_by = actor
        current.save()
        trust.record_event(
            "retention.settings",
            actor,
            application=RETENTION_RISK,
            payload={"protected": current.protected, "alert_at": current.alert_at},
        )


def latest_run() -> RetentionRun | None:
    return RetentionRun.objects.filter(status=RetentionRun.Status.DONE).first()


def do_view_person(score: RiskScore, actor: User, reason: str) -> RiskScore:
    """Show one person's score: only to a named HR overseer, with a reason, on the trail.
    The first view records the score as an AI output about the person; every view an event."""
    trust.require_active(RETENTION_RISK)
    if not may_see_people(actor):
        raise ServiceError(_("Only HR users the register entry names may see a person's risk."))
    if len(reason.strip()) < MIN_REASON:
        raise ServiceError(_("Give the reason for looking at this person's risk."))
    subject = score.person if score.person_id else score.key
    with transaction.atomic():
        if score.output_entry is None:
            score.output_entry = trust.record_output(
                RETENTION_RISK,
                engine=attrition.ENGINE,
                engine_version=attrition.VERSION,
                params={"run": score.run_id},
                subject=subject,
                input_data=str(score.pk),
                output={"risk": score.risk, "factors": score.factors},
                explanation={"suggestion": "stay interview" if alert(score) else "none"},
                actor=actor,
            )
            score.save(update_fields=["output_entry"])
        trust.record_event(
            "retention.person_viewed",
            actor,
            application=RETENTION_RISK,
            subject=score.output_entry.subject,
            payload={"reason": reason.strip()[:500], "score": score.pk},
        )
    return score


def alert(score: RiskScore) -> bool:
    return score.risk >= score.run.alert_at


def do_stay_decision(score: RiskScore, actor: User, decision: str, reason: str) -> RiskScore:
    """A person decides: plan a stay interview, or no conversation. Against the alert (or
    a conversation without one) needs a reason. Nothing else can follow from a score."""
    if not may_see_people(actor):
        raise ServiceError(_("Only HR users the register entry names may decide on this."))
    if score.output_entry is None:
        raise ServiceError(_("Look at the person's risk (with a reason) before deciding."))
    if decision not in (RiskScore.Stay.PLANNED, RiskScore.Stay.NONE):
        raise ServiceError(_("Unknown decision."))
    follows = (decision == RiskScore.Stay.PLANNED) == alert(score)
    if not follows and not reason.strip():
        raise ServiceError(_("Give a reason for deciding against the alert."))
    with transaction.atomic():
        trust.decide(
            score.output_entry,
            actor=actor,
            decision="accept" if follows else "override",
            reason=reason.strip(),
            ai_suggestion="stay interview" if alert(score) else "none",
            followed_ai=follows,
        )
        score.stay, score.stay_reason = decision, reason.strip()[:500]
        score.decided_by, score.decided_at = actor, timezone.now()
        score.save(update_fields=["stay", "stay_reason", "decided_by", "decided_at"])
    return score


# --- rights and retention -------------------------------------------------------------------

RUN_MONTHS = 12


def subject_scores(person: Person) -> dict[str, Any]:
    """For the access report: every retention score kept about the person, its factors and
    the decision taken."""
    return {
        "retention_scores": [
            {
                "date": s.run.created_at.date().isoformat(),
                "risk": s.risk,
                "factors": s.factors,
                "stay_interview": s.stay,
            }
            for s in person.risk_scores.select_related("run")
        ]
    }


def erase_scores(person: Person) -> int:
    count, _detail = RiskScore.objects.filter(person=person).delete()
    return count


def retention(today: date, dry_run: bool) -> int:
    """Runs (and their scores) a year after they were made: a model of old data says little
    and a risk score should not linger."""
    old = RetentionRun.objects.filter(
        created_at__lt=dates.day_start(dates.months_before(today, RUN_MONTHS))
    )
    count = old.count()
    if not dry_run:
        old.delete()
    return count
