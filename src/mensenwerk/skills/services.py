"""Skills and learning through the trust layer. A development plan is shaped as
``recruitment.services.screen`` and ``do_decide``: the gate, the engine's shortest course path,
the trail entry and the plan in one transaction; the manager's (or HR's) accept, change or
reject is the decision on that output, and the person's own agreement follows it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mensenwerk.core import dates
from mensenwerk.core.models import Department, JobRole, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import learning, tabular
from mensenwerk.engines import text as text_engine
from mensenwerk.engines.skillmap import SkillsError, Vocabulary, parse_entry, parse_list
from mensenwerk.governance import services as trust
from mensenwerk.skills.models import (
    Course,
    DevelopmentPlan,
    EmployeeGroups,
    LearningBudget,
    PersonSkill,
    PlanCourse,
    RoleProfile,
    RoleSkill,
    SkillAlias,
)

SKILLS = "skills"  # the register entry
CHANGED = "changed before acceptance"  # the trail's reason code, the same in every language
MAX_SKILLS_PER_PERSON = 200
MAX_PROFILE_ROWS = 60


def skills_error(exc: SkillsError) -> ServiceError:
    """The engine's error in the user's language."""
    params = exc.params
    messages = {
        "bad_level": _("Level %(level)s of “%(skill)s” is not a whole number from 1 to 5."),
        "too_long": _("The skill “%(skill)s” is longer than %(limit)s characters."),
        "bad_number": _("%(column)s “%(value)s” is not a number of 0 or more."),
        "bad_must": _("Must-have “%(value)s” is not yes or no."),
    }
    return ServiceError(messages[exc.code] % params)


# --- reading -----------------------------------------------------------------------------------


def vocabulary(extra: Iterable[str] = ()) -> Vocabulary:
    """The taxonomy, every role profile's skills (so the organisation's own requirements match
    as written) and HR's linked words."""
    required = RoleSkill.objects.values_list("skill", flat=True)
    aliases = dict(SkillAlias.objects.values_list("text", "means"))
    return Vocabulary([*required, *extra], aliases)


def all_requirements() -> dict[int, list[learning.Requirement]]:
    """Per job role id, the profile's requirements in order."""
    out: dict[int, list[learning.Requirement]] = {}
    for row in RoleSkill.objects.select_related("profile").order_by("order", "pk"):
        out.setdefault(row.profile.job_role_id, []).append(
            learning.Requirement(row.skill, row.level, row.must)
        )
    return out


def catalogue(vocab: Vocabulary) -> learning.Catalogue:
    courses = []
    for course in Course.objects.filter(active=True):
        try:
            entries = tuple(parse_list(course.skills))
        except SkillsError:
            continue  # saved through the form, so valid; an old bad row is skipped, not fatal
        courses.append(
            learning.Course(
                course.title, entries, float(course.hours), float(course.cost), course.pk
            )
        )
    return learning.Catalogue(courses, vocab)


@dataclass
class Context:
    """What every person of one page or batch reads alike."""

    vocab: Vocabulary
    profiles: dict[int, list[learning.Requirement]]
    catalogue: learning.Catalogue

    @classmethod
    def load(cls) -> Context:
        vocab = vocabulary()
        return cls(vocab, all_requirements(), catalogue(vocab))


def analyse(person: Person, context: Context | None = None, held=None) -> learning.Result:
    """The person's skills with their mapping, gaps (must-haves first) and shortest path."""
    context = context or Context.load()
    rows = held if held is not None else person.skills.all()
    requirements = context.profiles.get(person.job_role_id or 0, [])
    prefer = learning.asked(requirements, context.vocab)
    held_list = tuple(
        learning.Held(s.text, s.level, context.vocab.match(s.text, prefer), s.source) for s in rows
    )
    gaps = tuple(learning.person_gaps(held_list, requirements, context.vocab))
    return learning.Result(
        str(person.pk),
        person.department.name if person.department else "",
        person.job_role.title if person.job_role else "",
        held_list,
        gaps,
        context.catalogue.path(gaps),
    )


def may_manage(user: User, person: Person) -> bool:
    """HR, or the person's manager (directly or as head of the department); not oneself."""
    if user.has_role(Role.HR):
        return True
    if not user.has_role(Role.MANAGER) or user.person_id in (None, person.pk):
        return False
    return Person.objects.visible_to(user).filter(pk=person.pk).exists()


def managed_departments(user: User):
    """The departments whose heatmap the user may open: all for HR; for a manager the ones
    they head and the ones their direct reports work in."""
    if user.has_role(Role.HR):
        return Department.objects.all()
    if not user.has_role(Role.MANAGER) or user.person_id is None:
        return Department.objects.none()
    led = Person.objects.filter(manager_id=user.person_id).values("department_id")
    return Department.objects.filter(Q(manager_id=user.person_id) | Q(pk__in=led))


# --- skills --------------------------------------------------------------------------------------


def do_set_skill(person: Person, actor: User, raw: str, level: int, source: str) -> PersonSkill:
    """Add or update one skill. Self-assessed only by the person, confirmed only by HR or the
    manager; the CV source only through ``do_skills_from_cv``."""
    if source == PersonSkill.Source.SELF and actor.person_id != person.pk:
        raise ServiceError(_("Only the person can add a self-assessed skill."))
    if source == PersonSkill.Source.MANAGER and not may_manage(actor, person):
        raise ServiceError(_("Only the manager or HR can confirm a skill."))
    if source not in (PersonSkill.Source.SELF, PersonSkill.Source.MANAGER):
        raise ServiceError(_("Unknown source."))
    try:
        entry = parse_entry(raw)
    except SkillsError as exc:
        raise skills_error(exc) from None
    if not entry.text:
        raise ServiceError(_("Write the skill."))
    if level not in range(1, 6):
        raise ServiceError(_("The level is a whole number from 1 to 5."))
    existing = person.skills.filter(text__iexact=entry.text, source=source).first()
    if existing is None and person.skills.count() >= MAX_SKILLS_PER_PERSON:
        raise ServiceError(_("At most %(n)s skills per person.") % {"n": MAX_SKILLS_PER_PERSON})
    if existing is not None:
        existing.level, existing.added_by = level, actor
        existing.save(update_fields=["level", "added_by", "updated_at"])
        return existing
    return PersonSkill.objects.create(
        person=person, text=entry.text, level=level, source=source, added_by=actor
    )


def do_remove_skill(skill: PersonSkill, actor: User) -> None:
    own = actor.person_id == skill.person_id
    if skill.source == PersonSkill.Source.MANAGER and not may_manage(actor, skill.person):
        raise ServiceError(_("Only the manager or HR can remove a confirmed skill."))
    if skill.source != PersonSkill.Source.MANAGER and not (own or actor.has_role(Role.HR)):
        raise ServiceError(_("Only the person or HR can remove this skill."))
    skill.delete()


def do_skills_from_cv(
    person: Person, actor: User, data: bytes, filename: str, consent: bool
) -> list[PersonSkill]:
    """The person's own CV or certificate, read for skills only with their consent; the file
    is not kept, each skill keeps the line it was found on. Level 1 until the manager
    confirms a level."""
    if actor.person_id != person.pk:
        raise ServiceError(_("Only the person can add skills from their own CV."))
    if not consent:
        raise ServiceError(_("Tick that you agree to your CV being read for skills."))
    try:
        document = text_engine.extract(data, filename, max_pages=20)
    except text_engine.ExtractionError as exc:
        raise ServiceError(_("The file could not be read: %(reason)s.") % {"reason": exc}) from None
    found = Vocabulary().found_in(document.text)
    if not found:
        raise ServiceError(_("No skills from the taxonomy were found in this file."))
    now = timezone.now()
    saved = []
    with transaction.atomic():
        for match, line in found[:MAX_SKILLS_PER_PERSON]:
            skill, _created = PersonSkill.objects.update_or_create(
                person=person,
                text=match.label,
                source=PersonSkill.Source.CV,
                defaults={"evidence": line[:300], "added_by": actor, "consent_at": now},
            )
            saved.append(skill)
    return saved


def do_link_alias(text: str, means: str, actor: User) -> SkillAlias:
    """HR links an unmapped word to the skill it means (any known label or requirement)."""
    text, means = " ".join(text.split())[:200], " ".join(means.split())[:200]
    if not text or not means:
        raise ServiceError(_("Write both the word and the skill it means."))
    if vocabulary().match(means) is None:
        raise ServiceError(_("“%(means)s” is not a known skill or requirement.") % {"means": means})
    alias, _created = SkillAlias.objects.update_or_create(
        text=text, defaults={"means": means, "created_by": actor}
    )
    return alias


# --- role profiles ---------------------------------------------------------------------------


def do_save_profile(
    job_role: JobRole, rows: list[tuple[str, int, bool]], description: str = ""
) -> RoleProfile:
    """Replace a role's required skills; empty rows are skipped, the order is kept."""
    clean = []
    for skill, level, must in rows:
        skill = " ".join(skill.split())
        if not skill:
            continue
        if len(skill) > 200 or level not in range(1, 6):
            raise ServiceError(_("Each skill has at most 200 characters and a level from 1 to 5."))
        clean.append((skill, level, must))
    if len(clean) > MAX_PROFILE_ROWS:
        raise ServiceError(_("At most %(n)s skills per role.") % {"n": MAX_PROFILE_ROWS})
    with transaction.atomic():
        profile, _created = RoleProfile.objects.get_or_create(job_role=job_role)
        profile.description = description[:4000]
        profile.save()
        profile.skills.all().delete()
        RoleSkill.objects.bulk_create(
            RoleSkill(profile=profile, skill=s, level=lv, must=m, order=i)
            for i, (s, lv, m) in enumerate(clean)
        )
    return profile


# --- the catalogue ----------------------------------------------------------------------------

COURSE_COLUMNS = ("title", "provider", "skills", "level", "hours", "cost", "language", "format")
COURSE_ALIASES = {
    "course": "title",
    "titel": "title",
    "aanbieder": "provider",
    "uren": "hours",
    "kosten": "cost",
    "taal": "language",
    "vorm": "format",
    "niveau": "level",
    "vaardigheden": "skills",
}


@dataclass
class ImportReport:
    saved: int = 0
    errors: list[tuple[int, str]] | None = None


def do_import_courses(data: bytes, filename: str) -> ImportReport:
    """Courses from CSV/XLSX (title, provider, skills, level, hours, cost, language, format),
    matched on the title: a row with errors is reported and skipped, the rest is saved."""
    try:
        table = tabular.read_table(data, filename)
    except tabular.TableError as exc:
        raise ServiceError(_("The file could not be read: %(reason)s.") % {"reason": exc}) from None
    headers = [COURSE_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in table.headers]
    unknown = [h for h in headers if h not in COURSE_COLUMNS]
    if unknown or not {"title", "skills", "hours"} <= set(headers):
        raise ServiceError(
            _("The columns must be %(columns)s (title, skills and hours are required).")
            % {"columns": ", ".join(COURSE_COLUMNS)}
        )
    report = ImportReport(errors=[])
    for line, cells in enumerate(table.rows, 2):
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(headers)}
        try:
            fields = _course_fields(row)
        except ServiceError as exc:
            report.errors.append((line, str(exc)))  # type: ignore[union-attr]
            continue
        Course.objects.update_or_create(title=fields.pop("title"), defaults=fields)
        report.saved += 1
    return report


def _course_fields(row: dict[str, str]) -> dict[str, Any]:
    title = row.get("title", "")
    if not title or len(title) > 200:
        raise ServiceError(_("A course needs a title of at most 200 characters."))
    level = row.get("level", "")
    if level and level not in {"1", "2", "3", "4", "5"}:
        raise ServiceError(_("The level is a whole number from 1 to 5."))
    try:
        entries = parse_list(row.get("skills", ""))
    except SkillsError as exc:
        raise skills_error(exc) from None
    if not entries:
        raise ServiceError(_("A course teaches at least one skill."))
    # a course-wide level applies to the skills written without their own
    skills = "; ".join(
        f"{e.text}:{e.level or level}" if (e.level or level) else e.text for e in entries
    )
    if len(skills) > 500:
        raise ServiceError(_("The skills are longer than 500 characters."))
    numbers = {}
    for column in ("hours", "cost"):
        number = tabular.parse_number(row.get(column) or "0")
        if number is None or number < 0 or number > Decimal("9999999"):
            raise ServiceError(_("%(column)s is not a number of 0 or more.") % {"column": column})
        numbers[column] = number.quantize(Decimal("0.1") if column == "hours" else Decimal("0.01"))
    language = (row.get("language") or "nl").lower()[:2]
    format_ = row.get("format", "").lower().replace(" ", "_") or "classroom"
    if format_ not in Course.Format.values:
        raise ServiceError(_("Unknown format “%(value)s”.") % {"value": row.get("format", "")})
    return {
        "title": title,
        "provider": row.get("provider", "")[:200],
        "skills": skills,
        "language": language,
        "format": format_,
        "active": True,
        **numbers,
    }


# --- development plans ------------------------------------------------------------------------


def open_plan(person: Person) -> DevelopmentPlan | None:
    return person.development_plans.filter(
        status__in=(DevelopmentPlan.Status.PROPOSED, DevelopmentPlan.Status.AGREED)
    ).first()


def _gap(gap: learning.Gap) -> dict[str, Any]:
    return {"skill": gap.skill, "has": gap.has, "required": gap.required, "must": gap.must}


def do_propose(person: Person, actor: User) -> DevelopmentPlan:
    """Propose the shortest set of courses for the person's must-have gaps; on the trail as an
    AI output with the reason per course. Raises ApplicationInactive, ServiceError."""
    trust.require_active(SKILLS)  # the gate first: nothing is computed when it is closed
    if not may_manage(actor, person):
        raise ServiceError(_("Only the manager or HR can propose a development plan."))
    if open_plan(person) is not None:
        raise ServiceError(_("%(name)s already has an open development plan.") % {"name": person})
    result = analyse(person)
    if not any(gap.must for gap in result.gaps):
        raise ServiceError(_("%(name)s has no must-have gaps for their role.") % {"name": person})
    steps = result.path.steps
    with transaction.atomic():
        entry = trust.record_output(
            SKILLS,
            engine=learning.ENGINE,
            engine_version=learning.VERSION,
            params={"role": result.role, "courses": len(steps)},
            subject=person,
            input_data=repr([(h.text, h.level, h.source) for h in result.held]),
            output={"courses": [s.course.name for s in steps], "hours": result.path.hours},
            explanation={
                "gaps": [_gap(g) for g in result.gaps],
                "covers": {s.course.name: [g.skill for g in s.covers] for s in steps},
                "uncovered": [g.skill for g in result.path.uncovered],
                "rule": "fewest hours, then lowest cost, covering every must-have gap",
            },
            actor=actor,
        )
        plan = DevelopmentPlan.objects.create(
            person=person,
            output_entry=entry,
            gaps=[_gap(g) for g in result.gaps],
            uncovered=[_gap(g) for g in result.path.uncovered],
            created_by=actor,
        )
        PlanCourse.objects.bulk_create(
            PlanCourse(
                plan=plan,
                course_id=step.course.ref,
                title=step.course.name,
                covers=[_gap(g) for g in step.covers],
                hours=Decimal(str(step.course.hours)),
                cost=Decimal(str(step.course.cost)),
            )
            for step in steps
        )
    return plan


def do_decide(
    plan: DevelopmentPlan, actor: User, decision: str, reason: str = "", drop: Iterable[int] = ()
) -> DevelopmentPlan:
    """The manager or HR accepts the proposal (without the dropped courses: then it is a
    change) or rejects it with a reason. The person agrees afterwards on their own page."""
    if plan.status != DevelopmentPlan.Status.PROPOSED:
        raise ServiceError(_("This plan has already been decided."))
    if not may_manage(actor, plan.person):
        raise ServiceError(_("Only the manager or HR can decide on a development plan."))
    if decision not in ("accept", "reject"):
        raise ServiceError(_("Unknown decision."))
    if decision == "reject" and not reason.strip():
        raise ServiceError(_("Give a reason for rejecting the proposal."))
    dropped = list(plan.courses.filter(pk__in=list(drop)))
    changed = decision == "accept" and bool(dropped)
    with transaction.atomic():
        if plan.output_entry is not None:
            trust.decide(
                plan.output_entry,
                actor=actor,
                decision="reject"
                if decision == "reject"
                else ("override" if changed else "accept"),
                reason=reason.strip() or (CHANGED if changed else ""),
                followed_ai=decision == "accept" and not changed,
            )
        for course in dropped:
            course.delete()
        plan.status = (
            DevelopmentPlan.Status.AGREED
            if decision == "accept"
            else DevelopmentPlan.Status.REJECTED
        )
        plan.decided_by, plan.decided_at = actor, timezone.now()
        plan.reason = reason.strip()[:500]
        plan.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    return plan


def do_employee_agree(plan: DevelopmentPlan, actor: User) -> DevelopmentPlan:
    if actor.person_id != plan.person_id:
        raise ServiceError(_("Only the person can agree to their own plan."))
    if plan.status != DevelopmentPlan.Status.AGREED or plan.employee_agreed_at:
        raise ServiceError(_("There is nothing to agree to."))
    plan.employee_agreed_at = timezone.now()
    plan.save(update_fields=["employee_agreed_at"])
    return plan


def do_course_status(item: PlanCourse, actor: User, status: str) -> PlanCourse:
    """The person or their manager records progress; finished courses wait for the manager."""
    plan = item.plan
    if actor.person_id != plan.person_id and not may_manage(actor, plan.person):
        raise ServiceError(_("Only the person, the manager or HR can record progress."))
    if plan.status != DevelopmentPlan.Status.AGREED:
        raise ServiceError(_("Progress is recorded on an agreed plan."))
    if status not in PlanCourse.Status.values or item.confirmed_at:
        raise ServiceError(_("This course cannot be changed any more."))
    item.status = status
    item.done_at = timezone.now() if status == PlanCourse.Status.DONE else None
    item.save(update_fields=["status", "done_at"])
    return item


def do_confirm_course(item: PlanCourse, actor: User) -> PlanCourse:
    """The manager confirms a finished course: each skill it covered rises to the level the
    role asks, as a skill confirmed by the manager with the course as evidence."""
    plan = item.plan
    if not may_manage(actor, plan.person):
        raise ServiceError(_("Only the manager or HR can confirm a finished course."))
    if item.status != PlanCourse.Status.DONE or item.confirmed_at:
        raise ServiceError(_("Only a finished, unconfirmed course can be confirmed."))
    with transaction.atomic():
        for gap in item.covers:
            skill, created = PersonSkill.objects.get_or_create(
                person=plan.person,
                text=gap["skill"],
                source=PersonSkill.Source.MANAGER,
                defaults={"level": gap["required"], "added_by": actor, "evidence": item.title},
            )
            if not created and skill.level < gap["required"]:
                skill.level, skill.evidence, skill.added_by = gap["required"], item.title, actor
                skill.save(update_fields=["level", "evidence", "added_by", "updated_at"])
        item.confirmed_by, item.confirmed_at = actor, timezone.now()
        item.save(update_fields=["confirmed_by", "confirmed_at"])
        if not plan.courses.filter(confirmed_at__isnull=True).exists():
            plan.status = DevelopmentPlan.Status.DONE
            plan.save(update_fields=["status"])
    return item


def do_set_groups(person: Person, actor: User, gender: str, age_band: str) -> None:
    """The employee's own, voluntary answer for the fairness figures; blank removes it."""
    if actor.person_id != person.pk:
        raise ServiceError(_("Only the person can give this."))
    if gender not in ("", *EmployeeGroups.Gender.values) or age_band not in (
        "",
        *EmployeeGroups.AgeBand.values,
    ):
        raise ServiceError(_("Unknown answer."))
    if not gender and not age_band:
        EmployeeGroups.objects.filter(person=person).delete()
        return
    EmployeeGroups.objects.update_or_create(
        person=person, defaults={"gender": gender, "age_band": age_band}
    )


def do_set_budget(year: int, amount: Decimal, per_person: Decimal | None) -> LearningBudget:
    budget, _created = LearningBudget.objects.update_or_create(
        year=year, defaults={"amount": amount, "per_person": per_person or Decimal(0)}
    )
    return budget


# --- the person's rights ------------------------------------------------------------------------


def subject_skills(person: Person) -> dict[str, Any]:
    """For the access report: every skill with its source and evidence, every plan, and the
    groups the person gave for the fairness figures."""
    groups = EmployeeGroups.objects.filter(person=person).first()
    return {
        "groups_for_fairness": {"gender": groups.gender, "age_band": groups.age_band}
        if groups
        else None,
        "skills": [
            {"skill": s.text, "level": s.level, "source": s.source, "evidence": s.evidence}
            for s in person.skills.all()
        ],
        "development_plans": [
            {
                "status": p.status,
                "created": p.created_at.isoformat(timespec="seconds"),
                "courses": [{"course": c.title, "status": c.status} for c in p.courses.all()],
            }
            for p in person.development_plans.prefetch_related("courses")
        ],
    }


def erase_skills(person: Person) -> int:
    EmployeeGroups.objects.filter(person=person).delete()
    count, _detail = PersonSkill.objects.filter(person=person).delete()
    plans, _detail = DevelopmentPlan.objects.filter(person=person).delete()
    return count + plans


REJECTED_MONTHS = 12


def retention(today: date, dry_run: bool) -> int:
    """The retention run's skills part: rejected development plans a year after the decision,
    and the fairness groups of people whose employment has ended (the figures are about
    current staff; the rest goes with the personnel file). Returns how many rows go."""
    rejected = DevelopmentPlan.objects.filter(
        status=DevelopmentPlan.Status.REJECTED,
        decided_at__lt=dates.day_start(dates.months_before(today, REJECTED_MONTHS)),
    )
    left = EmployeeGroups.objects.filter(person__end_date__lt=today)
    count = rejected.count() + left.count()
    if not dry_run:
        with transaction.atomic():
            rejected.delete()
            left.delete()
    return count
