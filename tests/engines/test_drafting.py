"""Drafting from facts: the law's elements, the switches, honest levels, nothing invented."""

from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from mensenwerk.engines.drafting import DraftError, compose
from mensenwerk.engines.drafting.words import MONTHS
from tests.cli import mensenwerk

REFERENCE = {
    "organisation": "Van der Molen Machinebouw B.V.",
    "name": "Fatima El Amrani",
    "pronoun": "zij",
    "role": "CNC-verspaner",
    "department": "Productie",
    "start_date": date(2019, 3, 1),
    "end_date": date(2026, 10, 31),
    "hours_per_week": 38,
    "tasks": ["CNC-frezen van enkelstuks en kleine series", "programmeren op Heidenhain TNC 640"],
    "achievements": ["Heeft de omsteltijd van de DMG-freesbank met 30% verkort"],
    "include_performance": False,
    "performance": "excellent",
    "include_reason": False,
    "reason_for_leaving": "eigen verzoek",
    "signatory": {"name": "Sanne de Vries", "title": "HR-manager"},
}
STATEMENT = {
    "organisation": "Van der Molen Machinebouw B.V.",
    "name": "Fatima El Amrani",
    "birth_date": "1990-06-15",
    "start_date": "2019-03-01",
    "contract": "tijdelijk",
    "end_date": "2027-02-28",
    "salary": 48000,
    "holiday_pay": 3840,
    "end_of_year_payment": 0,
    "irregular_allowance": "1250.50",
    "probation": False,
    "will_continue": True,
    "date": "2026-11-30",
    "place": "Deventer",
    "signatory": {"name": "Sanne de Vries", "title": "HR-manager"},
}
PERFORMANCE_WORDS = ["uitstekend", "goed gedaan", "naar behoren", "excellently", "did her work"]


def test_a_reference_states_the_law_s_elements_the_dutch_and_the_english_way() -> None:
    nl = compose("reference", REFERENCE, "nl")
    assert nl.title == "Getuigschrift"
    assert "van 1 maart 2019 tot en met 31 oktober 2026" in nl.text
    assert "als CNC-verspaner op de afdeling Productie" in nl.text
    assert "Zij werkte 38 uur per week." in nl.text
    assert "Tot haar taken behoorden: CNC-frezen" in nl.text
    assert "Zij heeft de omsteltijd van de DMG-freesbank met 30% verkort." in nl.text
    en = compose("reference", REFERENCE, "en")
    assert "from 1 March 2019 to 31 October 2026" in en.text
    assert "She worked 38 hours a week." in en.text
    first = nl.sentences[0]
    assert set(first.facts) == {
        "organisation", "name", "start_date", "end_date", "role", "department",
    }  # fmt: skip


def test_with_the_switches_off_there_is_no_performance_and_no_reason() -> None:
    for language in ("nl", "en"):
        draft = compose("reference", REFERENCE, language)
        lowered = draft.text.lower()
        assert not any(word in lowered for word in PERFORMANCE_WORDS)
        assert "verzoek" not in lowered and "request" not in lowered
        assert "performance not written: include_performance is off" in draft.warnings
        assert not any("performance" in s.facts for s in draft.sentences)


@pytest.mark.parametrize(
    ("level", "nl", "en"),
    [
        ("excellent", "Zij heeft haar werk uitstekend gedaan; wij waarderen haar inzet en "
         "resultaten zeer.", "She did her work excellently; we greatly value her commitment "
         "and results."),
        ("good", "Zij heeft haar werk goed gedaan.", "She did her work well."),
        ("satisfactory", "Zij heeft haar werk naar behoren gedaan.",
         "She did her work adequately."),
    ],
)  # fmt: skip
def test_each_level_is_worded_for_what_it_is(level: str, nl: str, en: str) -> None:
    facts = {**REFERENCE, "include_performance": True, "performance": level}
    assert nl in compose("reference", facts, "nl").text
    assert en in compose("reference", facts, "en").text
    # the coded stock phrase of Dutch references is never used, for any level
    assert "naar tevredenheid" not in compose("reference", facts, "nl").text


def test_the_reason_is_written_only_on_request_and_in_plain_words() -> None:
    facts = {**REFERENCE, "include_reason": True}
    assert "beëindigd op verzoek van Fatima El Amrani" in compose("reference", facts, "nl").text
    other = {**facts, "reason_for_leaving": "verhuizing naar Groningen"}
    assert "Reden van vertrek: verhuizing naar Groningen." in compose("reference", other, "nl").text
    ended = {**facts, "reason_for_leaving": "einde contract"}
    assert "when the contract expired" in compose("reference", ended, "en").text


@pytest.mark.parametrize(
    ("pronoun", "nl", "en"),
    [
        ("name", "Fatima El Amrani werkte 38 uur", "Fatima El Amrani worked 38 hours"),
        ("hij", "Hij werkte 38 uur", "He worked 38 hours"),
        ("hen", "Hen werkte 38 uur", "They worked 38 hours"),
        (None, "Tot de taken van Fatima El Amrani behoorden", "Fatima El Amrani's tasks included"),
    ],
)
def test_the_employee_chooses_how_the_letter_refers_to_them(pronoun, nl, en) -> None:
    facts = {k: v for k, v in REFERENCE.items() if k != "pronoun"}
    if pronoun:
        facts["pronoun"] = pronoun
    assert nl in compose("reference", facts, "nl").text
    assert en in compose("reference", facts, "en").text


@pytest.mark.parametrize("missing", ["organisation", "name", "role", "start_date", "end_date"])
def test_a_missing_required_fact_is_named_not_guessed(missing: str) -> None:
    facts = {k: v for k, v in REFERENCE.items() if k != missing}
    with pytest.raises(DraftError) as error:
        compose("reference", facts, "nl")
    assert (error.value.code, error.value.params["fact"]) == ("missing_fact", missing)


@pytest.mark.parametrize(
    ("change", "fact"),
    [
        ({"start_date": "maart 2019"}, "start_date"),
        ({"end_date": "2018-01-01"}, "end_date"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"hours_per_week": "veertig"}, "hours_per_week"),
        ({"pronoun": "it"}, "pronoun"),
        ({"performance": "superb", "include_performance": True}, "performance"),
        ({"include_performance": "yes"}, "include_performance"),
        ({"tasks": {"a": 1}}, "tasks"),
        ({"name": ["Fatima"]}, "name"),
        ({"include_performance": True, "performance": None}, "performance"),
        ({"include_reason": True, "reason_for_leaving": ""}, "reason_for_leaving"),
        ({"signatory": "Sanne"}, "signatory"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_fact(change: dict, fact: str) -> None:
    with pytest.raises(DraftError) as error:
        compose("reference", {**REFERENCE, **change}, "nl")
    assert error.value.params["fact"] == fact


def test_unknown_facts_are_warned_and_not_used_and_long_input_is_bounded() -> None:
    facts = {**REFERENCE, "salary": 99999, "tasks": [f"taak {i}" for i in range(100)]}
    facts["role"] = "x" * 5000
    draft = compose("reference", facts, "nl")
    assert "unknown fact 'salary' ignored" in draft.warnings
    assert "99999" not in draft.text and "99.999" not in draft.text
    assert "taak 29" in draft.text and "taak 30" not in draft.text
    assert "x" * 501 not in draft.text
    for bad in (None, [], "text", 7):
        with pytest.raises(DraftError):
            compose("reference", bad, "nl")
    with pytest.raises(DraftError):
        compose("contract", REFERENCE, "nl")
    with pytest.raises(DraftError):
        compose("reference", REFERENCE, "de")


def test_an_employer_statement_has_every_standard_field() -> None:
    nl = compose("statement", STATEMENT, "nl").text
    for line in [
        "Werkgever: Van der Molen Machinebouw B.V.",
        "Werknemer: Fatima El Amrani",
        "Geboortedatum: 15 juni 1990",
        "In dienst sinds: 1 maart 2019",
        "Dienstverband: voor bepaalde tijd, tot en met 28 februari 2027",
        "Bruto jaarsalaris (zonder vakantiegeld): € 48.000",
        "Vakantiegeld per jaar: € 3.840",
        "Eindejaarsuitkering of 13e maand per jaar: € 0",
        "Vaste onregelmatigheidstoeslag per jaar: € 1.250,50",
        "Proeftijd: nee",
        "Voornemen het dienstverband voort te zetten: ja",
        "Deventer, 30 november 2026",
    ]:
        assert line in nl, line
    en = compose("statement", STATEMENT, "en").text
    assert "Gross yearly salary (without holiday pay): €48,000" in en
    assert "Fixed irregular-hours allowance per year: €1,250.50" in en


@pytest.mark.parametrize(
    "missing",
    ["salary", "holiday_pay", "end_of_year_payment", "irregular_allowance", "probation",
     "contract", "end_date", "will_continue"],
)  # fmt: skip
def test_a_statement_asks_for_every_missing_field(missing: str) -> None:
    facts = {k: v for k, v in STATEMENT.items() if k != missing}
    with pytest.raises(DraftError) as error:
        compose("statement", facts, "nl")
    assert error.value.params["fact"] == missing


def test_a_permanent_contract_needs_no_end_date_and_no_intention() -> None:
    facts = {k: v for k, v in STATEMENT.items() if k not in ("end_date", "will_continue")}
    text = compose("statement", {**facts, "contract": "vast"}, "nl").text
    assert "Dienstverband: voor onbepaalde tijd" in text and "Voornemen" not in text
    with pytest.raises(DraftError):
        compose("statement", {**STATEMENT, "salary": -1}, "nl")


# --- nothing invented: every date and number of every draft is in its facts ------------------

WORDS = ["Jansen", "de Vries", "Bakker", "Yılmaz", "Nguyen", "El Idrissi", "O'Brien"]


def _random_reference(rng: random.Random) -> dict:
    start = date(1990, 1, 1) + timedelta(days=rng.randrange(12000))
    facts = {
        "organisation": rng.choice(["Bakkerij Brood & Zo", "Transport 2000 B.V.", "Zorg+ 24"]),
        "name": f"{rng.choice(['Anna', 'Mo', 'Lieke', 'Kees'])} {rng.choice(WORDS)}",
        "role": rng.choice(["Chauffeur CE", "Verzorgende IG niveau 3", "Boekhouder", "Lasser"]),
        "start_date": start,
        "end_date": start + timedelta(days=rng.randrange(1, 9000)),
        "pronoun": rng.choice(["zij", "hij", "hen", "name"]),
        "include_performance": rng.random() < 0.5,
        "performance": rng.choice(["excellent", "good", "satisfactory"]),
        "include_reason": rng.random() < 0.5,
        "reason_for_leaving": rng.choice(["eigen verzoek", "einde contract", "verhuizing"]),
    }
    if rng.random() < 0.7:
        facts["hours_per_week"] = rng.choice([8, 16, 24, 32, 36, 38, 40, 22.5])
    if rng.random() < 0.7:
        facts["department"] = rng.choice(["Productie", "Afdeling 3", "Team 12B"])
    facts["tasks"] = [f"taak {rng.randrange(100)} met {rng.randrange(5, 50)} ritten"]
    if rng.random() < 0.5:
        facts["date"] = start + timedelta(days=rng.randrange(100, 10000))
    return facts


def _random_statement(rng: random.Random) -> dict:
    start = date(1990, 1, 1) + timedelta(days=rng.randrange(12000))
    temporary = rng.random() < 0.5
    facts = {
        "organisation": "Zorg+ 24",
        "name": f"Mo {rng.choice(WORDS)}",
        "start_date": start.isoformat(),
        "contract": "tijdelijk" if temporary else "vast",
        "salary": rng.randrange(20000, 120000),
        "holiday_pay": round(rng.uniform(0, 9000), 2),
        "end_of_year_payment": rng.choice([0, 1500, 3333.33]),
        "irregular_allowance": rng.choice([0, 250.5, 1200]),
        "probation": rng.random() < 0.3,
    }
    if temporary:
        facts["end_date"] = (start + timedelta(days=rng.randrange(30, 900))).isoformat()
        facts["will_continue"] = rng.random() < 0.5
    if facts["probation"] and rng.random() < 0.5:
        facts["probation_end"] = (start + timedelta(days=60)).isoformat()
    return facts


def _random_offer(rng: random.Random) -> dict:
    start = date(2027, 1, 1) + timedelta(days=rng.randrange(300))
    facts = {
        "organisation": "Transport 2000 B.V.",
        "name": f"Noor {rng.choice(WORDS)}",
        "role": rng.choice(["Chauffeur CE", "Planner 2e lijn"]),
        "start_date": start,
        "contract": rng.choice(["vast", "tijdelijk"]),
        "salary": rng.choice([2850, 3120.5, 4000]),
        "reply_by": start - timedelta(days=rng.randrange(5, 40)),
        "conditions": [f"{rng.randrange(1, 30)}% korting", "Een auto van de zaak"],
    }
    if facts["contract"] == "tijdelijk":
        facts["end_date"] = start + timedelta(days=rng.randrange(60, 700))
    if rng.random() < 0.6:
        facts["hours_per_week"] = rng.choice([24, 32, 36.5, 40])
    return facts


def _fact_values(facts: dict) -> tuple[set[date], set[Decimal], list[str]]:
    dates, numbers, texts = set(), set(), []
    for value in facts.values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, date):
                dates.add(item)
            elif isinstance(item, bool):
                continue
            elif isinstance(item, int | float):
                numbers.add(Decimal(str(item)))
            elif isinstance(item, str):
                try:
                    dates.add(date.fromisoformat(item))
                except ValueError:
                    texts.append(item)
    return dates, numbers, texts


def _invented(text: str, facts: dict, language: str) -> list[str]:
    dates, numbers, texts = _fact_values(facts)
    for fact_text in sorted(texts, key=len, reverse=True):  # a number inside a fact's text
        text = text.replace(fact_text, " ")
    months = "|".join(MONTHS[language])
    found = []
    for day, month, year in re.findall(rf"(\d{{1,2}}) ({months}) (\d{{4}})", text):
        if date(int(year), MONTHS[language].index(month) + 1, int(day)) not in dates:
            found.append(f"{day} {month} {year}")
    text = re.sub(rf"\d{{1,2}} (?:{months}) \d{{4}}", " ", text)
    thousands, decimal = (".", ",") if language == "nl" else (",", ".")
    for raw in re.findall(r"(?<![A-Za-z])(?:\d[\d.,]*\d|\d)", text):
        value = Decimal(raw.replace(thousands, "").replace(decimal, "."))
        if value not in numbers and value != 13:  # "13e maand" is the field's name
            found.append(raw)
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_date_or_number_appears_that_is_not_in_the_facts(language: str) -> None:
    rng = random.Random(20261130)
    for _ in range(300):
        for kind, facts in (
            ("reference", _random_reference(rng)),
            ("statement", _random_statement(rng)),
            ("offer", _random_offer(rng)),
        ):
            draft = compose(kind, facts, language)
            assert _invented(draft.text, facts, language) == [], (kind, facts)
    # the check itself finds what a careless writer would add
    month = MONTHS[language][0]
    invented = _invented(f"{draft.text} (2 {month} 1901; 4711)", facts, language)
    assert f"2 {month} 1901" in invented and "4711" in invented


# --- the command ---------------------------------------------------------------------------


def test_the_command_drafts_names_what_is_missing_and_refuses_bad_files(tmp_path: Path) -> None:
    facts = tmp_path / "ref.yaml"
    facts.write_text(
        "organisation: Van der Molen Machinebouw B.V.\nname: Fatima El Amrani\n"
        "role: CNC-verspaner\nstart_date: 2019-03-01\nend_date: 2026-10-31\nfavourite: blue\n"
    )
    result = mensenwerk("draft", "reference", "--facts", str(facts), "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert "1 maart 2019" in out["text"]
    assert out["sentences"][0]["facts"][:2] == ["organisation", "name"]
    assert "unknown fact 'favourite' ignored" in out["warnings"]
    english = mensenwerk("draft", "reference", "--facts", str(facts), "--lang", "en")
    assert "1 March 2019" in english.stdout and "warning: unknown fact" in english.stderr
    facts.write_text("organisation: X\nname: Y\nstart_date: 2019-03-01\nend_date: 2020-01-01\n")
    missing = mensenwerk("draft", "reference", "--facts", str(facts))
    assert missing.returncode == 1 and "missing fact: role" in missing.stderr
    facts.write_text("a: &a [1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" * 3 + "c: [")
    assert mensenwerk("draft", "reference", "--facts", str(facts)).returncode == 2
    facts.write_bytes(b"\xff\xfe\x00bad")
    assert mensenwerk("draft", "reference", "--facts", str(facts)).returncode == 2
    gone = mensenwerk("draft", "statement", "--facts", str(tmp_path / "none.yaml"))
    assert gone.returncode == 2


# --- the job ad -----------------------------------------------------------------------------

JOBAD = {
    "organisation": "Van der Molen Machinebouw B.V.",
    "title": "Lasser",
    "location": "Enschede",
    "hours": "38",
    "salary_min": 2900,
    "salary_max": 3650,
    "conditions": ["Acht procent vakantiegeld", "Een goede pensioenregeling"],
    "tasks": ["Je last frames van staal en rvs", "Je leest tekeningen"],
    "must_have": ["MIG/MAG-lassen", "Tekeningen lezen"],
    "nice_to_have": ["VCA"],
    "languages": ["nl B1", {"code": "en", "level": ""}],
    "education": "mbo",
    "min_years": 2,
    "apply": "werken@vandermolen.example",
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_job_ad_draft_passes_the_inclusive_check(language: str) -> None:
    from mensenwerk.engines import jobad

    draft = compose("jobad", JOBAD, language)
    assert draft.title == "Lasser (m/v/x)"
    report = jobad.check(draft.title, draft.text, language)
    kinds = {f.kind for f in report.findings}
    assert not kinds & {"masculine", "exclusionary", "title", "missing", "readability"}, [
        (f.kind, f.text) for f in report.findings
    ]
    assert report.reading_ease >= jobad.TARGET_READING_EASE
    money = "€ 2.900 tot € 3.650" if language == "nl" else "€2,900 to €3,650"
    assert money in draft.text
    assert _invented(draft.text, JOBAD, language) == []


def test_a_job_ad_needs_tasks_requirements_and_a_way_to_apply() -> None:
    for missing in ("tasks", "apply", "title", "organisation"):
        with pytest.raises(DraftError) as error:
            compose("jobad", {k: v for k, v in JOBAD.items() if k != missing}, "nl")
        assert error.value.params["fact"] == missing
    bare = {k: v for k, v in JOBAD.items() if k not in ("must_have", "min_years", "education",
                                                        "languages")}  # fmt: skip
    with pytest.raises(DraftError):
        compose("jobad", bare, "nl")
    with pytest.raises(DraftError):
        compose("jobad", {**JOBAD, "languages": ["xx C1"]}, "nl")
    with pytest.raises(DraftError):
        compose("jobad", {**JOBAD, "salary_max": 100}, "nl")
    no_pay = compose("jobad", {k: v for k, v in JOBAD.items() if not k.startswith("sal")}, "nl")
    assert any(w.startswith("no salary") for w in no_pay.warnings)
    marked = compose("jobad", {**JOBAD, "title": "Lasser (m/v/x)"}, "nl")
    assert marked.title == "Lasser (m/v/x)" and "(m/v/x) (m/v/x)" not in marked.text


def test_an_offer_letter_states_the_offer_and_asks_for_an_answer_by_a_date() -> None:
    facts = {
        "organisation": "Van der Molen Machinebouw B.V.",
        "name": "Noor Haddou",
        "role": "CNC-verspaner",
        "start_date": "2027-01-04",
        "contract": "permanent",
        "salary": 3150,
        "reply_by": "2026-12-11",
    }
    nl = compose("offer", facts, "nl").text
    assert "Je eerste werkdag is 4 januari 2027." in nl
    assert "Je salaris is € 3.150 bruto per maand." in nl
    assert "vóór 11 december 2026" in nl and "onbepaalde tijd" in nl
    assert "Please let us know before 11 December 2026" in compose("offer", facts, "en").text
    for missing in ("salary", "reply_by", "start_date", "contract", "role"):
        with pytest.raises(DraftError) as error:
            compose("offer", {k: v for k, v in facts.items() if k != missing}, "nl")
        assert error.value.params["fact"] == missing
