"""HR assistant: the knowledge base, answering, escalation to HR, feedback and figures.

Every answer goes through the trust layer (``record_output`` on the register entry
``hr-assistant``, refused while it is not active) with a pseudonymous asker id. The index is
built from the stored passage tokens of each document's current version and rebuilt in this
process only when that set changes.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mensenwerk.assistant.models import (
    DocumentVersion,
    Escalation,
    KnowledgeDocument,
    Passage,
    Question,
    QuestionMonth,
)
from mensenwerk.assistant.search import (
    current_index,
    dense_enabled,
    embed_passages,
    engine_version,
    memo_for_index,
    reranker,
    similarity_threshold,
)
from mensenwerk.core import dates, jobs
from mensenwerk.core.jobs import do_create_job, do_update_job
from mensenwerk.core.knowledge import Found
from mensenwerk.core.models import Job, Organisation, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError, keyed_id
from mensenwerk.core.validators import no_control_characters
from mensenwerk.engines import llm, retrieval
from mensenwerk.engines.text import ExtractionError
from mensenwerk.governance import rights
from mensenwerk.governance import services as trust
from mensenwerk.recruitment.intake import extraction_message

log = logging.getLogger("mensenwerk.assistant")
APPLICATION = "hr-assistant"
FAQ_TITLE = "Vragen aan HR (antwoorden van HR)"


# --- who sees what --------------------------------------------------------------------------


def asker_id(user: User) -> str:
    """A stable pseudonym for a user: the trail and the question log never hold the account."""
    return "U-" + keyed_id("assistant", user)[:12].upper()


def audiences(user: User) -> list[str]:
    """What a user may read; public documents (for candidates) are for everyone inside too."""
    a = KnowledgeDocument.Audience
    if user.has_role(Role.HR):
        return list(a.values)
    if user.has_role(Role.MANAGER, Role.DIRECTOR):
        return [a.PUBLIC, a.EVERYONE, a.MANAGERS]
    return [a.PUBLIC, a.EVERYONE]


def visible_documents(user: User):
    return KnowledgeDocument.objects.filter(audience__in=audiences(user))


# --- knowledge base -------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentMeta:
    audience: str
    language: str
    effective_date: date | None
    review_date: date | None
    owner: User | None
    title: str = ""  # used when one file is uploaded; otherwise the file name


def _title_from(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return (stem.replace("_", " ").replace("-", " ").strip() or filename)[:200]


@transaction.atomic
def do_upload(files: list[tuple[str, bytes]], meta: DocumentMeta, actor: User) -> Job:
    """New documents, one per file; indexed in the background."""
    if not files:
        raise ServiceError(_("Choose at least one file."))
    versions = []
    for name, data in files:
        document = KnowledgeDocument.objects.create(
            title=(meta.title if len(files) == 1 and meta.title else _title_from(name)),
            audience=meta.audience,
            language=meta.language,
            owner=meta.owner or actor,
            review_date=meta.review_date,
        )
        versions.append(_new_version(document, name, data, meta.effective_date, actor))
    return _start(versions, actor)


@transaction.atomic
def do_new_version(
    document: KnowledgeDocument,
    name: str,
    data: bytes,
    effective_date: date | None,
    actor: User,
) -> Job:
    """A new version replaces the current one once it is indexed; older ones stay as history."""
    return _start([_new_version(document, name, data, effective_date, actor)], actor)


def _new_version(
    document: KnowledgeDocument, name: str, data: bytes, effective: date | None, actor: User
) -> DocumentVersion:
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        filename=name[:255],
        content=data,
        sha256=hashlib.sha256(data).hexdigest(),
        effective_date=effective,
        uploaded_by=actor,
    )


def _start(versions: list[DocumentVersion], actor: User) -> Job:
    label = (
        versions[0].document.title
        if len(versions) == 1
        else _("%(n)s documents") % {"n": len(versions)}
    )
    job = do_create_job("kb_index", label, actor, total=len(versions))
    DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).update(job=job)
    ids = [v.pk for v in versions]
    jobs.enqueue(job, "mensenwerk.assistant.tasks.index_documents", ids, job.pk)
    return job


def indexed_message(params: dict[str, Any]) -> str:
    return _("%(ok)s indexed, %(failed)s could not be read") % {
        "ok": params.get("ok", 0),
        "failed": params.get("failed", 0),
    }


def run_indexing(version_ids: list[int], job_id: int) -> Job:
    """Read and index each version; a file that cannot be read gets its own error and the rest
    go on. Run again after a crash, it indexes only the versions still pending."""
    job = Job.objects.get(pk=job_id)
    do_update_job(job, status=Job.Status.RUNNING)
    versions = DocumentVersion.objects.filter(pk__in=version_ids).select_related("document")
    for done, version in enumerate(versions, start=1):
        if version.status == DocumentVersion.Status.PENDING:
            index_version(version)
        do_update_job(job, progress=done)
    if dense_enabled():
        embed_passages(Passage.objects.filter(version__in=version_ids, vector=None), job)
    failed = versions.filter(status=DocumentVersion.Status.FAILED).count()
    do_update_job(
        job,
        status=Job.Status.DONE,
        code="kb_indexed",
        params={"ok": len(version_ids) - failed, "failed": failed},
    )
    return job


def index_version(version: DocumentVersion) -> bool:
    document = version.document
    try:
        found, hidden = retrieval.read_document(
            bytes(version.content),
            version.filename,
            document=str(document.pk),
            title=document.title,
            language=document.language,
        )
    except ExtractionError as exc:
        version.status = DocumentVersion.Status.FAILED
        version.error = extraction_message(exc)[:300]
        version.save(update_fields=["status", "error"])
        return False
    with transaction.atomic():
        version.passages.all().delete()
        Passage.objects.bulk_create(
            Passage(
                version=version,
                position=position,
                section=list(p.section),
                anchor=p.anchor[:80],
                text=p.text,
                language=p.language,
                body_tokens=retrieval.body_tokens(p),
                head_tokens=retrieval.heading_tokens(p),
                tokens_version=retrieval.index_version(),
                vector_key=retrieval.dense.key(retrieval.dense.passage_text(p)),
            )
            for position, p in enumerate(found)
        )
        version.status = DocumentVersion.Status.INDEXED
        version.error = ""
        version.passage_count = len(found)
        version.hidden_text = [
            {"reason": h.reason, "text": h.text[:300], "page": h.page} for h in hidden[:20]
        ]
        version.save(update_fields=["status", "error", "passage_count", "hidden_text"])
        newest = document.current is None or document.current.number <= version.number
        if newest:
            document.current = version
            document.save(update_fields=["current"])
    return True


# --- answering ------------------------------------------------------------------------------


def _endpoint() -> llm.Endpoint | None:
    return llm.endpoint_from(getattr(settings, "MENSENWERK_LLM", None))


def clean_question(text: str) -> str:
    """One line of text, or a ServiceError that says what is wrong with it."""
    text = " ".join((text or "").split())
    if not text:
        raise ServiceError(_("Type a question."))
    try:
        no_control_characters(text)
    except ValidationError as exc:
        raise ServiceError(exc.messages[0]) from None
    if len(text) > retrieval.MAX_QUESTION:
        raise ServiceError(
            _("A question can be at most %(n)s characters.") % {"n": retrieval.MAX_QUESTION}
        )
    return text


def _written(
    endpoint: llm.Endpoint | None, text: str, result: retrieval.Answer
) -> tuple[str, bool, str]:
    """(answer, written by the language model, why the model's text was refused). Without a
    model, or when its text is refused, the quoted passage is the answer."""
    if result.kind != "answered" or endpoint is None:
        return result.text, False, ""
    try:
        return llm.write_answer(endpoint, text, [h.passage for h in result.citations]), True, ""
    except llm.LLMError as exc:
        log.warning("LLM answer refused, extractive answer used: %s", exc)
        return result.text, False, str(exc)


def ask(user: User, text: str, via: str = Question.Via.CHAT) -> Question:
    """Answer one question from the documents the user may read; record it in the trail."""
    allowed = [str(pk) for pk in visible_documents(user).values_list("pk", flat=True)]
    return answer_from(clean_question(text), allowed, asker_id(user), via)


def answer_from(text: str, allowed: list[str], pseudonym: str, via: str) -> Question:
    trust.require_active(APPLICATION)
    endpoint = _endpoint()
    rerank = reranker(endpoint)
    result = retrieval.answer(
        current_index(), text, allowed=allowed, similarity=similarity_threshold(), rerank=rerank
    )
    answer, generated, fallback = _written(endpoint, text, result)
    citations = [
        {
            "passage": int(h.passage.anchor),
            "document": int(h.passage.document),
            "title": h.passage.title,
            "section": h.passage.section_label,
            "effective_date": h.passage.effective_date,
        }
        for h in result.citations
    ]
    with transaction.atomic():
        question = Question.objects.create(
            asker=pseudonym,
            text=text,
            kind=result.kind,
            answer=answer,
            confidence=result.confidence,
            citations=citations,
            generated=generated,
            via=via,
            method=result.method,
            other_language=result.other_language,
        )
        trust.record_output(
            APPLICATION,
            engine="retrieval+llm" if generated else "retrieval",
            engine_version=engine_version(),
            params={
                "method": result.method,
                "threshold": retrieval.CONFIDENCE_THRESHOLD,
                "similarity": similarity_threshold(),
                "llm": endpoint.model if endpoint else None,
                "rerank": bool(rerank),
                "via": via,
            },
            subject=pseudonym,
            input_data=text,
            output={"kind": result.kind, "answer": answer, "confidence": result.confidence},
            explanation={
                "question": question.pk,
                "citations": [(c["document"], c["section"]) for c in citations],
                "llm_fallback": fallback,
                "rerank": endpoint.model if rerank and endpoint else None,  # who may reorder
                "reranked": result.reranked,
                # how it was found: by meaning and words, or by words while vectors are missing
                "method": result.method,
                "similarity_threshold": similarity_threshold(),
            },
            actor=None,
        )
    return question


def handbook_sections(queries: list[str], k: int = 1) -> list[list[Found]]:
    """For other apps (``core.knowledge``): per query, the sections every employee may read
    that answer it, by the assistant's own rule (nothing when it would decline). Not on the
    trail: the caller records its own output. Remembered until the index changes, because
    onboarding asks the same few topics for every new colleague."""
    allowed = [
        str(pk)
        for pk in KnowledgeDocument.objects.filter(
            audience=KnowledgeDocument.Audience.EVERYONE
        ).values_list("pk", flat=True)
    ]
    if not allowed:
        return [[] for _ in queries]
    index, memo = memo_for_index()
    results = []
    for query in queries:
        key = (query, k, tuple(allowed))  # an audience changed: another key
        if key not in memo:
            result = retrieval.answer(
                index, query, allowed=allowed, similarity=similarity_threshold()
            )
            memo[key] = (
                [
                    Found(
                        h.passage.title,
                        h.passage.section_label,
                        reverse("assistant:passage", args=[int(h.passage.anchor)]),
                        round(h.score, 3),
                    )
                    for h in result.citations[:k]
                ]
                if result.kind == "answered"
                else []
            )
        results.append(memo[key])
    return results


def passage_page(found: Passage) -> dict[str, Any]:
    """A cited passage in its document with its neighbours: the page employees and
    candidates open from a citation."""
    document = found.version.document
    return {
        "passage": found,
        "document": document,
        "version": found.version,
        "is_current": document.current_id == found.version_id,
        "neighbours": found.version.passages.filter(
            position__gte=found.position - 1, position__lte=found.position + 1
        ),
    }


def own_questions(user: User, limit: int = 10):
    return Question.objects.filter(asker=asker_id(user)).select_related("escalation")[:limit]


def own_question(user: User, pk: int) -> Question:
    question = Question.objects.filter(asker=asker_id(user), pk=pk).first()
    if question is None:
        raise ServiceError(_("That question is not yours."))
    return question


def do_rate(question: Question, helpful: bool, comment: str) -> None:
    question.helpful = helpful
    question.comment = comment.strip()[:1000]
    question.save(update_fields=["helpful", "comment"])


@transaction.atomic
def do_escalate(question: Question, user: User, consent: bool) -> Escalation:
    """Forward a question to HR's inbox: only with the employee's consent, because HR then
    sees who asked."""
    if not consent:
        raise ServiceError(_("HR can only answer you if you agree that they see who asked."))
    if hasattr(question, "escalation"):
        raise ServiceError(_("This question is already with HR."))
    escalation = Escalation.objects.create(question=question, asked_by=user)
    trust.record_event("assistant_escalated", None, application=APPLICATION, subject=question.asker)
    return escalation


@transaction.atomic
def do_reply(escalation: Escalation, actor: User, reply: str, add_to_kb: bool) -> Job | None:
    reply = reply.strip()
    if not reply:
        raise ServiceError(_("Write a reply."))
    if escalation.status == Escalation.Status.ANSWERED:
        raise ServiceError(_("This question has already been answered."))
    escalation.reply = reply
    escalation.replied_by = actor
    escalation.replied_at = timezone.now()
    escalation.status = Escalation.Status.ANSWERED
    escalation.added_to_kb = add_to_kb
    if escalation.contact_email:  # a candidate: the reply goes by e-mail, then the address goes
        _mail_candidate(escalation, reply)
        escalation.contact_email = ""
    escalation.save()
    trust.record_event(
        "assistant_reply", actor, application=APPLICATION, subject=escalation.question.asker
    )
    if not add_to_kb:
        return None
    return _add_to_faq(escalation.question.text, reply, actor)


def _mail_candidate(escalation: Escalation, reply: str) -> None:
    subject = _("Your question to %(organisation)s") % {"organisation": Organisation.current().name}
    body = _("You asked: %(question)s\n\nOur answer:\n%(reply)s") % {
        "question": escalation.question.text,
        "reply": reply,
    }
    send_mail(subject, body, None, [escalation.contact_email])


def _add_to_faq(question: str, reply: str, actor: User) -> Job:
    """HR's answer becomes a passage of the FAQ document (a new version of it)."""
    document = KnowledgeDocument.objects.filter(title=FAQ_TITLE).first()
    previous = ""
    if document is None:
        document = KnowledgeDocument.objects.create(title=FAQ_TITLE, owner=actor)
    elif document.current is not None:
        previous = bytes(document.current.content).decode("utf-8")
    heading = " ".join(question.split())[:200].replace("#", "")
    text = (previous or f"# {FAQ_TITLE}\n") + f"\n## {heading}\n\n{reply}\n"
    version = _new_version(document, "vragen-aan-hr.md", text.encode(), date.today(), actor)
    return _start([version], actor)


# --- gaps and figures -----------------------------------------------------------------------


def gaps(days: int = 90) -> list[dict[str, Any]]:
    """Unanswered, escalated and unhelpful questions, clustered by topic, most frequent first."""
    since = timezone.now() - timedelta(days=days)
    rows = Question.objects.filter(asked_at__gte=since).select_related("escalation")
    clusters: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "not_found": 0, "escalated": 0, "unhelpful": 0, "examples": []}
    )
    for q in rows:
        escalated = hasattr(q, "escalation")
        if q.kind == Question.Kind.ANSWERED and not escalated and q.helpful is not False:
            continue
        cluster = clusters[retrieval.topic(q.text)]
        cluster["count"] += 1
        cluster["not_found"] += q.kind == Question.Kind.NOT_FOUND
        cluster["escalated"] += escalated
        cluster["unhelpful"] += q.helpful is False
        if len(cluster["examples"]) < 3 and q.text not in cluster["examples"]:
            cluster["examples"].append(q.text)
    return sorted(
        ({"topic": name, **data} for name, data in clusters.items()),
        key=lambda c: (-c["count"], c["topic"]),
    )


def _tally(rows: Iterable[Question]) -> dict[str, Counter[str]]:
    """Per calendar month: questions asked, answered, deflected (answered and not escalated),
    escalated, rated and rated helpful, and distinct askers."""
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    askers: dict[str, set[str]] = defaultdict(set)
    for q in rows:
        month = timezone.localtime(q.asked_at).strftime("%Y-%m")
        row = tally[month]
        escalated = hasattr(q, "escalation")
        row["asked"] += 1
        row["answered"] += q.kind == Question.Kind.ANSWERED
        row["deflected"] += q.kind == Question.Kind.ANSWERED and not escalated
        row["escalated"] += escalated
        row["rated"] += q.helpful is not None
        row["helpful"] += q.helpful is True
        askers[month].add(q.asker)
    for month, row in tally.items():
        row["askers"] = len(askers[month])
    return tally


def monthly_figures(months: int = 12) -> list[dict[str, Any]]:
    """Per month: questions, answered without escalation (deflection), escalations,
    satisfaction (share of rated answers marked helpful). For the adoption cockpit. Months
    past the question retention period come from their stored counts (QuestionMonth)."""
    since = (timezone.now() - timedelta(days=31 * months)).replace(day=1)
    rows = Question.objects.filter(asked_at__gte=since).select_related("escalation")
    tally = _tally(rows)
    for kept in QuestionMonth.objects.filter(month__gte=since.strftime("%Y-%m")):
        tally[kept.month].update({f: getattr(kept, f) for f in MONTH_FIELDS})
    return [
        {
            "month": month,
            "asked": row["asked"],
            "answered": row["answered"],
            "escalated": row["escalated"],
            "deflection_rate": round(row["deflected"] / row["asked"], 3),
            "satisfaction": round(row["helpful"] / row["rated"], 3) if row["rated"] else None,
            "rated": row["rated"],
        }
        for month, row in sorted(tally.items())
        if row["asked"]
    ]


# --- retention and the rights of the people who asked ---------------------------------------

# The AI register's promise for the assistant: questions twelve months, then counts only.
QUESTION_RETENTION_MONTHS = 12
MONTH_FIELDS = ("asked", "answered", "deflected", "escalated", "rated", "helpful", "askers")


def question_retention(today: date, dry_run: bool) -> int:
    """Questions of every month that ended more than QUESTION_RETENTION_MONTHS ago become that
    month's counts; the questions, their escalations and their text in the trail are deleted.
    Whole months only, so a month's counts are complete once they are stored."""
    cutoff = dates.day_start(dates.months_before(today, QUESTION_RETENTION_MONTHS).replace(day=1))
    old = Question.objects.filter(asked_at__lt=cutoff)
    if dry_run:
        return old.count()
    with transaction.atomic():
        for name, row in _tally(old.select_related("escalation")).items():
            kept, _created = QuestionMonth.objects.select_for_update().get_or_create(month=name)
            for field in MONTH_FIELDS:
                setattr(kept, field, getattr(kept, field) + row[field])
            kept.save()
        rights.erase_payloads(application=APPLICATION, before=cutoff, reason="retention")
        count = old.count()
        old.delete()  # cascades to the escalations
    return count


def subject_questions(person: Person) -> list[dict[str, Any]]:
    """For the access report (GDPR art. 15): the person's questions to the assistant."""
    account = User.objects.filter(person=person).first()
    if account is None:
        return []
    rows = Question.objects.filter(asker=asker_id(account)).select_related("escalation")
    return [
        {
            "asked_at": q.asked_at.isoformat(timespec="seconds"),
            "question": q.text,
            "kind": q.kind,
            "answer": q.answer,
            "helpful": q.helpful,
            "comment": q.comment,
            "escalated": hasattr(q, "escalation"),
        }
        for q in rows.order_by("asked_at")
    ]


def erase_questions(person: Person) -> int:
    """On an erasure request: the person's questions, their escalations and the question text
    in the trail (the trail's entries stay, under a pseudonym nobody can link any more)."""
    account = User.objects.filter(person=person).first()
    if account is None:
        return 0
    asker = asker_id(account)
    rights.erase_payloads(subject=asker, reason="erasure")
    rows = Question.objects.filter(asker=asker)
    count = rows.count()
    rows.delete()
    return count
