"""Organisation, departments, job roles, people, users and the background-job record."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from mensenwerk.core import job_messages
from mensenwerk.core.roles import Role


class Organisation(models.Model):
    """The one organisation this installation serves (self-hosted: one per install)."""

    class Country(models.TextChoices):
        NL = "NL", _("Netherlands")
        BE = "BE", _("Belgium")

    class Language(models.TextChoices):
        NL = "nl", _("Dutch")
        EN = "en", _("English")

    name = models.CharField(_("name"), max_length=200)
    # GDPR art. 13(1)(a)-(b): who the controller is and how to reach them, shown to candidates
    address = models.CharField(
        _("postal address"),
        max_length=300,
        blank=True,
        help_text=_("Shown to candidates as the controller's address (GDPR art. 13)."),
    )
    privacy_email = models.EmailField(
        _("privacy contact e-mail"),
        blank=True,
        help_text=_("Where candidates and employees send questions and requests about their data."),
    )
    dpo_contact = models.CharField(
        _("data protection officer (contact)"),
        max_length=200,
        blank=True,
        help_text=_("Name or e-mail of the DPO (FG), if the organisation has one."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default="NL")
    language = models.CharField(
        _("default language"), max_length=2, choices=Language.choices, default="nl"
    )
    candidate_retention_weeks = models.PositiveSmallIntegerField(
        _("keep candidate data (weeks after the vacancy closes)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Dutch DPA guidance: at most 4 weeks without consent."),
    )
    candidate_consent_retention_months = models.PositiveSmallIntegerField(
        _("keep candidate data with consent (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    former_employee_retention_months = models.PositiveSmallIntegerField(
        _("keep personnel files after leaving (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    audit_retention_months = models.PositiveSmallIntegerField(
        _("keep the AI audit trail (months)"),
        default=24,
        validators=[MinValueValidator(6), MaxValueValidator(240)],
        help_text=_("EU AI Act art. 26(6): at least six months."),
    )
    bias_min_group = models.PositiveSmallIntegerField(
        _("smallest group in bias reports"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=_(
            "Groups with fewer people (or under 2 percent of the sample) are shown as too small to "
            "report, so nobody can be singled out."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Organisation:
        org = cls.objects.order_by("pk").first()
        if org is None:
            org = cls.objects.create(name="Mensenwerk")
        return org


class DepartmentQuerySet(models.QuerySet["Department"]):
    def with_headcount(self) -> DepartmentQuerySet:
        """Annotate ``headcount``: employees in the department who have not left today."""
        today = timezone.localdate()
        active = models.Q(person__end_date__isnull=True) | models.Q(person__end_date__gte=today)
        employee = models.Q(person__kind=Person.Kind.EMPLOYEE)
        return self.annotate(headcount=models.Count("person", filter=active & employee))


class Department(models.Model):
    """An organisational unit with its manager; scopes what a manager sees."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(_("code"), max_length=20, blank=True)
    manager = models.ForeignKey(
        "Person",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_departments",
    )

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")

    def __str__(self) -> str:
        return self.name


class JobRole(models.Model):
    """A function (functie) in the organisation."""

    title = models.CharField(_("title"), max_length=160, unique=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("job role")

    def __str__(self) -> str:
        return self.title


class PersonQuerySet(models.QuerySet["Person"]):
    def employees(self) -> PersonQuerySet:
        return self.filter(kind=Person.Kind.EMPLOYEE)

    def visible_to(self, user: User) -> PersonQuerySet:
        """The people whose records this user may open: the per-object rule."""
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.HR):
            return self.all()
        own = user.person_id
        if own is None:
            return self.none()
        query = models.Q(pk=own)
        if user.has_role(Role.MANAGER):
            query |= models.Q(manager_id=own) | models.Q(department__manager_id=own)
        return self.filter(query)


class Person(models.Model):
    """Anyone the organisation holds data about: an employee or a candidate (one record each)."""

    class Kind(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        CANDIDATE = "candidate", _("Candidate")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default="employee")
    employee_number = models.CharField(
        _("employee number"), max_length=40, unique=True, null=True, blank=True
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL
    )
    job_role = models.ForeignKey(
        JobRole, verbose_name=_("job role"), null=True, blank=True, on_delete=models.SET_NULL
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    contract_hours = models.DecimalField(
        _("contract hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("60"))],
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    retain_until = models.DateField(
        _("keep until"),
        null=True,
        blank=True,
        help_text=_(
            "Set by the use cases (e.g. 4 weeks after a vacancy closes); "
            "the retention run erases the person after this date."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_active(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()


class User(AbstractUser):
    """A log-in account; its roles decide what it may see, and it may be linked to a person."""

    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    is_service = models.BooleanField(
        _("service account"),
        default=False,
        help_text=_("An integration, not a person: no password, only API tokens."),
    )
    weekly_digest = models.BooleanField(
        _("weekly e-mail of my actions"),
        default=True,
        help_text=_("On Monday mornings, what waits for you in Mensenwerk."),
    )

    class Meta:
        verbose_name = _("user")

    @cached_property
    def role_set(self) -> frozenset[str]:
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return self.is_active and bool(self.role_set.intersection(roles))


class RoleAssignment(models.Model):
    """One role of one user (HR grants the roles that open personal data)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]
        verbose_name = _("role assignment")

    def __str__(self) -> str:
        return f"{self.user} — {self.role}"


class Subscription(models.Model):
    """A person asked for a periodic e-mail (a monthly report); the app that sends it names the
    topic and keeps its own rule on who may read it, checked again at each sending."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="subscriptions")
    topic = models.CharField(max_length=40)
    last_sent = models.DateField(null=True, blank=True)  # the period last sent (its first day)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="unique_user_subscription")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.topic}"


class LoginFailure(models.Model):
    """Failed log-ins per user name (and per address, keyed ``addr:<ip>``), for the lock-out.
    Kept apart from User so unknown names are throttled too and an attacker cannot tell which
    names exist."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.username


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is stored; it is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class RateBucket(models.Model):
    """Counted requests per keyed client and period, for limits on public pages. The key is a
    keyed hash (no IP address is stored)."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "window_start"], name="unique_bucket")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key[:8]} {self.count}"


class Job(models.Model):
    """Progress of a long piece of background work, shown on the page that started it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default="queued")
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)  # free text; a worded message uses the code below
    message_code = models.CharField(max_length=40, blank=True)
    message_params = models.JSONField(default=dict, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    # how to pick the work up again after a worker died (core.jobs.recover): the task's path,
    # its arguments, the queued task's id and how often it was started
    task_path = models.CharField(max_length=200, blank=True)
    task_args = models.JSONField(default=list)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="jobs")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def text(self) -> str:
        """The message in the reader's language (``core.job_messages``)."""
        if self.message_code:
            return job_messages.worded(self.message_code, self.message_params, self.message)
        return self.message

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.progress / self.total) if self.total else 0


class WorkerBeat(models.Model):
    """A running worker says it is alive every few seconds; work claimed by a worker that went
    quiet is picked up again by another (core.jobs.recover)."""

    worker_id = models.CharField(max_length=64, unique=True)
    pid = models.PositiveIntegerField(default=0)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker_id


class ImportProfile(models.Model):
    """A remembered column mapping for one HRIS export (AFAS, Nmbrs, Personio, Visma …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    mapping = models.JSONField(_("column mapping"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("import profile")

    def __str__(self) -> str:
        return self.name


class EmployeeImport(models.Model):
    """An uploaded HRIS export, its column mapping and the outcome of importing it."""

    class Mode(models.TextChoices):
        VALID_ROWS = "valid_rows", _("Import the valid rows, report the rest")
        ALL_OR_NOTHING = "all_or_nothing", _("Import nothing if any row has an error")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded, waiting for the column mapping")
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected: nothing imported")
        FAILED = "failed", _("Failed")

    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    headers = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    profile = models.ForeignKey(ImportProfile, null=True, blank=True, on_delete=models.SET_NULL)
    mapping = models.JSONField(default=dict)
    mode = models.CharField(max_length=20, choices=Mode.choices, default="valid_rows")
    status = models.CharField(max_length=10, choices=Status.choices, default="uploaded")
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    job = models.OneToOneField(Job, null=True, blank=True, on_delete=models.SET_NULL)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
