"""Explained scoring: evidence per criterion, experience over keyword lists, both languages,
and exactly the same score whoever the candidate is."""

from __future__ import annotations

from datetime import date

import pytest

from mensenwerk.engines import matching
from mensenwerk.engines.matching import Criterion, Vacancy, score, sections
from mensenwerk.engines.pseudonymise import blind
from mensenwerk.engines.skills import expand

TODAY = date(2026, 11, 1)
CNC = Vacancy(
    "CNC-verspaner",
    [
        Criterion("CNC-frezen of CNC-draaien"),
        Criterion("technische tekeningen lezen"),
        Criterion("MBO werktuigbouwkunde"),
        Criterion("Heidenhain", "nice_to_have", 2),
        Criterion("Mastercam", "nice_to_have"),
        Criterion("VCA", "nice_to_have"),
    ],
    min_years_experience=3,
    languages=["nl"],
)

EXPERIENCED = """Profiel
Vakman in de verspaning met oog voor kwaliteit.

Werkervaring
2019 - heden: CNC-frezen bij Van Dijk Metaal, programmeren op Heidenhain TNC 640
Werken vanaf technische tekeningen, kleine series.
2015 - 2019: Draaier bij Stork, conventioneel en CNC-draaien

Opleiding
MBO werktuigbouwkunde, niveau 4

Talen
Nederlands (moedertaal), Engels
"""

STUFFED = """Profiel
Enthousiaste kandidaat.

Werkervaring
2023 - heden: Vakkenvuller bij een supermarkt

Vaardigheden
CNC-frezen, CNC-draaien, Heidenhain, Mastercam, VCA, technische tekeningen lezen,
MBO werktuigbouwkunde, frezen, draaien, milling, turning

Talen
Nederlands
"""

ENGLISH = """Profile
Machinist with a strong background in precision work.

Experience
2017 - present: CNC milling operator at Precision Parts Ltd, Heidenhain controls
Reading engineering drawings daily.

Education
Vocational mechanical engineering (MBO level 4)

Languages
Dutch, English
"""


def test_it_explains_each_criterion_with_the_line_from_the_cv() -> None:
    result = score(CNC, EXPERIENCED, TODAY)
    by_name = {r.criterion: r for r in result.criteria}
    assert by_name["CNC-frezen of CNC-draaien"].status == "met"
    assert "Van Dijk Metaal" in by_name["CNC-frezen of CNC-draaien"].evidence
    assert by_name["technische tekeningen lezen"].section == "experience"
    assert by_name["Mastercam"].status == "not_met"
    assert by_name["Mastercam"].evidence == ""
    assert by_name["Nederlands"].status == "met"
    assert result.years == 11.9  # Jan 2015 - Nov 2026
    assert result.relevant_years == 11.9


def test_real_experience_beats_a_stuffed_keyword_list() -> None:
    real, stuffed = score(CNC, EXPERIENCED, TODAY), score(CNC, STUFFED, TODAY)
    assert real.score > stuffed.score + 0.3
    statuses = {r.status for r in stuffed.criteria if r.criterion != "Nederlands"}
    assert statuses == {"partly_met"}
    assert stuffed.relevant_years == 0


def test_it_matches_across_languages() -> None:
    result = score(CNC, ENGLISH, TODAY)
    by_name = {r.criterion: r.status for r in result.criteria}
    assert by_name["CNC-frezen of CNC-draaien"] == "met"
    assert by_name["technische tekeningen lezen"] == "met"  # engineering drawings
    assert by_name["MBO werktuigbouwkunde"] == "met"  # vocational mechanical engineering
    assert result.score > 0.7


def test_the_same_cv_under_any_name_gets_exactly_the_same_score() -> None:
    cv = "{name}\n{email}\nGeboortedatum: {born}\n\n" + EXPERIENCED
    people = [
        ("Jan de Vries", "jan@x.nl", "1-1-1980"),
        ("Fatima El Amrani", "fe@y.nl", "2-2-1999"),
        ("Piotr Nowak", "pn@z.pl", "3-3-1970"),
        ("Emre Kaya", "ek@k.tr", "4-4-1990"),
    ]
    scores = set()
    for name, email, born in people:
        text = blind(
            cv.format(name=name, email=email, born=born), seed="a", names=[name], emails=[email]
        ).text
        scores.add(score(CNC, text, TODAY).score)
    assert len(scores) == 1


def test_it_is_deterministic_and_reads_sections() -> None:
    assert score(CNC, EXPERIENCED, TODAY) == score(CNC, EXPERIENCED, TODAY)
    kinds = {section for section, _line in sections(EXPERIENCED)}
    assert kinds == {"profile", "experience", "education", "languages"}


def test_it_expands_criteria_through_the_taxonomy() -> None:
    texts = {t.text for t in expand("verzuimbegeleiding")}
    assert "absence management" in texts
    assert "employment law" in {t.text for t in expand("arbeidsrecht")}


@pytest.mark.parametrize(
    ("line", "months"),
    [
        ("2016 - heden CNC-frezer", (2016 * 12, 2026 * 12 + 10)),
        ("03/2019 - 12/2021 Planner", (2019 * 12 + 2, 2021 * 12 + 11)),
        ("mei 2019 tot maart 2021", (2019 * 12 + 4, 2021 * 12 + 2)),
        ("May 25th 2017 till now", (2017 * 12 + 4, 2026 * 12 + 10)),
        ("Jan 2015 to date", (2015 * 12, 2026 * 12 + 10)),
        ("01 / 2006 - 05 / 2007", (2006 * 12, 2007 * 12 + 4)),
        ("2008 present", (2008 * 12, 2026 * 12 + 10)),
    ],
)
def test_it_reads_work_periods_written_in_many_ways(line: str, months: tuple[int, int]) -> None:
    match = matching.PERIOD.search(line)
    assert match is not None, line
    assert matching._months(match.group(1), match.group(2), date(2026, 11, 24)) == months


def test_it_does_not_read_a_single_year_or_a_phone_number_as_a_period() -> None:
    for line in ["Diploma 2014", "Tel. 06 12345678", "ISO 9001 gecertificeerd", "2020"]:
        assert matching.PERIOD.search(line) is None, line
