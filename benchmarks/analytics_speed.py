"""Issue 21 speed targets on two cores, on generated data:

1. a 5,000-answer survey (12 items in 4 themes, an eNPS item, 40 teams, a comment on most
   answers in Dutch or English, some with a name, e-mail address or phone number) analysed per
   team with the anonymity rules, the themes' weight in eNPS (200 bootstrap resamples) and the
   comment themes of the organisation and of every shown team, masked: <= 10 s;
2. the retention model on 10,000 employees (15 columns: numbers, ratings, text) trained and
   5 x 5 cross-validated, all three models, with every person's risk and factors <= 60 s.

    .venv/bin/python benchmarks/analytics_speed.py
"""

from __future__ import annotations

import random
import time

from mensenwerk.engines import tabular
from mensenwerk.engines.analytics import attrition, survey

ITEMS = [f"{theme}{i}" for theme in ("Werk", "Leiding", "Groei", "Team") for i in (1, 2, 3)]


GOOD = [
    "fijne collega's",
    "goede sfeer in het team",
    "flexibele werktijden",
    "great team",
    "mijn leidinggevende steunt me",
    "duidelijke afspraken",
    "leuke klanten",
]
BAD = [
    "de werkdruk is te hoog",
    "de planning is krap",
    "te veel overuren",
    "workload too high",
    "weinig opleiding",
    "onduidelijke communicatie van het MT",
    "oude machines",
]
WHO = ["", "", "", " Vraag het Piet Jansen.", " Mail me: anna@example.nl", " Bel 06 12345678."]


def comment(rng: random.Random, mood: float) -> str:
    if rng.random() < 0.2:
        return ""
    pool = GOOD if rng.random() < mood else BAD
    text = " en ".join(rng.sample(pool, rng.randint(1, 2)))
    return text[0].upper() + text[1:] + "." + rng.choice(WHO)


def survey_table(n: int, rng: random.Random) -> tabular.Table:
    rows = []
    for _ in range(n):
        team = f"Team {rng.randint(1, 40):02d}"
        mood = rng.random()
        items = [str(min(5, max(1, round(1 + 4 * mood + rng.gauss(0, 0.8))))) for _ in ITEMS]
        score = str(min(10, max(0, round(10 * mood + rng.gauss(0, 1.5)))))
        rows.append([team, score, *items, comment(rng, mood)])
    return tabular.Table(["team", "enps", *ITEMS, "opmerking"], rows)


def people_table(n: int, rng: random.Random) -> tabular.Table:
    headers = ["nr", "vertrokken", "afdeling", "functie", "uren", "schaal", "dienstjaren",
               "leeftijd", "verzuimdagen", "managerwissels", "tevredenheid", "werkdruk",
               "thuiswerk", "reisafstand", "opleidingsuren", "beoordeling"]  # fmt: skip
    rows = []
    for i in range(n):
        pressure = rng.randint(1, 5)
        years = rng.randint(0, 30)
        risk = 0.05 + 0.06 * pressure - 0.004 * years
        rows.append([f"P{i:05d}", "ja" if rng.random() < risk else "nee",
                     rng.choice(["Productie", "Logistiek", "Verkoop", "HR", "Finance"]),
                     rng.choice(["Operator", "Planner", "Adviseur", "Monteur"]),
                     str(rng.choice([24, 32, 36, 40])), str(rng.randint(3, 12)), str(years),
                     str(rng.randint(18, 66)), str(int(rng.expovariate(0.1))),
                     str(rng.randint(0, 4)), str(rng.randint(1, 5)), str(pressure),
                     rng.choice(["ja", "nee"]), str(rng.randint(1, 80)),
                     str(rng.randint(0, 60)), str(rng.randint(1, 4))])  # fmt: skip
    return tabular.Table(headers, rows)


def main() -> None:
    rng = random.Random(7)
    table = survey_table(5000, rng)
    started = time.perf_counter()
    result = survey.analyse(table, "team", "enps", comments="opmerking")
    seconds = time.perf_counter() - started
    withheld = sum(g.withheld for g in result.groups)
    themes = ", ".join("/".join(t.terms[:2]) for t in result.overall.comments)
    print(f"survey: 5,000 answers, {len(result.groups)} teams ({withheld} withheld), "
          f"{len(result.items)} items in {len(result.themes)} themes, {len(result.drivers)} "
          f"drivers, comment themes: {themes}: {seconds:.2f} s (target <= 10 s)")  # fmt: skip
    table = people_table(10_000, rng)
    started = time.perf_counter()
    model = attrition.analyse(table, "vertrokken", "nr", exclude=("leeftijd",))
    seconds = time.perf_counter() - started
    print(f"retention model: 10,000 employees, {len(model.used)} columns, 5 x 5 CV of three "
          f"models, chosen {model.model} AUC {model.cv_auc:.3f}: {seconds:.1f} s "
          f"(target <= 60 s)")  # fmt: skip


if __name__ == "__main__":
    main()
