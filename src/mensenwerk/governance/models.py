"""AI register, audit trail, pseudonyms and rights requests: the trust layer's records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.validators import SHORT_TEXT, TEXT


class AIApplication(models.Model):
    """An entry of the AI register (algoritmeregister)."""

    class RiskClass(models.TextChoices):
        HIGH_4A = "high_4a", _("High risk — AI Act Annex III 4(a): recruitment and selection")
        HIGH_4B = (
            "high_4b",
            _("High risk — AI Act Annex III 4(b): decisions on work relations, tasks, monitoring"),
        )
        LIMITED = "limited", _("Limited risk — AI Act art. 50: transparency obligations")
        MINIMAL = "minimal", _("Minimal risk")

    class Collaboration(models.TextChoices):
        AUGMENTATION = "augmentation", _("Augmentation: AI suggests, a person decides")
        AUTOMATION = "automation", _("Automation of routine tasks")
        ALERTING = "alerting", _("Alerting: AI signals, a person acts")
        LEARNING = "learning", _("Learning: AI learns from human feedback")

    class LegalBasis(models.TextChoices):
        NONE = "", _("— not yet determined —")
        CONTRACT = "6_1b", _("GDPR art. 6(1)(b): performance of a contract")
        OBLIGATION = "6_1c", _("GDPR art. 6(1)(c): legal obligation")
        INTEREST = "6_1f", _("GDPR art. 6(1)(f): legitimate interest")
        CONSENT = "6_1a", _("GDPR art. 6(1)(a): consent")

    class DpiaStatus(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        NOT_REQUIRED = "not_required", _("Not required")

    class WorksCouncil(models.TextChoices):
        NOT_INFORMED = "not_informed", _("Not yet informed")
        INFORMED = "informed", _("Informed")
        CONSENT_REQUESTED = "consent_requested", _("Consent requested")
        CONSENT_GIVEN = "consent_given", _("Consent given")

    slug = models.SlugField(unique=True)
    builtin = models.BooleanField(default=False)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=TEXT)
    hr_process = models.CharField(_("HR process"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_ai_applications",
    )
    provider = models.CharField(_("provider"), max_length=200)
    version = models.CharField(_("version"), max_length=60, blank=True)
    risk_class = models.CharField(_("AI Act risk class"), max_length=10, choices=RiskClass.choices)
    risk_reason = models.TextField(_("reason for the risk class"), max_length=TEXT)
    collaboration = models.CharField(
        _("human–AI collaboration"), max_length=15, choices=Collaboration.choices
    )
    ai_alone = models.TextField(_("what the AI may do alone"), max_length=TEXT)
    ai_recommends = models.TextField(_("what the AI only recommends"), max_length=TEXT)
    human_decides = models.TextField(_("what stays a human decision"), max_length=TEXT)
    personal_data = models.TextField(_("personal data used"), max_length=TEXT)
    processes_personal_data = models.BooleanField(
        _("processes personal data"),
        default=True,
        help_text=_(
            "Then it needs a completed DPIA, or a reason from the DPO why none is needed, and "
            "(in the Netherlands) an informed works council before it is switched on."
        ),
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=5, choices=LegalBasis.choices, blank=True
    )
    gdpr_art88 = models.BooleanField(
        _("employment context (GDPR art. 88 / national law)"), default=True
    )
    balancing_test = models.TextField(_("balancing test"), blank=True, max_length=TEXT)
    retention = models.TextField(_("retention"), max_length=TEXT)
    dpia_status = models.CharField(
        _("DPIA status"), max_length=15, choices=DpiaStatus.choices, default="not_started"
    )
    dpia_date = models.DateField(_("DPIA date"), null=True, blank=True)
    # "not required" counts for the gate only with the DPO's recorded reason
    dpia_exemption_reason = models.TextField(
        _("why no DPIA is needed (DPO)"), blank=True, max_length=SHORT_TEXT
    )
    dpia_exemption_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    dpia_exemption_at = models.DateTimeField(null=True, blank=True)
    monitoring_wor = models.BooleanField(
        _("suited to monitoring staff (WOR art. 27(1)(l))"), default=False
    )
    works_council_status = models.CharField(
        _("works council (NL)"),
        max_length=20,
        choices=WorksCouncil.choices,
        default="not_informed",
    )
    works_council_date = models.DateField(_("works council date"), null=True, blank=True)
    works_council_document = models.CharField(
        _("works council document"), max_length=300, blank=True
    )
    cao39_informed_on = models.DateField(_("CAO 39: informed on (BE)"), null=True, blank=True)
    cao39_consulted_on = models.DateField(_("CAO 39: consulted on (BE)"), null=True, blank=True)
    notice_nl = models.TextField(_("transparency notice (Dutch)"), blank=True, max_length=TEXT)
    notice_en = models.TextField(_("transparency notice (English)"), blank=True, max_length=TEXT)
    monitoring_plan = models.TextField(_("monitoring plan"), blank=True, max_length=TEXT)
    active = models.BooleanField(_("active"), default=False)
    activated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("AI application")

    def __str__(self) -> str:
        return self.name

    @property
    def is_high_risk(self) -> bool:
        return self.risk_class in (self.RiskClass.HIGH_4A, self.RiskClass.HIGH_4B)


class Overseer(models.Model):
    """A person assigned to human oversight (AI Act art. 14, 26(2)) of one application."""

    application = models.ForeignKey(
        AIApplication, on_delete=models.CASCADE, related_name="overseers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    briefed_at = models.DateField(_("AI-literacy briefing completed on"), null=True, blank=True)
    briefing_note = models.CharField(_("briefing"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="unique_overseer")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.application}"


class VendorAssessment(models.Model):
    """One criterion of the vendor check of a register entry, rated with evidence."""

    class Criterion(models.TextChoices):
        DATA_PROTECTION = "data_protection", _("Data-protection compliance")
        LOCATION = "location", _("Processing location")
        TRANSPARENCY = "transparency", _("Algorithm transparency")
        BIAS = "bias", _("Bias management")
        CERTIFICATIONS = "certifications", _("Certifications")
        SECURITY = "security", _("Data security")
        CONTRACT = "contract", _("Contract and exit")
        MAINTENANCE = "maintenance", _("Maintenance")
        RIGHTS = "rights", _("Support for data-subject rights")

    class Rating(models.TextChoices):
        UNRATED = "", _("— not rated —")
        GOOD = "good", _("Good")
        ADEQUATE = "adequate", _("Adequate")
        INSUFFICIENT = "insufficient", _("Insufficient")

    application = models.ForeignKey(
        AIApplication, on_delete=models.CASCADE, related_name="vendor_assessments"
    )
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    evidence = models.TextField(_("evidence"), blank=True, max_length=SHORT_TEXT)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    # "insufficient" on a critical criterion blocks activation until HR accepts the risk
    critical = models.BooleanField(_("critical"), default=False)
    accepted_risk = models.TextField(_("accepted risk (HR)"), blank=True, max_length=SHORT_TEXT)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="unique_vendor_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.criterion}"

    @property
    def blocks(self) -> bool:
        return self.critical and self.rating == self.Rating.INSUFFICIENT and not self.accepted_by_id


# criteria that are critical unless HR decides otherwise: where personal data goes and how safe
CRITICAL_CRITERIA = ("data_protection", "location", "security", "rights")


class SubjectKey(models.Model):
    """The only link between a person and their pseudonym; deleted on erasure."""

    person = models.OneToOneField(
        "core.Person", on_delete=models.CASCADE, related_name="subject_key"
    )
    pseudonym = models.CharField(max_length=24, unique=True)

    def __str__(self) -> str:
        return self.pseudonym


class ChainHead(models.Model):
    """One row: the last sequence number and hash. Writers lock it to serialise the chain."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash[:12]}"


class AuditEntry(models.Model):
    """Append-only, hash-chained. Holds pseudonymous ids and hashes only; the readable
    output and reasons live in AuditPayload, which erasure and retention may remove."""

    class Kind(models.TextChoices):
        OUTPUT = "output", _("AI output")
        DECISION = "decision", _("Human decision")
        EVENT = "event", _("Event")

    seq = models.PositiveBigIntegerField(unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    application = models.CharField(max_length=50, blank=True)  # register slug
    subject = models.CharField(max_length=24, blank=True, db_index=True)
    actor = models.CharField(max_length=40)  # "user:<id>" or "system"
    content = models.JSONField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind}"


class AuditPayload(models.Model):
    """The personal data of one audit entry, kept apart so it can be erased while the
    chain of hashes stays verifiable."""

    entry = models.OneToOneField(
        AuditEntry, on_delete=models.PROTECT, related_name="payload", primary_key=True
    )
    data = models.JSONField(null=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    erased_reason = models.CharField(max_length=20, blank=True)  # erasure | retention

    def __str__(self) -> str:
        return f"payload #{self.entry_id}"


class RightsRequest(models.Model):
    """A data subject's request (access, erasure, objection, …) with its legal due date."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access (GDPR art. 15)")
        ERASURE = "erasure", _("Erasure (GDPR art. 17)")
        RECTIFICATION = "rectification", _("Rectification (GDPR art. 16)")
        EXPLANATION = "explanation", _("Explanation (AI Act art. 86)")
        OBJECTION = "objection", _("Objection (GDPR art. 21)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    subject = models.CharField(_("pseudonym"), max_length=24)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=SHORT_TEXT)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["status", "due_on"]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject}"
