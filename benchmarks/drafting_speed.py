"""Issue 19 target: 1,000 composed references in <= 5 s (no language model), half Dutch and
half English, every switch and performance level mixed in; plus 1,000 employer's statements.

    .venv/bin/python benchmarks/drafting_speed.py [--n 1000]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from mensenwerk.engines.drafting import compose

NAMES = ["Fatima El Amrani", "Kees de Vries", "Lieke Bakker", "Mo Nguyen", "Anna Yılmaz"]
ROLES = ["CNC-verspaner", "Chauffeur CE", "Verzorgende IG", "Boekhouder", "Planner"]


def facts(rng: random.Random) -> tuple[dict, dict]:
    start = date(2000, 1, 1) + timedelta(days=rng.randrange(8000))
    reference = {
        "organisation": "Van der Molen Machinebouw B.V.",
        "name": rng.choice(NAMES),
        "pronoun": rng.choice(["zij", "hij", "hen", "name"]),
        "role": rng.choice(ROLES),
        "department": "Productie",
        "start_date": start,
        "end_date": start + timedelta(days=rng.randrange(100, 5000)),
        "hours_per_week": rng.choice([24, 32, 38, 40]),
        "tasks": [f"taak {i}" for i in range(rng.randrange(1, 6))],
        "achievements": ["Heeft het planbord ingevoerd"],
        "include_performance": rng.random() < 0.5,
        "performance": rng.choice(["excellent", "good", "satisfactory"]),
        "include_reason": rng.random() < 0.5,
        "reason_for_leaving": "eigen verzoek",
        "signatory": {"name": "Sanne de Vries", "title": "HR-manager"},
        "date": start + timedelta(days=6000),
    }
    statement = {
        "organisation": "Van der Molen Machinebouw B.V.",
        "name": rng.choice(NAMES),
        "start_date": start,
        "contract": "vast",
        "salary": rng.randrange(30000, 90000),
        "holiday_pay": 3000,
        "end_of_year_payment": 0,
        "irregular_allowance": 0,
        "probation": False,
    }
    return reference, statement


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    n = parser.parse_args().n
    rng = random.Random(19)
    inputs = [facts(rng) for _ in range(n)]
    for kind, index in (("reference", 0), ("statement", 1)):
        began = time.perf_counter()
        words = 0
        for i, pair in enumerate(inputs):
            draft = compose(kind, pair[index], "nl" if i % 2 else "en")
            words += len(draft.text.split())
        seconds = time.perf_counter() - began
        target = f"; target <= 5 s: {'meets' if seconds <= 5 else 'MISSES'}"
        print(
            f"{n} {kind}s composed in {seconds:.2f} s ({words / n:.0f} words each)"
            + (target if kind == "reference" else "")
        )


if __name__ == "__main__":
    main()
