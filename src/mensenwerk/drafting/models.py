from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Person
from mensenwerk.core.validators import LONG_TEXT, TEXT
from mensenwerk.governance.models import AuditEntry


class Document(models.Model):
    """A document about one person drafted from recorded facts: the AI's composed version (an
    output on the trail), HR's edits, the employee's comment, and the approval that makes it
    final. Only an approved document can be downloaded; it goes when the person is erased."""

    class Kind(models.TextChoices):
        REFERENCE = "reference", _("Reference letter")
        STATEMENT = "statement", _("Employer's statement")
        OFFER = "offer", _("Offer letter")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("document"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, default="nl")
    facts = models.JSONField(default=dict)  # what the draft was composed from
    sentences = models.JSONField(default=list)  # [{"text", "facts": [keys]}] as composed
    composed_text = models.TextField()
    text = models.TextField(_("text"), max_length=LONG_TEXT)
    warnings = models.JSONField(default=list)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    output_entry = models.ForeignKey(
        AuditEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    employee_comment = models.TextField(_("your comment"), blank=True, max_length=TEXT)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person}"

    @property
    def edited(self) -> bool:
        return self.text.strip() != self.composed_text.strip()


class InputRequest(models.Model):
    """HR asks the employee's manager for the tasks and achievements a reference states: the
    manager supplies facts, HR drafts. On the manager's start page until answered."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    tasks = models.TextField(_("tasks"), blank=True, max_length=TEXT)
    achievements = models.TextField(_("achievements"), blank=True, max_length=TEXT)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} ← {self.manager}"
