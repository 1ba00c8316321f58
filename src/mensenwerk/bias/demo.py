"""Demo history for the Fairness page: a closed vacancy with 96 invented candidates.

Candidates, CVs, self-identification and decisions are generated here from a fixed seed (no
real people). The pattern is deliberate, so the page has something to show: the AI's
suggestions follow the CVs alone, while the people advanced strong candidates aged 45 or over
less often — a gap that arises in the human decisions. Loading twice changes nothing.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

from django.utils import timezone

from mensenwerk.bias.services import check_alerts, checks_paused
from mensenwerk.core.models import Department, User
from mensenwerk.governance.history import Step, Timeline
from mensenwerk.recruitment import intake, services
from mensenwerk.recruitment.models import Application, Vacancy

HISTORY_VACANCY = uuid.UUID("6d656e73-656e-7765-726b-000000000002")
AD = """Voor onze assemblagehal zoeken wij productiemedewerkers (m/v/x).

Je monteert onderdelen van verpakkingsmachines volgens tekening en werkinstructie en
controleert je eigen werk. Ervaring in productie of montage is nodig; VCA is een pré.
"""
# Ten CV profiles, handed out in turn within each gender × age group, so every group gets the
# same mix
# and the AI's scores (which read the CV alone) show no gap by construction. Strong CVs hold
# some of the criteria, not always all, so the scores spread over several values as real ones
# do (identical CVs all scored 1.00, and a median split of tied scores compares nothing).
# (work line, certificate, first year); None for a weak CV.
STRONG_WORK = (
    "Montage van onderdelen volgens technische tekeningen en werkinstructies.",
    "Montage van onderdelen volgens werkinstructies.",
    "Lezen van technische tekeningen en eindcontrole.",
    "Orderpicken en inpakken.",
)
PROFILES: list[tuple[int, str, int] | None] = [
    (0, "VCA basis", 2012),
    None,
    (0, "VCA VOL", 2015),
    (2, "", 2018),
    None,
    (0, "", 2020),
    (3, "Heftruckcertificaat", 2022),
    None,
    (2, "VCA basis", 2018),
    None,
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


def load_history_demo(timeline: Timeline | None = None) -> None:
    """The vacancy ran over the last four months: applications arrive until ten days ago,
    each screened on arrival and decided within two days; interviews and hires follow weeks
    later (no hire after the vacancy closed, yesterday). With a dated ``timeline`` the trail
    records those times."""
    if Vacancy.objects.filter(public_id=HISTORY_VACANCY).exists():
        return
    own = timeline is None
    timeline = timeline or Timeline()
    rng = random.Random(2026)
    genders = [g for g, n in GENDERS for _ in range(n)]
    ages = [a for a, n in AGES for _ in range(n)]
    rng.shuffle(genders)
    rng.shuffle(ages)
    now = timezone.now()
    opened = now - timedelta(days=130)
    arrivals = sorted(opened + timedelta(days=rng.uniform(1, 120)) for _ in genders)
    closing = now - timedelta(days=1)
    state: dict[str, Vacancy] = {}

    def open_vacancy(at: datetime) -> None:
        hr = User.objects.get(username="hr")
        vacancy = Vacancy(
            public_id=HISTORY_VACANCY,
            title="Productiemedewerker assemblage (m/v/x)",
            department=Department.objects.filter(name="Productie").first(),
            hiring_manager=User.objects.get(username="manager"),
            description=AD,
            language="nl",
            min_years_experience=1,
            status=Vacancy.Status.OPEN,
        )
        criteria = services.CriteriaInput(
            ["technische tekeningen lezen"], [("VCA", 1.0), ("montage", 1.0)], []
        )
        with checks_paused():
            state["vacancy"] = services.do_save_vacancy(
                vacancy, criteria, [User.objects.get(username="recruiter")], hr
            )
        Vacancy.objects.filter(pk=vacancy.pk).update(published_at=at)

    timeline.add(opened, open_vacancy)
    handed: dict[tuple[str, str], int] = {}
    for i, (gender, age, arrived) in enumerate(zip(genders, ages, arrivals, strict=True)):
        company = COMPANIES[i % len(COMPANIES)]
        turn = handed.get((gender, age), 0)
        profile = PROFILES[turn % len(PROFILES)]
        handed[gender, age] = turn + 1
        lines = _cv(profile, company, 2014 + i % 10)
        text = "\n".join([f"Kandidaat {i + 1}", f"kandidaat{i + 1}@example.nl", *lines])
        # each candidate's own dice: the outcome does not depend on the order steps run in
        dice = random.Random(f"demo-candidate-{i}")
        timeline.add(arrived, _arrival(timeline, state, i, text, gender, age, dice))

    def close(at: datetime) -> None:
        vacancy = state["vacancy"]
        with checks_paused():
            services.do_close(vacancy, User.objects.get(username="hr"))
        check_alerts(vacancy.pk, notify=False)  # on the page and in the trail; no demo e-mail

    timeline.add(closing, close)
    if own:
        timeline.run()


def _arrival(
    timeline: Timeline,
    state: dict[str, Vacancy],
    i: int,
    text: str,
    gender: str,
    age: str,
    rng: random.Random,
) -> Step:
    def arrive(at: datetime) -> None:
        with checks_paused():
            application, _key = intake.do_apply(
                state["vacancy"],
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
            Application.objects.filter(pk=application.pk).update(created_at=at)

        def decide(when: datetime) -> None:
            with checks_paused():
                application.refresh_from_db()
                _decide(timeline, application, age, rng, when)

        # a recruiter reviews within two working days, not in the same second
        timeline.add(at + timedelta(hours=rng.uniform(1, 48)), decide)

    return arrive


def _cv(profile: tuple[int, str, int] | None, company: str, weak_start: int) -> list[str]:
    if profile is None:
        return [line.format(start=weak_start, company=company) for line in WEAK]
    work, certificate, start = profile
    lines = [
        "Werkervaring",
        f"{start} - heden Productiemedewerker bij {company}",
        STRONG_WORK[work],
        "Opleiding",
        "MBO Techniek",
    ]
    return lines + (["Certificaten", certificate] if certificate else [])


def _decide(
    timeline: Timeline, application: Application, age: str, rng: random.Random, at: datetime
) -> None:
    """The recruiter decides on arrival; interviews follow in two weeks, hires four to seven
    weeks after arrival (the cockpit's time-to-hire)."""
    recruiter = User.objects.get(username="recruiter")
    manager = User.objects.get(username="manager")
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
    if rng.random() >= 0.7:
        services.do_move(application, recruiter, "rejected", "Vacature vervuld.")
        return
    hire_after = timedelta(days=rng.randint(28, 49))
    before_closing = timezone.now() - timedelta(days=1, hours=1)
    hired = rng.random() < 0.4 and at + hire_after < before_closing

    def interview(when: datetime) -> None:
        _move(application, manager, "interview", when)
        if not hired:
            _move(application, manager, "rejected", when, "Andere kandidaat gekozen.")

    def hire(when: datetime) -> None:
        _move(application, manager, "offer", when)
        _move(application, manager, "hired", when)

    timeline.add(min(at + timedelta(days=rng.randint(7, 14)), before_closing), interview)
    if hired:
        timeline.add(at + hire_after, hire)


def _move(
    application: Application, actor: User, stage: str, at: datetime, reason: str = ""
) -> None:
    with checks_paused():
        application.refresh_from_db()
        services.do_move(application, actor, stage, reason)
    application.events.filter(stage=stage).update(at=at)
