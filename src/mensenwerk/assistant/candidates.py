"""The assistant for candidates on the public vacancy pages: no account, a pseudonym per
visit (in the session), answers only from the documents HR marked public, and a question the
documents do not answer goes to the recruiters' inbox with the candidate's e-mail address,
which is deleted once the reply is sent (``services.do_reply``). A published vacancy's own text
is a public document too (``publish_text``), asked from only on that vacancy's page."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from mensenwerk.assistant import services
from mensenwerk.assistant.models import Escalation, KnowledgeDocument, Question
from mensenwerk.core.knowledge import PublicText
from mensenwerk.core.models import User
from mensenwerk.core.services import ServiceError
from mensenwerk.governance import services as trust

MAX_HEADING = 60  # characters: a longer line without a full stop is a sentence, not a heading


def candidate_asker() -> str:
    """A pseudonym for one candidate's visit (kept in their session): no account, no name."""
    return "C-" + secrets.token_hex(6).upper()


def ask_public(text: str, asker: str, source: str = "") -> Question:
    """A candidate's question on a vacancy page: answered only from the documents HR marked
    public and, with ``source`` ("vacancy:12"), that vacancy's own text (never another
    vacancy's), with the same citations, declines and trail entry as an employee's."""
    public = KnowledgeDocument.objects.filter(
        audience=KnowledgeDocument.Audience.PUBLIC, source__in=["", source]
    )
    allowed = [str(pk) for pk in public.values_list("pk", flat=True)]
    return services.answer_from(
        services.clean_question(text), allowed, asker, Question.Via.CANDIDATE
    )


@transaction.atomic
def do_escalate_public(question: Question, email: str, consent: bool, context: str) -> Escalation:
    """A candidate's question to the recruiters' inbox, with the address for the reply (only
    with consent; the address is deleted when the reply is sent)."""
    if not consent:
        raise ServiceError(
            _("We can only answer you if you agree that we use your e-mail address.")
        )
    if question.via != Question.Via.CANDIDATE or hasattr(question, "escalation"):
        raise ServiceError(_("This question is already with HR."))
    escalation = Escalation.objects.create(
        question=question, contact_email=email, context=" ".join(context.split())[:200]
    )
    trust.record_event(
        "assistant_escalated", None, application=services.APPLICATION, subject=question.asker
    )
    return escalation


def publish_text(text: PublicText, actor: User) -> None:
    """Another app's public text as a public document: created once, a new version when the
    text changed (indexed in the background), public again after a withdrawal."""
    data = f"# {text.title}\n\n{_with_headings(text.text)}\n".encode()
    document = KnowledgeDocument.objects.filter(source=text.key).first()
    if document is None:
        document = KnowledgeDocument.objects.create(
            title=text.title[:200], source=text.key, language=text.language, owner=actor
        )
    document.audience = KnowledgeDocument.Audience.PUBLIC
    document.title, document.language = text.title[:200], text.language
    document.save(update_fields=["audience", "title", "language"])
    latest = document.versions.order_by("-number").first()
    if latest is None or latest.sha256 != hashlib.sha256(data).hexdigest():
        services.do_new_version(document, f"{text.key.replace(':', '-')}.md", data, None, actor)


def _with_headings(text: str) -> str:
    """A job ad's own sub-headings ("Wat bieden wij?" on a line of its own, text below it) as
    headings, so each part is a passage of its own and a question about the pay finds the
    pay, not the whole ad."""
    lines = text.replace("\r\n", "\n").split("\n")
    following = [""] * len(lines)  # the next non-blank line after each line
    for i in range(len(lines) - 2, -1, -1):
        following[i] = lines[i + 1].strip() or following[i + 1]
    out = []
    for i, line in enumerate(lines):
        bare = line.strip()
        heading = (
            0 < len(bare) <= MAX_HEADING
            and not bare.endswith((".", ","))
            and not bare.startswith(("#", "-", "*", "•"))
            and following[i]
            and not following[i].startswith("#")
            and (i == 0 or not lines[i - 1].strip() or lines[i - 1].strip().endswith("."))
        )
        out.append(f"\n## {bare}\n" if heading else line)
    return "\n".join(out)


def withdraw_text(key: str) -> None:
    """The text stays as history for HR (earlier answers cite it) but answers no one."""
    KnowledgeDocument.objects.filter(source=key).update(audience=KnowledgeDocument.Audience.HR)
