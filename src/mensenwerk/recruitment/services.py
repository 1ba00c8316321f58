"""Every write of the recruitment use case (``do_*``), and where it meets the trust layer.

Screening calls ``require_active("cv-screening")`` and records each score with
``record_output``; each human decision goes through ``governance.services.decide``. The AI only
says whether a candidate is above or below the vacancy's shortlist threshold: it never rejects,
and nothing it produces changes an application's stage by itself.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import secrets
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from statistics import median
from typing import Any

import yaml
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from mensenwerk.core import jobs
from mensenwerk.core.models import Job, Organisation, Person, User
from mensenwerk.core.services import ServiceError, do_create_job, do_update_job
from mensenwerk.core.validators import LONG_TEXT
from mensenwerk.engines import language as jobad
from mensenwerk.engines import matching, safeyaml, skills
from mensenwerk.engines.screening import DUPLICATE, contact_details, prepare_document
from mensenwerk.engines.text import Document, ExtractionError, extract
from mensenwerk.governance import services as trust
from mensenwerk.governance import trail
from mensenwerk.governance.models import AIApplication
from mensenwerk.recruitment.models import (
    Application,
    CandidateMessage,
    Criterion,
    GroupQuestion,
    MessageTemplate,
    Scorecard,
    SelfIdentification,
    StageEvent,
    Upload,
    Vacancy,
)

log = logging.getLogger("mensenwerk.recruitment")
SCREENING = "cv-screening"
JOB_AD_CHECK = "job-ad-check"
ENGINE = f"{matching.ENGINE}-{matching.VERSION}"
CV_SUFFIXES = (".pdf", ".docx", ".txt")
ZIP_MAX_FILES = 500
ZIP_MAX_TOTAL = 200 * 1024 * 1024
RETAIN_WITHOUT_CONSENT = timedelta(weeks=4)
RETAIN_WITH_CONSENT = timedelta(days=365)
MAX_DESCRIPTION = LONG_TEXT
DECISIONS = ("advance", "hold", "reject")
# after the first decision, the pipeline goes on with these moves
MOVES = {
    Application.Stage.ADVANCED: ("interview", "offer", "rejected", "withdrawn"),
    Application.Stage.HOLD: ("advanced", "rejected", "withdrawn"),
    Application.Stage.INTERVIEW: ("offer", "rejected", "withdrawn"),
    Application.Stage.OFFER: ("hired", "rejected", "withdrawn"),
}
DECIDED = ("advanced", "hold", "rejected", "interview", "offer", "hired", "withdrawn")


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
    return vacancy


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
    """Taxonomy concepts the ad names that are not criteria yet."""
    have = {skills.normalise(c.name) for c in vacancy.criteria.all()}
    return [
        label
        for label in skills.suggest(vacancy.description, vacancy.language)
        if skills.normalise(label) not in have
    ]


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


def do_check_job_ad(vacancy: Vacancy, actor: User) -> dict[str, Any]:
    """Run the inclusive job-ad check; the report is an AI output, recorded as such."""
    report = jobad.check(vacancy.title, vacancy.description, vacancy.language)
    data = {
        "language": report.language,
        "words": report.words,
        "reading_ease": report.reading_ease,
        "coding": report.coding,
        "findings": [asdict(f) for f in report.findings],
        "checked_at": timezone.now().isoformat(timespec="seconds"),
    }
    with transaction.atomic():
        trust.record_output(
            JOB_AD_CHECK,
            engine="mensenwerk-job-ad-check",
            engine_version=matching.VERSION,
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
    return data


def do_publish(vacancy: Vacancy, actor: User) -> None:
    if not vacancy.job_ad_report:
        raise ServiceError(_("Check the job ad before publishing it."))
    vacancy.status = Vacancy.Status.OPEN
    vacancy.published_at = vacancy.published_at or timezone.now()
    vacancy.closed_at = None
    vacancy.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    trust.record_event(
        "vacancy_published", actor, application=SCREENING, payload={"vacancy": vacancy.pk}
    )


def do_close(vacancy: Vacancy, actor: User) -> None:
    """Close the vacancy; candidates without consent are kept four weeks, then erased."""
    today = timezone.localdate()
    with transaction.atomic():
        vacancy.status = Vacancy.Status.CLOSED
        vacancy.closed_at = timezone.now()
        vacancy.save(update_fields=["status", "closed_at", "updated_at"])
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


def cv_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "cvs"
    path.mkdir(parents=True, exist_ok=True)
    return path


class IntakeError(Exception):
    """One file could not become an application; the message is translated."""


def _store(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    stored = f"{uuid.uuid4().hex}{suffix if suffix in CV_SUFFIXES else ''}"
    (cv_dir() / stored).write_bytes(data)
    return stored


def _read(data: bytes, filename: str) -> Document:
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise IntakeError(
            _("the file is larger than %(mb)s MB") % {"mb": settings.MAX_UPLOAD_BYTES // 2**20}
        )
    if Path(filename).suffix.lower() not in CV_SUFFIXES:
        raise IntakeError(_("unsupported file type; use PDF, DOCX or TXT"))
    try:
        return extract(data, filename)
    except ExtractionError as exc:
        raise IntakeError(extraction_message(exc)) from None


def extraction_message(exc: ExtractionError) -> str:
    messages = {
        "empty": _("the file is empty"),
        "too_large": _("the file is larger than %(mb)s MB"),
        "image": _("the file is a %(kind)s image, not a document"),
        "encrypted": _("the PDF is password-protected"),
        "corrupt_pdf": _("not a readable PDF"),
        "corrupt_docx": _("not a readable Word (.docx) file"),
        "zip_bomb": _("the file unpacks to more than %(mb)s MB"),
        "too_many_pages": _("the document has more than %(limit)s pages"),
        "unsupported": _("unsupported file type; use PDF, DOCX or TXT"),
        "not_text": _("the file is not text"),
        "no_text": _("no readable text (a scan without a text layer?)"),
    }
    text = messages.get(exc.code)
    return str(text % exc.params) if text else str(exc)


def hidden_text_findings(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored hidden-text findings ({"reason", "text", "page"}) with a readable reason, for the
    pages that show them (a CV, a handbook document)."""
    labels = {
        "white": _("white text"),
        "tiny": _("tiny text"),
        "off_page": _("text outside the page"),
        "invisible": _("invisible text"),
        "hidden_attribute": _("text marked hidden"),
    }
    return [
        {**row, "label": labels.get(row.get("reason", ""), row.get("reason", ""))} for row in rows
    ]


def _intake(
    vacancy: Vacancy,
    data: bytes,
    filename: str,
    *,
    person: Person | None,
    phone: str,
    source: str,
    consent: bool,
    actor: User | None,
) -> tuple[Application, str]:
    """Store, parse, pseudonymise and (when the gate allows) score one CV, atomically. Without
    a person (bulk upload) the contact details are guessed from the CV."""
    doc = _read(data, filename)
    if person is None:
        contact = contact_details(doc.text)
        person = Person(
            first_name=contact.first_name or _("Unknown"),
            last_name=contact.last_name,
            email=contact.email[:254],
        )
        phone = contact.phone
    prepared = prepare_document(
        doc,
        seed=uuid.uuid4().hex,
        names=[n for n in (person.first_name, person.last_name) if n],
        emails=[person.email] if person.email else [],
        phones=[phone] if phone else [],
    )
    key = secrets.token_urlsafe(24)
    with transaction.atomic():
        person.kind = Person.Kind.CANDIDATE
        if consent:
            person.retain_until = timezone.localdate() + RETAIN_WITH_CONSENT
        person.save()
        application = Application.objects.create(
            vacancy=vacancy,
            person=person,
            phone=phone[:40],
            source=source,
            pseudonym=prepared.pseudonym,
            original_name=Path(filename).name[:255],
            stored_name=_store(data, filename),
            file_hash=hashlib.sha256(data).hexdigest(),
            content_hash=prepared.content_hash,
            language=prepared.language,
            blind_text=prepared.text,
            hidden_text=[asdict(h) for h in prepared.hidden[:50]],
            flags=list(prepared.flags),
            consent_keep_year=consent,
            status_key_hash=hashlib.sha256(key.encode()).hexdigest(),
        )
        _mark_duplicate(application)
        StageEvent.objects.create(
            application=application, stage=Application.Stage.RECEIVED, actor=actor
        )
        try:
            screen(application, actor)
        except trust.ApplicationInactive:
            log.info("CV screening is switched off: application %s waits unscored", application.pk)
    return application, key


def _mark_duplicate(application: Application) -> None:
    earlier = (
        Application.objects.filter(vacancy=application.vacancy)
        .exclude(pk=application.pk)
        .filter(_same_candidate(application))
        .order_by("created_at", "pk")
        .first()
    )
    if earlier is not None:
        application.duplicate_of = earlier
        application.flags = [*application.flags, DUPLICATE]
        application.save(update_fields=["duplicate_of", "flags"])


def _same_candidate(application: Application) -> Q:
    """Same CV file, same CV text once names are removed, or the same e-mail address."""
    query = Q(file_hash=application.file_hash)
    if application.blind_text.strip():  # two scans both have no text: not the same CV
        query |= Q(content_hash=application.content_hash)
    if application.person.email:
        query |= Q(person__email__iexact=application.person.email)
    return query


def do_apply(
    vacancy: Vacancy,
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    data: bytes,
    filename: str,
    consent: bool,
    gender: str = "",
    age_band: str = "",
    extra: dict[str, str] | None = None,
    status_url: str = "",
    notify: bool = True,
) -> tuple[Application, str]:
    """The public application page. Returns the application and the private status key."""
    if vacancy.status != Vacancy.Status.OPEN:
        raise IntakeError(_("This vacancy is not open for applications."))
    person = Person(
        first_name=first_name.strip()[:100], last_name=last_name.strip()[:150], email=email.strip()
    )
    with transaction.atomic():
        application, key = _intake(
            vacancy,
            data,
            filename,
            person=person,
            phone=phone,
            source="public",
            consent=consent,
            actor=None,
        )
        answers = valid_answers(extra or {})
        if gender or age_band or answers:
            SelfIdentification.objects.create(
                application=application, gender=gender, age_band=age_band, extra=answers
            )
    if notify:
        link = status_url.replace("KEY", key) if status_url else ""
        send_candidate_message(application, MessageTemplate.Kind.RECEIVED, actor=None, link=link)
    return application, key


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
        suggestion = "advance" if score >= vacancy.shortlist_threshold else "below"
        output = {"score": score, "suggestion": suggestion, "flags": application.flags}
        explanation = [
            f"{c.criterion}: {c.status}" + (f" — '{c.evidence[:120]}'" if c.evidence else "")
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
        application.result = (
            {
                "criteria": [asdict(c) for c in result.criteria],
                "years": result.years,
                "relevant_years": result.relevant_years,
                "periods": result.periods,
            }
            if result
            else {}
        )
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
    for application in vacancy.applications.filter(stage__in=("received", "screened")):
        screen(application, actor)
        count += 1
    return count


# --- decisions and the pipeline --------------------------------------------------------------


def do_decide(
    application: Application, actor: User, decision: str, reason: str, notify: bool = False
) -> Application:
    """A person decides on a screened candidate; the trail records it against the AI output."""
    if decision not in DECISIONS:
        raise ServiceError(_("Unknown decision."))
    if application.stage not in ("received", "screened", "hold"):
        raise ServiceError(_("This application already has a decision."))
    reason = reason.strip()
    suggestion = application.ai_suggestion
    if decision == "advance":
        trail_decision = "accept" if suggestion in ("advance", "") else "override"
    else:
        trail_decision = "reject" if decision == "reject" else "hold"
    if trail_decision in trail.REASON_REQUIRED and not reason:
        raise ServiceError(
            _("A reason is required to reject, and to go against the AI's suggestion.")
        )
    stage = {"advance": "advanced", "hold": "hold", "reject": "rejected"}[decision]
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
        application.stage = stage
        application.decision_reason = reason
        application.decided_by, application.decided_at = actor, timezone.now()
        application.save(update_fields=["stage", "decision_reason", "decided_by", "decided_at"])
        StageEvent.objects.create(application=application, stage=stage, actor=actor, reason=reason)
    if notify and decision == "reject":
        send_candidate_message(application, MessageTemplate.Kind.REJECTED, actor=actor)
    return application


def _followed(decision: str, suggestion: str) -> bool | None:
    """Advancing what the AI suggested, or rejecting what it put below the threshold, follows
    it; the opposite goes against it; a hold takes no position yet."""
    if decision == "hold" or suggestion not in ("advance", "below"):
        return None
    return (decision == "advance") == (suggestion == "advance")


def do_move(
    application: Application, actor: User, stage: str, reason: str = "", notify: bool = False
) -> Application:
    allowed = MOVES.get(application.stage, ())
    if stage not in allowed:
        raise ServiceError(_("This step is not possible from the current stage."))
    if stage == "rejected" and not reason.strip():
        raise ServiceError(_("A reason is required to reject."))
    with transaction.atomic():
        application.stage = stage
        if stage == "rejected":
            application.decision_reason = reason.strip()
        application.save(update_fields=["stage", "decision_reason"])
        StageEvent.objects.create(
            application=application, stage=stage, actor=actor, reason=reason.strip()
        )
        trust.record_event(
            "stage_changed",
            actor,
            application=SCREENING,
            subject=trail.pseudonym_for(application.person),
            payload={"stage": stage, "reason": reason.strip()},
        )
    if notify and stage == "interview":
        send_candidate_message(application, MessageTemplate.Kind.INVITED, actor=actor)
    if notify and stage == "rejected":
        send_candidate_message(application, MessageTemplate.Kind.REJECTED, actor=actor)
    return application


def do_reveal(application: Application, actor: User) -> Application:
    """Show who the candidate is: only after the first decision, and always on the record."""
    if application.stage not in DECIDED:
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
    if application.stage in ("hired", "withdrawn", "rejected"):
        return
    with transaction.atomic():
        application.stage = Application.Stage.WITHDRAWN
        application.save(update_fields=["stage"])
        StageEvent.objects.create(application=application, stage="withdrawn")
        trust.record_event(
            "stage_changed",
            None,
            application=SCREENING,
            subject=trail.pseudonym_for(application.person),
            payload={"stage": "withdrawn", "by": "candidate"},
        )


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
            application__vacancy=vacancy, stage="hired"
        ).select_related("application")
    ]
    return round(median(days), 1) if days else None


# --- messages --------------------------------------------------------------------------------

DEFAULT_TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    ("received", "nl"): (
        "Uw sollicitatie voor {vacancy}",
        "Beste {candidate},\n\nBedankt voor uw sollicitatie voor {vacancy} bij {organisation}. "
        "Wij hebben uw cv ontvangen. Software vergelijkt uw cv zonder uw naam met de eisen van de "
        "vacature; een recruiter beslist. U kunt de stand van zaken volgen via {status_link}.\n\n"
        "Met vriendelijke groet,\n{organisation}",
    ),
    ("received", "en"): (
        "Your application for {vacancy}",
        "Dear {candidate},\n\nThank you for applying for {vacancy} at {organisation}. We have "
        "received your CV. Software compares your CV, without your name, with the requirements of "
        "the vacancy; a recruiter decides. You can follow your application at {status_link}.\n\n"
        "Kind regards,\n{organisation}",
    ),
    ("rejected", "nl"): (
        "Uw sollicitatie voor {vacancy}",
        "Beste {candidate},\n\nBedankt voor uw interesse in {vacancy}. Wij hebben besloten niet "
        "verder te gaan met uw sollicitatie. De reden: {reason}\n\nWilt u weten hoe dit besluit "
        "tot stand kwam? U heeft recht op uitleg; antwoord op deze e-mail.\n\n"
        "Met vriendelijke groet,\n{organisation}",
    ),
    ("rejected", "en"): (
        "Your application for {vacancy}",
        "Dear {candidate},\n\nThank you for your interest in {vacancy}. We have decided not to "
        "continue with your application. The reason: {reason}\n\nWould you like to know how this "
        "decision was made? You have a right to an explanation; reply to this e-mail.\n\n"
        "Kind regards,\n{organisation}",
    ),
    ("invited", "nl"): (
        "Uitnodiging voor een gesprek: {vacancy}",
        "Beste {candidate},\n\nWij nodigen u graag uit voor een gesprek over {vacancy}. Wij nemen "
        "contact met u op om een moment af te spreken.\n\nMet vriendelijke groet,\n{organisation}",
    ),
    ("invited", "en"): (
        "Invitation to an interview: {vacancy}",
        "Dear {candidate},\n\nWe would like to invite you to an interview about {vacancy}. We will "
        "contact you to arrange a time.\n\nKind regards,\n{organisation}",
    ),
}
PLACEHOLDER = re.compile(r"\{(candidate|vacancy|organisation|reason|status_link)\}")


def message_template(kind: str, language: str) -> tuple[str, str]:
    row = MessageTemplate.objects.filter(kind=kind, language=language).first()
    if row is not None:
        return row.subject, row.body
    return DEFAULT_TEMPLATES[(kind, language if language in ("nl", "en") else "en")]


def do_save_template(kind: str, language: str, subject: str, body: str) -> MessageTemplate:
    row, _created = MessageTemplate.objects.update_or_create(
        kind=kind, language=language, defaults={"subject": subject, "body": body}
    )
    return row


def fill(template: str, values: dict[str, str]) -> str:
    """Only the documented placeholders are replaced; nothing else in a template is code."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def send_candidate_message(
    application: Application, kind: str, actor: User | None, link: str = ""
) -> CandidateMessage | None:
    person = application.person
    if not person.email:
        return None
    language = application.vacancy.language
    subject, body = message_template(kind, language)
    with override(language):
        values = {
            "candidate": person.full_name or _("candidate"),
            "vacancy": application.vacancy.title,
            "organisation": Organisation.current().name,
            "reason": application.decision_reason or "-",
            "status_link": link or _("the link in your first e-mail"),
        }
    subject, body = fill(subject, values)[:200], fill(body, values)
    send_mail(subject, body, None, [person.email], fail_silently=False)
    return CandidateMessage.objects.create(
        application=application, kind=kind, subject=subject, body=body, sent_by=actor
    )


# --- interview scorecards ---------------------------------------------------------------------


def do_save_scorecard(
    application: Application, interviewer: User, ratings: dict[str, int], notes: str
) -> Scorecard:
    if application.stage not in ("advanced", "interview", "offer", "hired"):
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


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "cv-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Unpacked:
    files: list[tuple[str, bytes]]
    errors: list[tuple[str, str]]


def unpack(files: list[tuple[str, bytes]]) -> Unpacked:
    """Uploaded files, with ZIPs opened safely: no paths are used, traversal names, nested
    archives, oversized members and bombs are refused per member with a reason."""
    out = Unpacked([], [])
    for name, data in files:
        if not name.lower().endswith(".zip"):
            out.files.append((Path(name).name, data))
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [m for m in archive.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, OSError):
            out.errors.append((name, _("not a readable ZIP file")))
            continue
        if len(members) > ZIP_MAX_FILES:
            out.errors.append(
                (name, _("the ZIP holds more than %(n)s files") % {"n": ZIP_MAX_FILES})
            )
            continue
        total = 0
        for member in members:
            member_name = member.filename
            parts = PurePosixPath(member_name.replace("\\", "/")).parts
            if member_name.startswith(("/", "\\")) or ".." in parts or ":" in member_name:
                out.errors.append((member_name, _("unsafe path in the ZIP; file skipped")))
                continue
            if member_name.lower().endswith(".zip"):
                out.errors.append((member_name, _("a ZIP inside a ZIP is not opened")))
                continue
            if (
                member.file_size > settings.MAX_UPLOAD_BYTES
                or total + member.file_size > ZIP_MAX_TOTAL
            ):
                out.errors.append((member_name, _("the file unpacks to more than the size limit")))
                continue
            try:
                with archive.open(member) as handle:  # sizes in the header can lie: read capped
                    content = handle.read(settings.MAX_UPLOAD_BYTES + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
                out.errors.append((member_name, _("the file in the ZIP cannot be read")))
                continue
            if len(content) > settings.MAX_UPLOAD_BYTES:
                out.errors.append((member_name, _("the file unpacks to more than the size limit")))
                continue
            total += len(content)
            out.files.append((parts[-1], content))
    return out


def do_start_upload(vacancy: Vacancy, files: list[tuple[str, bytes]], actor: User) -> Upload:
    from mensenwerk.recruitment.tasks import process_upload

    unpacked = unpack(files)
    stored = []
    for name, data in unpacked.files:
        token = uuid.uuid4().hex
        (upload_dir() / token).write_bytes(data)
        stored.append({"name": name[:255], "stored": token})
    with transaction.atomic():
        job = do_create_job("cv_upload", vacancy.title, actor, total=len(stored))
        upload = Upload.objects.create(
            vacancy=vacancy,
            job=job,
            files=stored,
            results=[{"name": n, "ok": False, "error": e} for n, e in unpacked.errors],
            created_by=actor,
        )
        jobs.enqueue(job, process_upload, upload.pk)
    return upload


INTERRUPTED = gettext_lazy(
    "the processing stopped while reading this file (the worker was stopped); upload it again"
)


def run_upload(upload_id: int) -> Upload:
    """Background half: each file becomes an application or an error; none stops the rest.

    Resumable after a crash: a file is first marked as started, then screened and given its
    result in one transaction; its upload copy is deleted after. Run again, files that have a
    result are skipped, and a file that was started but has no application keeps the
    'processing stopped' error, so every file ends with one result and nothing twice."""
    upload = Upload.objects.select_related("vacancy", "job").get(pk=upload_id)
    job = upload.job
    assert job is not None
    do_update_job(job, status=Job.Status.RUNNING)
    results = list(upload.results)
    actor = upload.created_by
    for index, item in enumerate(upload.files, start=1):
        path = upload_dir() / item["stored"]
        if any(r.get("stored") == item["stored"] for r in results):
            path.unlink(missing_ok=True)  # done before the crash; its copy may be left
            continue
        marker = {"name": item["name"], "stored": item["stored"], "ok": False}
        results.append({**marker, "error": str(INTERRUPTED)})
        upload.results = results
        upload.save(update_fields=["results"])
        try:
            data = path.read_bytes()
            with transaction.atomic():
                application, _key = _intake(
                    upload.vacancy,
                    data,
                    item["name"],
                    person=None,
                    phone="",
                    source="upload",
                    consent=False,
                    actor=actor,
                )
                results[-1] = {
                    **marker,
                    "ok": True,
                    "error": "",
                    "pseudonym": application.pseudonym,
                }
                upload.results = results
                upload.save(update_fields=["results"])
        except IntakeError as exc:
            results[-1] = {**marker, "error": str(exc)}
        except OSError:
            results[-1] = {**marker, "error": _("the file was lost")}
        except Exception:  # one bad file must not stop the batch; the log has the details
            log.exception("CV upload %s: %s failed", upload.pk, item["name"])
            results[-1] = {**marker, "error": _("internal error")}
        upload.results = results
        upload.save(update_fields=["results"])
        path.unlink(missing_ok=True)
        do_update_job(job, progress=index)
    failed = sum(1 for r in results if not r["ok"])
    do_update_job(
        job,
        status=Job.Status.DONE,
        progress=len(upload.files),
        message=_("%(ok)s CVs added, %(failed)s files with an error")
        % {"ok": len(results) - failed, "failed": failed},
    )
    return upload


def delete_orphan_uploads(older_than: datetime) -> int:
    """Upload copies no unfinished upload points at: a web process that died between writing
    the files and recording the upload, or a crash after a file was processed."""
    wanted = {
        item["stored"]
        for upload in Upload.objects.exclude(job__status__in=[Job.Status.DONE, Job.Status.FAILED])
        for item in upload.files
    }
    return jobs.delete_unreferenced(upload_dir(), wanted, older_than)


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


def valid_answers(extra: dict[str, str]) -> dict[str, str]:
    """Only answers to active questions, with one of their own answer codes."""
    codes = {
        q.key: {o["code"] for o in q.options} for q in GroupQuestion.objects.filter(active=True)
    }
    return {k: v for k, v in extra.items() if v in codes.get(k, ())}


def do_add_group_question(question_nl: str, question_en: str, options_text: str) -> GroupQuestion:
    """Add a voluntary self-identification question; options are 'Nederlands / English' lines."""
    options = []
    for line in options_text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        nl, sep, en = line.partition("/")
        if not sep or not nl.strip() or not en.strip():
            raise ServiceError(
                _("Each answer needs a Dutch and an English text, separated by a slash.")
            )
        options.append(
            {"code": f"o{len(options) + 1}", "nl": nl.strip()[:80], "en": en.strip()[:80]}
        )
    if not 2 <= len(options) <= 12:
        raise ServiceError(_("Give two to twelve answers."))
    base = slugify(question_en)[:24] or "question"
    key, n = base, 1
    while GroupQuestion.objects.filter(key=key).exists() or key in ("gender", "age_band"):
        n += 1
        key = f"{base}-{n}"
    return GroupQuestion.objects.create(
        key=key, question_nl=question_nl.strip(), question_en=question_en.strip(), options=options
    )


def do_set_group_question_active(question: GroupQuestion, active: bool) -> GroupQuestion:
    question.active = active
    question.save(update_fields=["active"])
    return question


def people_by_application_pseudonym(query: str) -> list[Person]:
    """A candidate by the pseudonym recruiters saw on their application."""
    return [a.person for a in Application.objects.filter(pseudonym__iexact=query.strip())]


ERASED = "[gewist / erased]"


def erase_candidate_traces(person: Person) -> int:
    """What the cascade does not reach: the person's file names and pseudonyms in bulk-upload
    records (their names are often in the file name), and upload copies that name them.
    Runs before the person is deleted; returns how many records or files were cleaned."""
    applications = list(person.applications.all())
    names = {a.original_name for a in applications if a.original_name}
    pseudonyms = {a.pseudonym for a in applications}
    cleaned = 0
    for upload in Upload.objects.filter(vacancy__in={a.vacancy_id for a in applications}):
        files = [{**f, "name": ERASED} if f.get("name") in names else f for f in upload.files]
        results = [
            {**r, "name": ERASED, "pseudonym": ""}
            if r.get("name") in names or r.get("pseudonym") in pseudonyms
            else r
            for r in upload.results
        ]
        if files != upload.files or results != upload.results:
            upload.files, upload.results = files, results
            upload.save(update_fields=["files", "results"])
            cleaned += 1
    needles = [v for v in (person.full_name, person.email, *names) if v and len(v) >= 5]
    for path in jobs.files_mentioning(upload_dir(), needles):
        path.unlink(missing_ok=True)
        cleaned += 1
    return cleaned


def subject_applications(person: Person) -> list[dict[str, Any]]:
    """For the access report (GDPR art. 15): every application of this person, complete."""
    rows = []
    for app in person.applications.select_related("vacancy").prefetch_related("messages"):
        own = SelfIdentification.objects.filter(application=app).first()
        rows.append(
            {
                "vacancy": app.vacancy.title,
                "received_at": app.created_at.isoformat(timespec="seconds"),
                "file": app.original_name,
                "stage": app.stage,
                "score": app.score,
                "ai_suggestion": app.ai_suggestion,
                "flags": app.flags,
                "criteria": app.result.get("criteria", []),
                "decision_reason": app.decision_reason,
                "consent_keep_year": app.consent_keep_year,
                "cv_text_as_assessed": app.blind_text,
                "messages": [
                    {"subject": m.subject, "sent_at": m.sent_at.isoformat(timespec="seconds")}
                    for m in app.messages.all()
                ],
                "self_identification": {
                    "gender": own.gender,
                    "age_band": own.age_band,
                    **own.extra,
                }
                if own
                else {},
            }
        )
    return rows
