"""Vacancies, their criteria, applications and what happens to them.

The candidate is a ``core.Person`` of kind "candidate", so access reports, erasure and retention
of the trust layer cover candidates without anything special. What a reviewer sees first is the
pseudonymised text (``Application.blind_text``); the person behind it only after a decision and a
logged reveal. Voluntary self-identification lives in its own table and is never shown per person.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Department, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.core.validators import LONG_TEXT, SHORT_TEXT, TEXT
from mensenwerk.engines import matching
from mensenwerk.governance.models import AuditEntry


class VacancyQuerySet(models.QuerySet["Vacancy"]):
    def visible_to(self, user: User) -> VacancyQuerySet:
        """HR sees all; a recruiter the vacancies assigned to them; a manager their own."""
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.HR):
            return self.all()
        query = models.Q(pk__in=[])
        if user.has_role(Role.RECRUITER):
            query |= models.Q(recruiters=user)
        if user.has_role(Role.MANAGER):
            query |= models.Q(hiring_manager=user)
        return self.filter(query).distinct()


class Vacancy(models.Model):
    """A job opening with its criteria, job-ad check and shortlist threshold."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Language(models.TextChoices):
        NL = "nl", _("Dutch")
        EN = "en", _("English")

    class Education(models.TextChoices):
        NONE = "", _("No requirement")
        MBO = "mbo", _("MBO (vocational) or higher")
        HBO = "hbo", _("HBO / bachelor or higher")
        WO = "wo", _("WO / master or higher")

    title = models.CharField(_("title"), max_length=160)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL
    )
    hiring_manager = models.ForeignKey(
        User,
        verbose_name=_("hiring manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_vacancies",
    )
    recruiters = models.ManyToManyField(
        User, verbose_name=_("recruiters"), blank=True, related_name="recruiting_vacancies"
    )
    description = models.TextField(_("job ad text"), max_length=LONG_TEXT)
    language = models.CharField(
        _("language of the ad"), max_length=2, choices=Language.choices, default="nl"
    )
    min_years_experience = models.PositiveSmallIntegerField(
        _("minimum years of relevant experience"), default=0
    )
    education = models.CharField(
        _("education level"), max_length=3, choices=Education.choices, blank=True, default=""
    )
    shortlist_threshold = models.FloatField(
        _("shortlist threshold"),
        default=0.6,
        help_text=_("Above this score the AI suggests 'advance'; a person always decides."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    job_ad_report = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="created_vacancies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")

    def __str__(self) -> str:
        return self.title

    def editable_by(self, user: User) -> bool:
        """HR, or a recruiter assigned to this vacancy."""
        return user.has_role(Role.HR) or (
            user.has_role(Role.RECRUITER) and self.recruiters.filter(pk=user.pk).exists()
        )


class Criterion(models.Model):
    """One requirement of a vacancy: a must-have, a weighted nice-to-have or a language."""

    class Kind(models.TextChoices):
        MUST = "must_have", _("Must-have")
        NICE = "nice_to_have", _("Nice-to-have")
        LANGUAGE = "language", _("Language")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.FloatField(_("weight"), default=1.0)
    level = models.CharField(_("level"), max_length=10, blank=True)  # languages: A1–C2
    position = models.PositiveSmallIntegerField(default=0)

    # the languages the screening engine can check in a CV (engines.matching.LANGUAGE_CRITERIA)
    LANGUAGES = {"nl": _("Dutch"), "en": _("English"), "de": _("German"), "fr": _("French")}
    LEVELS = {
        "": _("any level"),
        **{level: level for level in ("A1", "A2", "B1", "B2", "C1", "C2")},
        "NATIVE": _("native speaker"),
    }

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """As a person reads it: "Dutch (C1)" rather than "nl C1"."""
        if self.kind != self.Kind.LANGUAGE:
            return self.name
        name = str(self.LANGUAGES.get(self.name, self.name))
        return f"{name} ({self.LEVELS.get(self.level, self.level)})" if self.level else name


class Application(models.Model):
    """One candidate's CV for one vacancy: pseudonymised text, AI score and the stage
    machine that only people move."""

    class Stage(models.TextChoices):
        RECEIVED = "received", _("Received")
        SCREENED = "screened", _("Screened, awaiting decision")
        ADVANCED = "advanced", _("Advanced")
        HOLD = "hold", _("On hold")
        REJECTED = "rejected", _("Rejected")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Decision(models.TextChoices):
        """A person's first decision on a screened candidate."""

        ADVANCE = "advance", _("Advance")
        HOLD = "hold", _("Hold")
        REJECT = "reject", _("Reject")

    # The stage machine. A first decision is taken from these stages (hold: decide again):
    AWAITING_DECISION = (Stage.RECEIVED, Stage.SCREENED, Stage.HOLD)
    # ... and puts the application here:
    DECISION_STAGE = {
        Decision.ADVANCE: Stage.ADVANCED,
        Decision.HOLD: Stage.HOLD,
        Decision.REJECT: Stage.REJECTED,
    }
    # After it, the pipeline goes on with these moves:
    MOVES = {
        Stage.ADVANCED: (Stage.INTERVIEW, Stage.OFFER, Stage.REJECTED, Stage.WITHDRAWN),
        Stage.HOLD: (Stage.ADVANCED, Stage.REJECTED, Stage.WITHDRAWN),
        Stage.INTERVIEW: (Stage.OFFER, Stage.REJECTED, Stage.WITHDRAWN),
        Stage.OFFER: (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN),
    }
    # Groups the pages and services ask about:
    UNSCREENED_OR_UNDECIDED = (Stage.RECEIVED, Stage.SCREENED)  # re-scored on new criteria
    SHORTLIST = (Stage.ADVANCED, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED)  # scorecards
    FINAL = (Stage.HIRED, Stage.WITHDRAWN, Stage.REJECTED)  # nothing follows

    class Source(models.TextChoices):
        PUBLIC = "public", _("Application page")
        UPLOAD = "upload", _("Uploaded by recruiter")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="applications")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default="public")
    pseudonym = models.CharField(max_length=12, db_index=True)
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=64)
    file_hash = models.CharField(max_length=64, db_index=True)
    content_hash = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=10, blank=True)
    blind_text = models.TextField(blank=True)
    hidden_text = models.JSONField(default=list, blank=True)
    flags = models.JSONField(default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    score = models.FloatField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    ai_suggestion = models.CharField(max_length=10, blank=True)
    engine_version = models.CharField(max_length=60, blank=True)
    output_entry = models.ForeignKey(
        AuditEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.RECEIVED, db_index=True
    )
    decision_reason = models.TextField(blank=True, max_length=SHORT_TEXT)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    revealed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_keep_year = models.BooleanField(default=False)
    status_key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "created_at"]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.revealed_at else self.pseudonym

    @property
    def match(self) -> matching.Result | None:
        """The screening's explained score, typed; None when it was never scored."""
        if not self.result:
            return None
        return matching.Result.from_dict(self.result, self.score or 0.0)

    def can_decide(self) -> bool:
        """A first decision (or a new one after a hold) is open."""
        return self.stage in self.AWAITING_DECISION

    def next_stages(self) -> tuple[str, ...]:
        """Where the pipeline may move this application to."""
        return self.MOVES.get(self.Stage(self.stage), ())

    def can_move_to(self, stage: str) -> bool:
        return stage in self.next_stages()

    @property
    def decided(self) -> bool:
        """A person took the first decision (identity may be revealed from here)."""
        return self.stage not in self.UNSCREENED_OR_UNDECIDED

    @property
    def on_shortlist(self) -> bool:
        return self.stage in self.SHORTLIST

    @property
    def is_final(self) -> bool:
        return self.stage in self.FINAL

    @property
    def awaits_screening(self) -> bool:
        return self.stage == self.Stage.RECEIVED


class StageEvent(models.Model):
    """Every move through the pipeline with its date: time-to-hire and the fairness stages."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=10, choices=Application.Stage.choices)
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True, max_length=SHORT_TEXT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.stage}"


class SelfIdentification(models.Model):
    """Voluntary, for bias monitoring only: never shown per person, reported in aggregate."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Woman")
        MALE = "male", _("Man")
        NONBINARY = "nonbinary", _("Non-binary")
        OTHER = "other", _("Other")

    class AgeBand(models.TextChoices):
        UNDER_25 = "<25", _("Under 25")
        AGE_25_34 = "25-34", "25–34"
        AGE_35_44 = "35-44", "35–44"
        AGE_45_54 = "45-54", "45–54"
        AGE_55 = "55+", _("55 or older")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="self_identification"
    )
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(max_length=6, choices=AgeBand.choices, blank=True)
    extra = models.JSONField(default=dict, blank=True)  # GroupQuestion.key -> option code

    def __str__(self) -> str:
        return f"self-identification #{self.pk}"  # never the values: they are special data


class GroupQuestion(models.Model):
    """A voluntary self-identification question the organisation adds for bias monitoring
    (for example a migration background). Asked on the application page beside gender and age
    group; answers are only ever reported in aggregate. Deactivated, never deleted, so older
    answers and reports keep their labels."""

    key = models.SlugField(max_length=30, unique=True)
    question_nl = models.CharField(_("question (Dutch)"), max_length=200)
    question_en = models.CharField(_("question (English)"), max_length=200)
    options = models.JSONField(default=list)  # [{"code": "o1", "nl": "…", "en": "…"}, …]
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.key

    def text(self, language: str) -> str:
        return self.question_nl if language == "nl" else self.question_en

    def choices(self, language: str) -> list[tuple[str, str]]:
        return [(o["code"], o["nl"] if language == "nl" else o["en"]) for o in self.options]


class MessageTemplate(models.Model):
    """The organisation's own text of an e-mail to candidates, per kind and language."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Application received")
        REJECTED = "rejected", _("Rejected, with the reason")
        INVITED = "invited", _("Invited to an interview")

    kind = models.CharField(_("message"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Vacancy.Language.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        max_length=TEXT,
        help_text=_(
            "Placeholders: {candidate}, {vacancy}, {organisation}, {reason}, {status_link}."
        ),
    )

    class Meta:
        unique_together = [("kind", "language")]
        ordering = ["kind", "language"]

    def __str__(self) -> str:
        return f"{self.kind}/{self.language}"


class CandidateMessage(models.Model):
    """An e-mail that was sent to a candidate, kept with the application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=10, choices=MessageTemplate.Kind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=TEXT)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return self.subject


class Scorecard(models.Model):
    """One interviewer's ratings of one candidate on the vacancy's interview kit."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scorecards"
    )
    interviewer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    ratings = models.JSONField(default=dict)  # question key -> 1..5
    notes = models.TextField(_("notes"), blank=True, max_length=TEXT)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("application", "interviewer")]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.interviewer_id}"

    @property
    def average(self) -> float | None:
        values = [v for v in self.ratings.values() if isinstance(v, int)]
        return round(sum(values) / len(values), 2) if values else None


class Upload(models.Model):
    """A recruiter's batch of CV files (several files or a ZIP), processed in the background."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="uploads")
    job = models.OneToOneField("core.Job", null=True, on_delete=models.SET_NULL)
    files = models.JSONField(default=list)  # [{"name": shown name, "stored": file on disk}]
    # [{"name", "ok", "pseudonym"} or {"name", "ok", "code", "params"}]: intake.FILE_ERRORS
    results = models.JSONField(default=list)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"upload #{self.pk}"
