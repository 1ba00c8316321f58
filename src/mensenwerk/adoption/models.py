"""The adoption cockpit: what the organisation plans and agrees (use cases, stakeholders, the
TRUST plan, the roadmap, budget, training, champions) and what people say (pulse survey).
What happens in the system (adoption, acceptance, deflection) is not stored here: it is read
from the trust layer and the use cases each time (see ``metrics.py``).

Texts seeded from ``data/defaults.json`` are stored in the organisation's language and are
the organisation's own from then on: HR edits them like anything it adds.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.validators import TEXT
from mensenwerk.engines import adoption as engine

SCORE = [MinValueValidator(1), MaxValueValidator(10)]
RATING = [MinValueValidator(1), MaxValueValidator(5)]


class Light(models.TextChoices):
    GREEN = "green", _("Green: fine")
    AMBER = "amber", _("Amber: needs work")
    RED = "red", _("Red: blocks the use case")


class Settings(models.Model):
    """One row: the weights of the priority formula and the baselines of the measured KPIs."""

    weight_impact = models.PositiveSmallIntegerField(_("weight of business impact"), default=40)
    weight_effort = models.PositiveSmallIntegerField(_("weight of effort"), default=20)
    weight_data = models.PositiveSmallIntegerField(_("weight of data readiness"), default=20)
    weight_change = models.PositiveSmallIntegerField(_("weight of change need"), default=20)
    screen_minutes = models.PositiveSmallIntegerField(
        _("minutes a manual first screen of one CV takes"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    answer_minutes = models.PositiveSmallIntegerField(
        _("minutes HR spends on a question the assistant answers"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    hourly_rate = models.DecimalField(
        _("hourly rate for time saved (EUR)"), max_digits=7, decimal_places=2, default=50
    )

    def __str__(self) -> str:
        return "cockpit settings"

    def weights(self) -> dict[str, float]:
        return {
            "impact": self.weight_impact,
            "effort": self.weight_effort,
            "data_readiness": self.weight_data,
            "change_need": self.weight_change,
        }

    @classmethod
    def current(cls) -> Settings:
        return cls.objects.get_or_create(pk=1)[0]


class UseCase(models.Model):
    """A candidate AI use case with its process, benefits and prioritisation scores."""

    key = models.SlugField(blank=True)  # set for the pre-filled catalogue
    name = models.CharField(_("name"), max_length=200)
    current_process = models.TextField(_("current process"), blank=True, max_length=TEXT)
    pain_points = models.TextField(_("pain points"), blank=True, max_length=TEXT)
    target_process = models.TextField(_("AI-supported target process"), blank=True, max_length=TEXT)
    benefits = models.TextField(_("expected benefits"), blank=True, max_length=TEXT)
    impact = models.PositiveSmallIntegerField(_("business impact (1–10)"), validators=SCORE)
    effort = models.PositiveSmallIntegerField(_("implementation effort (1–10)"), validators=SCORE)
    data_readiness = models.PositiveSmallIntegerField(_("data readiness (1–10)"), validators=SCORE)
    change_need = models.PositiveSmallIntegerField(
        _("change-management need (1–10)"), validators=SCORE
    )
    application = models.ForeignKey(
        "governance.AIApplication",
        verbose_name=_("AI-register entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data_audit = models.JSONField(default=dict, blank=True)  # dimension -> light
    process = models.JSONField(default=dict, blank=True)  # item -> {"text", "light"}

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in engine.CRITERIA}


class Project(models.Model):
    """A wave of the introduction: its goal, chosen use cases, phases and budget."""

    name = models.CharField(_("name"), max_length=200)
    use_cases = models.ManyToManyField(
        UseCase, verbose_name=_("use cases of this wave"), blank=True, related_name="projects"
    )
    start_date = models.DateField(_("start date"))
    buffer_pct = models.PositiveSmallIntegerField(
        _("buffer (%)"), default=25, validators=[MaxValueValidator(100)]
    )
    goal = models.TextField(_("goal"), blank=True, max_length=TEXT)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    """A phase of the introduction roadmap, with its planned weeks and go/no-go decision."""

    class Key(models.TextChoices):
        # the engine's phases (engines/adoption.PHASES), in their order
        DEFINITION = "definition", _("Use-case definition and prioritisation")
        ARCHITECTURE = "architecture", _("Technology choice and architecture")
        PILOT = "pilot", _("Proof of concept and pilot")
        IMPLEMENTATION = "implementation", _("Technical implementation and integration")
        CHANGE = "change", _("Change management and training")
        GOLIVE = "golive", _("Go-live, hypercare and continuous optimisation")

    class Gate(models.TextChoices):
        PENDING = "pending", _("Not decided")
        GO = "go", _("Go")
        NO_GO = "nogo", _("No go")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    key = models.CharField(max_length=20, choices=Key.choices)
    weeks = models.DecimalField(
        _("planned weeks"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(520)],
    )
    start_override = models.DateField(_("fixed start date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="planned")
    gate = models.CharField(
        _("go/no-go decision"), max_length=10, choices=Gate.choices, default="pending"
    )
    gate_note = models.CharField(_("decision note"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="one_phase_per_key")]

    def __str__(self) -> str:
        return str(self.Key(self.key).label)


class TrustItem(models.Model):
    """One step of the TRUST plan (Transparency, Relevance, Uitvoering, Security,
    Training) with its owner and evidence."""

    class Step(models.TextChoices):
        T = "T", _("Transparency")
        R = "R", _("Relevance")
        U = "U", _("Keep it simple (Uitvoering simpel)")
        S = "S", _("Security and certainty")
        TR = "TR", _("Training")

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="trust_items")
    # a default item the product reads (e.g. "no_layoffs" for the objection answers)
    key = models.CharField(max_length=40, blank=True)
    step = models.CharField(_("step"), max_length=2, choices=Step.choices)
    label = models.CharField(_("action"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="todo")
    owner = models.CharField(_("owner"), max_length=120, blank=True)
    due = models.DateField(_("date"), null=True, blank=True)
    evidence_link = models.URLField(_("evidence (link)"), blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return self.label

    def attach(self, name: str, data: bytes) -> None:
        """Keep an evidence file (checked for size by the form or the service; not saved)."""
        self.evidence_name = Path(name).name[:200] or "evidence"
        self.evidence = data


class Stakeholder(models.Model):
    """A group with a stake in the introduction: motivation, concern and strategy."""

    class Weight(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Basis(models.TextChoices):
        VETO = "veto", _("veto")
        USAGE = "usage", _("usage")
        CODETERMINATION = "codetermination", _("co-determination")
        IMPLEMENTATION = "implementation", _("implementation")
        ADVICE = "advice", _("advice")

    key = models.SlugField(blank=True)
    name = models.CharField(_("group"), max_length=120)
    motivation = models.TextField(_("primary motivation"), max_length=TEXT)
    concern = models.TextField(_("biggest concern"), max_length=TEXT)
    weight = models.CharField(_("decision weight"), max_length=10, choices=Weight.choices)
    basis = models.CharField(_("weight through"), max_length=20, choices=Basis.choices)
    influence = models.PositiveSmallIntegerField(_("influence (1–10)"), validators=SCORE)
    interest = models.PositiveSmallIntegerField(_("interest (1–10)"), validators=SCORE)
    strategy = models.TextField(_("engagement strategy"), max_length=TEXT)
    owner = models.CharField(_("owner"), max_length=120, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Communication(models.Model):
    """A planned message to a stakeholder group, by channel and frequency."""

    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name=_("group"), on_delete=models.CASCADE, related_name="messages"
    )
    content = models.TextField(_("content"), max_length=TEXT)
    channel = models.CharField(_("channel"), max_length=120)
    frequency = models.CharField(_("frequency"), max_length=120)
    next_date = models.DateField(_("next date"), null=True, blank=True)

    class Meta:
        ordering = ["next_date", "pk"]

    def __str__(self) -> str:
        return f"{self.stakeholder}: {self.channel}"


class Objection(models.Model):
    """A concern raised about the introduction and the response to it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    key = models.SlugField(blank=True)  # a standard objection; its suggested answer is built in
    text = models.CharField(_("objection"), max_length=300)
    raised_by = models.CharField(_("raised by (group or role)"), max_length=120, blank=True)
    response = models.TextField(_("response"), blank=True, max_length=TEXT)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    raised_on = models.DateField(_("raised on"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class ResourceLine(models.Model):
    """People's time a project needs, internal or hired."""

    class RoleKind(models.TextChoices):
        HR = "hr", _("HR experts")
        IT = "it", _("IT")
        PM = "pm", _("Project management")
        CHANGE = "change", _("Change management")
        AI = "ai", _("AI / implementation experts")
        TRAINING = "training", _("Training and support")
        KEY_USERS = "keyusers", _("Key users")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="resources")
    role = models.CharField(_("role"), max_length=10, choices=RoleKind.choices)
    person_days = models.DecimalField(
        _("person-days"), max_digits=7, decimal_places=1, validators=[MinValueValidator(0)]
    )
    internal = models.BooleanField(_("internal"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return str(self.get_role_display())


class BudgetLine(models.Model):
    """A one-off or yearly cost of a project."""

    class Category(models.TextChoices):
        LICENCES = "licences", _("Licences and subscriptions")
        IMPLEMENTATION = "implementation", _("Implementation")
        INTERNAL = "internal", _("Internal resources")
        TRAINING = "training", _("Training and change")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        SUPPORT = "support", _("Ongoing support")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    one_off = models.DecimalField(
        _("one-off (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    yearly = models.DecimalField(
        _("yearly (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return str(self.get_category_display())


class Benefit(models.Model):
    """A benefit other than the measured hours, with its basis, or an estimate until measured."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="benefits")
    description = models.CharField(_("benefit"), max_length=200)
    yearly = models.DecimalField(
        _("yearly (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    basis = models.TextField(_("basis"), max_length=TEXT)
    estimate = models.BooleanField(_("estimate (not measured yet)"), default=True)

    class Meta:
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return self.description


class Kpi(models.Model):
    """A key figure of the introduction: measured from usage, or entered with its basis."""

    class Group(models.TextChoices):
        EFFICIENCY = "efficiency", _("Efficiency")
        QUALITY = "quality", _("Quality")
        EXPERIENCE = "experience", _("Experience")
        BUSINESS = "business", _("Business impact")

    class Direction(models.TextChoices):
        UP = "up", _("higher is better")
        DOWN = "down", _("lower is better")

    measure = models.CharField(_("measured by the system"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    goal = models.TextField(_("SMART goal"), blank=True, max_length=TEXT)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default="up"
    )

    class Meta:
        ordering = ["group", "pk"]

    def __str__(self) -> str:
        return self.name


class KpiValue(models.Model):
    """A manual value (support tickets, eNPS from an external survey), with date and source."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kpi", "date"]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value} ({self.date})"


class PulseResponse(models.Model):  # noqa: DJ008 (no readable form: it is anonymous)
    """One answer per person, feature and month; the respondent is a keyed hash, so a second
    answer replaces the first and nobody's score can be read back to them."""

    feature = models.CharField(_("tool"), max_length=30)
    month = models.CharField(max_length=7)  # YYYY-MM
    respondent = models.CharField(max_length=16)
    score = models.PositiveSmallIntegerField(
        _("how likely are you to recommend this tool to a colleague? (0–10)"),
        validators=[MaxValueValidator(10)],
    )
    comment = models.TextField(_("what would make it better?"), blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["feature", "month", "respondent"], name="one_pulse_per_month"
            )
        ]


class TrainingOffer(models.Model):
    """An AI-literacy training for a target group (AI Act art. 4)."""

    class Group(models.TextChoices):
        ALL = "all", _("All employees")
        HR = "hr", _("HR power users")
        MANAGERS = "managers", _("Managers")
        BUSINESS = "business", _("Business users")
        IT = "it", _("IT support")

    group = models.CharField(_("target group"), max_length=10, choices=Group.choices)
    title = models.CharField(_("title"), max_length=200)
    form = models.CharField(_("form and length"), max_length=200)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    """One held session of a training offer, with who attended."""

    offer = models.ForeignKey(
        TrainingOffer,
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    date = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("completed by"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.offer} — {self.date}"


class ChampionCandidate(models.Model):
    """The identification survey's answers; the four levels follow from them (engine.assess)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("colleague"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    years_hr = models.DecimalField(
        _("years of HR experience"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    tech_affinity = models.PositiveSmallIntegerField(
        _("I like trying out new software (1–5)"), validators=RATING
    )
    communication = models.PositiveSmallIntegerField(
        _("Colleagues come to me for explanations (1–5)"), validators=RATING
    )
    change_readiness = models.PositiveSmallIntegerField(
        _("I enjoy changing how we work (1–5)"), validators=RATING
    )
    motivation = models.TextField(_("why I want to be a champion"), blank=True, max_length=TEXT)

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    def assessment(self) -> engine.Assessment:
        return engine.assess(
            float(self.years_hr), self.tech_affinity, self.communication, self.change_readiness
        )


class Champion(models.Model):
    """An AI champion: a colleague who helps others adopt the tools."""

    class Specialism(models.TextChoices):
        RECRUITMENT = "recruitment", _("Recruitment")
        PERFORMANCE = "performance", _("Performance")
        LEARNING = "learning", _("Learning & development")
        ASSISTANT = "assistant", _("HR assistant")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("colleague"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    specialism = models.CharField(_("specialism"), max_length=12, choices=Specialism.choices)
    time_pct = models.PositiveSmallIntegerField(
        _("time allocated (percent of working time)"), validators=[MaxValueValidator(100)]
    )
    buddy = models.ForeignKey(
        "self",
        verbose_name=_("buddy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    since = models.DateField(_("champion since"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def too_little_time(self) -> bool:
        return self.time_pct < engine.MIN_CHAMPION_TIME


class ChampionActivity(models.Model):
    """Something a champion did: a session, a demo, help given."""

    class Kind(models.TextChoices):
        SHOW_TELL = "showtell", _("Show & tell")
        TRAINING = "training", _("Training given")
        PILOT = "pilot", _("Pilot run")
        SUPPORT = "support", _("Help sessions")

    champion = models.ForeignKey(
        Champion, verbose_name=_("champion"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("activity"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("date"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.date}"
