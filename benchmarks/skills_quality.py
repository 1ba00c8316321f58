"""Issue 20 target: the skills module detects the right gaps from free-text employee skills.

Three evaluation sets: data/skills_eval.json (8 roles, 40 people, 187 skills as people type
them, in Dutch and English, with compounds, misspellings, levels and hobbies), written by hand
before the mapper existed; data/skills_eval_heldout.json (the same roles, 28 people, 124 skills
in new wording), written after the mapper and committed before its first run — its errors then
motivated the role-aware rule, so it is no longer independent; data/skills_eval_third.json (24
people, 108 skills), written and committed before that rule. None was tuned on label by
label. Each skill is labelled with the requirement it names; the gold gaps follow from those
labels and the levels.

Two methods in one run on the same people and requirements:
- baseline: plain string match (a skill counts for a requirement when both read the same after
  lower-casing and trimming);
- mensenwerk: ``engines.skillmap`` + ``engines.learning.person_gaps``, as the product and the
  CLI use them.

Reports precision, recall and F1 of the detected gaps (person × requirement), and how many
skills each method reads as the labelled requirement. Target: gap F1 >= 0.9.

    .venv/bin/python benchmarks/skills_quality.py [--verbose] [--taxonomy OLD.json]

The taxonomy labels this issue added were written by the same person on the same day as the
set, so the second figure to quote is with the taxonomy as it was before
(``git show 4852c45:src/mensenwerk/engines/data/skills.json > /tmp/before.json``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mensenwerk.engines import skills as skills_engine
from mensenwerk.engines.learning import Requirement, asked, hold, person_gaps
from mensenwerk.engines.skillmap import Vocabulary, parse_entry

HERE = Path(__file__).resolve().parent


SETS = {
    "development": "skills_eval.json",
    "heldout": "skills_eval_heldout.json",
    "third": "skills_eval_third.json",
}
Person = tuple[str, str, list[tuple[str, str | None]]]  # id, role, (skill as written, label)


def load(name: str) -> tuple[dict[str, list[Requirement]], list[Person]]:
    data = json.loads((HERE / "data" / SETS[name]).read_text(encoding="utf-8"))
    roles = {
        role: [Requirement(skill, level, must) for skill, level, must in rows]
        for role, rows in data["roles"].items()
    }
    people = [
        (p, role, [(text, means) for text, means in skills]) for p, role, skills in data["people"]
    ]
    return roles, people


def gold_gaps(roles, people) -> set[tuple[str, str]]:
    out = set()
    for person, role, skills in people:
        has: dict[str, int] = {}
        for text, means in skills:
            if means and not means.startswith("other:"):
                entry = parse_entry(text)
                has[means] = max(has.get(means, 0), entry.level or 1)
        for requirement in roles[role]:
            if has.get(requirement.skill, 0) < requirement.level:
                out.add((person, requirement.skill))
    return out


def baseline(roles, people) -> tuple[set[tuple[str, str]], int]:
    found, read_right = set(), 0
    for person, role, skills in people:
        has: dict[str, int] = {}
        for text, means in skills:
            entry = parse_entry(text)
            read_as = None
            for requirement in roles[role]:
                if entry.text.strip().lower() == requirement.skill.strip().lower():
                    has[requirement.skill] = max(has.get(requirement.skill, 0), entry.level or 1)
                    read_as = requirement.skill
            read_right += read_as == (means if means and not means.startswith("other:") else None)
        for requirement in roles[role]:
            if has.get(requirement.skill, 0) < requirement.level:
                found.add((person, requirement.skill))
    return found, read_right


def mensenwerk(roles, people, verbose: bool) -> tuple[set[tuple[str, str]], int]:
    vocabulary = Vocabulary(r.skill for rows in roles.values() for r in rows)
    found, read_right = set(), 0
    for person, role, skills in people:
        prefer = asked(roles[role], vocabulary)
        held = hold([parse_entry(text) for text, _means in skills], vocabulary, prefer=prefer)
        for h, (text, means) in zip(held, skills, strict=True):
            keys = {
                r.skill: vocabulary.match(r.skill).key  # type: ignore[union-attr]
                for r in roles[role]
            }
            read_as = next(
                (skill for skill, key in keys.items() if h.match and h.match.key == key), None
            )
            wanted = means if means and not means.startswith("other:") else None
            read_right += read_as == wanted
            if verbose and read_as != wanted:
                how = f"{h.match.label!r} ({h.match.how})" if h.match else "unmapped"
                print(f"  {person} {text!r}: read as {read_as!r} via {how}, labelled {means!r}")
        for gap in person_gaps(held, roles[role], vocabulary):
            found.add((person, gap.skill))
    return found, read_right


def scores(found: set, gold: set) -> tuple[float, float, float]:
    right = len(found & gold)
    precision = right / len(found) if found else 1.0
    recall = right / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every misread skill")
    parser.add_argument(
        "--taxonomy", type=Path, help="another skills.json, e.g. the one before issue 20's labels"
    )
    args = parser.parse_args()
    if args.taxonomy:
        skills_engine.DATA = args.taxonomy
        skills_engine.reload()
    for set_name in SETS:
        report(set_name, args.verbose)


def report(set_name: str, verbose: bool) -> None:
    roles, people = load(set_name)
    gold = gold_gaps(roles, people)
    skills = sum(len(s) for _p, _r, s in people)
    pairs = sum(len(roles[r]) for _p, r, _s in people)
    print(
        f"== {set_name} ({SETS[set_name]}): {len(people)} people, {skills} skills, "
        f"{pairs} person × requirement pairs, {len(gold)} gold gaps"
    )
    for name, (found, read_right) in (
        ("string match", baseline(roles, people)),
        ("mensenwerk", mensenwerk(roles, people, verbose)),
    ):
        precision, recall, f1 = scores(found, gold)
        print(
            f"{name:<14} gaps: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
            f"({len(found)} found, {len(found & gold)} right) · skills read as labelled "
            f"{read_right}/{skills}"
        )


if __name__ == "__main__":
    main()
