"""Bias monitoring: alerts and published audit reports. Both hold aggregated figures only —
group labels and counts, never a person, an application or a pseudonym."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import User
from mensenwerk.core.validators import TEXT
from mensenwerk.governance.models import AuditEntry
from mensenwerk.recruitment.models import Vacancy


class BiasAlert(models.Model):
    """An impact ratio below four-fifths that is unlikely to be chance, and what a person
    did about it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HANDLED = "handled", _("Handled")

    key = models.CharField(max_length=64, db_index=True)  # scope, measure and group, hashed
    vacancy = models.ForeignKey(
        Vacancy, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(max_length=300)  # as the alert was raised, kept if vacancy goes
    # the scope as data, worded in the reader's language when shown (None: raised before)
    scope_data = models.JSONField(null=True, blank=True)
    measure = models.CharField(max_length=20)
    group = models.JSONField()
    n = models.PositiveIntegerField()
    rate = models.FloatField()
    impact_ratio = models.FloatField()
    p_value = models.FloatField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    raised_at = models.DateTimeField(auto_now_add=True)
    raised_entry = models.ForeignKey(
        AuditEntry, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.TextField(_("what was done"), blank=True, max_length=TEXT)
    handled_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]

    def __str__(self) -> str:
        return f"{self.measure} {self.group} {self.impact_ratio:.2f}"


class BiasAudit(models.Model):
    """A bias-audit report as published on a date: the figures are frozen, so the report stays
    readable after the candidates behind it have been erased under the retention rules."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField()  # the report as build_report returned it, scope included
    entry = models.ForeignKey(AuditEntry, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.data.get('scope')}"
