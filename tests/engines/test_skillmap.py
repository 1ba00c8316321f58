"""Free-text skills onto the taxonomy: synonyms, compounds, Dutch and English, misspellings,
levels, and what stays unmapped."""

from __future__ import annotations

import pytest

from mensenwerk.engines.skillmap import (
    Entry,
    SkillsError,
    Vocabulary,
    distance,
    parse_entry,
    parse_list,
    shipped,
)


def key(text: str, vocabulary: Vocabulary | None = None) -> str | None:
    match = (vocabulary or shipped()).match(text)
    return match.key if match else None


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Heftruck rijden", "forklift"),
        ("forklift licence", "forklift"),  # English
        ("heftruckrijbewijs", "forklift"),  # compound
        ("vorkheftruck", "forklift"),
        ("reachtruck", "reach_truck"),  # narrower, not the same skill
        ("PLC-programmering", "plc"),
        ("Siemens TIA Portal", "plc"),
        ("absence management", "absence_management"),  # English label of a Dutch concept
        ("verzuimbegeleiding", "absence_management"),
        ("Nederlands arbeidsrecht", "employment_law"),  # the longest label wins
        ("lezen van technische tekeningen", "technical_drawings"),
        ("NEN-3140", "nen3140"),
        ("Microsoft Excel", "excel"),
        ("excell", "excel"),  # the stemmer already reads it
        ("bedrijfshulpverlener", "bhv"),
        ("EHBO", "first_aid"),  # first aid is not BHV
    ],
)
def test_labels_synonyms_compounds_and_both_languages(text: str, concept: str) -> None:
    assert key(text) == concept


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("heftuck", "forklift"),
        ("heidenhein", "heidenhain"),
        ("exel", "excel"),
        ("arbeidsrech", "employment_law"),
        ("klantenservis", "customer_service"),
        ("klanten service", "customer_service"),  # two words written apart
    ],
)
def test_common_misspellings(text: str, concept: str) -> None:
    match = shipped().match(text)
    assert match is not None and match.key == concept and match.how == "spelling"


@pytest.mark.parametrize(
    "text", ["vissen", "koken", "gitaar spelen", "toneel", "schilderen", "zwemmen", "xyz", "a"]
)
def test_what_names_no_skill_stays_unmapped(text: str) -> None:
    assert key(text) is None


def test_a_requirement_the_taxonomy_does_not_know_becomes_its_own_concept() -> None:
    vocabulary = Vocabulary(["Bloemschikken voor evenementen", "Heftruck rijden"])
    own = key("Bloemschikken voor evenementen", vocabulary)
    assert own is not None and own.startswith("text:")
    assert key("bloemschikken (evenementen)", vocabulary) == own  # written differently
    assert key("bloemschikken voor evenementen", shipped()) is None  # not in the taxonomy
    assert key("Heftruck rijden", vocabulary) == "forklift"  # known: no ad hoc concept
    # a requirement naming a known skill with more words is that skill
    assert key("Storingsanalyse NX-lijn", Vocabulary(["Storingsanalyse NX-lijn"])) == (
        "troubleshooting"
    )


def test_levels_are_read_after_a_colon_and_checked() -> None:
    assert parse_entry("PLC programmeren:2") == Entry("PLC programmeren", 2)
    assert parse_entry("  Excel  ") == Entry("Excel", None)
    assert parse_entry("Engels C1 : 3") == Entry("Engels C1", 3)
    assert parse_list("Excel:3; heftruck rijden;; PLC programmeren:2\nVCA") == [
        Entry("Excel", 3),
        Entry("heftruck rijden"),
        Entry("PLC programmeren", 2),
        Entry("VCA"),
    ]
    for bad in ("Excel:6", "Excel:0", "Excel:drie", "Excel:2.5", "Excel:"):
        with pytest.raises(SkillsError) as error:
            parse_entry(bad)
        assert error.value.code == "bad_level"
    with pytest.raises(SkillsError) as error:
        parse_entry("x" * 500)
    assert error.value.code == "too_long"


def test_markup_and_odd_input_are_just_text() -> None:
    assert key("<script>alert(1)</script>") is None
    assert key("") is None
    assert key("   ") is None
    assert key("💡🚜") is None
    assert key("heftruck " * 1000) == "forklift"  # long input is cut, not a crash


def test_distance_counts_edits_and_swaps_and_stops_early() -> None:
    assert distance("heftruck", "heftruck", 2) == 0
    assert distance("heftuck", "heftruck", 2) == 1
    assert distance("exel", "excel", 1) == 1
    assert distance("lcp", "plc", 2) == 2
    assert distance("abcd", "bacd", 1) == 1  # one adjacent swap
    assert distance("a", "abcdef", 2) == 3  # over the limit: limit + 1


def test_the_roles_own_skills_win_inside_a_longer_phrase() -> None:
    vocabulary = shipped()
    assert key("rijbewijs heftruck") == "driving_licence_b"  # the longest label, without a role
    match = vocabulary.match("rijbewijs heftruck", frozenset({"forklift"}))
    assert match is not None and match.key == "forklift"
    match = vocabulary.match("salaris administratie", frozenset({"payroll"}))
    assert match is not None and (match.key, match.how) == ("payroll", "spelling")
    # a role's preference never turns an unrelated word into its skill
    assert vocabulary.match("vissen", frozenset({"forklift", "payroll"})) is None
    reach = vocabulary.match("reachtruck", frozenset({"forklift"}))
    assert reach is not None and reach.key == "reach_truck"
