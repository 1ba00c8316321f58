"""Demo: role profiles for the production, engineering, logistics and HR roles (HR's own four
AI competences among them), skills from all three sources, the course catalogue, a training
budget and development plans in progress. Seeded; loading twice updates."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from mensenwerk.core.models import JobRole, Person, User
from mensenwerk.skills import services
from mensenwerk.skills.models import (
    DevelopmentPlan,
    EmployeeGroups,
    LearningBudget,
    PersonSkill,
    PlanCourse,
    RoleProfile,
)
from mensenwerk.skills.sections import HR_AI_COMPETENCES

COURSES = Path(__file__).resolve().parent / "demo_data" / "courses.csv"

# the HR team's four AI competences, as shipped for HR staff
HR_AI = [(name, level, True) for name, _label, level in HR_AI_COMPETENCES]
PROFILES: dict[str, list[tuple[str, int, bool]]] = {
    "CNC-verspaner": [
        ("CNC frezen", 3, True),
        ("Heidenhain", 2, True),
        ("Technische tekeningen lezen", 3, True),
        ("VCA", 1, True),
        ("CNC draaien", 2, False),
        ("Kwaliteitscontrole", 2, False),
        ("Mastercam", 2, False),
    ],
    "Lasser": [
        ("Lassen", 3, True),
        ("Technische tekeningen lezen", 2, True),
        ("VCA", 1, True),
        ("Kwaliteitscontrole", 2, False),
    ],
    "Monteur machinebouw": [
        ("Technische tekeningen lezen", 3, True),
        ("Hydrauliek", 2, True),
        ("Pneumatiek", 2, True),
        ("VCA", 1, True),
        ("Elektrotechniek", 2, False),
        ("Heftruck rijden", 2, False),
    ],
    "Productiemedewerker": [
        ("VCA", 1, True),
        ("Heftruck rijden", 2, True),
        ("Lean", 2, False),
        ("BHV", 1, False),
    ],
    "Teamleider productie": [
        ("Leidinggeven", 3, True),
        ("Lean", 3, True),
        ("Planning", 2, True),
        ("BHV", 1, True),
        ("Excel", 2, False),
        ("Verzuimbegeleiding", 2, False),
    ],
    "Kwaliteitsinspecteur": [
        ("Kwaliteitscontrole", 3, True),
        ("Technische tekeningen lezen", 3, True),
        ("Excel", 2, False),
    ],
    "PLC-programmeur": [
        ("PLC programmeren", 4, True),
        ("Elektrotechniek", 3, True),
        ("NEN 3140", 2, True),
        ("Storingsanalyse", 3, False),
        ("Engels", 2, False),
    ],
    "Elektrotechnisch engineer": [
        ("Elektrotechniek", 4, True),
        ("PLC programmeren", 2, True),
        ("NEN 3140", 2, True),
        ("Engels", 3, False),
    ],
    "Werktuigbouwkundig engineer": [
        ("SolidWorks", 2, True),
        ("Technische tekeningen lezen", 3, True),
        ("Hydrauliek", 2, False),
        ("Engels", 3, True),
        ("Duits", 2, False),
    ],
    "Servicemonteur": [
        ("Storingsanalyse", 3, True),
        ("Elektrotechniek", 2, True),
        ("NEN 3140", 2, True),
        ("Hydrauliek", 2, True),
        ("Duits", 2, False),
        ("VCA", 2, True),
    ],
    "Magazijnmedewerker": [
        ("Heftruck rijden", 2, True),
        ("Orderpicking", 2, True),
        ("VCA", 1, True),
        ("Reachtruck", 2, False),
        ("Magazijnbeheersysteem (WMS)", 1, False),
    ],
    "HR-manager": [*HR_AI, ("Arbeidsrecht", 3, True), ("Leidinggeven", 3, True)],
    "HR-adviseur": [*HR_AI, ("Arbeidsrecht", 3, True), ("Verzuimbegeleiding", 3, True)],
    "HR-medewerker": [*HR_AI, ("Salarisadministratie", 2, True)],
    "Recruiter": [*HR_AI, ("Werving en selectie", 3, True)],
}
# how people write their own skills: (written as, the profile skill it is about)
WRITTEN = {
    "CNC frezen": ["cnc-frezen", "CNC frezen", "freeswerk", "cnc milling"],
    "Heidenhain": ["Heidenhain TNC640", "heidenhain", "heidenhein"],
    "Technische tekeningen lezen": ["tekeninglezen", "technische tekeningen", "blueprint reading"],
    "VCA": ["VCA basis", "VCA-VOL", "vca"],
    "CNC draaien": ["draaibank", "cnc draaien"],
    "Kwaliteitscontrole": ["kwaliteitscontrole", "meten en controleren"],
    "Mastercam": ["Mastercam"],
    "Lassen": ["MIG/MAG lassen", "lassen", "TIG-lassen"],
    "Hydrauliek": ["hydrauliek", "hydraulics"],
    "Pneumatiek": ["pneumatiek"],
    "Elektrotechniek": ["elektrotechniek", "electrical engineering"],
    "Heftruck rijden": ["heftruckcertificaat", "heftruck", "forklift licence"],
    "Lean": ["Lean Yellow Belt", "lean", "5S"],
    "BHV": ["BHV", "bedrijfshulpverlening"],
    "Leidinggeven": ["leidinggeven", "people management"],
    "Planning": ["productieplanning", "planning"],
    "Excel": ["Excel", "exel", "MS Excel"],
    "Verzuimbegeleiding": ["verzuimgesprekken", "absence management"],
    "PLC programmeren": ["PLC programmeren", "Siemens S7", "TIA portal"],
    "NEN 3140": ["NEN 3140", "NEN3140 VOP"],
    "Storingsanalyse": ["storingzoeken", "troubleshooting"],
    "Engels": ["Engels", "English"],
    "Duits": ["Duits", "German"],
    "SolidWorks": ["SolidWorks", "solidworks"],
    "Orderpicking": ["orderpicken", "order picking"],
    "Reachtruck": ["reachtruck"],
    "Magazijnbeheersysteem (WMS)": ["WMS"],
    "Arbeidsrecht": ["arbeidsrecht", "employment law"],
    "Salarisadministratie": ["salarisadministratie", "payroll"],
    "Werving en selectie": ["werving en selectie", "recruitment"],
    "Datageletterdheid": ["datageletterdheid", "data literacy"],
    "Prompten en AI-tools gebruiken": ["prompten", "ChatGPT"],
    "AI-ethiek en AI-verordening": ["AI Act", "AI-ethiek"],
    "Besluiten met AI-advies": [],
}
UNMAPPED = ["koffiezetapparaat repareren", "Jungheinrich ETV", "tuinieren"]


def load_skills_demo() -> None:
    rng = random.Random(20261201)
    hr = User.objects.get(username="hr")
    for title, rows in PROFILES.items():
        role = JobRole.objects.filter(title=title).first()
        if role is not None and not RoleProfile.objects.filter(job_role=role).exists():
            services.do_save_profile(role, rows)
    services.do_import_courses(COURSES.read_bytes(), COURSES.name)
    LearningBudget.objects.update_or_create(
        year=timezone.localdate().year,
        defaults={"amount": Decimal("60000"), "per_person": Decimal("450")},
    )
    people = (
        Person.objects.employees().filter(job_role__title__in=PROFILES).order_by("employee_number")
    )
    employee = User.objects.get(username="employee")
    _daan(employee)
    for person in people.exclude(pk=employee.person_id):
        if person.skills.exists():
            continue
        _demo_skills(rng, person, PROFILES[person.job_role.title])  # type: ignore[union-attr]
    _plans(hr)
    _groups(rng, people)


def _demo_skills(rng: random.Random, person: Person, rows: list[tuple[str, int, bool]]) -> None:
    skills = []
    for skill, required, _must in rows:
        if rng.random() < 0.25 or not WRITTEN.get(skill):
            continue  # not every skill is written down
        level = max(1, min(5, required + rng.choice([-2, -1, -1, 0, 0, 0, 1])))
        source = rng.choice(
            [PersonSkill.Source.SELF, PersonSkill.Source.SELF, PersonSkill.Source.MANAGER]
        )
        skills.append(
            PersonSkill(person=person, text=rng.choice(WRITTEN[skill]), level=level, source=source)
        )
    if rng.random() < 0.08:
        skills.append(PersonSkill(person=person, text=rng.choice(UNMAPPED), level=2, source="self"))
    unique = {(s.text.casefold(), s.source): s for s in skills}
    PersonSkill.objects.bulk_create(unique.values())  # fmt: skip


def _daan(employee: User) -> None:
    """The demo employee: skills from all three sources, the CV one with his consent and the
    line it was found on; no plan yet (his manager proposes one in the walk-through)."""
    daan = employee.person
    if daan is None or daan.skills.exists():
        return
    manager = User.objects.get(username="manager")
    PersonSkill.objects.bulk_create([
        PersonSkill(person=daan, text="SolidWorks", level=1, source=PersonSkill.Source.CV,
                    evidence="2018–2024 Constructeur bij Demo Machinefabriek: SolidWorks, "
                    "technische tekeningen", consent_at=timezone.now(), added_by=employee),
        PersonSkill(person=daan, text="English", level=2, source=PersonSkill.Source.SELF,
                    added_by=employee),
        PersonSkill(person=daan, text="technische tekeningen", level=3,
                    source=PersonSkill.Source.MANAGER, added_by=manager),
        PersonSkill(person=daan, text="hydraulics", level=1, source=PersonSkill.Source.SELF,
                    added_by=employee),
    ])  # fmt: skip


def _plans(hr: User) -> None:
    """Two production people with agreed plans in progress, one engineer's plan waiting for
    the manager's decision."""
    now = timezone.now()
    production = Person.objects.employees().filter(job_role__title="Productiemedewerker")
    for person in production.order_by("pk")[:2]:
        if person.development_plans.exists() or not _has_must_gap(person):
            continue
        plan = services.do_propose(person, hr)
        services.do_decide(plan, hr, "accept")
        DevelopmentPlan.objects.filter(pk=plan.pk).update(employee_agreed_at=now)
        plan.courses.filter(pk=plan.courses.values("pk")[:1]).update(
            status=PlanCourse.Status.STARTED
        )
    daan = User.objects.get(username="employee").person_id
    engineers = Person.objects.employees().filter(job_role__title="Werktuigbouwkundig engineer")
    for person in engineers.exclude(pk=daan).order_by("pk")[:1]:
        if not person.development_plans.exists() and _has_must_gap(person):
            services.do_propose(person, hr)


def _has_must_gap(person: Person) -> bool:
    return any(gap.must for gap in services.analyse(person).gaps)


def _groups(rng: random.Random, people) -> None:
    """Six in ten employees gave their gender and age group for the fairness figures."""
    given = set(EmployeeGroups.objects.values_list("person_id", flat=True))
    rows = []
    for person in people:
        if person.pk in given or rng.random() > 0.6:
            continue
        gender = rng.choice(["male", "male", "male", "female", "female", "nonbinary", ""])
        age = rng.choice(["<25", "25-34", "25-34", "35-44", "45-54", "55+", ""])
        rows.append(EmployeeGroups(person=person, gender=gender, age_band=age))
    EmployeeGroups.objects.bulk_create(rows)
