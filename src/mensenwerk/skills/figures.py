"""The skills pages' figures: a team's heatmap with the small-group rule, the organisation's
continuity risks, what open vacancies ask that nobody has, unmapped words and the budget."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from mensenwerk.core.models import Department, Organisation, Person
from mensenwerk.engines import learning
from mensenwerk.recruitment.models import Criterion, Vacancy
from mensenwerk.skills.models import DevelopmentPlan, LearningBudget, PlanCourse
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
        for skill in person.skills.all():
            match = context.vocab.match(skill.text)
            if match is None:
                unmapped[skill.text.casefold()] += 1
            else:
                held.setdefault(match.key, set()).add(person.pk)
    asked: dict[str, tuple[str, list[str]]] = {}
    titles = {p.job_role_id: p.job_role.title for p in people if p.job_role}
    for role_id, requirements in context.profiles.items():
        for r in requirements:
            match = context.vocab.match(r.skill)
            key = match.key if match else "?" + r.skill
            skill, roles = asked.setdefault(key, (r.skill, []))
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
            (
                d["plan__person__department__name"] or "—",
                d["total"],
                people.get(d["plan__person__department__name"], 0),
            )
            for d in per_department
        ],
    )
