"""`mensenwerk skills gap`: skill gaps, team heatmap and learning paths from CSV/XLSX files,
without a server or a database.

    mensenwerk skills gap --people P.csv --requirements R.csv [--courses C.csv]
                          [--format table|json]

P: person,team,role,skills (skills separated by ';', an optional level after a colon);
R: role,skill,level,must (level 1-5, default 1; must yes/no, default yes);
C: course,skills,hours,cost. Unknown columns, missing columns, unknown roles and bad values
exit 1 naming them; nothing is guessed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mensenwerk.engines import learning, tabular
from mensenwerk.engines.skillmap import SkillsError, Vocabulary, parse_list

COLUMNS = {
    "people": ("person", "team", "role", "skills"),
    "requirements": ("role", "skill", "level", "must"),
    "courses": ("course", "skills", "hours", "cost"),
}
OPTIONAL = {"requirements": {"level", "must"}}
YES = {"yes": True, "y": True, "ja": True, "j": True, "1": True, "true": True, "": True}
NO = {"no": False, "n": False, "nee": False, "0": False, "false": False}
MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """One sentence naming the file, the row and what is wrong."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mensenwerk skills",
        description="Skill gaps per person (must-haves first), the share of each team with a "
        "gap per skill, and the shortest set of courses (fewest hours, then lowest cost) that "
        "covers each person's must-have gaps. Free-text skills are mapped onto the taxonomy in "
        "Dutch and English; what cannot be mapped is listed as unmapped.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    gap = sub.add_parser("gap", help="gaps, heatmap and learning paths")
    gap.add_argument(
        "--people", type=Path, required=True, help="CSV/XLSX: " + ",".join(COLUMNS["people"])
    )
    gap.add_argument(
        "--requirements",
        type=Path,
        required=True,
        help="CSV/XLSX: " + ",".join(COLUMNS["requirements"]),
    )
    gap.add_argument("--courses", type=Path, help="CSV/XLSX: " + ",".join(COLUMNS["courses"]))
    gap.add_argument("--format", choices=["json", "table"], default="table")
    return p


def _rows(path: Path, kind: str) -> list[dict[str, str]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MB")
        table = tabular.read_table(path.read_bytes(), path.name)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    except tabular.TableError as exc:
        raise InputError(f"{path}: {exc}") from None
    headers = [h.strip().lower() for h in table.headers]
    unknown = [h for h in headers if h not in COLUMNS[kind]]
    if unknown:
        raise InputError(
            f"{path}: unknown column(s) {', '.join(unknown)}; expected {','.join(COLUMNS[kind])}"
        )
    missing = [c for c in COLUMNS[kind] if c not in headers and c not in OPTIONAL.get(kind, set())]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
    return [
        {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(headers)}
        for row in table.rows
    ]


def _number(value: str, column: str, where: str) -> float:
    number = tabular.parse_number(value) if value else 0
    if number is None or number < 0:
        raise InputError(f"{where}: {column} {value!r} is not a number of 0 or more")
    return float(number)


def read_requirements(path: Path) -> dict[str, list[learning.Requirement]]:
    roles: dict[str, list[learning.Requirement]] = {}
    for line, row in enumerate(_rows(path, "requirements"), 2):
        where = f"{path} row {line}"
        if not row.get("role") or not row.get("skill"):
            raise InputError(f"{where}: role and skill are required")
        level_text = row.get("level", "") or "1"
        if level_text not in {"1", "2", "3", "4", "5"}:
            raise InputError(f"{where}: level {level_text!r} is not a whole number from 1 to 5")
        must = row.get("must", "").lower()
        if must not in YES and must not in NO:
            raise InputError(f"{where}: must {row.get('must')!r} is not yes or no")
        requirement = learning.Requirement(row["skill"], int(level_text), YES.get(must, False))
        roles.setdefault(row["role"], []).append(requirement)
    return roles


def read_courses(path: Path) -> list[learning.Course]:
    courses = []
    for line, row in enumerate(_rows(path, "courses"), 2):
        where = f"{path} row {line}"
        if not row["course"]:
            raise InputError(f"{where}: course is required")
        try:
            entries = tuple(parse_list(row["skills"]))
        except SkillsError as exc:
            raise InputError(f"{where}: {exc}") from None
        hours = _number(row["hours"], "hours", where)
        cost = _number(row["cost"], "cost", where)
        courses.append(learning.Course(row["course"], entries, hours, cost))
    return courses


def analyse(
    people_path: Path, requirements_path: Path, courses_path: Path | None
) -> dict[str, Any]:
    roles = read_requirements(requirements_path)
    people = _rows(people_path, "people")
    unknown = sorted({row["role"] for row in people} - set(roles))
    if unknown:
        raise InputError(
            f"{people_path}: unknown role(s) {', '.join(repr(r) for r in unknown)} "
            f"(not in {requirements_path})"
        )
    vocabulary = Vocabulary(r.skill for rows in roles.values() for r in rows)
    catalogue = learning.Catalogue(read_courses(courses_path) if courses_path else [], vocabulary)
    results = []
    prefer: dict[str, frozenset[str]] = {}
    for line, row in enumerate(people, 2):
        try:
            entries = parse_list(row["skills"])
        except SkillsError as exc:
            raise InputError(f"{people_path} row {line}: {exc}") from None
        if row["role"] not in prefer:
            prefer[row["role"]] = learning.asked(roles[row["role"]], vocabulary)
        held = learning.hold(entries, vocabulary, prefer=prefer[row["role"]])
        gaps = learning.person_gaps(held, roles[row["role"]], vocabulary)
        path = catalogue.path(gaps) if courses_path else learning.Path()
        results.append(
            learning.Result(row["person"], row["team"], row["role"], tuple(held), tuple(gaps), path)
        )
    return {
        "people": [_person(result) for result in results],
        "teams": [
            {
                "team": c.team,
                "skill": c.skill,
                "people_with_gap": c.people_with_gap,
                "people": c.people,
            }
            for c in learning.team_cells(results, roles)
        ],
    }


def _person(result: learning.Result) -> dict[str, Any]:
    return {
        "person": result.person,
        "role": result.role,
        "gaps": [{"skill": g.skill, "required": g.required, "has": g.has} for g in result.gaps],
        "unmapped": result.unmapped,
        "path": [
            {
                "course": step.course.name,
                "covers": [gap.skill for gap in step.covers],
                "hours": _plain(step.course.hours),
            }
            for step in result.path.steps
        ],
    }


def _plain(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


def _table(out: dict[str, Any]) -> None:
    for person in out["people"]:
        print(f"{person['person']} ({person['role']})")
        if not person["gaps"]:
            print("  no gaps")
        for gap in person["gaps"]:
            print(f"  gap  {gap['skill']}: level {gap['has']} → {gap['required']}")
        for step in person["path"]:
            covers = ", ".join(step["covers"])
            print(f"  course  {step['course']} ({step['hours']:g} h): covers {covers}")
        if person["unmapped"]:
            print(f"  unmapped  {'; '.join(person['unmapped'])}")
    if out["teams"]:
        print()
        print(f"{'team':<24} {'skill':<32} gap")
        for cell in out["teams"]:
            share = f"{cell['people_with_gap']}/{cell['people']}"
            print(f"{cell['team'][:24]:<24} {cell['skill'][:32]:<32} {share}")


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        out = analyse(args.people, args.requirements, args.courses)
    except InputError as exc:
        print(f"mensenwerk skills: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _table(out)
    return 0
