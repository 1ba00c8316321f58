"""Issue target: fairness tables for 100,000 applications x 3 attributes with their
intersection in <= 2 s on the 2-core machine.

    .venv/bin/python benchmarks/fairness_speed.py [--rows 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from mensenwerk.engines import fairness


def make(rows: int, seed: int = 7) -> tuple[dict[str, list[str]], list[int]]:
    rng = random.Random(seed)
    genders = ["F", "M", "X", ""]
    ages = ["<25", "25-34", "35-44", "45-54", "55+"]
    origins = ["NL", "EU", "non-EU", "unknown"]
    columns: dict[str, list[str]] = {"gender": [], "age": [], "origin": []}
    outcome = []
    for _ in range(rows):
        gender = rng.choices(genders, weights=[48, 48, 2, 2])[0]
        columns["gender"].append(gender)
        columns["age"].append(rng.choice(ages))
        columns["origin"].append(rng.choices(origins, weights=[70, 15, 12, 3])[0])
        outcome.append(1 if rng.random() < (0.18 if gender == "F" else 0.22) else 0)
    return columns, outcome


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--rows", type=int, default=100_000)
    args.add_argument("--repeat", type=int, default=5)
    opts = args.parse_args()
    columns, outcome = make(opts.rows)
    times = []
    for _ in range(opts.repeat):
        start = time.perf_counter()
        tables = fairness.audit(columns, ["gender", "age", "origin"], outcome)
        times.append(time.perf_counter() - start)
    groups = sum(len(t.rows) for t in tables)
    print(
        f"fairness tables: {opts.rows:,} rows x 3 attributes + intersection "
        f"({len(tables)} tables, {groups} groups)"
    )
    print(
        f"  median {statistics.median(times):.3f} s, worst {max(times):.3f} s "
        f"over {opts.repeat} runs (target <= 2 s)"
    )


if __name__ == "__main__":
    main()
