"""Skill gaps per person and team, and the shortest set of courses that closes them.

Contract:

- ``hold(entries, vocabulary, prefer=asked(requirements, vocabulary))``: the person's skills
  mapped in the light of their role: a text that names a skill the role asks for counts as
  that one, before a longer label of another concept in the same text.
- ``person_gaps(held, requirements, vocabulary)``: a requirement is a gap when the highest
  level among the person's skills that map to the same concept is below the required level
  (a skill written without a level counts as level 1). Must-haves come first, then the
  largest gap, then the order of the role profile.
- ``Catalogue(courses, vocabulary).path(gaps)``: the set of courses with the fewest hours,
  then the lowest cost, that covers every must-have gap some course covers; the rest is
  returned as uncovered. A course covers a gap when it teaches the skill to at least the
  required level (a course skill without a level is taken to teach it to any level). Exact
  (dynamic programming over the covered sets) up to ``EXACT_LIMIT`` gaps; beyond that the
  cheapest hours per gap are taken greedily, which the caller can see in ``Path.exact``.
- ``team_cells(results)``: per team and required skill (as the role profile writes it),
  how many people have a gap out of how many whose role asks for it. Small-group rules are
  the caller's: this engine returns counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mensenwerk.engines.skillmap import Entry, Match, Vocabulary

ENGINE = "learning-paths"
VERSION = "1"

EXACT_LIMIT = 16
# the chosen course numbers, the uncovered gap positions, whether the choice is exact
_Solution = tuple[tuple[int, ...], tuple[int, ...], bool]


@dataclass(frozen=True)
class Requirement:
    skill: str  # as the role profile writes it
    level: int = 1
    must: bool = True


@dataclass(frozen=True)
class Held:
    """One skill of a person as written, with what it was mapped to (``None``: unmapped)."""

    text: str
    level: int
    match: Match | None
    source: str = ""


@dataclass(frozen=True)
class Gap:
    skill: str
    required: int
    has: int
    must: bool
    key: str


@dataclass(frozen=True)
class Course:
    name: str
    skills: tuple[Entry, ...]
    hours: float
    cost: float
    ref: object = None  # the caller's own id, handed back in a Step


@dataclass(frozen=True)
class Step:
    course: Course
    covers: tuple[Gap, ...]


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...] = ()
    uncovered: tuple[Gap, ...] = ()
    exact: bool = True

    @property
    def hours(self) -> float:
        return sum(step.course.hours for step in self.steps)

    @property
    def cost(self) -> float:
        return sum(step.course.cost for step in self.steps)


@dataclass(frozen=True)
class Result:
    person: str
    team: str
    role: str
    held: tuple[Held, ...]
    gaps: tuple[Gap, ...]
    path: Path = field(default_factory=Path)

    @property
    def unmapped(self) -> list[str]:
        return [h.text for h in self.held if h.match is None]


@dataclass(frozen=True)
class TeamCell:
    team: str
    skill: str
    people_with_gap: int
    people: int


def asked(requirements: Iterable[Requirement], vocabulary: Vocabulary) -> frozenset[str]:
    """The concept keys a role asks for: a person's skill text that names one counts as it."""
    return frozenset(m.key for r in requirements if (m := vocabulary.match(r.skill)) is not None)


def hold(
    entries: Iterable[Entry],
    vocabulary: Vocabulary,
    source: str = "",
    prefer: frozenset[str] = frozenset(),
) -> list[Held]:
    return [Held(e.text, e.level or 1, vocabulary.match(e.text, prefer), source) for e in entries]


def levels(held: Iterable[Held]) -> dict[str, int]:
    """The highest level per concept key."""
    out: dict[str, int] = {}
    for h in held:
        if h.match is not None:
            out[h.match.key] = max(out.get(h.match.key, 0), h.level)
    return out


def person_gaps(
    held: Iterable[Held], requirements: Sequence[Requirement], vocabulary: Vocabulary
) -> list[Gap]:
    has = levels(held)
    gaps = []
    for order, requirement in enumerate(requirements):
        match = vocabulary.match(requirement.skill)
        key = match.key if match else "?" + requirement.skill
        current = has.get(key, 0)
        if current < requirement.level:
            gaps.append(
                (order, Gap(requirement.skill, requirement.level, current, requirement.must, key))
            )
    gaps.sort(key=lambda item: (not item[1].must, -(item[1].required - item[1].has), item[0]))
    return [gap for _order, gap in gaps]


class Catalogue:
    """Courses indexed by the concepts they teach; paths are cached per set of gaps."""

    def __init__(self, courses: Iterable[Course], vocabulary: Vocabulary) -> None:
        self.courses = list(courses)
        self._teaches: dict[str, list[tuple[int, int | None]]] = {}
        for number, course in enumerate(self.courses):
            for entry in course.skills:
                match = vocabulary.match(entry.text)
                if match is not None:
                    self._teaches.setdefault(match.key, []).append((number, entry.level))
        self._memo: dict[
            tuple[tuple[str, int], ...], tuple[tuple[int, ...], tuple[int, ...], bool]
        ] = {}

    def path(self, gaps: Sequence[Gap]) -> Path:
        wanted = [gap for gap in gaps if gap.must]
        signature = tuple((gap.key, gap.required) for gap in wanted)
        if signature not in self._memo:
            self._memo[signature] = self._solve(signature)
        chosen, uncovered, exact = self._memo[signature]
        steps = []
        for number in chosen:
            covers = tuple(
                wanted[i] for i in range(len(wanted)) if self._covers(number, signature[i])
            )
            steps.append(Step(self.courses[number], covers))
        return Path(tuple(steps), tuple(wanted[i] for i in uncovered), exact)

    def _covers(self, number: int, need: tuple[str, int]) -> bool:
        key, required = need
        return any(
            n == number and (level is None or level >= required)
            for n, level in self._teaches.get(key, ())
        )

    def _solve(self, signature: tuple[tuple[str, int], ...]) -> _Solution:
        masks: dict[int, int] = {}
        for bit, (key, required) in enumerate(signature):
            for number, level in self._teaches.get(key, ()):
                if level is None or level >= required:
                    masks[number] = masks.get(number, 0) | (1 << bit)
        reachable = 0
        for mask in masks.values():
            reachable |= mask
        uncovered = tuple(i for i in range(len(signature)) if not reachable >> i & 1)
        offers = _undominated(masks, self.courses)
        if bin(reachable).count("1") <= EXACT_LIMIT:
            return _exact_cover(offers, reachable, self.courses), uncovered, True
        return _greedy_cover(offers, reachable, self.courses), uncovered, False


def _price(course: Course) -> tuple[int, int]:
    # whole hundredths, so that sums compare exactly
    return round(course.hours * 100), round(course.cost * 100)


def _undominated(masks: dict[int, int], courses: Sequence[Course]) -> list[tuple[int, int]]:
    """Drop a course when another covers a superset for no more hours and cost (by the
    same order the path is chosen by); it can always be swapped for that one."""
    ordered = sorted(
        masks.items(), key=lambda item: (_price(courses[item[0]]), courses[item[0]].name)
    )
    kept: list[tuple[int, int]] = []
    for number, mask in ordered:
        if not any(mask & other == mask for _n, other in kept):
            kept.append((number, mask))
    return kept


def _exact_cover(
    offers: list[tuple[int, int]], target: int, courses: Sequence[Course]
) -> tuple[int, ...]:
    best: dict[int, tuple[int, int, int, tuple[int, ...]]] = {0: (0, 0, 0, ())}
    for number, mask in offers:
        hours, cost = _price(courses[number])
        for covered, (h, c, n, chosen) in list(best.items()):
            after = covered | mask
            if after == covered:
                continue
            candidate = (h + hours, c + cost, n + 1, (*chosen, number))
            if after not in best or candidate[:3] < best[after][:3]:
                best[after] = candidate
    return tuple(sorted(best[target][3], key=lambda n: courses[n].name))


def _greedy_cover(
    offers: list[tuple[int, int]], target: int, courses: Sequence[Course]
) -> tuple[int, ...]:
    covered, chosen = 0, []
    while covered != target:
        number, mask = min(
            ((n, m) for n, m in offers if m & ~covered),
            key=lambda item: (
                _price(courses[item[0]])[0] / bin(item[1] & ~covered).count("1"),
                _price(courses[item[0]])[1],
            ),
        )
        covered |= mask
        chosen.append(number)
    return tuple(sorted(chosen, key=lambda n: courses[n].name))


def team_cells(
    results: Iterable[Result], requirements: dict[str, Sequence[Requirement]]
) -> list[TeamCell]:
    """Per team and required skill: people with a gap, out of people whose role asks for it."""
    asked: dict[tuple[str, str], list[int]] = {}
    for result in results:
        missing = {gap.skill for gap in result.gaps}
        for skill in dict.fromkeys(r.skill for r in requirements.get(result.role, ())):
            cell = asked.setdefault((result.team, skill), [0, 0])
            cell[1] += 1
            cell[0] += skill in missing
    return [
        TeamCell(team, skill, gap, people) for (team, skill), (gap, people) in sorted(asked.items())
    ]
