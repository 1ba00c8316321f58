"""Onboarding: templates of tasks, a plan per new colleague with dated and assigned tasks, every
change to a plan, and the anonymous onboarding pulse."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Person
from mensenwerk.core.validators import SHORT_TEXT, TEXT
from mensenwerk.governance.models import AuditEntry


class Owner(models.TextChoices):
    HR = "hr", _("HR")
    MANAGER = "manager", _("Manager")
    IT = "it", _("IT")
    BUDDY = "buddy", _("Buddy")
    NEW_HIRE = "new_hire", _("New colleague")


class Contract(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    TEMPORARY = "temporary", _("Temporary")
    INTERN = "intern", _("Internship")
    AGENCY = "agency", _("Agency or freelance")


class Template(models.Model):
    """A sequence of tasks HR keeps; the reading topics are the handbook searches for week one."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    reading = models.JSONField(default=list, blank=True)  # [{"query": {nl, en}, "why": code}]
    source = models.TextField(blank=True)
    is_default = models.BooleanField(_("default template"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "name"]

    def __str__(self) -> str:
        return self.name


class TemplateTask(models.Model):
    """One task of a template: owner, day relative to the start, conditions (all must hold)."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="tasks")
    key = models.SlugField(max_length=40)
    owner = models.CharField(_("owner"), max_length=10, choices=Owner.choices)
    day = models.SmallIntegerField(_("day"), help_text=_("Relative to the start date: -14, 0, 30."))
    title_nl = models.CharField(_("title (Dutch)"), max_length=SHORT_TEXT, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=SHORT_TEXT, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), max_length=TEXT, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=TEXT, blank=True)
    conditions = models.JSONField(default=dict, blank=True)  # {"department": ["Productie"]}
    link = models.CharField(_("link"), max_length=300, blank=True)

    class Meta:
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="unique_template_task")
        ]

    def __str__(self) -> str:
        return self.title_nl or self.title_en


class PlanQuerySet(models.QuerySet["Plan"]):
    def open(self) -> PlanQuerySet:
        return self.filter(status__in=(Plan.Status.PROPOSED, Plan.Status.ACTIVE))

    def visible_to(self, user) -> PlanQuerySet:
        """HR sees every plan; a manager the plans of the people they may open."""
        return self.filter(person__in=Person.objects.visible_to(user))


class Plan(models.Model):
    """A new colleague's onboarding plan: proposed by the engine (an AI output on the trail),
    accepted, changed or rejected by HR, then worked through by its assignees."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposal: waiting for HR")
        ACTIVE = "active", _("Active")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        MANUAL = "manual", _("By hand")
        HRIS = "hris", _("From the HRIS import")
        HIRE = "hire", _("From a hire in recruitment")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    template = models.ForeignKey(Template, null=True, blank=True, on_delete=models.SET_NULL)
    start_date = models.DateField(_("start date"))
    location = models.CharField(_("location"), max_length=120, blank=True)
    contract = models.CharField(_("contract"), max_length=10, choices=Contract.choices, blank=True)
    language = models.CharField(_("language"), max_length=2, default="nl")
    buddy = models.ForeignKey(
        Person,
        verbose_name=_("buddy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(max_length=6, choices=Source.choices, default=Source.MANUAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposal = models.JSONField(default=dict)  # reading, introductions, skipped tasks
    output_entry = models.ForeignKey(
        AuditEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_hash = models.CharField(max_length=64, blank=True, db_index=True)  # the personal link
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} {self.start_date}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PROPOSED, self.Status.ACTIVE)


class PlanTask(models.Model):
    """A dated task of one plan with its assignee; ``reason`` says why the proposal holds it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    key = models.CharField(max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=SHORT_TEXT)
    description = models.TextField(_("description"), max_length=TEXT, blank=True)
    owner = models.CharField(_("owner"), max_length=10, choices=Owner.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    day = models.SmallIntegerField(_("day"))
    due_date = models.DateField(_("due date"))
    link = models.CharField(max_length=300, blank=True)
    reason = models.JSONField(default=list, blank=True)  # ["always" | "condition" | "hr", {…}]
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed = models.BooleanField(default=False)  # the plan was cancelled before it was done

    class Meta:
        ordering = ["due_date", "day", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def overdue(self) -> bool:
        return not self.done and not self.closed and self.due_date < timezone.localdate()


class PlanChange(models.Model):
    """Every change to a plan after it was proposed: who, when, what (a code and its values)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    change = models.CharField(max_length=30)
    detail = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.change}"


class PulseInvite(models.Model):
    """The right to answer one pulse (day 7, 30 or 90) once; the answer is not linked to it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pulses")
    day = models.PositiveSmallIntegerField()
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "day"], name="unique_plan_pulse")]

    def __str__(self) -> str:
        return f"{self.plan_id} day {self.day}"


class PulseAnswer(models.Model):
    """An anonymous check-in: the department and the month, never the person or the day."""

    day = models.PositiveSmallIntegerField()
    department = models.CharField(max_length=120, blank=True)
    month = models.DateField()  # the first day of the month it was given
    welcome = models.PositiveSmallIntegerField()  # 1..5
    clarity = models.PositiveSmallIntegerField()  # 1..5
    equipped = models.PositiveSmallIntegerField()  # 1..5
    recommend = models.PositiveSmallIntegerField()  # 0..10

    def __str__(self) -> str:
        return f"pulse day {self.day} {self.month:%Y-%m}"
