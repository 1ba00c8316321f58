from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mensenwerk.engines.jobad import (
    BLOCKING,
    EXCEPTIONS,
    EXCLUSIONARY,
    FEMININE,
    MASCULINE,
    JobAdReport,
    alternative,
    check,
    reading_ease,
    syllables,
)

GAUCHER = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "wordlists" / "gaucher2011_en.csv"
)

NL_AD = """Wij zoeken een stressbestendige en daadkrachtige CNC-verspaner voor ons jong en
dynamisch team. Je bent een echte leider en werkt graag zelfstandig. Nederlands als moedertaal
is een pré."""

GOOD_NL = (
    """Wat ga je doen?
Je stelt CNC-machines in en maakt onderdelen voor onze klanten. Je werkt samen met de
werkvoorbereiding. Je controleert zelf de kwaliteit.

Wat vragen wij?
Je hebt een mbo-diploma werktuigbouwkunde. Je kunt technische tekeningen lezen.

Wat bieden wij?
Een salaris van € 3.000 tot € 3.800 bruto per maand.

Solliciteren?
Stuur je cv naar onze recruiter. Wij bellen je binnen een week.
"""
    + "Je werkt in een fijne hal met goede machines. " * 40
)


def test_it_flags_coded_and_exclusionary_dutch_wording() -> None:
    report = check("CNC-verspaner", NL_AD, "nl")
    kinds = {(f.kind, f.detail) for f in report.findings}
    assert ("exclusionary", "age") in kinds
    assert ("exclusionary", "language") in kinds
    assert ("title", "no_marker") in kinds
    assert {"stressbestendige", "daadkrachtige", "leider", "zelfstandig"} <= set(report.masculine)
    assert report.coding == "strongly_masculine"
    assert {f.detail for f in report.findings if f.kind == "missing"} == {
        "salary",
        "tasks",
        "requirements",
        "apply",
    }


def test_it_accepts_a_complete_neutral_readable_ad() -> None:
    report = check("CNC-verspaner (m/v/x)", GOOD_NL, "nl")
    assert [f for f in report.findings if f.kind in ("exclusionary", "title", "missing")] == []
    assert report.reading_ease >= 60
    assert 250 <= report.words <= 700


def test_it_flags_a_male_english_title_and_native_speaker() -> None:
    report = check("Salesman", "We want a native English speaker who is young and dynamic.", "en")
    details = {(f.kind, f.detail, f.text.lower()) for f in report.findings}
    assert ("title", "male_title", "salesman") in details
    assert ("exclusionary", "language", "native english speaker") in details
    assert ("exclusionary", "age", "young and dynamic") in details
    assert check("Project Manager", "x", "en").findings[0].kind != "title"


@pytest.mark.skipif(not GAUCHER.exists(), reason="shared Gaucher list not present")
def test_it_ships_every_stem_of_the_published_english_list() -> None:
    with GAUCHER.open() as handle:
        published = {(row["stem"], row["coding"]) for row in csv.DictReader(handle)}
    ours = (
        {(s, "masculine") for s in MASCULINE["en"]}
        | {(s, "feminine") for s in FEMININE["en"]}
        | {(s, "exception") for s in EXCEPTIONS["en"]}
    )
    assert published <= ours, sorted(published - ours)


def test_it_scores_readability_in_both_languages() -> None:
    assert (
        syllables("werktuigbouwkunde", "nl") == 5
    )  # werk-tuig-bouw-kun-de and syllables("make", "en") == 1
    easy = reading_ease("Je maakt de kast. Je zet hem neer. Dat is al.", "nl")
    hard = reading_ease(
        "Verantwoordelijkheidsgevoel en klantgerichtheid zijn onontbeerlijke competentievereisten.",
        "nl",
    )
    assert easy > 80 > 20 > hard


@pytest.mark.parametrize(
    ("language", "text", "found"),
    [
        ("nl", "Wij zoeken een rockstar voor ons jong en dynamisch team.", {"rockstar",
         "jong en dynamisch"}),
        ("nl", "Je kunt onder druk presteren en bent een echte ninja.", {"onder druk presteren",
         "ninja"}),
        ("nl", "Je bent native speaker Nederlands.", {"native speaker"}),
        ("en", "Join our ninja rockstar team. You thrive under pressure.", {"ninja", "rockstar",
         "thrive under pressure"}),
        ("en", "We work hard, play hard.", {"work hard, play hard"}),
    ],
)  # fmt: skip
def test_it_flags_the_phrases_a_new_user_found_missing(language, text, found) -> None:
    flagged = {f.text.lower() for f in check("Monteur (m/v/x)", text, language).findings}
    assert found <= flagged


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_flagged_word_and_phrase_comes_with_an_alternative(language: str) -> None:
    for stems, kind in ((MASCULINE, "masculine"), (FEMININE, "feminine")):
        for stem in stems[language]:
            assert alternative(kind, stem + "d", language), (kind, stem)
    for kind in set(EXCLUSIONARY[language].values()):
        assert alternative("exclusionary", "", language, kind), kind
    report = check("Salesman", "A driven, young and dynamic rockstar. " * 3, "en")
    coded = [f for f in report.findings if f.kind in BLOCKING]
    assert coded and all(f.alternative for f in coded)
    assert JobAdReport.from_dict(report.to_dict()).findings == report.findings
