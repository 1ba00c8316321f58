"""Skills and learning: what each job role asks, what each person holds (and from which source),
the course catalogue, and development plans proposed from the gaps and agreed by people."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import JobRole, Person
from mensenwerk.governance.models import AuditEntry
from mensenwerk.recruitment.models import SelfIdentification

LEVEL = [MinValueValidator(1), MaxValueValidator(5)]
SKILL_TEXT = 200


class RoleProfile(models.Model):
    """The skills a job role asks for; one per role."""

    job_role = models.OneToOneField(JobRole, on_delete=models.CASCADE, related_name="skill_profile")
    description = models.TextField(_("description"), max_length=4000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["job_role__title"]

    def __str__(self) -> str:
        return str(self.job_role)


class RoleSkill(models.Model):
    """One skill a role asks for, with the level (1–5) and whether it is a must-have."""

    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField(_("skill"), max_length=SKILL_TEXT)
    level = models.PositiveSmallIntegerField(_("level"), default=1, validators=LEVEL)
    must = models.BooleanField(_("must-have"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.skill} ({self.level})"


class PersonSkill(models.Model):
    """One skill of a person as written, with where it comes from."""

    class Source(models.TextChoices):
        SELF = "self", _("self-assessed")
        MANAGER = "manager", _("confirmed by the manager")
        CV = "cv", _("from own CV or certificate")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="skills")
    text = models.CharField(_("skill"), max_length=SKILL_TEXT)
    level = models.PositiveSmallIntegerField(_("level"), default=1, validators=LEVEL)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_at = models.DateTimeField(null=True, blank=True)  # CV extraction: the person's consent
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person", "text", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "text", "source"], name="one_skill_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.level}, {self.source})"


class SkillAlias(models.Model):
    """The organisation's own word for a skill, linked by HR from the unmapped list."""

    text = models.CharField(_("word as written"), max_length=SKILL_TEXT, unique=True)
    means = models.CharField(_("means"), max_length=SKILL_TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["text"]

    def __str__(self) -> str:
        return f"{self.text} → {self.means}"


class Course(models.Model):
    """A course in the catalogue: the skills it teaches (with a level), hours and cost."""

    class Format(models.TextChoices):
        CLASSROOM = "classroom", _("classroom")
        ONLINE = "online", _("online")
        BLENDED = "blended", _("blended")
        ON_THE_JOB = "on_the_job", _("on the job")

    title = models.CharField(_("title"), max_length=200, unique=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    skills = models.CharField(
        _("skills"), max_length=500, help_text=_("Separated by ';', a level after a colon.")
    )
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    cost = models.DecimalField(_("cost (EUR)"), max_digits=9, decimal_places=2, default=0)
    language = models.CharField(_("language"), max_length=2, default="nl")
    format = models.CharField(
        _("format"), max_length=12, choices=Format.choices, default="classroom"
    )
    active = models.BooleanField(_("in the catalogue"), default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class DevelopmentPlan(models.Model):
    """Courses proposed from a person's must-have gaps (an AI output on the trail), decided by
    the manager or HR and agreed by the person."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        AGREED = "agreed", _("agreed")
        REJECTED = "rejected", _("rejected")
        DONE = "done", _("completed")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="development_plans")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    output_entry = models.ForeignKey(
        AuditEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gaps = models.JSONField(default=list)  # the gaps at proposal time, as shown
    uncovered = models.JSONField(default=list)  # must-have gaps no course covers
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    employee_agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PROPOSED, self.Status.AGREED)


class PlanCourse(models.Model):
    """One course of a development plan: the gaps it covers, its progress and the manager's
    confirmation that raised the skills."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        STARTED = "started", _("started")
        DONE = "done", _("finished")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="courses")
    course = models.ForeignKey(Course, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(max_length=200)  # kept when the course leaves the catalogue
    covers = models.JSONField(default=list)  # [{"skill", "has", "required"}]
    hours = models.DecimalField(max_digits=6, decimal_places=1)
    cost = models.DecimalField(max_digits=9, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    done_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class LearningBudget(models.Model):
    """The organisation's training budget for a year; one row per year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("training budget (EUR)"), max_digits=11, decimal_places=2)
    per_person = models.DecimalField(
        _("guideline per person (EUR)"), max_digits=9, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class EmployeeGroups(models.Model):
    """Voluntary, given by the employee for the fairness figures of development plans only:
    never shown per person to anyone else, reported in aggregate with the small-group rule."""

    # the same groups candidates may give (recruitment), so both fairness pages read alike
    Gender = SelfIdentification.Gender
    AgeBand = SelfIdentification.AgeBand

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age group"), max_length=6, choices=AgeBand.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"groups #{self.pk}"  # never the values: they are special data


class ProfileSuggestion(models.Model):
    """Skills suggested for a role from its description and recent vacancies (an AI output on
    the trail); HR takes some, all or none (the decision)."""

    job_role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="+")
    output_entry = models.ForeignKey(
        AuditEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    items = models.JSONField(default=list)  # [{"skill", "level", "must", "source"}]
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"suggestion for {self.job_role}"
