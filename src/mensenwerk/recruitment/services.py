"""Every write of the recruitment use case (``do_*``), and where it meets the trust layer.

Screening calls ``require_active("cv-screening")`` and records each score with
``record_output``; each human decision goes through ``governance.services.decide``. The AI only
says whether a candidate is above or below the vacancy's shortlist threshold: it never rejects,
and nothing it produces changes an application's stage by itself.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from statistics import median
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mensenwerk.core import knowledge
from mensenwerk.core.models import User
from mensenwerk.core.services import ServiceError
from mensenwerk.core.validators import LONG_TEXT
from mensenwerk.engines import jobad, matching, qualifications, safeyaml, skills
from mensenwerk.governance import services as trust
from mensenwerk.governance import trail
from mensenwerk.governance.models import AIApplication
from mensenwerk.recruitment.messages import send_candidate_message
from mensenwerk.recruitment.models import (
    Application,
    Criterion,
    MessageTemplate,
    Scorecard,
    StageEvent,
    Vacancy,
)

log = logging.getLogger("mensenwerk.recruitment")
SCREENING = "cv-screening"
JOB_AD_CHECK = "job-ad-check"
ENGINE = f"{matching.ENGINE}-{matching.VERSION}"
RETAIN_WITHOUT_CONSENT = timedelta(weeks=4)
RETAIN_WITH_CONSENT = timedelta(days=365)
MAX_DESCRIPTION = LONG_TEXT
# the screening's suggestion, next to the score: at or above the vacancy's threshold, or below
SUGGEST_ADVANCE, SUGGEST_BELOW = "advance", "below"


# --- vacancies -----------------------------------------------------------------------------


def engine_vacancy(vacancy: Vacancy) -> matching.Vacancy:
    criteria = list(vacancy.criteria.all())
    return matching.Vacancy(
        vacancy.title,
        [
            matching.Criterion(c.name, c.kind, c.weight)
            for c in criteria
            if c.kind != Criterion.Kind.LANGUAGE
        ],
        float(vacancy.min_years_experience),
        [c.name for c in criteria if c.kind == Criterion.Kind.LANGUAGE],
        vacancy.language,
        vacancy.education,
        {c.name: c.level for c in criteria if c.kind == Criterion.Kind.LANGUAGE and c.level},
    )


def vacancy_file(vacancy: Vacancy) -> str:
    """The vacancy as the YAML file `mensenwerk screen` reads (README: vacancy file)."""
    data = matching.vacancy_to_dict(engine_vacancy(vacancy), vacancy.description)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


@dataclass
class CriteriaInput:
    must_have: list[str]
    nice_to_have: list[tuple[str, float]]
    languages: list[tuple[str, str]]  # (code, level)


def do_save_vacancy(
    vacancy: Vacancy, criteria: CriteriaInput, recruiters: list[User], actor: User
) -> Vacancy:
    """Save the vacancy and replace its criteria; scores of undecided candidates are redone."""
    if not criteria.must_have and not criteria.nice_to_have:
        raise ServiceError(_("Give at least one must-have or nice-to-have criterion."))
    with transaction.atomic():
        if vacancy.pk is None:
            vacancy.created_by = actor
        vacancy.save()
        vacancy.recruiters.set(recruiters)
        vacancy.criteria.all().delete()
        rows = [Criterion(kind=Criterion.Kind.MUST, name=n) for n in criteria.must_have]
        rows += [
            Criterion(kind=Criterion.Kind.NICE, name=n, weight=w) for n, w in criteria.nice_to_have
        ]
        rows += [
            Criterion(kind=Criterion.Kind.LANGUAGE, name=code, level=level)
            for code, level in criteria.languages
        ]
        for position, row in enumerate(rows):
            row.vacancy, row.position = vacancy, position
        Criterion.objects.bulk_create(rows)
        if vacancy.status == Vacancy.Status.OPEN:  # candidates' answers follow the edited text
            knowledge.publish_public_text(public_text(vacancy), actor)
    return vacancy


def public_text(vacancy: Vacancy) -> knowledge.PublicText:
    """The vacancy's own text, which the candidates' assistant answers from on its page."""
    return knowledge.PublicText(
        f"vacancy:{vacancy.pk}", vacancy.title, vacancy.description, vacancy.language
    )


YAML_ERROR_TEXT = {
    "too_large": gettext_lazy("the file is larger than %(limit_kb)s KB"),
    "too_many_aliases": gettext_lazy("it uses more than %(limit)s aliases (*)"),
    "too_deep": gettext_lazy("it is nested more than %(limit)s levels deep"),
    "too_many_nodes": gettext_lazy("it holds more than %(limit)s values once aliases are expanded"),
    "recursive": gettext_lazy("an alias refers to itself"),
    "invalid": gettext_lazy("it is not valid YAML (line %(line)s)"),
}


def yaml_error_message(exc: safeyaml.YamlError) -> str:
    reason = YAML_ERROR_TEXT[exc.code] % {"line": "?", **exc.params}
    return _("The vacancy file cannot be read: %(reason)s.") % {"reason": reason}


def do_import_vacancy_file(text: str, actor: User) -> Vacancy:
    """Create a draft vacancy from a vacancy file; raise ServiceError naming what is wrong."""
    try:
        data = safeyaml.load(text)
        engine = matching.vacancy_from_dict(data)
    except safeyaml.YamlError as exc:
        raise ServiceError(yaml_error_message(exc)) from None
    except matching.VacancyError as exc:
        raise ServiceError(
            _("The vacancy file cannot be used: %(error)s") % {"error": exc}
        ) from None
    description = str(data.get("description") or "")
    if len(description) > MAX_DESCRIPTION:
        raise ServiceError(
            _("The description is longer than %(n)s characters.") % {"n": MAX_DESCRIPTION}
        )
    vacancy = Vacancy(
        title=engine.title[:160],
        description=description,
        language=engine.language if engine.language in ("nl", "en") else "nl",
        min_years_experience=int(engine.min_years_experience),
        education=engine.education,
    )
    criteria = CriteriaInput(
        [c.name for c in engine.criteria if c.kind == "must_have"],
        [(c.name, c.weight) for c in engine.criteria if c.kind == "nice_to_have"],
        [(code, engine.language_levels.get(code, "")) for code in engine.languages],
    )
    return do_save_vacancy(vacancy, criteria, [actor] if actor.has_role("recruiter") else [], actor)


def suggested_criteria(vacancy: Vacancy) -> list[str]:
    """Qualifications and taxonomy concepts the ad names that are not criteria yet. A
    qualification is suggested as exactly as the ad asks it ("Rijbewijs CE", not the taxonomy's
    generic "rijbewijs b"), so a taxonomy label that is itself a qualification is left out."""
    have = {skills.normalise(c.name) for c in vacancy.criteria.all()}
    asked = qualifications.named_in(vacancy.description, vacancy.language)
    labels = asked + [
        label
        for label in skills.suggest(vacancy.description, vacancy.language)
        if qualifications.requirement(label) is None
    ]
    return [label for label in labels if skills.normalise(label) not in have]


def do_add_criteria(vacancy: Vacancy, names: list[str], kind: str) -> int:
    position = vacancy.criteria.count()
    existing = {skills.normalise(c.name) for c in vacancy.criteria.all()}
    added = 0
    for name in names:
        name = name.strip()[:200]
        if name and skills.normalise(name) not in existing:
            Criterion.objects.create(vacancy=vacancy, kind=kind, name=name, position=position)
            existing.add(skills.normalise(name))
            position += 1
            added += 1
    return added


def do_check_job_ad(vacancy: Vacancy, actor: User) -> jobad.JobAdReport:
    """Run the inclusive job-ad check; the report is an AI output, recorded as such."""
    report = jobad.check(vacancy.title, vacancy.description, vacancy.language)
    data = {**report.to_dict(), "checked_at": timezone.now().isoformat(timespec="seconds")}
    with transaction.atomic():
        trust.record_output(
            JOB_AD_CHECK,
            engine=jobad.ENGINE,
            engine_version=jobad.VERSION,
            params={"language": vacancy.language},
            subject=None,
            input_data=f"{vacancy.title}\n{vacancy.description}",
            output={
                "vacancy": vacancy.pk,
                "coding": report.coding,
                "findings": len(report.findings),
            },
            explanation=[f"{f.kind}: {f.text}" for f in report.findings],
            actor=actor,
        )
        vacancy.job_ad_report = data
        vacancy.save(update_fields=["job_ad_report", "updated_at"])
    return report


def open_findings(vacancy: Vacancy) -> int:
    """Findings of the last check a writer should resolve before publishing (coded words,
    exclusionary phrases, the title); readability and length are advice."""
    findings = (vacancy.job_ad_report or {}).get("findings", [])
    return sum(1 for f in findings if f.get("kind") in jobad.BLOCKING)


def do_publish(vacancy: Vacancy, actor: User, despite_findings: bool = False) -> None:
    """Open the vacancy. With findings still open, only when the writer confirms; the trail
    records how many were left."""
    if not vacancy.job_ad_report:
        raise ServiceError(_("Check the job ad before publishing it."))
    left = open_findings(vacancy)
    if left and not despite_findings:
        raise ServiceError(
            ngettext(
                "The job-ad check has %(n)s finding to resolve first, or confirm that you "
                "publish it as it is.",
                "The job-ad check has %(n)s findings to resolve first, or confirm that you "
                "publish it as it is.",
                left,
            )
            % {"n": left}
        )
    with transaction.atomic():
        vacancy.status = Vacancy.Status.OPEN
        vacancy.published_at = vacancy.published_at or timezone.now()
        vacancy.closed_at = None
        vacancy.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
        knowledge.publish_public_text(public_text(vacancy), actor)
        trust.record_event(
            "vacancy_published",
            actor,
            application=SCREENING,
            payload={"vacancy": vacancy.pk, "open_findings": left},
        )


def do_close(vacancy: Vacancy, actor: User) -> None:
    """Close the vacancy; candidates without consent are kept four weeks, then erased."""
    today = timezone.localdate()
    with transaction.atomic():
        vacancy.status = Vacancy.Status.CLOSED
        vacancy.closed_at = timezone.now()
        vacancy.save(update_fields=["status", "closed_at", "updated_at"])
        knowledge.withdraw_public_text(public_text(vacancy).key)
        for application in vacancy.applications.select_related("person"):
            if application.stage == Application.Stage.HIRED:
                continue
            person = application.person
            keep = today + RETAIN_WITHOUT_CONSENT
            if application.consent_keep_year:
                keep = max(keep, application.created_at.date() + RETAIN_WITH_CONSENT)
            if person.retain_until is None or person.retain_until < keep:
                person.retain_until = keep
                person.save(update_fields=["retain_until", "updated_at"])
        trust.record_event(
            "vacancy_closed", actor, application=SCREENING, payload={"vacancy": vacancy.pk}
        )


# --- intake ------------------------------------------------------------------------------


# --- screening -----------------------------------------------------------------------------


def screen(application: Application, actor: User | None) -> Application:
    """Score the pseudonymised text and record the output. Raises ApplicationInactive."""
    trust.require_active(SCREENING)
    vacancy = application.vacancy
    engine = engine_vacancy(vacancy)
    needs_review = "needs_manual_review" in application.flags
    if needs_review:
        result = None
        score, suggestion = None, ""
        output: dict[str, Any] = {"score": None, "flags": application.flags}
        explanation = ["needs manual review: no readable text (a scan?)"]
    else:
        result = matching.score(engine, application.blind_text, timezone.localdate())
        score = result.score
        suggestion = SUGGEST_ADVANCE if score >= vacancy.shortlist_threshold else SUGGEST_BELOW
        output = {"score": score, "suggestion": suggestion, "flags": application.flags}
        explanation = [
            f"{c.criterion}: {c.status}"
            + (f" ({c.detail})" if c.detail and c.detail != "met" else "")
            + (f" — '{c.evidence[:120]}'" if c.evidence else "")
            for c in result.criteria
        ]
    with transaction.atomic():
        entry = trust.record_output(
            SCREENING,
            engine=matching.ENGINE,
            engine_version=matching.VERSION,
            params={
                "vacancy": matching.vacancy_to_dict(engine),
                "threshold": vacancy.shortlist_threshold,
            },
            subject=application.person,
            input_data=application.blind_text,
            output=output,
            explanation=explanation,
            actor=actor,
        )
        application.score = score
        application.result = result.to_dict() if result else {}
        application.ai_suggestion = suggestion
        application.engine_version = ENGINE
        application.output_entry = entry
        if application.stage == Application.Stage.RECEIVED:
            application.stage = Application.Stage.SCREENED
        application.save()
    return application


def do_rescreen(vacancy: Vacancy, actor: User) -> int:
    """After the criteria changed: score every application that has no decision yet."""
    count = 0
    for application in vacancy.applications.filter(stage__in=Application.UNSCREENED_OR_UNDECIDED):
        screen(application, actor)
        count += 1
    return count


# --- decisions and the pipeline --------------------------------------------------------------


def _set_stage(
    application: Application,
    stage: str,
    actor: User | None,
    reason: str = "",
    *,
    record: dict[str, Any] | None = None,
    also: tuple[str, ...] = (),
) -> None:
    """The one place a person's decision or move changes the stage: the application (with the
    fields in ``also`` the caller set), its ``StageEvent`` (time-to-hire, bias monitoring) and,
    with ``record``, the trail entry ``stage_changed`` (a first decision is on the trail
    through ``trust.decide`` instead). Inside the caller's transaction."""
    application.stage = stage
    fields = ["stage", *also]
    if stage == Application.Stage.REJECTED:
        application.decision_reason = reason
        fields.append("decision_reason")
    application.save(update_fields=list(dict.fromkeys(fields)))
    StageEvent.objects.create(application=application, stage=stage, actor=actor, reason=reason)
    if record is not None:
        trust.record_event(
            "stage_changed",
            actor,
            application=SCREENING,
            subject=trail.pseudonym_for(application.person),
            payload={"stage": stage, **record},
        )


def do_decide(
    application: Application, actor: User, decision: str, reason: str, notify: bool = False
) -> Application:
    """A person decides on a screened candidate; the trail records it against the AI output."""
    if decision not in Application.Decision.values:
        raise ServiceError(_("Unknown decision."))
    if not application.can_decide():
        raise ServiceError(_("This application already has a decision."))
    reason = reason.strip()
    suggestion = application.ai_suggestion
    if decision == Application.Decision.ADVANCE:
        trail_decision = "accept" if suggestion in (SUGGEST_ADVANCE, "") else "override"
    else:
        trail_decision = "reject" if decision == Application.Decision.REJECT else "hold"
    if trail_decision in trail.REASON_REQUIRED and not reason:
        raise ServiceError(
            _("A reason is required to reject, and to go against the AI's suggestion.")
        )
    with transaction.atomic():
        if application.output_entry is not None:
            trust.decide(
                application.output_entry,
                actor=actor,
                decision=trail_decision,
                reason=reason,
                ai_suggestion=suggestion,
                followed_ai=_followed(decision, suggestion),
            )
        else:  # screening was switched off: still on the record, as a decision without AI
            trust.record_event(
                "decision_without_ai",
                actor,
                application=SCREENING,
                subject=trail.pseudonym_for(application.person),
                payload={"decision": decision, "reason": reason},
            )
        application.decision_reason = reason
        application.decided_by, application.decided_at = actor, timezone.now()
        stage = Application.DECISION_STAGE[Application.Decision(decision)]
        _set_stage(
            application, stage, actor, reason, also=("decision_reason", "decided_by", "decided_at")
        )
    if notify and decision == Application.Decision.REJECT:
        send_candidate_message(application, MessageTemplate.Kind.REJECTED, actor=actor)
    return application


def _followed(decision: str, suggestion: str) -> bool | None:
    """Advancing what the AI suggested, or rejecting what it put below the threshold, follows
    it; the opposite goes against it; a hold takes no position yet."""
    if decision == Application.Decision.HOLD or suggestion not in (SUGGEST_ADVANCE, SUGGEST_BELOW):
        return None
    return (decision == Application.Decision.ADVANCE) == (suggestion == SUGGEST_ADVANCE)


def do_move(
    application: Application, actor: User, stage: str, reason: str = "", notify: bool = False
) -> Application:
    """A move after the first decision, along ``Application.MOVES``."""
    if not application.can_move_to(stage):
        raise ServiceError(_("This step is not possible from the current stage."))
    reason = reason.strip()
    if stage == Application.Stage.REJECTED and not reason:
        raise ServiceError(_("A reason is required to reject."))
    with transaction.atomic():
        _set_stage(application, stage, actor, reason, record={"reason": reason})
    if notify and stage == Application.Stage.INTERVIEW:
        send_candidate_message(application, MessageTemplate.Kind.INVITED, actor=actor)
    if notify and stage == Application.Stage.REJECTED:
        send_candidate_message(application, MessageTemplate.Kind.REJECTED, actor=actor)
    return application


def do_reveal(application: Application, actor: User) -> Application:
    """Show who the candidate is: only after the first decision, and always on the record."""
    if not application.decided:
        raise ServiceError(_("The identity can be revealed only after the first decision."))
    if application.revealed_at:
        return application
    with transaction.atomic():
        application.revealed_at, application.revealed_by = timezone.now(), actor
        application.save(update_fields=["revealed_at", "revealed_by"])
        trust.record_event(
            "identity_revealed",
            actor,
            application=SCREENING,
            subject=trail.pseudonym_for(application.person),
            payload={"stage": application.stage},
        )
    return application


def do_withdraw(application: Application) -> None:
    """The candidate withdraws through their status link."""
    if application.is_final:
        return
    with transaction.atomic():
        _set_stage(application, Application.Stage.WITHDRAWN, None, record={"by": "candidate"})


def application_for_key(key: str) -> Application | None:
    digest = hashlib.sha256(key.encode()).hexdigest()
    return Application.objects.select_related("vacancy").filter(status_key_hash=digest).first()


def ranked(applications: Iterable[Application]) -> list[Application]:
    """Best score first; unscored (switched off, scans) last; ties by arrival."""
    return sorted(applications, key=lambda a: (a.score is None, -(a.score or 0), a.created_at))


def time_to_hire_days(vacancy: Vacancy) -> float | None:
    """Median days from application to 'hired' for this vacancy's hires."""
    days = [
        (event.at - event.application.created_at).total_seconds() / 86400
        for event in StageEvent.objects.filter(
            application__vacancy=vacancy, stage=Application.Stage.HIRED
        ).select_related("application")
    ]
    return round(median(days), 1) if days else None


# --- messages --------------------------------------------------------------------------------


# --- interview scorecards ---------------------------------------------------------------------


def do_save_scorecard(
    application: Application, interviewer: User, ratings: dict[str, int], notes: str
) -> Scorecard:
    if not application.on_shortlist:
        raise ServiceError(_("Scorecards are for candidates who were advanced."))
    clean = {str(k)[:200]: int(v) for k, v in ratings.items() if isinstance(v, int) and 1 <= v <= 5}
    card, _created = Scorecard.objects.update_or_create(
        application=application,
        interviewer=interviewer,
        defaults={"ratings": clean, "notes": notes},
    )
    trust.record_event(
        "scorecard_saved",
        interviewer,
        application=SCREENING,
        subject=trail.pseudonym_for(application.person),
        payload={"ratings": clean},
    )
    return card


# --- bulk upload -------------------------------------------------------------------------------


# --- for pages --------------------------------------------------------------------------------


def screening_notice(language: str) -> str:
    app = AIApplication.objects.filter(slug=SCREENING).first()
    if app is None:
        return ""
    return (app.notice_nl if language == "nl" else app.notice_en) or app.notice_nl or app.notice_en


def screening_active() -> bool:
    try:
        trust.require_active(SCREENING)
    except trust.ApplicationInactive:
        return False
    return True
