"""Demo history for the Fairness page: a closed vacancy with 96 invented candidates.

Candidates, CVs, self-identification and decisions are generated here from a fixed seed (no
real people). The pattern is deliberate, so the page has something to show: the AI's
suggestions follow the CVs alone, while the people advanced strong candidates aged 45 or over
less often — a gap that arises in the human decisions. Loading twice changes nothing.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from mensenwerk.bias.services import check_alerts, checks_paused
from mensenwerk.core.models import Department, User
from mensenwerk.recruitment import services
from mensenwerk.recruitment.models import Application, Vacancy

HISTORY_VACANCY = uuid.UUID("6d656e73-656e-7765-726b-000000000002")
AD = """Voor onze assemblagehal zoeken wij productiemedewerkers (m/v/x).

Je monteert onderdelen van verpakkingsmachines volgens tekening en werkinstructie en
controleert je eigen werk. Ervaring in productie of montage is nodig; VCA is een pré.
"""
STRONG = [
    "Werkervaring",
    "{start} - heden Productiemedewerker bij {company}",
    "Montage van onderdelen volgens technische tekeningen en werkinstructies.",
    "Opleiding",
    "MBO Techniek",
    "Certificaten",
    "VCA basis",
]
WEAK = [
    "Werkervaring",
    "{start} - heden Verkoopmedewerker bij {company}",
    "Klanten helpen en kassa.",
    "Opleiding",
    "VMBO",
]
COMPANIES = ("Brabant Metaal", "Van Dijk Techniek", "Kempen Assemblage", "Philips", "ASML")
GENDERS = [("female", 38), ("male", 50), ("nonbinary", 3), ("", 5)]
AGES = [("<25", 14), ("25-34", 30), ("35-44", 22), ("45-54", 18), ("55+", 12)]


def load_history_demo() -> None:
    if Vacancy.objects.filter(public_id=HISTORY_VACANCY).exists():
        return
    rng = random.Random(2026)
    hr = User.objects.get(username="hr")
    recruiter = User.objects.get(username="recruiter")
    manager = User.objects.get(username="manager")
    genders = [g for g, n in GENDERS for _ in range(n)]
    ages = [a for a, n in AGES for _ in range(n)]
    rng.shuffle(genders)
    rng.shuffle(ages)
    with checks_paused():
        vacancy = Vacancy(
            public_id=HISTORY_VACANCY,
            title="Productiemedewerker assemblage (m/v/x)",
            department=Department.objects.filter(name="Productie").first(),
            hiring_manager=manager,
            description=AD,
            language="nl",
            min_years_experience=1,
            status=Vacancy.Status.OPEN,
        )
        criteria = services.CriteriaInput(
            ["technische tekeningen lezen"], [("VCA", 1.0), ("montage", 1.0)], []
        )
        services.do_save_vacancy(vacancy, criteria, [recruiter], hr)
        for i, (gender, age) in enumerate(zip(genders, ages, strict=True)):
            strong = rng.random() < 0.6
            lines = [
                line.format(start=2014 + rng.randrange(10), company=rng.choice(COMPANIES))
                for line in (STRONG if strong else WEAK)
            ]
            text = "\n".join([f"Kandidaat {i + 1}", f"kandidaat{i + 1}@example.nl", *lines])
            application, _key = services.do_apply(
                vacancy,
                first_name="Kandidaat",
                last_name=str(i + 1),
                email=f"kandidaat{i + 1}@example.nl",
                phone="",
                data=f"{text}\nReferentie {i + 1}".encode(),
                filename=f"cv-{i + 1}.txt",
                consent=False,
                gender=gender,
                age_band=age,
                notify=False,
            )
            _decide(application, recruiter, manager, age, rng)
        services.do_close(vacancy, hr)
        _spread_dates(vacancy, rng)
    check_alerts(vacancy.pk, notify=False)  # on the page and in the trail; no demo e-mail


def _spread_dates(vacancy: Vacancy, rng: random.Random) -> None:
    """The vacancy ran over the last months: applications arrive over three weeks after it
    opened and hires follow four to seven weeks later (the cockpit's time-to-hire). Stage
    events are recruitment's own dates; the audit trail keeps its real timestamps."""
    opened = timezone.now() - timedelta(days=110)
    Vacancy.objects.filter(pk=vacancy.pk).update(published_at=opened)
    for application in vacancy.applications.all():
        arrived = opened + timedelta(days=rng.randint(1, 21))
        Application.objects.filter(pk=application.pk).update(created_at=arrived)
        application.events.filter(stage="hired").update(
            at=arrived + timedelta(days=rng.randint(28, 49))
        )


def _decide(
    application: Application, recruiter: User, manager: User, age: str, rng: random.Random
) -> None:
    older = age in ("45-54", "55+")
    if application.ai_suggestion == "advance":
        advance = rng.random() < (0.35 if older else 0.85)
    else:
        advance = rng.random() < 0.1
    if not advance:
        services.do_decide(application, recruiter, "reject", "Past minder goed bij het profiel.")
        return
    reason = (
        "" if application.ai_suggestion == "advance" else "Relevante ervaring buiten de cv-tekst."
    )
    services.do_decide(application, recruiter, "advance", reason)
    if rng.random() < 0.7:
        services.do_move(application, manager, "interview")
        if rng.random() < 0.4:
            services.do_move(application, manager, "offer")
            services.do_move(application, manager, "hired")
        else:
            services.do_move(application, manager, "rejected", "Andere kandidaat gekozen.")
    else:
        services.do_move(application, recruiter, "rejected", "Vacature vervuld.")
