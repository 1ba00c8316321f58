"""Drafting through the trust layer: the engine composes from the record's facts (an AI
output), HR edits and approves (a decision), the employee reads and comments. Shape as
``recruitment.services.screen`` and ``do_decide``: gate, compute, record, save in one
transaction."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mensenwerk.core.models import Organisation, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.drafting.models import Document, InputRequest
from mensenwerk.engines import documents as docs
from mensenwerk.engines import drafting, llm
from mensenwerk.engines.drafting import rephrase
from mensenwerk.governance import services as trust

DRAFTING = "drafting"
# the reason on the trail when HR approves an edited draft: a code, the same in every language
EDITED = "edited before approval"

FACT_LABELS = {
    "organisation": gettext_lazy("the organisation's name"),
    "name": gettext_lazy("the name"),
    "role": gettext_lazy("the job role"),
    "start_date": gettext_lazy("the start date"),
    "end_date": gettext_lazy("the end date"),
    "hours_per_week": gettext_lazy("the hours per week"),
    "performance": gettext_lazy("the performance"),
    "reason_for_leaving": gettext_lazy("the reason for leaving"),
    "contract": gettext_lazy("the kind of contract"),
    "salary": gettext_lazy("the gross yearly salary"),
    "holiday_pay": gettext_lazy("the holiday pay"),
    "end_of_year_payment": gettext_lazy("the end-of-year payment"),
    "irregular_allowance": gettext_lazy("the irregular-hours allowance"),
    "probation": gettext_lazy("whether the employee is in probation"),
    "will_continue": gettext_lazy("whether the employment will be continued"),
    "reply_by": gettext_lazy("the date the answer is due"),
}


def record_facts(person: Person) -> dict[str, Any]:
    """What the personnel record says; the form adds what only people know."""
    facts: dict[str, Any] = {
        "organisation": Organisation.current().name,
        "name": person.full_name,
        "role": person.job_role.title if person.job_role else None,
        "department": person.department.name if person.department else None,
        "start_date": person.start_date,
        "end_date": person.end_date,
        "hours_per_week": person.contract_hours,
    }
    return {key: value for key, value in facts.items() if value not in (None, "")}


def _jsonable(facts: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(facts, default=str))


def error_message(exc: drafting.DraftError) -> str:
    fact = str(FACT_LABELS.get(exc.params.get("fact", ""), exc.params.get("fact", "")))
    if exc.code == "missing_fact":
        return _("Fill in %(fact)s: the document needs it and it is never guessed.") % {
            "fact": fact
        }
    return _("%(fact)s is not right: %(reason)s") % {
        "fact": fact[:1].upper() + fact[1:],
        "reason": exc.params.get("reason", ""),
    }


def do_draft(
    person: Person, kind: str, extra: dict[str, Any], language: str, actor: User
) -> Document:
    """Compose a first version from the record and the form; on the trail as an AI output.
    Raises ApplicationInactive when drafting is switched off, ServiceError for missing facts."""
    trust.require_active(DRAFTING)
    facts = {**record_facts(person), **{k: v for k, v in extra.items() if v not in (None, "")}}
    facts.setdefault("signatory", {"name": actor.get_full_name() or actor.username})
    try:
        draft = drafting.compose(kind, facts, language)
    except drafting.DraftError as exc:
        raise ServiceError(error_message(exc)) from None
    stored = _jsonable(facts)
    sentences = [{"text": s.text, "facts": list(s.facts)} for s in draft.sentences]
    text, warnings, model = _worded(draft, facts)
    with transaction.atomic():
        entry = trust.record_output(
            DRAFTING,
            engine=drafting.ENGINE,
            engine_version=drafting.VERSION,
            params={"kind": kind, "language": language},
            subject=person,
            input_data=json.dumps(stored, sort_keys=True),
            output={"sentences": sentences, "rephrased_by_model": model, "text": text},
            explanation=[f"{s['text'][:80]} ← {', '.join(s['facts'])}" for s in sentences],
            actor=actor,
        )
        return Document.objects.create(
            person=person,
            kind=kind,
            language=language,
            facts=stored,
            sentences=sentences,
            composed_text=text,
            text=text,
            warnings=warnings,
            output_entry=entry,
            created_by=actor,
        )


def _worded(draft: drafting.Draft, facts: dict[str, Any]) -> tuple[str, list[str], bool]:
    """(text, warnings, rephrased by the model). Without a model, or when its version adds,
    drops or changes a fact, the composed text — and the warnings say why."""
    endpoint = llm.endpoint_from(getattr(settings, "MENSENWERK_LLM", None))
    if endpoint is None:
        return draft.text, draft.warnings, False
    signatory = facts.get("signatory") or {}
    names = [str(facts.get(k, "")) for k in ("name", "organisation", "role")]
    names.append(str(signatory.get("name", "")) if isinstance(signatory, dict) else "")
    result = rephrase.rephrase(endpoint, draft, names)
    if result.used:
        return result.text, draft.warnings, True
    return result.text, [*draft.warnings, f"{MODEL_REFUSED}{result.reason}"], False


MODEL_REFUSED = "model refused: "
WARNINGS = {
    drafting.PERFORMANCE_OFF: gettext_lazy(
        "A performance level was given, but the employee did not ask for it: it is not written."
    ),
    drafting.REASON_OFF: gettext_lazy(
        "A reason for leaving was given, but the employee did not ask for it: it is not written."
    ),
    drafting.NO_DATE: gettext_lazy("The document has no date of signing."),
    drafting.NO_SIGNATORY: gettext_lazy("The document has no signatory."),
}


def warning_text(warning: str) -> str:
    """A stored warning in the reader's language (the engine's and the checker's are English)."""
    if warning.startswith(MODEL_REFUSED):
        return _(
            "The language model's wording was not used, so this is the composed text. "
            "The check found %(reason)s."
        ) % {"reason": warning.removeprefix(MODEL_REFUSED)}
    return str(WARNINGS.get(warning, warning))


def do_edit(document: Document, text: str, actor: User) -> Document:
    if document.status != Document.Status.DRAFT:
        raise ServiceError(_("An approved document is final; draft a new one."))
    if not text.strip():
        raise ServiceError(_("The text is empty."))
    document.text = text.replace("\r\n", "\n").strip() + "\n"
    document.save(update_fields=["text"])
    return document


def do_approve(document: Document, actor: User) -> Document:
    """HR signs off: the decision on the AI output says whether the text was kept or edited."""
    if document.status != Document.Status.DRAFT:
        raise ServiceError(_("This document is already approved."))
    with transaction.atomic():
        if document.output_entry is not None:
            edited = document.edited
            trust.decide(
                document.output_entry,
                actor=actor,
                decision="override" if edited else "accept",
                reason=EDITED if edited else "",
                followed_ai=not edited,
            )
        document.status = Document.Status.APPROVED
        document.approved_by, document.approved_at = actor, timezone.now()
        document.save(update_fields=["status", "approved_by", "approved_at"])
    return document


def do_comment(document: Document, user: User, comment: str) -> Document:
    """The employee's own remark on their document, for HR to see before signing."""
    if user.person_id != document.person_id:
        raise ServiceError(_("Only the employee comments on their own document."))
    if document.status != Document.Status.DRAFT:
        raise ServiceError(_("The document is approved; ask HR to draft a new one."))
    document.employee_comment = comment.strip()[:2000]
    document.save(update_fields=["employee_comment"])
    return document


def may_read(user: User, document: Document) -> bool:
    return user.has_role(Role.HR) or (user.person_id == document.person_id)


def pdf(document: Document) -> bytes:
    org = Organisation.current()
    title = document.text.split("\n", 1)[0]
    letterhead = " — ".join(p for p in (org.name, org.address.replace("\n", ", ")) if p)
    # every line its own paragraph: the signature block and a statement's fields stay lines
    lines = "\n\n".join(line for line in document.text.splitlines() if line.strip())
    return docs.to_pdf(f"# {lines}", title, letterhead)


def docx(document: Document) -> bytes:
    from docx import Document as Word

    word = Word()
    org = Organisation.current()
    word.sections[0].header.paragraphs[0].text = org.name
    blocks = document.text.strip().split("\n\n")
    word.add_heading(blocks[0], level=1)
    for block in blocks[1:]:
        paragraph = word.add_paragraph()
        for n, line in enumerate(block.split("\n")):
            if n:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def file_name(document: Document, suffix: str) -> str:
    day: date = (document.approved_at or document.created_at).date()
    return f"{document.kind}-{document.person_id}-{day:%Y-%m-%d}.{suffix}"


# --- the person's page and the access report ------------------------------------------------


def person_section(request: HttpRequest, person: Person) -> tuple[str, dict[str, Any]] | None:
    user = request.user
    hr = user.has_role(Role.HR)  # type: ignore[union-attr]
    own = getattr(user, "person_id", None) == person.pk
    if not (hr or own):
        return None
    documents = Document.objects.filter(person=person)  # the employee sees theirs, drafts too
    return "drafting/_person_section.html", {
        "documents": list(documents[:20]),
        "asked": InputRequest.objects.filter(person=person).first() if hr else None,
        "can_draft": hr,
        "kinds": Document.Kind.choices,
        "person": person,
    }


def subject_documents(person: Person) -> list[dict[str, Any]]:
    """For the access report: every drafted document about this person, with its text."""
    return [
        {
            "document": d.kind,
            "status": d.status,
            "created_at": d.created_at.isoformat(timespec="seconds"),
            "approved_at": d.approved_at.isoformat(timespec="seconds") if d.approved_at else None,
            "text": d.text,
            "facts": d.facts,
            "employee_comment": d.employee_comment,
        }
        for d in Document.objects.filter(person=person)
    ]
