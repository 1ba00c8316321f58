"""Qualifications as facts: every rule of engines/qualifications.py, on sentences written for
these tests (not the evaluation set's CVs), plus the matcher, the re-rank engine and the blind
screening that depend on them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from mensenwerk.engines import matching, qualifications, rerank
from mensenwerk.engines.pseudonymise import blind
from mensenwerk.engines.qualifications import check, facts, requirement

TODAY = date(2026, 11, 30)
SME_SET = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "screening_sme.yaml"


def standing(criterion: str, *lines: tuple[str, str], today: date = TODAY) -> str:
    req = requirement(criterion)
    assert req is not None, criterion
    return check(req, facts(list(lines)), today).detail


# --- what a criterion asks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "category", "rank"),
    [
        ("rijbewijs CE", "licence", "CE", 0),
        ("Rijbewijs C of CE", "licence", "C", 0),
        ("groot rijbewijs", "licence", "C", 0),
        ("code 95", "code95", "", 0),
        ("VCA", "vca", "basis", 1),
        ("VCA-VOL", "vca", "vol", 2),
        ("VCA VIL", "vca", "vil", 0),
        ("BHV-diploma", "bhv", "", 0),
        ("diploma Verzorgende IG", "vig", "", 0),
        ("heftruckcertificaat", "forklift", "", 0),
        ("hoogwerkercertificaat", "ipaf", "", 0),
        ("NEN 3140 VP", "nen3140", "", 2),
        ("F-gassencertificaat", "fgas", "", 0),
        ("koksdiploma", "cook", "", 2),
        ("diploma zelfstandig werkend kok", "cook", "", 3),
        ("MBO 3 elektrotechniek", "education", "", 3),
        ("HBO HRM", "education", "", 5),
        ("BIG-registratie", "big", "", 0),
    ],
)
def test_a_criterion_that_names_a_qualification_is_read_as_one(
    text: str, kind: str, category: str, rank: int
) -> None:
    req = requirement(text)
    assert req is not None
    assert (req.kind, req.category, req.rank) == (kind, category, rank)


@pytest.mark.parametrize(
    "text", ["heftruck rijden", "ervaring met de hoogwerker", "HACCP", "orderpicking", "koken"]
)
def test_a_skill_is_not_a_qualification(text: str) -> None:
    # "heftruck" without certificaat/diploma asks for the skill, not the certificate
    assert requirement(text) is None


def test_the_field_of_an_education_criterion_is_kept() -> None:
    req = requirement("minimaal MBO 4 diploma financiële administratie")
    assert req is not None and req.rank == 4 and req.field == "financiele administratie"


# --- inclusion ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("criterion", "line", "expected"),
    [
        ("rijbewijs C", "Rijbewijs B, C, CE", "met"),  # CE includes C
        ("rijbewijs CE", "Rijbewijs: B, C", "lower_category"),
        ("rijbewijs CE", "Rijbewijs B en D", "lower_category"),  # another category
        ("rijbewijs CE", "Rijbewijs C + E", "met"),
        ("rijbewijs CE", "Rijbewijs C, E bij C", "met"),
        ("rijbewijs CE", "Driving licence categories B, C and CE", "met"),
        ("rijbewijs BE", "Rijbewijs CE", "met"),
        ("rijbewijs C", "Groot rijbewijs", "met"),
        ("VCA basis", "VCA VOL, 2022", "met"),  # VOL includes basis
        ("VCA VOL", "VCA basis, 2022", "lower_category"),
        ("VCA basis", "VCA VIL, 2022", "lower_category"),  # VIL is for intercedenten
        ("VCA", "VCA basic (SCC), 2023", "met"),
        ("NEN 3140 VP", "NEN 3140 voldoend onderricht persoon", "lower_category"),
        ("diploma Verzorgende IG", "MBO Verpleegkundige niveau 4, diploma", "met"),
        ("diploma zelfstandig werkend kok", "MBO 2 Kok, diploma", "lower_category"),
        ("diploma kok", "MBO 4 Gespecialiseerd kok, diploma", "met"),
        ("MBO 3 elektrotechniek", "MBO niveau 4 Elektrotechniek", "met"),
        ("MBO 3 elektrotechniek", "HBO Elektrotechniek", "met"),
        ("MBO 3 elektrotechniek", "MBO level 3 Electrical Engineering", "met"),  # English field
        ("MBO 3 elektrotechniek", "MBO 2 Elektrotechniek", "lower_category"),
        ("MBO 3 elektrotechniek", "MBO 3 Installatietechniek", "lower_category"),  # field
    ],
)
def test_what_includes_what(criterion: str, line: str, expected: str) -> None:
    assert standing(criterion, ("education", line)) == expected


def test_licence_categories_under_a_heading_of_their_own() -> None:
    # "Rijbewijzen" then a line of bare categories: the heading is not the evidence, the line is
    text = "Werkervaring\n2020 - heden: Kipperchauffeur\nRijbewijzen\nB, BE, C, CE\n"
    lines = matching.sections(text)
    assert ("education", "B, BE, C, CE") in lines
    req = requirement("rijbewijs CE")
    assert req is not None
    result = check(req, facts(lines), TODAY)
    assert result.detail == "met" and result.fact is not None
    assert result.fact.line == "B, BE, C, CE"


def test_a_heading_alone_is_no_licence() -> None:
    assert standing("rijbewijs CE", ("education", "Rijbewijzen")) == "not_found"


# --- validity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Code 95 geldig tot 03-2024", "expired"),
        ("Code 95 geldig tot 06-2028", "met"),
        ("code 95 geldig t/m 30-11-2026", "expires_soon"),  # valid through today
        ("code 95 geldig tot 01-2027", "expires_soon"),  # within three months: still met
        ("code 95 geldig tot 03-2027", "met"),
        ("code 95 geldig t/m 29-11-2026", "expired"),
        ("Driver CPC (code 95), valid until mei 2025", "expired"),
        ("Getuigschrift vakbekwaamheid (code 95) geldig tot 2029", "met"),
        ("Code 95, 2019", "expired"),  # five years from the year obtained
        ("Code 95, 2022", "met"),
        ("Code 95 (verlopen)", "expired"),
        ("Code 95 geldig tot 31-02-2027", "met"),  # an impossible date is no expiry
    ],
)
def test_code_95_expires(line: str, expected: str) -> None:
    assert standing("code 95", ("education", line)) == expected


@pytest.mark.parametrize(
    ("criterion", "line", "expected"),
    [
        ("VCA basis", "VCA basis, 2016", "expires_soon"),  # ten years: to the end of 2026
        ("VCA basis", "VCA basis, 2015", "expired"),
        ("VCA basis", "VCA basis 2024, geldig tot 2034", "met"),
        ("VCA VOL", "VCA VOL, 2021 (verlopen)", "expired"),
        ("BHV", "BHV, 2025", "expires_soon"),  # one year: to the end of 2026
        ("BHV", "BHV, 2026", "met"),
        ("BHV", "BHV, 2024", "expired"),
        ("ADR", "ADR-certificaat tank, 2020", "expired"),
        ("heftruckcertificaat", "Heftruckcertificaat, 2001", "met"),  # no legal expiry
    ],
)
def test_certificates_expire_by_their_own_rule(criterion: str, line: str, expected: str) -> None:
    assert standing(criterion, ("education", line)) == expected


def test_a_valid_certificate_wins_over_an_expired_one() -> None:
    assert (
        standing("VCA", ("education", "VCA basis, 2010"), ("education", "VCA VOL, 2024")) == "met"
    )


# --- held, wanted, listed, named -------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "line"),
    [
        ("profile", "Ik wil graag mijn rijbewijs CE halen."),
        ("profile", "I want to obtain my CE licence next year."),
        ("education", "Rijbewijs CE: in opleiding"),
        ("experience", "2025 - heden: leerling chauffeur, rijbewijs CE"),
        ("education", "Rijbewijs CE (niet afgerond)"),
        ("profile", "Currently training for my CE licence, working towards code 95"),
    ],
)
def test_wanted_is_not_held(section: str, line: str) -> None:
    assert standing("rijbewijs CE", (section, line)) == "wanted"


def test_wanted_diplomas_and_certificates() -> None:
    assert standing("diploma Verzorgende IG", ("education", "Verzorgende IG (BBL), in opleiding"))\
        == "wanted"  # fmt: skip
    assert (
        standing("diploma Verzorgende IG", ("experience", "2025 - heden: Leerling verzorgende IG"))
        == "wanted"
    )
    assert standing("diploma kok", ("profile", "Ik wil graag mijn koksdiploma halen.")) == "wanted"


@pytest.mark.parametrize(
    "criterion",
    ["rijbewijs CE", "code 95", "diploma Verzorgende IG", "heftruckcertificaat", "VCA VOL"],
)
def test_a_skills_list_never_meets_a_qualification(criterion: str) -> None:
    line = "rijbewijs CE, code 95, Verzorgende IG, heftruckcertificaat, VCA VOL, 2024"
    assert standing(criterion, ("skills", line)) == "list_only"


def test_a_job_title_names_but_does_not_state_a_qualification() -> None:
    assert standing("diploma Verzorgende IG", ("experience", "2018 - heden: Verzorgende IG"))\
        == "named"  # fmt: skip
    assert standing("rijbewijs CE", ("experience", "2015 - heden: Chauffeur CE, Transport"))\
        == "named"  # fmt: skip
    assert standing("diploma kok", ("experience", "2012 - heden: Zelfstandig werkend kok"))\
        == "named"  # fmt: skip
    # a licence word in the job line is a statement
    assert standing("rijbewijs C", ("experience", "2017 - heden: Chauffeur (rijbewijs C)"))\
        == "met"  # fmt: skip


def test_held_beats_listed_and_wanted() -> None:
    assert (
        standing(
            "heftruckcertificaat",
            ("skills", "heftruckcertificaat"),
            ("profile", "Ik wil graag mijn heftruckcertificaat halen"),
            ("education", "Heftruckcertificaat 2019"),
        )
        == "met"
    )


def test_nothing_is_not_found_and_bad_input_is_harmless() -> None:
    assert standing("rijbewijs CE", ("experience", "2020 - heden: kok")) == "not_found"
    huge = "rijbewijs " + "C + E, " * 20_000 + "geldig tot 99-99-9999 " * 1000
    assert standing("rijbewijs CE", ("education", huge)) == "met"
    assert facts([]) == []
    assert facts([("education", "<script>alert(1)</script> VCA")])[0].kind == "vca"


# --- the matcher and the blind screening -----------------------------------------------------


VACANCY = {
    "title": "Vrachtwagenchauffeur CE",
    "must_have": ["rijbewijs CE", "code 95"],
    "min_years_experience": 2,
}


def test_the_matcher_explains_a_qualification_with_its_standing_and_line() -> None:
    cv = (
        "Werkervaring\n2008 - 2023: Beroepschauffeur trekker-oplegger\n"
        "Certificaten\nRijbewijs CE\nCode 95 geldig tot 03-2024\n"
    )
    result = matching.score(matching.vacancy_from_dict(VACANCY), cv, TODAY)
    by_name = {c.criterion: c for c in result.criteria}
    assert by_name["rijbewijs CE"].status == "met"
    assert by_name["rijbewijs CE"].evidence == "Rijbewijs CE"
    assert (by_name["code 95"].status, by_name["code 95"].detail) == ("partly_met", "expired")
    assert by_name["code 95"].evidence == "Code 95 geldig tot 03-2024"
    # relevant years from the title's occupation: "beroepschauffeur" is a truck driver
    assert result.relevant_years == 16.0
    again = matching.Result.from_dict(result.to_dict(), result.score)
    assert again.criteria == result.criteria  # the detail survives storage


def test_a_stuffed_list_ranks_below_a_holder_without_the_words() -> None:
    vacancy = matching.vacancy_from_dict(VACANCY)
    holder = "Werkervaring\n2018 - heden: Truck driver, Europe\nCertificates\nDriver CPC valid "\
        "until 2028\nDriving licence C+E"  # fmt: skip
    stuffed = "Werkervaring\n2018 - heden: orderpicker\nVaardigheden\nrijbewijs CE, code 95, "\
        "vrachtwagenchauffeur"  # fmt: skip
    assert (
        matching.score(vacancy, holder, TODAY).score > matching.score(vacancy, stuffed, TODAY).score
    )


def test_blind_screening_keeps_certificate_validity_and_masks_diploma_years() -> None:
    text = (
        "Jan de Vries\nOpleiding\nMBO 3 Elektrotechniek, diploma 2009\n"
        "VCA VOL, 2022\nCode 95 geldig tot 05-2027\nHeftruckcertificaat 2010\n"
    )
    out = blind(text, seed="x", names=["Jan de Vries"]).text
    assert "diploma 2009" not in out and "Heftruckcertificaat 2010" not in out
    assert "VCA VOL, 2022" in out and "geldig tot 05-2027" in out


def test_the_re_rank_engine_scores_the_sme_set_as_the_matcher_does() -> None:
    data = yaml.safe_load(SME_SET.read_text(encoding="utf-8"))
    texts = [blind(cv["text"], seed=name).text for name, cv in sorted(data["cvs"].items())]
    index = rerank.build(texts, TODAY)
    for key, spec in data["vacancies"].items():
        vacancy = matching.vacancy_from_dict(yaml.safe_load(spec["yaml"]))
        fast = rerank.scores(index, vacancy).tolist()
        slow = [matching.score(vacancy, text, TODAY).score for text in texts]
        for i, (a, b) in enumerate(zip(fast, slow, strict=True)):
            assert abs(a - b) <= 0.5e-4 + 1e-12, (key, i, a, b)


def test_describe_names_the_requirement_in_both_languages() -> None:
    req = requirement("rijbewijs CE")
    assert req is not None
    assert qualifications.describe(req, "nl") == "Rijbewijs CE"
    assert qualifications.describe(req, "en") == "Driving licence CE"


def test_expiring_soon_is_met_and_said() -> None:
    cv = "Certificaten\nRijbewijs CE\nCode 95 geldig tot 01-2027\n"
    result = matching.score(matching.vacancy_from_dict(VACANCY), cv, TODAY)
    code95 = next(c for c in result.criteria if c.criterion == "code 95")
    assert (code95.status, code95.detail) == ("met", "expires_soon")
