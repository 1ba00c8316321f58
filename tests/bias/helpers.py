"""Candidates with voluntary self-identification, for the bias tests."""

from __future__ import annotations

from mensenwerk.bias.models import BiasAlert
from mensenwerk.recruitment import intake
from mensenwerk.recruitment import services as recruitment
from mensenwerk.recruitment.models import Application, Vacancy

STRONG = [
    "Profiel",
    "CNC-frezer met 9 jaar ervaring.",
    "Werkervaring",
    "2015 - heden CNC-frezer bij Brabant Precisie",
    "Frezen met Heidenhain; technische tekeningen lezen.",
    "Opleiding",
    "MBO Werktuigbouwkunde",
    "Talen",
    "Nederlands",
]
WEAK = ["Profiel", "Magazijnmedewerker.", "Werkervaring", "2019 - heden Orderpicker bij Bol"]


def candidates(vacancy: Vacancy, spec: list[tuple[str, str, bool, int]]) -> list[Application]:
    """(gender, age band, strong CV?, how many) → applications through the public intake."""
    apps = []
    for gender, age, strong, count in spec:
        for _i in range(count):
            n = len(apps)
            text = "\n".join([f"Kandidaat {n}", f"k{n}@example.nl", *(STRONG if strong else WEAK)])
            text += f"\nReferentie {n}"  # no two CVs alike: not flagged as duplicates
            app, _key = intake.do_apply(
                vacancy,
                first_name="Kandidaat",
                last_name=f"Nummer{n}",
                email=f"k{n}@example.nl",
                phone="",
                data=text.encode(),
                filename=f"cv{n}.txt",
                consent=False,
                gender=gender,
                age_band=age,
                notify=False,
            )
            apps.append(app)
    return apps


def decide(apps: list[Application], user, advance: int) -> None:
    for i, app in enumerate(apps):
        if i < advance:
            reason = "" if app.ai_suggestion == "advance" else "ervaring elders"
            recruitment.do_decide(app, user, "advance", reason)
        else:
            recruitment.do_decide(app, user, "reject", "past niet")


def open_alert(vacancy: Vacancy | None = None) -> BiasAlert:
    """An open alert as check_alerts would raise it: women at the interview stage."""
    return BiasAlert.objects.create(
        key="k",
        vacancy=vacancy,
        scope="s",
        measure="interview",
        group={"gender": "female"},
        n=9,
        rate=0.2,
        impact_ratio=0.25,
        p_value=0.01,
    )
