"""Demo recruitment: one open vacancy at Van der Molen Machinebouw with invented candidates.

The CVs are written for this project (TXT, Dutch and English); one hides keywords in a skills
list only, one is a second application of the same CV under another name. Loading twice
changes nothing: the vacancy is keyed on a fixed public id.
"""

from __future__ import annotations

import uuid

from django.db import transaction

from mensenwerk.core.models import Department, User
from mensenwerk.recruitment import intake, services
from mensenwerk.recruitment.models import Application, Vacancy

DEMO_VACANCY = uuid.UUID("6d656e73-656e-7765-726b-000000000001")
AD = """Voor onze machinefabriek in Eindhoven zoeken wij een CNC-verspaner (m/v/x).

Wat ga je doen?
Je freest en draait onderdelen voor verpakkingsmachines, van enkelstuks tot kleine series. Je
leest technische tekeningen, stelt de machine in en controleert je eigen werk.

Wat vragen wij?
Je hebt een mbo-opleiding werktuigbouwkunde en een paar jaar ervaring met CNC-frezen of
CNC-draaien. Ervaring met Heidenhain of Mastercam is mooi meegenomen. VCA is een pré.

Wat bieden wij?
Een salaris van 3.000 tot 3.900 euro bruto per maand, 27 vakantiedagen en opleiding.

Solliciteren? Stuur je cv via de knop hieronder.
"""
# the strongest CV; sent twice (under two names) to show the duplicate check
STRONG_CV = [
    "Profiel",
    "CNC-frezer met 9 jaar ervaring in enkelstuks en kleine series.",
    "Werkervaring",
    "2017 - heden CNC-frezer bij Brabant Precisie",
    "Frezen op een DMG met Heidenhain TNC 640; technische tekeningen lezen en meten.",
    "2015 - 2017 Draaier bij Metaal Oost",
    "CNC-draaien van assen en flenzen.",
    "Opleiding",
    "MBO Werktuigbouwkunde, Summa College",
    "Certificaten",
    "VCA basis",
    "Talen",
    "Nederlands, Engels",
]
CVS = [
    (
        "Sanne",
        "Bakker",
        "sanne.bakker@example.nl",
        "nl",
        STRONG_CV,
    ),
    (
        "Mohamed",
        "El Idrissi",
        "m.elidrissi@example.nl",
        "nl",
        [
            "Profiel",
            "Allround verspaner.",
            "Werkervaring",
            "2019 - heden CNC-draaier bij Van Dijk Techniek",
            "Programmeren in Mastercam, draaien volgens technische tekening.",
            "Opleiding",
            "MBO Werktuigbouwkunde niveau 4",
            "Talen",
            "Nederlands, Arabisch",
        ],
    ),
    (
        "Piotr",
        "Kowalski",
        "piotr.k@example.com",
        "en",
        [
            "Profile",
            "CNC operator looking for a new challenge in the Netherlands.",
            "Experience",
            "2018 - present CNC milling operator at Polmetal, Poznań",
            "Milling aluminium parts, reading technical drawings, Sinumerik controls.",
            "Education",
            "Technical school, mechanical engineering (MBO level)",
            "Languages",
            "Polish, English, Dutch (A2)",
        ],
    ),
    (
        "Lisa",
        "de Jong",
        "lisa.dejong@example.nl",
        "nl",
        [
            "Profiel",
            "Net afgestudeerd en leergierig.",
            "Werkervaring",
            "2023 - heden Productiemedewerker bij Philips",
            "Assemblage van onderdelen.",
            "Opleiding",
            "MBO Werktuigbouwkunde",
            "Vaardigheden",
            "CNC-frezen, CNC-draaien, Heidenhain, Mastercam, VCA, technische tekeningen lezen",
            "Talen",
            "Nederlands",
        ],
    ),
    (
        "Thomas",
        "Hendriks",
        "thomas.hendriks@example.nl",
        "nl",
        [
            "Profiel",
            "Magazijnmedewerker met heftruckcertificaat.",
            "Werkervaring",
            "2016 - heden Magazijnmedewerker bij Bol",
            "Orderpicken en laden.",
            "Opleiding",
            "VMBO",
            "Talen",
            "Nederlands",
        ],
    ),
    (
        "Emre",
        "Yilmaz",
        "emre.yilmaz@example.nl",
        "nl",
        STRONG_CV,
    ),
]


def load_recruitment_demo() -> None:
    if Vacancy.objects.filter(public_id=DEMO_VACANCY).exists():
        return
    hr = User.objects.get(username="hr")
    recruiter = User.objects.get(username="recruiter")
    with transaction.atomic():
        vacancy = Vacancy(
            public_id=DEMO_VACANCY,
            title="CNC-verspaner (m/v/x)",
            department=Department.objects.filter(name="Productie").first(),
            hiring_manager=User.objects.get(username="manager"),
            description=AD,
            language="nl",
            min_years_experience=3,
            education="mbo",
            status=Vacancy.Status.OPEN,
        )
        criteria = services.CriteriaInput(
            ["CNC-frezen of CNC-draaien", "technische tekeningen lezen"],
            [("Heidenhain", 2.0), ("Mastercam", 1.0), ("VCA", 1.0)],
            [("nl", "B1")],
        )
        services.do_save_vacancy(vacancy, criteria, [recruiter], hr)
        services.do_check_job_ad(vacancy, recruiter)
        services.do_publish(vacancy, recruiter)
        for first, last, email, _language, lines in CVS:
            text = "\n".join([f"{first} {last}", email, *lines])
            intake.do_apply(
                vacancy,
                first_name=first,
                last_name=last,
                email=email,
                phone="",
                data=text.encode(),
                filename=f"cv-{first.lower()}.txt",
                consent=first == "Sanne",
                notify=False,
            )
        first = vacancy.applications.order_by("-score").first()
        if first is not None:
            services.do_decide(first, recruiter, Application.Decision.ADVANCE, "")
            services.do_move(first, recruiter, Application.Stage.INTERVIEW)
