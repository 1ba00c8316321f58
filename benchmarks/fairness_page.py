"""How long the Fairness page's figures take from the database: every measure (AI suggestion,
AI score, human decision, interview, offer, hire, scorecards), each attribute and the
intersection, overrides per group — for N applications in a fresh SQLite database.

    .venv/bin/python benchmarks/fairness_page.py [--applications 20000] [--repeat 3]

The rows are bulk-inserted directly (a benchmark fixture, not the intake path, which
`screening_speed.py` measures); the figures are then built by `bias.services.build_report`,
exactly as the page, the API, the alerts and the audit report build them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--applications", type=int, default=20_000)
    args.add_argument("--repeat", type=int, default=3)
    opts = args.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="mw-fairness-"))
    os.environ.update(MENSENWERK_DEMO="1", MENSENWERK_DATA_DIR=str(data_dir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenwerk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from mensenwerk.bias import services
    from mensenwerk.core.models import Person, User
    from mensenwerk.recruitment.models import (
        Application,
        Scorecard,
        SelfIdentification,
        StageEvent,
        Vacancy,
    )

    call_command("migrate", verbosity=0)
    rng = random.Random(5)
    vacancy = Vacancy.objects.create(title="Benchmark", description="x", status="closed")
    interviewer = User.objects.create(username="interviewer")
    n = opts.applications
    people = Person.objects.bulk_create(
        Person(first_name="K", last_name=str(i), kind="candidate") for i in range(n)
    )
    apps = []
    for i, person in enumerate(people):
        score = rng.random()
        reached = rng.choices(
            ["rejected", "advanced", "interview", "offer", "hired"], [6, 1, 1, 1, 1]
        )[0]
        apps.append(
            Application(
                vacancy=vacancy,
                person=person,
                pseudonym=f"K-{i}",
                stored_name="x",
                status_key_hash=f"k{i}",
                score=score,
                ai_suggestion="advance" if score > 0.6 else "below",
                stage=reached,
            )
        )
    apps = Application.objects.bulk_create(apps, batch_size=2000)
    genders = ["female", "male", "nonbinary", ""]
    ages = ["<25", "25-34", "35-44", "45-54", "55+", ""]
    SelfIdentification.objects.bulk_create(
        (
            SelfIdentification(
                application=a,
                gender=rng.choices(genders, [47, 47, 2, 4])[0],
                age_band=rng.choice(ages),
            )
            for a in apps
        ),
        batch_size=2000,
    )
    order = ["advanced", "interview", "offer", "hired"]
    events = []
    cards = []
    for a in apps:
        if a.stage == "rejected":
            events.append(StageEvent(application=a, stage="rejected"))
            continue
        for stage in order[: order.index(a.stage) + 1]:
            events.append(StageEvent(application=a, stage=stage))
        if a.stage != "advanced":
            cards.append(
                Scorecard(application=a, interviewer=interviewer, ratings={"q1": rng.randint(1, 5)})
            )
    StageEvent.objects.bulk_create(events, batch_size=5000)
    Scorecard.objects.bulk_create(cards, batch_size=5000)
    times = []
    for _ in range(opts.repeat):
        start = time.perf_counter()
        report = services.build_report(services.Scope(vacancy=vacancy), min_group=5)
        times.append(time.perf_counter() - start)
    assert report["applicants"] == n
    print(
        f"{n:,} applications, {len(events):,} stage events, {len(cards):,} scorecards: "
        f"build_report median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
        f"over {opts.repeat} runs",
        file=sys.stdout,
    )


if __name__ == "__main__":
    main()
