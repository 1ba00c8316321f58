"""A candidate's CV and the public application form, for the recruitment tests."""

from __future__ import annotations

import io

from django.urls import reverse

from mensenwerk.recruitment.models import Vacancy
from tests.files import pdf

CV_LINES = [
    "{name}",
    "{street} 12, 5611 AB Eindhoven",
    "E-mail: {email} | Tel: 06 12345678",
    "Geboortedatum: 12-03-1990",
    "Profiel",
    "Ervaren CNC-verspaner met oog voor kwaliteit.",
    "Werkervaring",
    "2016 - heden CNC-frezer bij Metaalwerk Brabant",
    "Frezen op een DMG met Heidenhain TNC 640, technische tekeningen lezen.",
    "2012 - 2016 Draaier bij Van Dijk Precisie",
    "Opleiding",
    "MBO Werktuigbouwkunde, ROC Eindhoven, 2008 - 2012",
    "Talen",
    "Nederlands (moedertaal), Engels",
]


def cv_pdf(name: str = "Jan de Vries", email: str = "jan@example.nl", **hidden: str) -> bytes:
    lines = [line.format(name=name, email=email, street="Kerkstraat") for line in CV_LINES]
    return pdf(lines, **hidden)


def apply(
    client,
    vacancy: Vacancy,
    data: bytes,
    name: str = "cv.pdf",
    REMOTE_ADDR: str = "127.0.0.1",
    **fields: str,
):
    extra = {"REMOTE_ADDR": REMOTE_ADDR}
    form = {
        "first_name": "Jan",
        "last_name": "de Vries",
        "email": "jan@example.nl",
        "phone": "06 12345678",
        "keep": "no",
        "gender": "",
        "age_band": "",
        **fields,
    }
    form["cv"] = io.BytesIO(data)
    form["cv"].name = name
    return client.post(reverse("recruitment:apply", args=[vacancy.public_id]), form, **extra)
