"""Knowledge base (documents, versions, passages) and the questions asked of the assistant.

Questions carry a pseudonymous asker id, not a user: the gaps page and the monthly figures
need the question, not the person. Only an escalation, which the employee agrees to, links a
question to an account so HR can reply.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Organisation
from mensenwerk.core.validators import SHORT_TEXT, TEXT


class KnowledgeDocument(models.Model):
    """A handbook document the assistant answers from, with its audience and owner."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public: candidates on the vacancy pages, and everyone")
        EVERYONE = "everyone", _("Everyone")
        MANAGERS = "managers", _("Managers and HR")
        HR = "hr", _("HR only")

    Language = Organisation.Language  # the same two languages as the organisation's

    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_date = models.DateField(_("review date"), null=True, blank=True)
    current = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # a text another part of Mensenwerk keeps here ("vacancy:12"); "" for HR's own documents
    source = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def review_overdue(self) -> bool:
        return self.review_date is not None and self.review_date < date.today()


class DocumentVersion(models.Model):
    """One uploaded version of a document; answers cite the version in force."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be indexed")
        INDEXED = "indexed", _("indexed")
        FAILED = "failed", _("could not be read")

    document = models.ForeignKey(
        KnowledgeDocument, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(max_length=300, blank=True)  # translated when it was recorded
    passage_count = models.PositiveIntegerField(default=0)
    # text a reader cannot see, left out of the passages: [{"reason", "text", "page"}]
    hidden_text = models.JSONField(default=list, blank=True)
    job = models.ForeignKey(
        "core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class Passage(models.Model):
    """A section of a document version as indexed: its heading path, text and tokens."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField()
    section = models.JSONField(default=list)
    anchor = models.CharField(max_length=80)
    text = models.TextField()
    language = models.CharField(max_length=10, default="unknown")
    body_tokens = models.JSONField(default=list)  # kept so the index rebuilds without re-reading
    head_tokens = models.JSONField(default=list)
    # the word engine's version the tokens were made with: after an upgrade that changes
    # stemming or the word lists, the index makes them again from the stored text
    tokens_version = models.CharField(max_length=60, blank=True, default="")
    # the passage's meaning as a float16 vector (engines/retrieval/dense.py), set by the
    # indexing job after the passage itself; its key lets a new version reuse unchanged passages
    vector = models.BinaryField(null=True, blank=True)
    vector_key = models.CharField(max_length=32, blank=True, db_index=True)

    class Meta:
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.section_label

    @property
    def section_label(self) -> str:
        return " > ".join(self.section)


class Question(models.Model):
    """A question to the assistant under a pseudonym, its answer and citations."""

    class Kind(models.TextChoices):
        ANSWERED = "answered", _("answered")
        NOT_FOUND = "not_found", _("not in the documents")
        PERSONAL = "personal", _("personal question")

    class Via(models.TextChoices):
        CHAT = "chat", _("chat page")
        NEW_HIRE = "newhire", _("new-hire page")
        API = "api", _("API")
        CANDIDATE = "candidate", _("vacancy page (candidate)")

    asker = models.CharField(max_length=40, db_index=True)  # pseudonymous id, see services
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    answer = models.TextField(blank=True)
    confidence = models.FloatField(default=0.0)
    citations = models.JSONField(default=list)
    generated = models.BooleanField(default=False)  # written by the optional LLM
    method = models.CharField(max_length=10, blank=True)  # "hybrid" or "lexical" (words only)
    other_language = models.CharField(max_length=10, blank=True)  # the passage's, if not asked
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.CHAT)
    helpful = models.BooleanField(null=True)
    comment = models.TextField(blank=True, max_length=SHORT_TEXT)
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return self.text[:80]


class Escalation(models.Model):
    """A question forwarded to HR, with HR's reply."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="escalation")
    asked_by = models.ForeignKey(  # empty for a candidate, who has no account
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # a candidate's address for the reply, deleted once the reply is sent
    contact_email = models.EmailField(blank=True)
    context = models.CharField(max_length=200, blank=True)  # the vacancy a candidate asked on
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reply = models.TextField(blank=True, max_length=TEXT)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    added_to_kb = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "-created_at"]

    def __str__(self) -> str:
        return f"{self.question} ({self.status})"


class QuestionMonth(models.Model):
    """What is left of a month's questions after the retention run: counts, no text, no ids."""

    month = models.CharField(max_length=7, unique=True)  # YYYY-MM
    asked = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    deflected = models.PositiveIntegerField(default=0)  # answered, not escalated
    escalated = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    helpful = models.PositiveIntegerField(default=0)
    askers = models.PositiveIntegerField(default=0)  # distinct people who asked that month

    class Meta:
        ordering = ["month"]

    def __str__(self) -> str:
        return f"{self.month}: {self.asked}"
