"""Demo: two engagement-survey waves of the demo organisation (spring and autumn 2026, with
comments; in the autumn the production night shift's workload drops beyond the normal
variation), a short survey run in Mensenwerk that is still open, and an HR history of stayers
and leavers. The register entry ``retention-risk`` stays waiting for the works council's
consent, so the gate can be seen; ``consent_demo`` is the second step: it records consent,
activates the entry and runs the model.

Everything is generated with a fixed seed from invented rules written here (no real data)."""

from __future__ import annotations

import csv
import io
import math
import random
from datetime import date

from django.db import transaction

from mensenwerk.analytics import services, surveys
from mensenwerk.analytics.models import RetentionRun, Survey
from mensenwerk.core.models import Person, User
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AIApplication, Overseer

THEMES = ("Werkdruk", "Leiding", "Ontwikkeling", "Samenwerking")
WAVES = (("Medewerkersonderzoek voorjaar 2026", date(2026, 4, 15), 0.0),
         ("Medewerkersonderzoek najaar 2026", date(2026, 10, 15), 1.0))  # fmt: skip
TEAMS = {"Productie": ("Dagdienst", "Avonddienst", "Nachtdienst")}
COMMENTS = (
    "De werkdruk is te hoog sinds de reorganisatie, we lopen structureel achter.",
    "Fijne collega's en een goede sfeer in het team.",
    "Mijn leidinggevende luistert echt, daar ben ik blij mee.",
    "Te weinig opleidingsmogelijkheden, ik wil me verder ontwikkelen.",
    "Planning van de nachtdienst is slecht, te veel overuren.",
    "Goede samenwerking met engineering, korte lijnen.",
    "Ik mis duidelijke communicatie van het management over de toekomst.",
    "Workload is too high and overtime is the norm.",
    "Great team, but the training budget is too small.",
    "Meer waardering voor het werk zou fijn zijn.",
)


def _survey_csv(people: list[Person], drop: float, rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    items = [f"{t}{i}" for t in THEMES for i in (1, 2, 3)]
    writer.writerow(["Respondent", "Afdeling", "Team", *items, "Aanbevelen", "Opmerking"])
    for n, person in enumerate(people):
        if rng.random() < 0.2:  # a fifth does not answer
            continue
        dept = person.department.name if person.department else ""
        team = rng.choice(TEAMS[dept]) if dept in TEAMS else ""
        mood = rng.gauss(0, 0.6)
        night = drop if team == "Nachtdienst" else 0.0
        scores = []
        for theme in THEMES:
            base = 3.6 + mood - (1.4 * night if theme == "Werkdruk" else 0.3 * night)
            scores += [str(min(5, max(1, round(rng.gauss(base, 0.7))))) for _ in range(3)]
        recommend = min(10, max(0, round(rng.gauss(7.2 + 2 * mood - 2 * night, 1.3))))
        comment = rng.choice(COMMENTS) if rng.random() < 0.35 else ""
        writer.writerow([f"R{n:04d}", dept, team, *scores, recommend, comment])
    return out.getvalue().encode()


def _history_csv(people: list[Person], rng: random.Random) -> bytes:
    """Current staff (who stayed) and invented former colleagues, with invented rules: short
    tenure, manager changes, overtime and a low pay band raise the chance of having left."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Personeelsnummer", "Afdeling", "Diensttijd", "Uren", "Schaal",
                     "Managerwissels", "Verzuimdagen", "Overuren", "Geslacht", "Leeftijd",
                     "Vertrokken"])  # fmt: skip
    # everyone now employed stayed; of 200 invented former colleagues, those the invented
    # rule sends away are the leavers of the last five years (the others never existed)
    rows = [(p.employee_number, p.department.name if p.department else "", False) for p in people]
    rows += [(f"9{n:04d}", rng.choice(rows)[1], True) for n in range(200)]
    for number, dept, former in rows:
        tenure = round(0.1 + rng.expovariate(1 / 6), 1)  # years employed, never 0
        changes, overtime = rng.choice((0, 0, 0, 1, 1, 2, 3)), rng.choice((0, 0, 2, 4, 8))
        scale = rng.randint(4, 11)
        logit = (-1.5 - 0.25 * tenure + 0.55 * changes + 0.18 * overtime - 0.2 * (scale - 7)
                 + (0.6 if dept == "Productie" else 0))  # fmt: skip
        if former and rng.random() >= 1 / (1 + math.exp(-logit)):
            continue
        writer.writerow([number, dept, tenure, rng.choice((24, 32, 36, 40)), scale, changes,
                         rng.randint(0, 15), overtime, rng.choice(("man", "vrouw")),
                         rng.randint(19, 64), "ja" if former else "nee"])  # fmt: skip
    return out.getvalue().encode()


def history_file() -> bytes:
    people = list(Person.objects.employees().select_related("department").order_by("pk"))
    return _history_csv(people, random.Random(2121))


@transaction.atomic
def load_analytics_demo() -> None:
    """The two survey waves (imported by HR as a user would); idempotent."""
    if Survey.objects.exists():
        return
    hr = User.objects.get(username="hr")
    people = list(Person.objects.employees().select_related("department").order_by("pk"))
    rng = random.Random(2026)
    for title, held_on, drop in WAVES:
        survey = surveys.do_upload(
            _survey_csv(people, drop, rng), "onderzoek.csv", title, held_on, hr
        )
        surveys.do_apply(survey, survey.mapping, hr)
    # a short survey run in Mensenwerk, still open: the demo users see it on their start page
    surveys.do_open("Pulse december 2026", hr)


@transaction.atomic
def consent_demo() -> RetentionRun:
    """The second step: the works council's consent, the DPIA, a briefed overseer, then the
    register entry switched on and the model run on the demo history."""
    hr = User.objects.get(username="hr")
    app = AIApplication.objects.get(slug=services.RETENTION_RISK)
    app.owner = hr
    app.legal_basis = AIApplication.LegalBasis.INTEREST
    app.dpia_status, app.dpia_date = AIApplication.DpiaStatus.COMPLETED, date(2026, 11, 20)
    app.works_council_status = AIApplication.WorksCouncil.CONSENT_GIVEN
    app.works_council_date = date(2026, 11, 26)
    app.works_council_document = "Instemmingsbesluit OR behoudsrisico, 26 november 2026"
    app.save()
    Overseer.objects.get_or_create(
        application=app, user=hr, defaults={"briefed_at": date(2026, 11, 27)}
    )
    if not app.active:
        trust.do_activate(app, hr)
    run = services.do_upload(history_file(), "hr-historie.csv", hr)
    services.do_start(run, run.mapping, hr)
    return services.run_retention(run.pk)
