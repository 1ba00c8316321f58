"""Onboarding plans: which template tasks apply to a new colleague, on which working day, and
why; which handbook sections to read in week one; whom to meet.

Contract: ``propose(hire, specs, reading, colleagues, language) -> Proposal``. A task applies
when every one of its conditions holds (each condition lists accepted values, compared without
case); each planned and each skipped task names its reason as a code with parameters, so the
app says it in Dutch or English. ``due_date(start, day)`` is the start date plus ``day``
calendar days, moved to the Friday before when it falls on a Saturday or Sunday. The
proposal never decides about the person: HR accepts, changes or rejects it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ENGINE = "onboarding-plan"
VERSION = "1"
OWNERS = ("hr", "manager", "it", "buddy", "new_hire")
CONDITION_KEYS = ("department", "job_role", "location", "contract", "language")
LANGUAGES = ("nl", "en")
DEFAULT_FILE = Path(__file__).parent / "data" / "onboarding_template.json"
MAX_INTRODUCTIONS = 6
MIN_DAY, MAX_DAY = -90, 365


class OnboardingError(ValueError):
    """A template or value the engine refuses; ``code`` and ``params`` for the app's words."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class TaskSpec:
    """One task of a template, in both languages."""

    key: str
    owner: str
    day: int  # relative to the start date; negative = before the first day
    title: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    conditions: dict[str, list[str]] = field(default_factory=dict)
    link: str = ""  # a knowledge-base document or an address, shown with the task


@dataclass(frozen=True)
class NewHire:
    """What the plan is made from: the record and what HR filled in."""

    start_date: date
    job_role: str = ""
    department: str = ""
    location: str = ""
    contract: str = ""
    language: str = "nl"


@dataclass(frozen=True)
class Section:
    """A handbook section found for a reading topic (from the app's search)."""

    title: str  # the document
    section: str  # the heading path
    url: str
    topic: str  # the reading topic's code: first_day, sick, … or "role"


@dataclass(frozen=True)
class Colleague:
    person_id: int
    name: str
    relation: str  # buddy | manager | same_role | same_team


@dataclass
class PlannedTask:
    key: str
    owner: str
    day: int
    due_date: date
    title: str
    description: str
    link: str
    reason: tuple[str, dict[str, str]]  # ("always" | "condition", {"field": …, "value": …})


@dataclass
class Proposal:
    tasks: list[PlannedTask]
    skipped: list[tuple[str, str, dict[str, str]]]  # (task key, "condition", params)
    reading: list[Section]
    introductions: list[Colleague]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for task in data["tasks"]:
            task["due_date"] = task["due_date"].isoformat()
        return data


def due_date(start: date, day: int) -> date:
    """The start plus ``day`` calendar days; a Saturday or Sunday moves to the Friday before."""
    when = start + timedelta(days=day)
    weekday = when.weekday()
    return when - timedelta(days=weekday - 4) if weekday >= 5 else when


def matches(spec: TaskSpec, hire: NewHire) -> tuple[bool, tuple[str, dict[str, str]]]:
    """Whether the task applies, and the reason: the first condition met or the first one not."""
    if not spec.conditions:
        return True, ("always", {})
    met: dict[str, str] = {}
    for key, accepted in spec.conditions.items():
        value = str(getattr(hire, key, "") or "")
        if value.casefold() not in {a.casefold() for a in accepted}:
            return False, (
                "condition",
                {"field": key, "value": value, "accepted": ", ".join(accepted)},
            )
        met = met or {"field": key, "value": value}
    return True, ("condition", met)


def propose(
    hire: NewHire,
    specs: list[TaskSpec],
    reading: list[Section],
    colleagues: list[Colleague],
    language: str = "nl",
) -> Proposal:
    """The plan for this person: tasks in date order, the reading list without repeats, and at
    most MAX_INTRODUCTIONS colleagues (buddy and manager first)."""
    language = language if language in LANGUAGES else "nl"
    tasks, skipped = [], []
    for spec in specs:
        ok, reason = matches(spec, hire)
        if not ok:
            skipped.append((spec.key, reason[0], reason[1]))
            continue
        tasks.append(
            PlannedTask(
                spec.key,
                spec.owner,
                spec.day,
                due_date(hire.start_date, spec.day),
                _in(spec.title, language),
                _in(spec.description, language),
                spec.link,
                reason,
            )
        )
    tasks.sort(key=lambda t: (t.due_date, t.day, t.key))
    seen: set[tuple[str, str]] = set()
    unique = []
    for section in reading:
        if (section.title, section.section) not in seen:
            seen.add((section.title, section.section))
            unique.append(section)
    order = {"buddy": 0, "manager": 1, "same_role": 2, "same_team": 3}
    people: dict[int, Colleague] = {}
    for colleague in sorted(colleagues, key=lambda c: (order.get(c.relation, 9), c.name)):
        people.setdefault(colleague.person_id, colleague)
    return Proposal(tasks, skipped, unique, list(people.values())[:MAX_INTRODUCTIONS])


def _in(text: dict[str, str], language: str) -> str:
    return text.get(language) or text.get("nl") or text.get("en") or ""


def spec_from_dict(data: dict[str, Any]) -> TaskSpec:
    """A task from its stored form; raises OnboardingError naming what is wrong."""
    owner = data.get("owner")
    if owner not in OWNERS:
        raise OnboardingError("bad_owner", owner=str(owner))
    day = data.get("day")
    if not isinstance(day, int) or not MIN_DAY <= day <= MAX_DAY:
        raise OnboardingError("bad_day", day=str(day))
    title = data.get("title") or {}
    if not any(str(title.get(lang, "")).strip() for lang in LANGUAGES):
        raise OnboardingError("no_title", key=str(data.get("key", "")))
    conditions = data.get("conditions") or {}
    unknown = [k for k in conditions if k not in CONDITION_KEYS]
    if unknown:
        raise OnboardingError("bad_condition", field=unknown[0])
    return TaskSpec(
        str(data.get("key", "")),
        owner,
        day,
        {k: str(v) for k, v in title.items()},
        {k: str(v) for k, v in (data.get("description") or {}).items()},
        {k: [str(v) for v in values] for k, values in conditions.items()},
        str(data.get("link", "")),
    )


def default_template() -> dict[str, Any]:
    """The shipped template (tasks, reading topics and source), as stored data."""
    return json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
