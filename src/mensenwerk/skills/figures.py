"""The skills pages' figures: a team's heatmap with the small-group rule, the organisation's
continuity risks, what open vacancies ask that nobody has, unmapped words and the budget."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from mensenwerk.core.models import Department, Organisation, Person
from mensenwerk.engines import fairness, learning
from mensenwerk.recruitment.models import Criterion, Vacancy
from mensenwerk.skills.models import (
    DevelopmentPlan,
    EmployeeGroups,
    LearningBudget,
    PlanCourse,
    RoleSkill,
)
from mensenwerk.skills.services import Context, analyse

CONTINUITY = 2  # a required skill held by this many people or fewer is a continuity risk


@dataclass
class Cell:
    skill: str
    with_gap: int
    people: int
    shown: bool  # False: fewer people than the smallest group size, the share is withheld

    @property
    def share(self) -> float:
        return self.with_gap / self.people if self.people else 0.0

    @property
    def heat(self) -> int:
        """0–4, for the cell's colour class."""
        return min(4, int(self.share * 5))


def active_people(department: Department | None = None):
    today = timezone.localdate()
    people = Person.objects.employees().exclude(end_date__lt=today)
    if department is not None:
        people = people.filter(department=department)
    return people.select_related("department", "job_role").prefetch_related("skills")


def team(department: Department, hr: bool) -> tuple[list[learning.Result], list[Cell], int]:
    """Each member's result and one cell per required skill. Others than HR see a cell's
    share only when at least the organisation's smallest group size is asked for it."""
    context = Context.load()
    people = list(active_people(department))
    results = [analyse(p, context) for p in people]
    by_role = {
        r.role: context.profiles.get(p.job_role_id or 0, [])
        for p, r in zip(people, results, strict=True)
    }
    min_group = Organisation.current().bias_min_group
    cells = [
        Cell(c.skill, c.people_with_gap, c.people, hr or c.people >= min_group)
        for c in learning.team_cells(results, by_role)
    ]
    cells.sort(key=lambda c: (-c.share, c.skill))
    return results, cells, min_group


@dataclass
class Risk:
    skill: str
    holders: int
    roles: list[str]


def organisation() -> dict[str, object]:
    """Continuity risks, vacancy skills nobody has, and unmapped words with how often."""
    context = Context.load()
    people = list(active_people())
    held: dict[str, set[int]] = {}
    unmapped: Counter[str] = Counter()
    for person in people:
        # read as on the person's own page: in the light of their role
        for h in analyse(person, context).held:
            if h.match is None:
                unmapped[h.text.casefold()] += 1
            else:
                held.setdefault(h.match.key, set()).add(person.pk)
    asked: dict[str, tuple[str, list[str]]] = {}
    titles = {p.job_role_id: p.job_role.title for p in people if p.job_role}
    for role_id, requirements in context.profiles.items():
        for r in requirements:
            match = context.vocab.match(r.skill)
            key = match.key if match else "?" + r.skill
            _first, roles = asked.setdefault(key, (r.skill, []))
            roles.append(titles.get(role_id, ""))
    risks = [
        Risk(skill, len(held.get(key, ())), sorted({r for r in roles if r}))
        for key, (skill, roles) in asked.items()
        if len(held.get(key, ())) <= CONTINUITY
    ]
    risks.sort(key=lambda r: (r.holders, r.skill))
    missing = []
    for name, vacancy in Criterion.objects.filter(
        vacancy__status=Vacancy.Status.OPEN, kind__in=(Criterion.Kind.MUST, Criterion.Kind.NICE)
    ).values_list("name", "vacancy__title"):
        match = context.vocab.match(name)
        if match is None or not held.get(match.key):
            missing.append((name, vacancy))
    return {"risks": risks, "missing": missing, "unmapped": unmapped.most_common(50)}


def _per_department(
    name: str | None, total: Decimal, people: Counter[str | None]
) -> tuple[str, Decimal, Decimal | None]:
    count = people.get(name, 0)
    return name or "—", total, (total / count).quantize(Decimal("0.01")) if count else None


@dataclass
class Budget:
    year: int
    amount: Decimal | None
    per_person: Decimal | None
    agreed: Decimal
    done: Decimal
    by_department: list[tuple[str, Decimal, Decimal | None]]  # name, agreed, per person


def budget(year: int | None = None) -> Budget:
    """Agreed plans' course costs in the year they were decided, against the budget."""
    year = year or date.today().year
    row = LearningBudget.objects.filter(year=year).first()
    courses = PlanCourse.objects.filter(
        plan__status__in=(DevelopmentPlan.Status.AGREED, DevelopmentPlan.Status.DONE),
        plan__decided_at__year=year,
    )
    agreed = courses.aggregate(total=Sum("cost"))["total"] or Decimal(0)
    done = courses.filter(status=PlanCourse.Status.DONE).aggregate(total=Sum("cost"))["total"]
    per_department = (
        courses.values("plan__person__department__name")
        .annotate(total=Sum("cost"))
        .order_by("plan__person__department__name")
    )
    people = Counter(active_people().values_list("department__name", flat=True))
    return Budget(
        year,
        row.amount if row else None,
        row.per_person if row else None,
        agreed,
        done or Decimal(0),
        [
            _per_department(d["plan__person__department__name"], d["total"], people)
            for d in per_department
        ],
    )


FAIRNESS_ATTRIBUTES = ("gender", "age_band")


@dataclass
class FairnessTable:
    measure: str  # "plan" | "hours"
    attribute: str
    table: fairness.Table

    @property
    def rows(self) -> list[tuple[str, fairness.GroupRow]]:
        """Each row with its group as people read it ("Woman", "55 or older")."""
        choices = EmployeeGroups.Gender if self.attribute == "gender" else EmployeeGroups.AgeBand
        labels = dict(choices.choices)
        return [(str(labels.get(r.group[self.attribute], "?")), r) for r in self.table.rows]


def fairness_tables() -> tuple[list[FairnessTable], int]:
    """Who gets development plans and training hours, by gender and by age group. Outcomes:
    an agreed (or finished) plan, among the employees whose role has a profile; and, among
    those with such a plan, planned training hours strictly above their median (the LL144
    scoring rule). The fairness engine's rates, impact ratios and small-group rule, with the
    organisation's smallest group size."""
    profiled = RoleSkill.objects.values("profile__job_role_id")
    people = list(active_people().filter(job_role_id__in=profiled).values_list("pk", flat=True))
    if not people:
        return [], 0
    agreed = (DevelopmentPlan.Status.AGREED, DevelopmentPlan.Status.DONE)
    with_plan = set(
        DevelopmentPlan.objects.filter(person_id__in=people, status__in=agreed).values_list(
            "person_id", flat=True
        )
    )
    hours = dict(
        PlanCourse.objects.filter(plan__person_id__in=people, plan__status__in=agreed)
        .values("plan__person_id")
        .annotate(total=Sum("hours"))
        .values_list("plan__person_id", "total")
    )
    given = {g.person_id: g for g in EmployeeGroups.objects.filter(person_id__in=people)}
    min_group = Organisation.current().bias_min_group
    holders = [pk for pk in people if pk in with_plan]
    tables = []
    for attribute in FAIRNESS_ATTRIBUTES:
        groups = {pk: [getattr(given.get(pk), attribute, "") or ""] for pk in people}
        outcome = [int(pk in with_plan) for pk in people]
        table = fairness.table(
            [groups[pk] for pk in people], [attribute], outcome, min_group=min_group
        )
        tables.append(FairnessTable("plan", attribute, table))
        if holders:  # among those with a plan: who gets more hours than the median
            above = fairness.above_median([float(hours.get(pk, 0)) for pk in holders])
            table = fairness.table(
                [groups[pk] for pk in holders], [attribute], above, min_group=min_group
            )
            tables.append(FairnessTable("hours", attribute, table))
    return tables, len(people)


def plans_decided(since: datetime, until: datetime) -> tuple[int, int]:
    """(agreed, decided): development plans the manager or HR decided in the window."""
    decided = DevelopmentPlan.objects.filter(decided_at__gte=since, decided_at__lt=until)
    total = decided.count()
    return total - decided.filter(status=DevelopmentPlan.Status.REJECTED).count(), total


def hours_confirmed(since: datetime, until: datetime) -> tuple[Decimal, int]:
    """(hours, courses): finished courses the manager confirmed in the window."""
    confirmed = PlanCourse.objects.filter(confirmed_at__gte=since, confirmed_at__lt=until)
    row = confirmed.aggregate(hours=Sum("hours"))
    return row["hours"] or Decimal(0), confirmed.count()
