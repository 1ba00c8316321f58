"""People analytics: survey waves with anonymous answers, and retention-risk runs on an HRIS
history with their scores. A survey answer names no person, only the team it was given for;
a risk score is personal data under the register entry ``retention-risk``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Job, Person
from mensenwerk.core.validators import SHORT_TEXT
from mensenwerk.governance.models import AuditEntry


class Survey(models.Model):
    """One wave of an engagement survey, imported from a CSV/XLSX export. Until its columns are
    mapped the rows wait in ``pending``; then they become answers and ``pending`` is emptied."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Columns to map")
        OPEN = "open", _("Open for answers")
        READY = "ready", _("Ready")

    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    original_name = models.CharField(max_length=255)
    headers = models.JSONField(default=list)
    # raw rows until mapped, then []; a survey run here collects its answers in it, each at a
    # random place, so their order tells nothing about who answered when
    pending = models.JSONField(default=list)
    in_app = models.BooleanField(default=False)  # run in Mensenwerk rather than imported
    mapping = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default="draft")
    min_group = models.PositiveSmallIntegerField(default=5)
    invited = models.JSONField(default=dict)  # group -> people invited, for the response rate
    result = models.JSONField(default=dict)  # the analysis per level, computed on mapping
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class SurveyAnswer(models.Model):
    """One respondent's answers, without a name: the department and team, the item scores,
    the 0-10 recommend score and the comment with names, e-mail addresses and numbers masked."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    department = models.CharField(max_length=120, blank=True)
    team = models.CharField(max_length=120, blank=True)
    values = models.JSONField(default=dict)  # item -> score as written ("" when skipped)
    enps = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=SHORT_TEXT)

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class SurveyRespondent(models.Model):
    """Who answered a survey run in Mensenwerk, as a keyed hash, only while it is open: it
    stops a second answer and is deleted when the survey closes. No link to any answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    respondent = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], name="one_answer_per_survey")
        ]

    def __str__(self) -> str:
        return self.respondent


class SurveyMapping(models.Model):
    """The column choice for an export with these headers, remembered for the next wave."""

    signature = models.CharField(max_length=64, unique=True)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.signature[:12]


def default_protected() -> list[str]:
    return ["gender", "geslacht", "age", "leeftijd", "nationality", "nationaliteit"]


class RetentionSettings(models.Model):
    """What the DPIA decided: the columns never learnt from (kept only to check the alerts'
    fairness per group) and the risk from which a person counts as an alert. One row."""

    protected = models.JSONField(_("protected columns"), default=default_protected)
    alert_at = models.FloatField(_("alert from risk"), default=0.3)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return ", ".join(self.protected)

    @classmethod
    def current(cls) -> RetentionSettings:
        return cls.objects.get_or_create(pk=1)[0]


class RetentionRun(models.Model):
    """One retention model trained on an HRIS history (leavers and stayers). The rows wait in
    ``pending`` until the run; the model's figures and the team view stay in ``summary``."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Columns to map")
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    original_name = models.CharField(max_length=255)
    headers = models.JSONField(default=list)
    pending = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)  # id, target, team, protected (columns)
    status = models.CharField(max_length=10, choices=Status.choices, default="draft")
    summary = models.JSONField(default=dict)
    error = models.CharField(max_length=500, blank=True)
    output_entry = models.ForeignKey(
        AuditEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.created_at:%Y-%m-%d})"

    @property
    def alert_at(self) -> float:
        """The alert level the run was made with (a run without one has no alerts)."""
        return float(self.summary.get("alert_at", 1.0))

    def alerts(self) -> models.QuerySet[RiskScore]:
        return self.scores.filter(risk__gte=self.alert_at)


class RiskScore(models.Model):
    """A current employee's retention risk from one run with its main factors, and the only
    action it may lead to: a stay interview that a named HR person decides on."""

    class Stay(models.TextChoices):
        OPEN = "", _("No decision yet")
        PLANNED = "planned", _("Stay interview planned")
        NONE = "none", _("No conversation")

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="scores")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="risk_scores"
    )
    key = models.CharField(max_length=100)  # the id as in the file (employee number)
    team = models.CharField(max_length=120, blank=True)
    risk = models.FloatField()
    factors = models.JSONField(default=list)
    output_entry = models.ForeignKey(
        AuditEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stay = models.CharField(max_length=10, choices=Stay.choices, blank=True, default="")
    stay_reason = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-risk", "pk"]

    def __str__(self) -> str:
        return f"{self.key}: {self.risk:.2f}"
