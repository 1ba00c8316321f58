"""Issue 20 target: gaps and learning paths for 2,000 people × 40 roles × 300 courses ≤ 5 s.

Generates the three CSV files `mensenwerk skills gap` reads (people with 4–8 free-text skills
in Dutch or English, some misspelt, some hobbies; 40 role profiles of 6–12 requirements; 300
courses teaching 1–3 skills at a level), then times reading, mapping, gaps, the team heatmap
and every person's shortest path — the whole CLI run minus printing. Fresh process state per
run (the mapping caches are rebuilt), median and worst of five runs.

    .venv/bin/python benchmarks/skills_speed.py [--people 2000] [--roles 40] [--courses 300]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

from mensenwerk.commands import skills as command
from mensenwerk.engines import skills as taxonomy

HOBBIES = ["vissen", "koken", "gitaar spelen", "zwemmen", "fietsen", "schaken", "toneel"]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 6 or rng.random() > 0.15:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1 :]  # one letter dropped


def write(folder: Path, people: int, roles: int, courses: int, seed: int = 20) -> None:
    rng = random.Random(seed)
    concepts = [c for c in taxonomy.taxonomy() if c.labels]
    role_skills = {f"Rol {n}": rng.sample(concepts, rng.randint(6, 12)) for n in range(roles)}
    with (folder / "R.csv").open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["role", "skill", "level", "must"])
        for role, wanted in role_skills.items():
            for concept in wanted:
                must = "yes" if rng.random() < 0.6 else "no"
                out.writerow([role, rng.choice(concept.labels), rng.randint(1, 4), must])
    with (folder / "P.csv").open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["person", "team", "role", "skills"])
        for n in range(people):
            role = rng.choice(list(role_skills))
            pool = role_skills[role] + rng.sample(concepts, 4)
            held = [
                f"{_typo(rng, rng.choice(c.labels))}:{rng.randint(1, 5)}"
                for c in rng.sample(pool, rng.randint(3, 7))
            ]
            held.append(rng.choice(HOBBIES))
            out.writerow([f"p{n:05d}", f"Team {n % 60}", role, "; ".join(held)])
    with (folder / "C.csv").open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["course", "skills", "hours", "cost"])
        for n in range(courses):
            taught = rng.sample(concepts, rng.randint(1, 3))
            listed = "; ".join(f"{rng.choice(c.labels)}:{rng.randint(2, 5)}" for c in taught)
            out.writerow(
                [f"Cursus {n}", listed, rng.choice([4, 8, 16, 24, 40]), rng.randint(1, 30) * 50]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--roles", type=int, default=40)
    parser.add_argument("--courses", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(folder, args.people, args.roles, args.courses)
        timings = []
        for _run in range(5):
            taxonomy.reload()
            taxonomy.stem.cache_clear()
            started = time.perf_counter()
            out = command.analyse(folder / "P.csv", folder / "R.csv", folder / "C.csv")
            timings.append(time.perf_counter() - started)
    gaps = sum(len(p["gaps"]) for p in out["people"])
    steps = sum(len(p["path"]) for p in out["people"])
    unmapped = sum(len(p["unmapped"]) for p in out["people"])
    print(
        f"{args.people} people × {args.roles} roles × {args.courses} courses: {gaps} gaps, "
        f"{steps} courses in paths, {unmapped} unmapped skills, {len(out['teams'])} team cells"
    )
    print(f"median {statistics.median(timings):.2f} s, worst {max(timings):.2f} s (target ≤ 5 s)")


if __name__ == "__main__":
    main()
