"""Survey exports and HR histories for the analytics tests, written as HR tools export them."""

from __future__ import annotations

import csv
import io
import random
from datetime import date

from mensenwerk.analytics import surveys
from mensenwerk.analytics.models import RetentionRun, RiskScore, Survey

HEADER = ["Naam", "E-mail", "Afdeling", "Team", "Werkdruk1", "Werkdruk2", "Leiding1",
          "Leiding2", "Aanbevelen", "Opmerking"]  # fmt: skip
# Productie 14 (Dagdienst 8, Nachtdienst 6), Logistiek 6, Kantoor 3: Kantoor is too small,
# and Logistiek must go too, or Kantoor = organisation - Productie - Logistiek
GROUPS = [("Productie", "Dagdienst")] * 8 + [("Productie", "Nachtdienst")] * 6
GROUPS += [("Logistiek", "")] * 6 + [("Kantoor", "")] * 3


def survey_csv(seed: int = 1, low: str = "", comments: dict[int, str] | None = None) -> bytes:
    """One row per respondent; the group ``low`` scores 1 on workload (a drop)."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    for n, (dept, team) in enumerate(GROUPS):
        work = 1 if team == low or dept == low else rng.choice((3, 4, 4, 5))
        writer.writerow([
            f"Persoon {n}", f"p{n}@example.org", dept, team, work, work,
            rng.choice((3, 4, 5)), rng.choice((3, 4, 5)), rng.randint(5, 10),
            (comments or {}).get(n, ""),
        ])  # fmt: skip
    return out.getvalue().encode()


def ready_survey(hr, data: bytes | None = None, held_on: date = date(2026, 10, 1)) -> Survey:
    survey = surveys.do_upload(data or survey_csv(), "onderzoek.csv", "Najaar", held_on, hr)
    return surveys.do_apply(survey, survey.mapping, hr)


def history_csv(people: list[tuple[str, str]], leavers: int = 80, seed: int = 3) -> bytes:
    """Current staff (number, department) who stayed, and former staff: short tenure and
    manager changes went with leaving; gender and age are there, and must not be learnt."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Personeelsnummer", "Afdeling", "Diensttijd", "Managerwissels", "Geslacht",
                     "Leeftijd", "Vertrokken"])  # fmt: skip
    rows = [(number, dept, False) for number, dept in people]
    rows += [(f"9{n:04d}", rng.choice(("Engineering", "Productie")), n < leavers)
             for n in range(2 * leavers)]  # fmt: skip
    for number, dept, left in rows:
        tenure = rng.uniform(0.2, 3) if left else rng.uniform(1, 20)
        changes = rng.choice((1, 2, 3)) if left else rng.choice((0, 0, 1))
        writer.writerow([number, dept, round(tenure, 1), changes, rng.choice(("man", "vrouw")),
                         rng.randint(20, 64), "ja" if left else "nee"])  # fmt: skip
    return out.getvalue().encode()


SUMMARY = {
    "model": "logistic_regression", "cv_auc": 0.8, "cv_auc_std": 0.02, "baseline_auc": 0.78,
    "other_auc": 0.77, "brier": 0.1, "rows": 100, "leavers": 20, "used": ["Diensttijd"],
    "left_out": [], "protected": ["Geslacht"], "current": 1, "alert_at": 0.3, "min_group": 5,
    "teams": [{"team": "Engineering", "n": 1, "withheld": True}], "fairness": [],
}  # fmt: skip


def done_run(hr, person) -> RiskScore:
    """A finished run with one score, for route tests (no model needed)."""
    run = RetentionRun.objects.create(
        original_name="h.csv", status="done", summary=SUMMARY, created_by=hr
    )
    return RiskScore.objects.create(run=run, person=person, key=person.employee_number, risk=0.5)
