"""Gaps, the team heatmap's arithmetic, and the shortest covering course path against brute
force on small random cases."""

from __future__ import annotations

import itertools
import random

from mensenwerk.engines import learning
from mensenwerk.engines.learning import Course, Requirement, hold, person_gaps, team_cells
from mensenwerk.engines.skillmap import Entry, Vocabulary, parse_list

REQUIREMENTS = [
    Requirement("Excel", 2, must=False),
    Requirement("Heftruck rijden", 2),
    Requirement("VCA", 1),
    Requirement("PLC programmeren", 3),
]


def gaps_of(skills: str, requirements=REQUIREMENTS) -> list[tuple[str, int, int]]:
    vocabulary = Vocabulary(r.skill for r in requirements)
    held = hold(parse_list(skills), vocabulary)
    return [(g.skill, g.required, g.has) for g in person_gaps(held, requirements, vocabulary)]


def test_gap_is_required_minus_held_level_must_haves_first() -> None:
    assert gaps_of("Excel:3; heftruck rijden; PLC programmeren:2") == [
        ("Heftruck rijden", 2, 1),  # no level written means level 1
        ("VCA", 1, 0),
        ("PLC programmeren", 3, 2),
    ]
    # must-haves first, then the largest gap; the nice-to-have last
    assert gaps_of("vissen") == [
        ("PLC programmeren", 3, 0),
        ("Heftruck rijden", 2, 0),
        ("VCA", 1, 0),
        ("Excel", 2, 0),
    ]
    assert gaps_of("excel:2; forklift:3; VCA-VOL; PLC:4") == []


def test_the_highest_level_of_the_same_skill_counts_and_narrower_skills_do_not() -> None:
    assert gaps_of("heftruck:1; forklift licence:2; VCA; PLC:3; Excel:2") == []
    assert ("Heftruck rijden", 2, 0) in gaps_of("reachtruck:3; VCA; PLC:3")


def test_unmapped_skills_are_kept_with_the_person() -> None:
    vocabulary = Vocabulary(r.skill for r in REQUIREMENTS)
    held = hold(parse_list("Excel:2; zeilen; gitaar spelen"), vocabulary)
    result = learning.Result("p", "t", "r", tuple(held), ())
    assert result.unmapped == ["zeilen", "gitaar spelen"]


def test_team_cells_count_gaps_over_people_whose_role_asks() -> None:
    vocabulary = Vocabulary(r.skill for r in REQUIREMENTS)
    roles = {"Operator": REQUIREMENTS, "Planner": [Requirement("Excel", 3)]}

    def result(person: str, team: str, role: str, skills: str) -> learning.Result:
        held = tuple(hold(parse_list(skills), vocabulary))
        gaps = tuple(person_gaps(held, roles[role], vocabulary))
        return learning.Result(person, team, role, held, gaps)

    results = [
        result("a", "A", "Operator", "Excel:2; heftruck:2; VCA; PLC:3"),
        result("b", "A", "Operator", "heftruck:1"),
        result("c", "A", "Planner", "Excel:2"),
        result("d", "B", "Operator", "VCA"),
    ]
    cells = {(c.team, c.skill): (c.people_with_gap, c.people) for c in team_cells(results, roles)}
    assert cells[("A", "Excel")] == (2, 3)  # b (operator, nice-to-have) and c (planner, level 3)
    assert cells[("A", "Heftruck rijden")] == (1, 2)
    assert cells[("A", "VCA")] == (1, 2)
    assert cells[("B", "VCA")] == (0, 1)
    assert cells[("B", "PLC programmeren")] == (1, 1)
    assert ("B", "Planner") not in cells and len(cells) == 8


def _course(name: str, skills: str, hours: float, cost: float) -> Course:
    return Course(name, tuple(parse_list(skills)), hours, cost)


def test_the_path_prefers_fewer_hours_then_lower_cost_and_explains_what_it_covers() -> None:
    vocabulary = Vocabulary(r.skill for r in REQUIREMENTS)
    catalogue = learning.Catalogue(
        [
            _course("VCA Basis", "VCA", 8, 195),
            _course("Heftruck", "heftruck rijden:2", 8, 350),
            _course("Heftruck goedkoop", "heftruck:2", 8, 300),
            _course("Combi", "VCA; heftruck:2", 14, 900),
            _course("PLC basis", "PLC:2", 16, 800),  # level 2 does not reach the required 3
            _course("Excel", "Excel:3", 4, 100),  # nice-to-have: not in the path
        ],
        vocabulary,
    )
    held = hold(parse_list("PLC:1"), vocabulary)
    path = catalogue.path(person_gaps(held, REQUIREMENTS, vocabulary))
    assert [s.course.name for s in path.steps] == ["Combi"]  # 14 h beats 8 + 8 h
    assert [g.skill for g in path.steps[0].covers] == ["Heftruck rijden", "VCA"]
    assert [g.skill for g in path.uncovered] == ["PLC programmeren"]  # no course reaches 3
    assert path.hours == 14 and path.cost == 900 and path.exact
    # equal hours: the cheaper course
    held = hold(parse_list("VCA; PLC:3"), vocabulary)
    path = catalogue.path(person_gaps(held, REQUIREMENTS, vocabulary))
    assert [s.course.name for s in path.steps] == ["Heftruck goedkoop"]
    # nothing to learn: an empty path
    assert catalogue.path([]).steps == ()


def _brute_force(gaps, courses, vocabulary) -> tuple[int, int] | None:
    catalogue = learning.Catalogue(courses, vocabulary)
    coverable = {
        i
        for i, gap in enumerate(gaps)
        if any(catalogue._covers(n, (gap.key, gap.required)) for n in range(len(courses)))
    }
    best = None
    for size in range(len(courses) + 1):
        for chosen in itertools.combinations(range(len(courses)), size):
            covered = {
                i
                for i, gap in enumerate(gaps)
                for n in chosen
                if catalogue._covers(n, (gap.key, gap.required))
            }
            if covered >= coverable:
                price = (
                    sum(round(courses[n].hours * 100) for n in chosen),
                    sum(round(courses[n].cost * 100) for n in chosen),
                )
                best = price if best is None or price < best else best
    return best


def test_the_path_equals_brute_force_on_small_random_cases() -> None:
    skills = ["Excel", "VCA", "heftruck", "PLC", "lassen", "Lean", "BHV", "Engels"]
    requirements = [Requirement(s, 3) for s in skills]
    vocabulary = Vocabulary(skills)
    rng = random.Random(20)
    for _case in range(150):
        courses = [
            Course(
                f"c{n}",
                tuple(
                    Entry(s, rng.choice([None, 1, 2, 3, 4]))
                    for s in rng.sample(skills, rng.randint(1, 3))
                ),
                rng.choice([4, 8, 8, 12, 16, 24, 1.5]),
                rng.choice([0, 95, 195, 350, 350, 800]),
            )
            for n in range(rng.randint(1, 9))
        ]
        held = hold([Entry(s, rng.randint(1, 4)) for s in rng.sample(skills, 3)], vocabulary)
        gaps = person_gaps(held, requirements, vocabulary)
        path = learning.Catalogue(courses, vocabulary).path(gaps)
        expected = _brute_force(gaps, courses, vocabulary)
        got = (round(path.hours * 100), round(path.cost * 100))
        assert got == expected, (courses, gaps, path)
        covered = {g for step in path.steps for g in step.covers} | set(path.uncovered)
        assert covered == set(gaps)


def test_many_gaps_fall_back_to_a_greedy_cover_and_say_so() -> None:
    skills = [f"Vaardigheid {n}" for n in range(learning.EXACT_LIMIT + 2)]
    vocabulary = Vocabulary(skills)
    requirements = [Requirement(s, 2) for s in skills]
    courses = [Course(f"Cursus {n}", (Entry(s),), 8, 100) for n, s in enumerate(skills)]
    path = learning.Catalogue(courses, vocabulary).path(person_gaps([], requirements, vocabulary))
    assert not path.exact and len(path.steps) == len(skills) and path.uncovered == ()
