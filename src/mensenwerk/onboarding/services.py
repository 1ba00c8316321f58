"""Onboarding through the trust layer. Shape as ``recruitment.services.screen`` and
``do_decide``: the gate, the engine's proposal, the trail entry and the plan in one
transaction; HR's accept, change or reject is the decision on that output. Every later change
to a plan is a ``PlanChange``."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mensenwerk.core.knowledge import Found, search_handbook
from mensenwerk.core.models import Person, User
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import onboarding as engine
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AuditEntry
from mensenwerk.onboarding.models import Owner, Plan, PlanChange, PlanTask, Template

ONBOARDING = "onboarding"
CHANGED = "changed before acceptance"  # the trail's reason code, the same in every language
PULSE_DAYS = (7, 30, 90)
LINK_DAYS_AFTER_START = 14  # the personal link works until two weeks after the first day


class ExistingPlan(ServiceError):
    """The person already has an open plan; the view links to it."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(_("%(name)s already has an onboarding plan.") % {"name": plan.person})
        self.plan = plan


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- templates --------------------------------------------------------------------------------


def ensure_default_template() -> Template:
    """The shipped template, created once; HR's edits are never overwritten."""
    found = Template.objects.filter(is_default=True).first()
    if found is not None:
        return found
    data = engine.default_template()
    with transaction.atomic():
        template = Template.objects.create(
            name=data["name"]["nl"], reading=data["reading"], source=data["source"], is_default=True
        )
        for task in data["tasks"]:
            template.tasks.create(
                key=task["key"],
                owner=task["owner"],
                day=task["day"],
                title_nl=task["title"]["nl"],
                title_en=task["title"]["en"],
                description_nl=task["description"]["nl"],
                description_en=task["description"]["en"],
                conditions=task.get("conditions", {}),
                link=task.get("link", ""),
            )
    return template


def do_copy_template(source: Template, name: str) -> Template:
    """A new template starting as a copy of another (for drivers, interns, a second site);
    HR then changes its tasks. Plans keep their own copies, so nothing else moves."""
    name = name.strip()
    if not name:
        raise ServiceError(_("Give the template a name."))
    if Template.objects.filter(name__iexact=name).exists():
        raise ServiceError(_("A template with this name exists."))
    with transaction.atomic():
        copy = Template.objects.create(name=name, reading=source.reading, source=source.source)
        for task in source.tasks.all():
            task.pk = None
            task.template = copy
            task.save()
    return copy


def specs_of(template: Template) -> list[engine.TaskSpec]:
    return [
        engine.TaskSpec(
            t.key,
            t.owner,
            t.day,
            {"nl": t.title_nl, "en": t.title_en},
            {"nl": t.description_nl, "en": t.description_en},
            t.conditions or {},
            t.link,
        )
        for t in template.tasks.all()
    ]


def unmatched_conditions(template: Template) -> dict[int, str]:
    """Template tasks whose department or job-role condition no current employee meets."""
    departments = {
        n.casefold()
        for n in Person.objects.employees().values_list("department__name", flat=True)
        if n
    }
    roles = {
        n.casefold()
        for n in Person.objects.employees().values_list("job_role__title", flat=True)
        if n
    }
    known = {"department": departments, "job_role": roles}
    found = {}
    for task in template.tasks.all():
        for key, values in (task.conditions or {}).items():
            if key in known and not known[key] & {v.casefold() for v in values}:
                found[task.pk] = key
    return found


# --- the proposal -----------------------------------------------------------------------------


def hire_of(person: Person, start: date, location: str, contract: str, language: str):
    return engine.NewHire(
        start,
        person.job_role.title if person.job_role else "",
        person.department.name if person.department else "",
        location,
        contract,
        language,
    )


def reading_for(
    template: Template, hire: engine.NewHire, memo: dict[str, list[Found]] | None = None
) -> list[engine.Section]:
    """The template's reading topics, plus one search for the role, in the hire's language.
    ``memo`` keeps a batch's searches (the same topics for every new colleague)."""
    memo = {} if memo is None else memo
    sections = []
    topics = [
        (t["query"].get(hire.language) or t["query"]["nl"], t["why"]) for t in template.reading
    ]
    if hire.job_role:
        topics.append((hire.job_role, "role"))
    new = [query for query, _why in topics if query not in memo]
    if new:
        memo.update(zip(new, search_handbook(new, 1), strict=True))
    results = [memo[query] for query, _why in topics]
    for (_query, why), found in zip(topics, results, strict=True):
        sections += [engine.Section(f.document, f.section, f.url, why) for f in found]
    return sections


def colleagues_for(
    person: Person, buddy: Person | None, memo: dict[tuple[str, int], list[Person]] | None = None
) -> list[engine.Colleague]:
    """The buddy, the manager, up to three with the same role and five in the same team.
    ``memo`` keeps a batch's look-ups per role and per manager."""
    memo = {} if memo is None else memo
    found = []
    if buddy is not None:
        found.append(engine.Colleague(buddy.pk, buddy.full_name, "buddy"))
    if person.manager is not None:
        found.append(engine.Colleague(person.manager.pk, person.manager.full_name, "manager"))
    current = Person.objects.employees().exclude(end_date__lt=timezone.localdate())
    for field_name, value, relation, limit in (
        ("job_role_id", person.job_role_id, "same_role", 3),
        ("manager_id", person.manager_id, "same_team", 5),
    ):
        if value is None:
            continue
        if (field_name, value) not in memo:  # one more than shown: the person may be among them
            memo[(field_name, value)] = list(current.filter(**{field_name: value})[: limit + 1])
        others = [p for p in memo[(field_name, value)] if p.pk != person.pk][:limit]
        found += [engine.Colleague(p.pk, p.full_name, relation) for p in others]
    return found


def it_admin() -> User | None:
    return (
        User.objects.filter(is_active=True, is_service=False, role_assignments__role=Role.IT)
        .order_by("pk")
        .first()
    )


def account_of(person: Person | None) -> User | None:
    user = getattr(person, "user", None) if person is not None else None
    return user if user is not None and user.is_active else None


@dataclass
class Shared:
    """What every plan of one batch reads alike: the template's tasks and the IT admin."""

    template: Template
    specs: list[engine.TaskSpec]
    it: User | None
    reading: dict[str, list[Found]] = field(default_factory=dict)  # the batch's searches
    people: dict[tuple[str, int], list[Person]] = field(default_factory=dict)

    @classmethod
    def of(cls, template: Template | None) -> Shared:
        """Checks the gate once for the batch (every trail entry checks it again)."""
        trust.require_active(ONBOARDING)
        template = template or ensure_default_template()
        return cls(template, specs_of(template), it_admin())


def assignee_for(owner: str, plan: Plan, hr: User | None, it: User | None = None) -> User | None:
    """The account that does a task of this owner; None when that person has no account."""
    if owner == Owner.HR:
        return hr
    if owner == Owner.MANAGER:
        return account_of(plan.person.manager)
    if owner == Owner.IT:
        return it or it_admin()
    if owner == Owner.BUDDY:
        return account_of(plan.buddy)
    return account_of(plan.person)


def do_create_plan(
    person: Person,
    actor: User,
    *,
    template: Template | None = None,
    buddy: Person | None = None,
    location: str = "",
    contract: str = "",
    language: str = "",
    source: str = Plan.Source.MANUAL,
    shared: Shared | None = None,
) -> Plan:
    """Propose a plan for a person with a start date; on the trail as an AI output. Raises
    ApplicationInactive when onboarding is switched off, ExistingPlan, ServiceError. A batch
    passes ``shared`` so the template is read once."""
    if shared is None or template not in (None, shared.template):
        shared = Shared.of(template)  # the gate first: nothing is computed when it is closed
    existing = Plan.objects.open().filter(person=person).first()
    if existing is not None:
        raise ExistingPlan(existing)
    if person.kind != Person.Kind.EMPLOYEE or person.start_date is None:
        raise ServiceError(_("A plan needs an employee record with a start date."))
    template = shared.template
    language = language if language in engine.LANGUAGES else "nl"
    hire = hire_of(person, person.start_date, location, contract, language)
    proposal = engine.propose(
        hire,
        shared.specs,
        reading_for(template, hire, shared.reading),
        colleagues_for(person, buddy, shared.people),
        language,
    )
    data = proposal.to_dict()
    with transaction.atomic():
        entry = _record(person, hire, template, data, actor)
        plan = Plan.objects.create(
            person=person,
            template=template,
            start_date=person.start_date,
            location=location,
            contract=contract,
            language=language,
            buddy=buddy,
            source=source,
            created_by=actor,
            output_entry=entry,
            proposal={k: data[k] for k in ("reading", "introductions", "skipped")},
        )
        _save_tasks(plan, proposal, actor, shared.it)
    return plan


def _record(
    person: Person, hire: engine.NewHire, template: Template, data: dict[str, Any], actor: User
) -> AuditEntry:
    """The proposal on the trail, with its reason per task, what was left out and why, and
    whom to meet."""
    return trust.record_output(
        ONBOARDING,
        engine=engine.ENGINE,
        engine_version=engine.VERSION,
        params={"template": template.name, "language": hire.language},
        subject=person,
        input_data=repr(hire),
        output={"tasks": [t["key"] for t in data["tasks"]], "reading": data["reading"]},
        explanation={
            "tasks": {t["key"]: t["reason"] for t in data["tasks"]},
            "skipped": data["skipped"],
            "introductions": [(c["name"], c["relation"]) for c in data["introductions"]],
        },
        actor=actor,
    )


def _save_tasks(plan: Plan, proposal: engine.Proposal, actor: User, it: User | None) -> None:
    owners = {t.owner for t in proposal.tasks}
    assignees = {owner: assignee_for(owner, plan, actor, it) for owner in owners}
    PlanTask.objects.bulk_create(
        PlanTask(
            plan=plan,
            key=t.key,
            title=t.title,
            description=t.description,
            owner=t.owner,
            assignee=assignees[t.owner],
            day=t.day,
            due_date=t.due_date,
            link=t.link,
            reason=list(t.reason),
        )
        for t in proposal.tasks
    )


def do_decide(plan: Plan, actor: User, decision: str, reason: str = "") -> Plan:
    """HR accepts the proposal (as changed, if it was) or rejects it with a reason."""
    if plan.status != Plan.Status.PROPOSED:
        raise ServiceError(_("This plan has already been decided."))
    if decision not in ("accept", "reject"):
        raise ServiceError(_("Unknown decision."))
    if decision == "reject" and not reason.strip():
        raise ServiceError(_("Give a reason for rejecting the proposal."))
    changed = plan.changes.exists()
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
        plan.decided_at = timezone.now()
        if decision == "reject":
            _close(plan, actor, "rejected", {"reason": reason.strip()[:500]})
        else:
            plan.status = Plan.Status.ACTIVE
            plan.save(update_fields=["status", "decided_at"])
            _changed(plan, actor, "accepted", {})
    return plan


# --- changes ---------------------------------------------------------------------------------


def _changed(plan: Plan, actor: User | None, change: str, detail: dict[str, Any]) -> None:
    PlanChange.objects.create(plan=plan, actor=actor, change=change, detail=detail)


def _open(plan: Plan) -> None:
    if not plan.is_open:
        raise ServiceError(_("This plan is closed."))


def _close(plan: Plan, actor: User | None, change: str, detail: dict[str, Any]) -> None:
    plan.status = Plan.Status.CANCELLED
    plan.cancelled_at = timezone.now()
    plan.link_hash = ""
    plan.save(update_fields=["status", "cancelled_at", "link_hash", "decided_at"])
    plan.tasks.filter(done_at__isnull=True).update(closed=True)
    plan.pulses.filter(answered=False).delete()
    _changed(plan, actor, change, detail)


def do_cancel(plan: Plan, actor: User | None, reason: str) -> Plan:
    """The person does not come (or left): open tasks close, nothing is sent afterwards."""
    _open(plan)
    with transaction.atomic():
        _close(plan, actor, "cancelled", {"reason": reason.strip()[:500]})
    return plan


def do_move_start(plan: Plan, new_start: date, actor: User | None) -> Plan:
    """Open tasks move with the start date; done tasks keep their date."""
    _open(plan)
    old = plan.start_date
    if new_start == old:
        return plan
    with transaction.atomic():
        plan.start_date = new_start
        plan.save(update_fields=["start_date"])
        if plan.person.start_date != new_start:
            plan.person.start_date = new_start
            plan.person.save(update_fields=["start_date"])
        tasks = list(plan.tasks.filter(done_at__isnull=True, closed=False))
        for task in tasks:
            task.due_date = engine.due_date(new_start, task.day)
        PlanTask.objects.bulk_update(tasks, ["due_date"])
        _changed(plan, actor, "start_moved", {"from": old.isoformat(), "to": new_start.isoformat()})
    return plan


def do_set_buddy(plan: Plan, buddy: Person | None, actor: User) -> Plan:
    _open(plan)
    with transaction.atomic():
        plan.buddy = buddy
        plan.save(update_fields=["buddy"])
        plan.tasks.filter(owner=Owner.BUDDY, done_at__isnull=True).update(
            assignee=account_of(buddy)
        )
        _changed(plan, actor, "buddy", {"buddy": buddy.full_name if buddy else None})
    return plan


def do_edit_task(task: PlanTask, actor: User, **values: Any) -> PlanTask:
    """HR changes a task's title, owner, assignee or day; the due date follows the day."""
    _open(task.plan)
    before = {k: str(getattr(task, k)) for k in values}
    for key, value in values.items():
        setattr(task, key, value)
    if "day" in values:
        task.due_date = engine.due_date(task.plan.start_date, task.day)
    with transaction.atomic():
        task.save()
        after = {k: str(getattr(task, k)) for k in values}
        diff = {k: [before[k], after[k]] for k in values if before[k] != after[k]}
        if diff:
            _changed(task.plan, actor, "task_changed", {"task": task.title, "changes": diff})
    return task


def do_add_task(
    plan: Plan, actor: User, title: str, owner: str, day: int, description: str = ""
) -> PlanTask:
    _open(plan)
    if owner not in Owner.values:
        raise ServiceError(_("Unknown owner."))
    with transaction.atomic():
        task = PlanTask.objects.create(
            plan=plan,
            title=title,
            description=description,
            owner=owner,
            assignee=assignee_for(owner, plan, actor),
            day=day,
            due_date=engine.due_date(plan.start_date, day),
            reason=["hr", {}],
        )
        _changed(plan, actor, "task_added", {"task": title, "day": day})
    return task


def do_remove_task(task: PlanTask, actor: User) -> None:
    _open(task.plan)
    with transaction.atomic():
        _changed(task.plan, actor, "task_removed", {"task": task.title})
        task.delete()


def may_tick(user: User, task: PlanTask) -> bool:
    """The assignee, the new colleague for their own tasks, the plan's manager, or HR."""
    if user.has_role(Role.HR) or task.assignee_id == user.pk:
        return True
    person = task.plan.person
    if user.person_id is None:
        return False
    if task.owner == Owner.NEW_HIRE and user.person_id == person.pk:
        return True
    return user.has_role(Role.MANAGER) and person.manager_id == user.person_id


def do_tick(task: PlanTask, actor: User | None, done: bool = True) -> PlanTask:
    """Mark a task done (or not); ``actor`` None is the new colleague's personal link."""
    if task.plan.status != Plan.Status.ACTIVE or task.closed:
        raise ServiceError(_("Tasks can be ticked off once HR has accepted the plan."))
    with transaction.atomic():
        task.done_at = timezone.now() if done else None
        task.done_by = actor if done else None
        task.save(update_fields=["done_at", "done_by"])
        _changed(task.plan, actor, "done" if done else "reopened", {"task": task.title})
    return task


# --- the personal link ------------------------------------------------------------------------


def do_new_link(plan: Plan, actor: User, base_url: str) -> tuple[str, bool]:
    """A new personal link for the new colleague (the old one stops working): (the link, shown
    once to HR; whether it was e-mailed to the address on the record)."""
    _open(plan)
    token = secrets.token_urlsafe(24)
    link = f"{base_url}{reverse('onboarding:welcome', args=[token])}"
    with transaction.atomic():
        plan.link_hash = digest(token)
        plan.save(update_fields=["link_hash"])
        _changed(plan, actor, "link", {"emailed": bool(plan.person.email)})
    if plan.person.email:
        with translation.override(plan.language):
            send_mail(
                _("Welcome: your onboarding plan"),
                _(
                    "Welcome, %(name)s. Your plan for the first weeks, with what to read and "
                    "whom you will meet, is here (a personal link, only for you):\n\n%(link)s"
                )
                % {"name": plan.person.first_name, "link": link},
                None,
                [plan.person.email],
            )
    return link, bool(plan.person.email)


def plan_for_link(token: str) -> Plan | None:
    if not token or len(token) > 64:
        return None
    plan = Plan.objects.filter(link_hash=digest(token), status=Plan.Status.ACTIVE).first()
    if plan is None or timezone.localdate() > plan.start_date + timedelta(
        days=LINK_DAYS_AFTER_START
    ):
        return None
    return plan


# --- reading ----------------------------------------------------------------------------------


def progress(plan: Plan) -> tuple[int, int]:
    """(done, total) of the plan's tasks that count (closed ones do not)."""
    tasks = [t for t in plan.tasks.all() if not t.closed]
    return sum(1 for t in tasks if t.done), len(tasks)


def subject_plans(person: Person) -> list[dict[str, Any]]:
    """For the access report: the person's plans with every task and change."""
    return [
        {
            "start_date": p.start_date.isoformat(),
            "status": p.status,
            "buddy": p.buddy.full_name if p.buddy else None,
            "reading": p.proposal.get("reading", []),
            "tasks": [
                {
                    "title": t.title,
                    "owner": t.owner,
                    "due_date": t.due_date.isoformat(),
                    "done": t.done,
                }
                for t in p.tasks.all()
            ],
            "changes": [
                {"at": c.at.isoformat(timespec="seconds"), "change": c.change, "detail": c.detail}
                for c in p.changes.all()
            ],
        }
        for p in Plan.objects.filter(person=person).prefetch_related("tasks", "changes")
    ]


def erase_plans(person: Person) -> int:
    """Erasure: the person's plans go; where they were a buddy, the plan keeps no name."""
    Plan.objects.filter(buddy=person).update(buddy=None)
    PlanChange.objects.filter(change="buddy", detail__buddy=person.full_name).update(
        detail={"buddy": None}
    )
    for plan in Plan.objects.exclude(person=person).filter(proposal__has_key="introductions"):
        kept = [c for c in plan.proposal["introductions"] if c.get("person_id") != person.pk]
        if len(kept) != len(plan.proposal["introductions"]):
            plan.proposal["introductions"] = kept
            plan.save(update_fields=["proposal"])
    count, _detail = Plan.objects.filter(person=person).delete()
    return count
