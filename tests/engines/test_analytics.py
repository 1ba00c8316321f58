"""People analytics engines and their CLI (issue 21): survey figures against a hand computation,
the smallest-group and differencing rules, the retention model's contract (two-valued target,
columns left out, protected columns never used, explained risks) and the Cox model."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from mensenwerk.cli import main
from mensenwerk.engines import tabular
from mensenwerk.engines.analytics import (
    AnalyticsError,
    attrition,
    comments,
    drivers,
    survey,
    survival,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
IBM = SHARED / "attrition" / "emp_attrition.csv"


def table(rows: list[dict[str, object]]) -> tabular.Table:
    headers = list(rows[0])
    text = ",".join(headers) + "\n" + "\n".join(",".join(str(r[h]) for h in headers) for r in rows)
    return tabular.read_table(text.encode(), "t.csv")


def answers(group: str, n: int, score: int, item: int) -> list[dict[str, object]]:
    return [{"team": group, "enps": score, "Werk1": item, "Werk2": item + 1} for _ in range(n)]


# --- survey ---------------------------------------------------------------------------------


def test_enps_and_item_means_match_a_hand_computation() -> None:
    rows = answers("A", 4, 10, 4) + answers("A", 3, 8, 3) + answers("A", 3, 5, 2)
    result = survey.analyse(table(rows), "team", "enps")
    a = result.groups[0]
    # 4 promoters, 3 passives, 3 detractors of 10: 40 % - 30 % = +10
    assert (a.n, a.enps, a.withheld) == (10, 10.0, False)
    assert a.items["Werk1"] == pytest.approx((4 * 4 + 3 * 3 + 3 * 2) / 10)
    assert a.distribution["Werk1"] == {"2": 3, "3": 3, "4": 4}
    assert result.themes == {"Werk": ["Werk1", "Werk2"]}
    assert a.themes["Werk"] == pytest.approx(np.mean([4.5] * 4 + [3.5] * 3 + [2.5] * 3))


def test_a_small_group_is_withheld_and_cannot_be_derived_by_subtraction() -> None:
    rows = answers("klein", 3, 0, 1) + answers("middel", 10, 9, 4) + answers("groot", 12, 9, 4)
    result = survey.analyse(table(rows), "team", "enps", min_group=5)
    by_group = {g.group: g for g in result.groups}
    assert by_group["klein"].withheld and by_group["klein"].enps is None
    # overall - groot - middel would give klein's figures: middel (the smallest other) goes too
    assert by_group["middel"].withheld and by_group["middel"].items == {}
    assert not by_group["groot"].withheld
    assert result.overall.n == 25 and not result.overall.withheld


def test_protect_rules() -> None:
    assert survey.protect({"a": 10, "b": 12}, 5) == set()
    assert survey.protect({"a": 3, "b": 10, "c": 12}, 5) == {"a", "b"}
    assert survey.protect({"a": 3, "b": 3, "c": 12}, 5) == {"a", "b"}  # 6 together: enough
    assert survey.protect({"a": 8, "b": 12}, 5, unassigned=2) == {"a"}  # rows without a team
    assert survey.protect({"a": 4}, 5) == {"a"}


def test_an_organisation_under_the_smallest_group_shows_nothing() -> None:
    result = survey.analyse(table(answers("A", 4, 9, 4)), "team", "enps")
    assert result.overall.withheld and all(g.withheld for g in result.groups)


@pytest.mark.parametrize("bad", ["11", "-1", "7.5"])
def test_an_enps_outside_0_10_is_an_error_naming_the_row(bad: str) -> None:
    rows = answers("A", 5, 9, 4)
    rows[2]["enps"] = bad
    with pytest.raises(AnalyticsError, match="row 4") as caught:
        survey.analyse(table(rows), "team", "enps")
    assert caught.value.code == "bad_enps"


def test_the_survey_cli_prints_the_issues_shape(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.csv"
    rows = answers("A", 6, 10, 4) + answers("B", 2, 3, 1)
    path.write_text(
        "team,enps,Werk1,Werk2\n"
        + "\n".join(f"{r['team']},{r['enps']},{r['Werk1']},{r['Werk2']}" for r in rows)
    )
    assert main(["survey", "--csv", str(path), "--group", "team", "--enps", "enps",
                 "--format", "json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    groups = {g["group"]: g for g in data["groups"]}
    assert set(groups["A"]) >= {"group", "n", "enps", "items", "withheld"}
    # B (2) is withheld, and with it A: the overall minus A would give B
    assert groups["B"]["withheld"] and groups["A"]["withheld"]
    assert data["overall"]["n"] == 8 and data["overall"]["enps"] == 50.0


# --- retention risk ---------------------------------------------------------------------------


def synthetic(n: int = 300, seed: int = 1) -> list[dict[str, object]]:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        overtime = rng.random() < 0.3
        gender = "F" if rng.random() < 0.5 else "M"
        left = rng.random() < (0.6 if overtime else 0.08)
        rows.append({"nr": f"E{i:04d}", "overtime": "Yes" if overtime else "No",
                     "gender": gender, "tenure": int(rng.integers(0, 20)), "country": "NL",
                     "left": "ja" if left else "nee"})  # fmt: skip
    return rows


def test_the_model_is_explained_and_protected_columns_are_never_used() -> None:
    result = attrition.analyse(table(synthetic()), "left", "nr", exclude=("gender",))
    assert result.positive == "ja" and result.rows == 300
    assert result.left_out == ["country"]  # one value
    assert "gender" not in result.used and "nr" not in result.used
    assert result.cv_auc > 0.7 and result.baseline_auc > 0.7
    assert 0 < result.brier < 0.25
    person = result.people[0]
    assert person.id == "E0000" and 0 <= person.risk <= 1
    assert {f.feature for p in result.people for f in p.factors} <= {"overtime", "tenure"}
    risky = max(result.people, key=lambda p: p.risk)
    assert risky.factors[0].feature == "overtime" and risky.factors[0].effect > 0


@pytest.mark.parametrize(
    ("values", "code"),
    [(["a", "b", "c"], "target_not_binary"), (["ja"], "target_not_binary")],
)
def test_a_target_that_is_not_two_valued_is_refused(values: list[str], code: str) -> None:
    rows = synthetic(30)
    for i, row in enumerate(rows):
        row["left"] = values[i % len(values)]
    with pytest.raises(AnalyticsError) as caught:
        attrition.analyse(table(rows), "left")
    assert caught.value.code == code


def test_the_attrition_cli(tmp_path: Path, capsys) -> None:
    rows = synthetic(120)
    path = tmp_path / "h.csv"
    path.write_text(",".join(rows[0]) + "\n" + "\n".join(",".join(map(str, r.values()))
                                                          for r in rows))  # fmt: skip
    args = ["attrition", "--csv", str(path), "--target", "left", "--id", "nr", "--format", "json"]
    assert main([*args, "--exclude", "gender"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"cv_auc", "cv_auc_std", "baseline_auc", "brier", "model", "people"}
    assert set(data["people"][0]) == {"id", "risk", "factors"}
    assert set(data["people"][0]["factors"][0]) == {"feature", "effect"}
    assert "country" in data["left_out"]
    assert main(["attrition", "--csv", str(path), "--target", "tenure"]) == 1
    assert "exactly two values" in capsys.readouterr().err
    (tmp_path / "empty.csv").write_bytes(b"")
    assert main(["attrition", "--csv", str(tmp_path / "empty.csv"), "--target", "x"]) == 1
    (tmp_path / "bin.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["attrition", "--csv", str(tmp_path / "bin.csv"), "--target", "x"]) == 1
    assert main(["attrition", "--csv", str(tmp_path / "missing.csv"), "--target", "x"]) == 1


@pytest.mark.skipif(not IBM.is_file(), reason="needs ../shared/data/attrition")
def test_ibm_attrition_reaches_the_issues_auc() -> None:
    result = attrition.analyse(
        tabular.read_table(IBM.read_bytes(), IBM.name), "Attrition", "EmployeeNumber"
    )
    assert result.cv_auc >= 0.85 and result.cv_auc >= result.baseline_auc
    assert set(result.left_out) == {"EmployeeCount", "Over18", "StandardHours"}


# --- time to leaving -----------------------------------------------------------------------------


def test_job_retention_concordance_and_hazard_ratios() -> None:
    data = pytest.importorskip("peopleanalyticsdata").job_retention()
    text = io.StringIO()
    data.to_csv(text, index=False)
    result = survival.analyse(
        tabular.read_table(text.getvalue().encode(), "j.csv"), "month", "left"
    )
    assert result.concordance >= 0.64
    intention = next(h for h in result.hazard_ratios if h.feature == "intention")
    assert intention.low < intention.ratio < intention.high and intention.ratio > 1.1


def test_concordance_by_hand() -> None:
    times = np.array([1.0, 2.0, 3.0, 4.0])
    events = np.array([1, 1, 0, 1])
    # comparable pairs: (1,2) (1,3) (1,4) (2,3) (2,4): 5; a risk falling with time orders all
    assert survival.concordance(times, events, np.array([4.0, 3.0, 2.0, 1.0])) == 1.0
    assert survival.concordance(times, events, np.array([1.0, 1.0, 1.0, 1.0])) == 0.5


def test_a_duration_that_is_not_positive_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "d.csv"
    path.write_text("months,left,x\n" + "\n".join(f"{i % 5},{i % 2},{i % 3}" for i in range(40)))
    assert main(["survival", "--csv", str(path), "--duration", "months", "--event", "left"]) == 1
    assert "positive number" in capsys.readouterr().err


# --- comments, drivers, signals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Mail gerust naar piet.jansen@bedrijf.nl", "piet.jansen@bedrijf.nl"),
        ("Bel me op 06-12345678 als het kan", "12345678"),
        ("Ik heb het met Piet Jansen besproken", "Piet Jansen"),
        ("Mevrouw de Vries luistert nooit", "de Vries"),
        ("Collega Ahmed helpt altijd", "Ahmed"),
        ("<script>alert('Sanne')</script> is lief", "Sanne"),
    ],
)
def test_comments_are_masked_before_anyone_reads_them(text: str, gone: str) -> None:
    assert gone not in comments.mask(text)


def test_known_names_are_masked_whatever_their_case() -> None:
    assert comments.mask("de planning van jansen klopt niet", names=("Jansen",)) == (
        "de planning van [naam] klopt niet"
    )
    assert comments.mask("We werken in Teams en Excel") == "We werken in Teams en Excel"


def test_sentiment_reads_negation() -> None:
    assert comments.sentiment("fijne collega's en goede steun") > 0
    assert comments.sentiment("de werkdruk is te hoog, niet goed") < 0
    assert comments.sentiment("not bad") > 0


def test_comment_themes_are_named_by_their_words_and_small_groups_get_no_examples() -> None:
    pool = [
        "De werkdruk is te hoog en de planning is krap",
        "Planning klopt nooit, werkdruk en overuren",
        "Fijne collega's en een goede sfeer in het team",
        "Goede sfeer, gezellig team, fijne collega's",
        "Meer opleiding en cursussen graag, bel Piet op 0612345678",
        "Ik mis opleiding en doorgroeimogelijkheden",
    ]
    found = comments.themes(pool * 10)
    words = {w for t in found for term in t.terms for w in term.split()}
    assert {"werkdruk", "opleiding"} <= words and words & {"sfeer", "collega", "gezellig"}
    assert sum(t.comments for t in found) == 60
    pressure = next(t for t in found if any("werkdruk" in term for term in t.terms))
    assert pressure.sentiment < 0
    assert all("0612345678" not in e and "Piet" not in e for t in found for e in t.examples)
    assert all(t.examples == [] for t in comments.themes(pool[:6]))  # six comments: no quotes


def test_a_survey_with_comments_shows_a_small_groups_themes_never() -> None:
    rows = answers("A", 12, 9, 4) + answers("B", 8, 5, 2)
    for i, row in enumerate(rows):
        row["opmerking"] = ["Goede sfeer", "Werkdruk te hoog", "Meer opleiding"][i % 3]
    result = survey.analyse(table(rows), "team", "enps", comments="opmerking")
    by_group = {g.group: g for g in result.groups}
    assert by_group["A"].comments and not by_group["B"].comments  # B wrote 8 (< 10)
    assert result.overall.comments


def test_drivers_find_the_theme_that_moves_the_outcome() -> None:
    rng = np.random.default_rng(3)
    werk, team, groei = (rng.normal(3, 0.7, 800) for _ in range(3))
    outcome = 2.0 * werk + 0.5 * team + rng.normal(0, 0.5, 800)
    found = drivers.drivers(
        np.column_stack([werk, team, groei]), outcome, ["Werk", "Team", "Groei"]
    )
    assert [d.theme for d in found] == ["Werk", "Team", "Groei"]
    assert sum(d.share for d in found) == pytest.approx(1.0, abs=0.01)
    assert found[0].low <= found[0].share <= found[0].high and found[0].share > 0.8
    assert found[2].share < 0.02
    with pytest.raises(AnalyticsError):
        drivers.drivers(np.ones((5, 1)), np.arange(5.0), ["Werk"])


def test_a_drop_beyond_the_normal_variation_is_a_signal_for_the_team_only() -> None:
    rng = np.random.default_rng(5)

    def wave(drop: float) -> survey.SurveyResult:
        rows = []
        for team, n in (("A", 40), ("B", 40), ("C", 3), ("D", 20)):
            for _ in range(n):
                level = 4 - (drop if team == "A" else 0) + rng.normal(0, 0.3)
                item = int(min(5, max(1, round(level))))
                rows.append({"team": team, "enps": int(min(10, max(0, round(2 * level)))),
                             "Werk1": item, "Werk2": item})  # fmt: skip
        return survey.analyse(table(rows), "team", "enps")

    before, after = wave(0), wave(1.5)
    found = survey.signals(before, after)
    # C (3) is withheld, and D (the smallest other) with it: neither is ever compared
    assert {s.group for s in found} == {"A"}
    assert any(s.measure == "Werk" and s.change < -s.limit for s in found)
    assert survey.signals(before, wave(0)) == []


def test_the_cli_tables_read_well_and_escape_nothing_into_markup(tmp_path: Path, capsys) -> None:
    rows = answers("A", 12, 9, 4) + answers("B", 12, 3, 2)
    lines = ["team,enps,Werk1,Werk2,opmerking"]
    for i, r in enumerate(rows):
        note = ["Goede sfeer, vraag Piet", "Werkdruk te hoog", "Meer opleiding"][i % 3]
        lines.append(f"{r['team']},{r['enps']},{r['Werk1']},{r['Werk2']},{note}")
    path = tmp_path / "s.csv"
    path.write_text("\n".join(lines))
    args = ["survey", "--csv", str(path), "--group", "team", "--enps", "enps"]
    assert main([*args, "--comments", "opmerking"]) == 0
    out = capsys.readouterr().out
    assert "(all)" in out and "eNPS" in out and "comments:" in out and "Piet" not in out
    assert main([*args, "--comments", "opmerking", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["comments"] and "Piet" not in json.dumps(data)
    assert main(["survey", "--csv", str(path), "--group", "nope"]) == 1
    assert "columns: team, enps" in capsys.readouterr().err


def test_an_xlsx_export_with_empty_cells_is_read_as_a_spreadsheet_writes_it(tmp_path: Path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    rows = synthetic(80)
    sheet.append(["nr", "overtime", "tenure", "salaris", "left"])
    for i, r in enumerate(rows):
        salary = "" if i % 7 == 0 else f"{2500 + 10 * i:,}".replace(",", ".") + ",00"  # € 2.510,00
        sheet.append([r["nr"], r["overtime"], r["tenure"], salary, r["left"]])
    path = tmp_path / "hris.xlsx"
    book.save(path)
    args = ["attrition", "--csv", str(path), "--target", "left", "--id", "nr", "--format", "json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert "salaris" in data["used"] and len(data["people"]) == 80
    assert all(0 <= p["risk"] <= 1 for p in data["people"])


def test_the_survival_cli_prints_ratios_with_intervals(tmp_path: Path, capsys) -> None:
    rng = np.random.default_rng(2)
    lines = ["maanden,vertrokken,werkdruk,afdeling"]
    for i in range(200):
        pressure = int(rng.integers(1, 6))
        months = max(1, int(rng.exponential(40 / pressure)))
        lines.append(f"{months},{int(rng.random() < 0.6)},{pressure},{'AB'[i % 2]}")
    path = tmp_path / "r.csv"
    path.write_text("\n".join(lines))
    args = ["survival", "--csv", str(path), "--duration", "maanden", "--event", "vertrokken"]
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ratio = next(h for h in data["hazard_ratios"] if h["feature"] == "werkdruk")
    assert ratio["low"] <= ratio["ratio"] <= ratio["high"] and ratio["ratio"] > 1
    assert 0.5 < data["concordance"] <= 1
    assert main(args) == 0 and "concordance" in capsys.readouterr().out
