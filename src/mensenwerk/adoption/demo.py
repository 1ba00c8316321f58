"""Demo cockpit: a first wave with CV pre-selection and the HR assistant chosen, the pilot
running, the TRUST plan half done, a budget, training, champions and pulse answers.

Only the plans are written here. Adoption, acceptance, deflection and hours saved are read by
``metrics.py`` from what the recruitment and assistant demos recorded through the trust layer.
The department heads get accounts (no password: they cannot log in to the demo) so the
screening adoption rate has a realistic number of eligible users.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mensenwerk.adoption import services
from mensenwerk.adoption.models import (
    Benefit,
    BudgetLine,
    Champion,
    ChampionActivity,
    ChampionCandidate,
    Communication,
    Kpi,
    KpiValue,
    PulseResponse,
    ResourceLine,
    Stakeholder,
    TrainingOffer,
    TrainingSession,
    UseCase,
)
from mensenwerk.core import services as core
from mensenwerk.core.models import Department, User
from mensenwerk.core.roles import Role
from mensenwerk.engines import documents as docs

TARGETS = {  # measure -> (baseline, target, months until the target date)
    "screening_hours_saved": (0, 20, 6),
    "time_to_hire": (42, 35, 9),
    "time_to_fill": (60, 50, 9),
    "acceptance_rate": (None, 70, 6),
    "override_rate": (None, 30, 6),
    "assistant_deflection": (0, 60, 6),
    "assistant_satisfaction": (None, 75, 6),
    "adoption_assistant": (0, 60, 6),
    "adoption_screening": (0, 80, 6),
    "literacy_coverage": (0, 90, 4),
    "onboarding_week_one_days": (None, 5, 6),
    "onboarding_complete_90": (None, 90, 9),
    "onboarding_recommend": (None, 30, 12),
    "skills_plans_agreed": (None, 80, 6),
    "skills_training_hours": (0, 1500, 12),
    "survey_response": (None, 75, 6),
    "survey_enps": (None, 10, 12),
    "retention_alerts_decided": (None, 100, 6),
    "candidate_questions_answered": (0, 40, 6),
    "candidate_questions_escalated": (None, 5, 6),
}
DONE_TRUST = 8  # of the fifteen default actions


@transaction.atomic
def load_adoption_demo() -> None:
    project = services.ensure_defaults()
    if project.use_cases.exists():
        return  # loaded before
    today = timezone.localdate()
    hr = User.objects.get(username="hr")
    champion = User.objects.get(username="champion")
    _colleagues()

    project.name = "Eerste golf: cv-voorselectie en HR-assistent"
    project.goal = (
        "Binnen negen maanden 20 uur per maand minder handmatig cv-werk en 60% van de HR-vragen "
        "beantwoord zonder HR, met instemming van de OR en zonder ontslagen door AI."
    )
    project.start_date = today - timedelta(weeks=14)
    project.save()
    project.use_cases.set(UseCase.objects.filter(key__in=["cv-preselection", "hr-assistant"]))
    UseCase.objects.filter(key="cv-preselection").update(
        data_audit={
            "completeness": "green",
            "accuracy": "green",
            "consistency": "amber",
            "timeliness": "green",
            "access": "green",
            "structure": "amber",
            "volume": "green",
        },
        process={
            "roles": {"text": "Recruiter, hiring manager, HR", "light": "green"},
            "tools": {"text": "Mailbox, Excel, Mensenwerk", "light": "amber"},
            "pain_points": {"text": "Cv's blijven dagen liggen", "light": "green"},
        },
    )
    UseCase.objects.filter(key="hr-assistant").update(
        data_audit={"completeness": "amber", "timeliness": "red", "structure": "green"},
        process={"activities": {"text": "Vragen per mail en telefoon", "light": "green"}},
    )
    for phase in project.phases.all():
        if phase.key in ("definition", "architecture"):
            phase.status, phase.gate = "done", "go" if phase.key == "definition" else "pending"
            phase.gate_note = (
                "Besluit MT: cv-voorselectie en HR-assistent" if phase.gate == "go" else ""
            )
        elif phase.key in ("pilot", "change"):
            phase.status = "running"
        phase.save()

    owners = ["HR-manager", "AI-champion", "IT-beheerder", "FG"]
    workshop = docs.to_pdf(
        "# Verslag kijkje onder de motorkap\n\nDeelnemers: OR, HR, IT, leidinggevenden.\n\n"
        "- Welke gegevens de cv-screening gebruikt en welke niet\n- Hoe de score ontstaat\n"
        "- Grenzen en biasrisico's\n- Kwaliteitscriteria voor de pilot\n",
        "Verslag workshop",
    )
    for index, item in enumerate(project.trust_items.all()):
        item.owner = owners[index % len(owners)]
        item.due = project.start_date + timedelta(weeks=2 + index)
        if index < DONE_TRUST:
            item.status = "done"
        elif index < DONE_TRUST + 3:
            item.status = "doing"
        if index == 0:
            item.evidence_name, item.evidence = "verslag-workshop.pdf", workshop
        if item.status == "done" and index in (5, 8):
            item.evidence_link = "https://intranet.example.nl/ai/toezeggingen"
        item.save()

    groups = {s.key: s for s in Stakeholder.objects.all()}
    for key, content, channel, frequency, weeks in [
        ("or", "Voortgang pilot, cijfers zonder kosten", "OR-vergadering", "maandelijks", 1),
        (
            "medewerkers",
            "Wat de HR-assistent doet en niet doet",
            "Intranet en teamoverleg",
            "bij elke mijlpaal",
            2,
        ),
        ("directie", "Maandrapport: KPI's, ROI, risico's", "MT-overleg", "maandelijks", 3),
        ("leidinggevenden", "Werken met de uitgelegde cv-score", "Korte sessie", "eenmalig", 1),
    ]:
        Communication.objects.create(
            stakeholder=groups[key],
            content=content,
            channel=channel,
            frequency=frequency,
            next_date=today + timedelta(weeks=weeks),
        )
    from mensenwerk.adoption.models import Objection

    Objection.objects.filter(key="jobs").update(
        status="answered",
        raised_by="Ondernemingsraad",
        raised_on=project.start_date,
        response="Schriftelijke toezegging van de directie: geen ontslagen door AI.",
    )
    Objection.objects.filter(key="privacy").update(
        status="answered",
        raised_by="FG",
        raised_on=project.start_date,
        response="DPIA afgerond; alles draait op de eigen server.",
    )
    Objection.objects.create(
        text="Weer een nieuw systeem naast de planning",
        raised_by="Teamleiders productie",
        raised_on=today - timedelta(days=10),
        status="open",
    )

    for role, days, internal, note in [
        ("hr", 25, True, "HR-manager en HR-adviseur"),
        ("it", 8, True, "installatie, SSO, back-ups"),
        ("pm", 10, True, ""),
        ("change", 6, True, "communicatie en OR"),
        ("ai", 12, False, "implementatiepartner"),
        ("training", 5, False, "powerusertraining"),
        ("keyusers", 15, True, "recruiters en champions"),
    ]:
        ResourceLine.objects.create(
            project=project, role=role, person_days=Decimal(days), internal=internal, note=note
        )
    for category, one_off, yearly, note in [
        ("licences", 0, 0, "open source"),
        ("implementation", 9600, 0, "12 dagen extern"),
        ("internal", 14000, 0, "interne uren"),
        ("training", 4500, 1500, ""),
        ("infrastructure", 0, 1800, "server en back-up"),
        ("support", 0, 3000, "supportcontract"),
    ]:
        BudgetLine.objects.create(
            project=project,
            category=category,
            one_off=Decimal(one_off),
            yearly=Decimal(yearly),
            note=note,
        )
    Benefit.objects.create(
        project=project,
        description="Minder inhuur van wervingsbureaus",
        yearly=Decimal(8000),
        basis="Twee bureauplaatsingen minder per jaar à € 4.000 (schatting HR)",
        estimate=True,
    )

    for kpi in Kpi.objects.exclude(measure=""):
        baseline, target, months = TARGETS.get(kpi.measure, (None, None, 6))
        kpi.baseline = Decimal(baseline) if baseline is not None else None
        kpi.target = Decimal(target) if target is not None else None
        kpi.target_date = today + timedelta(days=30 * months)
        if target is not None:
            start = f"van {baseline} " if baseline is not None else ""
            kpi.goal = f"{kpi.name}: {start}naar {target} {kpi.unit}".strip()
        kpi.save()
    tickets = Kpi.objects.create(
        name="HR-tickets per maand (servicedesk)",
        group="efficiency",
        unit="",
        direction="down",
        baseline=Decimal(140),
        target=Decimal(90),
        target_date=today + timedelta(days=270),
        goal="Van 140 naar 90 tickets per maand binnen negen maanden.",
    )
    enps = Kpi.objects.create(
        name="eNPS (extern medewerkersonderzoek)",
        group="experience",
        unit="",
        baseline=Decimal(5),
        target=Decimal(15),
        target_date=today + timedelta(days=365),
    )
    for months_ago, value in [(3, 142), (2, 131), (1, 118)]:
        KpiValue.objects.create(
            kpi=tickets,
            date=today - timedelta(days=30 * months_ago),
            value=Decimal(value),
            source="export servicedesk",
            entered_by=hr,
        )
    KpiValue.objects.create(
        kpi=enps,
        date=today - timedelta(days=40),
        value=Decimal(8),
        source="medewerkersonderzoek 2026",
        entered_by=hr,
    )

    _training(today)
    _champions(today, hr, champion)
    _pulse(today)


def _colleagues() -> None:
    for dept in Department.objects.exclude(manager=None).select_related("manager"):
        person = dept.manager
        if person is None or hasattr(person, "user"):
            continue
        username = f"{person.first_name[0]}.{person.last_name}".lower().replace(" ", "")
        if User.objects.filter(username=username).exists():
            continue
        core.do_create_user(  # no password: an account the demo cannot log in to
            username,
            None,
            [Role.MANAGER],
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
            person=person,
        )


def _training(today: object) -> None:
    offers = {o.group: o for o in TrainingOffer.objects.all()}
    users = {u.username: u for u in User.objects.all()}
    everyone = [u for name, u in users.items() if name not in ("or",)]
    sessions = [
        ("all", 40, everyone[: max(1, len(everyone) * 2 // 3)]),
        ("hr", 30, [users["hr"]]),
        ("business", 25, [users["recruiter"], users["champion"]]),
        ("it", 20, [users["it"]]),
        ("managers", -14, []),  # planned
    ]
    for group, days_ago, people in sessions:
        session = TrainingSession.objects.create(
            offer=offers[group],
            date=today - timedelta(days=days_ago),  # type: ignore[operator]
        )
        session.attendees.set(people)


def _champions(today: object, hr: User, champion: User) -> None:
    employee = User.objects.get(username="employee")
    for user, years, tech, comm, change in [
        (champion, 6, 5, 4, 4),
        (hr, 12, 3, 5, 4),
        (employee, 1, 5, 3, 5),
    ]:
        ChampionCandidate.objects.create(
            user=user,
            years_hr=Decimal(years),
            tech_affinity=tech,
            communication=comm,
            change_readiness=change,
        )
    lotte = Champion.objects.create(
        user=champion,
        specialism="recruitment",
        time_pct=20,
        since=today - timedelta(weeks=8),  # type: ignore[operator]
    )
    sanne = Champion.objects.create(
        user=hr,
        specialism="assistant",
        time_pct=10,
        buddy=lotte,
        since=today - timedelta(weeks=8),  # type: ignore[operator]
    )
    lotte.buddy = sanne
    lotte.save(update_fields=["buddy"])
    for who, kind, days_ago, participants, note in [
        (lotte, "showtell", 35, 14, "Demo uitgelegde cv-score voor leidinggevenden"),
        (sanne, "training", 21, 9, "HR-assistent voor teamleiders productie"),
        (lotte, "pilot", 12, 3, "Pilot cv-voorselectie vacature CNC-verspaner"),
        (sanne, "support", 5, 6, "Spreekuur in de kantine"),
    ]:
        ChampionActivity.objects.create(
            champion=who,
            kind=kind,
            date=today - timedelta(days=days_ago),  # type: ignore[operator]
            participants=participants,
            note=note,
        )


def _pulse(today: object) -> None:
    rng = random.Random(7)
    users = list(User.objects.filter(is_active=True).order_by("pk"))
    month = today.strftime("%Y-%m")  # type: ignore[attr-defined]
    comments = ["Handig voor verlofvragen", "", "Soms te lange antwoorden", "", "Snel!", ""]
    for index, user in enumerate(users[:9]):
        PulseResponse.objects.create(
            feature="assistant",
            month=month,
            respondent=services.respondent_id(user),
            score=rng.choice([6, 7, 8, 8, 9, 9, 10]),
            comment=comments[index % len(comments)],
        )
    for user in users[:3]:
        PulseResponse.objects.create(
            feature="screening",
            month=month,
            respondent=services.respondent_id(user),
            score=rng.choice([7, 8, 9]),
        )
