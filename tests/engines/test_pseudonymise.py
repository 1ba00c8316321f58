"""Blind screening: identity gone, work content kept, and a name swap changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mensenwerk.engines.pseudonymise import blind, pseudonym

SHARED_NAMES = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "cv-eval"
    / "name-swap-bloomberg"
    / "input"
)

CV = """{name}
Curriculum vitae
{street} 12a, 3511 AB Utrecht
Tel: {phone}   E-mail: {email}
LinkedIn: https://www.linkedin.com/in/{slug}
Geboortedatum: {born}
Geslacht: {gender}
Nationaliteit: {nationality}
Burgerlijke staat: {marital}

Profiel
{title} {first} is een ervaren CNC-verspaner ({age} jaar oud) met oog voor detail.

Werkervaring
2019 - heden: CNC-frezen bij Van Dijk Metaal, Heidenhain TNC 640
2014 - 2019: Draaier bij Stork

Opleiding
MBO werktuigbouwkunde, niveau 4
2010 - 2014 ROC Midden Nederland

Vaardigheden
Technische tekeningen lezen, Mastercam, VCA
"""

PEOPLE = [
    dict(
        name="Jan de Vries",
        first="Jan",
        slug="jandevries",
        email="jan.devries@gmail.com",
        phone="06-12345678",
        born="12-03-1985",
        gender="man",
        nationality="Nederlandse",
        marital="gehuwd",
        title="Dhr.",
        age="39",
        street="Kerkstraat",
    ),
    dict(
        name="Fatima El Amrani",
        first="Fatima",
        slug="fatima-el-amrani",
        email="f.elamrani@hotmail.com",
        phone="+31 6 87654321",
        born="1 juli 1998",
        gender="vrouw",
        nationality="Marokkaanse",
        marital="ongehuwd",
        title="Mevr.",
        age="26",
        street="Lange Nieuwstraat",
    ),
    dict(
        name="Agnieszka Kowalczyk",
        first="Agnieszka",
        slug="akowalczyk",
        email="agnieszka.k@wp.pl",
        phone="0031612398765",
        born="1970-11-30",
        gender="vrouw",
        nationality="Poolse",
        marital="gescheiden",
        title="Mw.",
        age="54",
        street="Biltstraat",
    ),
    dict(
        name="Mehmet Yılmaz",
        first="Mehmet",
        slug="myilmaz",
        email="mehmet@yilmaz.nl",
        phone="(030) 234 5678",
        born="5-5-1990",
        gender="man",
        nationality="Turkse",
        marital="samenwonend",
        title="De heer",
        age="34",
        street="Amsterdamsestraatweg",
    ),
]


def _blind(person: dict[str, str]):
    return blind(
        CV.format(**person),
        seed="application-1",
        names=[person["name"]],
        emails=[person["email"]],
        phones=[person["phone"]],
    )


def test_it_removes_every_identifying_detail_and_keeps_the_work() -> None:
    for person in PEOPLE:
        result = _blind(person)
        for key in (
            "name",
            "first",
            "email",
            "phone",
            "born",
            "nationality",
            "marital",
            "street",
            "slug",
        ):
            assert person[key] not in result.text, (key, person[key])
        assert "3511 AB" not in result.text
        assert " jaar oud" not in result.text
        assert "2010" not in result.text  # education years reveal age
        assert "2019 - heden: CNC-frezen bij Van Dijk Metaal" in result.text
        assert "2014 - 2019: Draaier bij Stork" in result.text
        assert "Technische tekeningen lezen, Mastercam, VCA" in result.text


def test_the_same_cv_under_another_identity_gives_identical_text() -> None:
    texts = {_blind(person).text for person in PEOPLE}
    assert len(texts) == 1


@pytest.mark.skipif(not SHARED_NAMES.exists(), reason="shared name-swap lists not present")
def test_names_from_the_published_name_swap_lists_leave_no_trace() -> None:
    names: list[str] = []
    for file in ("top_mens_names.json", "top_womens_names.json"):
        for group in json.loads((SHARED_NAMES / file).read_text()).values():
            names.extend(group[:10])
    base = dict(PEOPLE[0])
    texts = set()
    for full in names:
        first = full.split()[0].title()
        person = {**base, "name": full.title(), "first": first}
        result = _blind(person)
        assert full.title() not in result.text
        assert first not in result.text
        texts.add(result.text)
    assert len(texts) == 1
    assert len(names) >= 40


def test_it_blinds_an_unknown_name_on_the_first_line_and_english_labels() -> None:
    text = "Sarah O'Connor\nDate of birth: 4 May 1990\nMarital status: single\nAge: 34\n"
    result = blind(text, seed="x", language="en")
    assert "Sarah" not in result.text
    assert "1990" not in result.text
    assert "single" not in result.text
    assert result.text.startswith("[name]")
    assert result.removed["birth"] == 1


def test_it_gives_short_stable_readable_pseudonyms() -> None:
    assert pseudonym("application-1") == pseudonym("application-1")
    assert pseudonym("application-1") != pseudonym("application-2")
    code = pseudonym("application-1")
    assert code.startswith("K-")
    assert len(code) == 6
    assert not set(code[2:]) & set("01IO")


SWAPS = [
    # (name given on the form, how the CV writes it, what must not survive)
    ("Zebulon Quaxwell-Brightmore", "Zebulon Quaxwell-Brightmore", ["Quaxwell", "Brightmore"]),
    ("Zebulon Quaxwell-Brightmore", "Z. Quaxwell", ["Quaxwell"]),
    ("Anna Groot", "A N N A  G R O O T", ["A N N A", "G R O O T"]),
    ("Zoë Müller", "Zoe Mueller", ["Zoe", "Mueller"]),
    ("Zoe Mueller", "Zoë Müller", ["Zoë", "Müller"]),
    ("Zoë Müller", "ZOË MULLER", ["ZOË", "MULLER"]),
    ("Pieter van den Berg", "Pieter van den Berg", ["Pieter", "Berg"]),
    ("Youssef el Idrissi", "Youssef El-Idrissi", ["Youssef", "Idrissi"]),
    ("Femke ter Horst", "F. ter Horst", ["Horst"]),
    ("Şükrü Yılmaz", "Sukru Yilmaz", ["Sukru", "Yilmaz"]),
    ("Jan de Vries", "J.\u00a0de Vries", ["Vries"]),
]


@pytest.mark.parametrize("given,written,gone", SWAPS)
def test_no_part_of_a_name_survives_however_it_is_written(given, written, gone) -> None:
    text = f"{written}\nWerkervaring\n2019 - heden: CNC-frezen bij Van Dijk Metaal, {written}"
    result = blind(text, seed="x", names=[given])
    for part in gone:
        assert part.lower() not in result.text.lower(), (given, written, part)
    assert "CNC-frezen bij Van Dijk Metaal" in result.text  # work content kept


def test_particles_alone_are_kept_in_ordinary_words() -> None:
    text = "Werkervaring\nMonteur bij De Boer Techniek, van 2015 tot 2019"
    result = blind(text, seed="x", names=["Pieter van den Berg"])
    assert "De Boer Techniek, van 2015 tot 2019" in result.text


def test_the_town_goes_with_the_address() -> None:
    text = (
        "Kerkstraat 12, 5611 AB Eindhoven\n"
        "Dorpsstraat 3, 9000 Gent\n"
        "Woonplaats: Bergen op Zoom\n"
        "Werkervaring\n2019 - heden: Lasser bij Stork, Hengelo"
    )
    result = blind(text, seed="x")
    for town in ("Eindhoven", "Gent", "Bergen op Zoom"):
        assert town not in result.text, town
    assert "Lasser bij Stork, Hengelo" in result.text  # an employer's town is work history


def test_a_name_swap_with_double_surnames_and_diacritics_changes_nothing() -> None:
    people = [
        ("Zebulon Quaxwell-Brightmore", "zq@example.org"),
        ("Zoë Müller", "zm@example.org"),
        ("Fatima el Amrani", "fa@example.org"),
        ("Pieter van den Berg", "pb@example.org"),
    ]
    texts = set()
    for name, email in people:
        first = name.split()[0]
        cv = f"{name}\n{email}\nProfiel\n{first} is lasser.\nWerkervaring\n2019 - heden: Lasser"
        texts.add(blind(cv, seed="x", names=[name], emails=[email]).text)
    assert len(texts) == 1
