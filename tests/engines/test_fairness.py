"""Fairness tables against an independent implementation (fairlearn) on real data sets."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mensenwerk.engines import fairness
from tests.cli import mensenwerk

pad = pytest.importorskip("peopleanalyticsdata")
fairlearn_metrics = pytest.importorskip("fairlearn.metrics")


def _columns(frame, names):
    return {name: [str(v) for v in frame[name]] for name in names}


@pytest.mark.parametrize(
    ("loader", "groups", "outcome"),
    [
        ("recruiting", ["gender"], "hired"),
        ("promotion", ["diverse", "flexible", "store"], "promoted"),
    ],
)
def test_it_matches_fairlearn_per_attribute_and_intersection(loader, groups, outcome) -> None:
    frame = getattr(pad, loader)()
    y = [int(v) for v in frame[outcome]]
    tables = fairness.audit(_columns(frame, groups), groups, y, min_group=1, min_share=0)
    for t in tables:
        features = frame[t.attributes] if len(t.attributes) > 1 else frame[t.attributes[0]]
        mf = fairlearn_metrics.MetricFrame(
            metrics=fairlearn_metrics.selection_rate,
            y_true=y,
            y_pred=y,
            sensitive_features=features,
        )
        expected = {
            tuple(str(k) for k in (key if isinstance(key, tuple) else (key,))): rate
            for key, rate in mf.by_group.items()
        }
        ours = {tuple(r.group.values()): r.rate for r in t.rows}
        assert ours.keys() == expected.keys()
        for key, rate in expected.items():
            assert abs(ours[key] - rate) < 1e-9, (t.attributes, key)
        ratio = fairlearn_metrics.demographic_parity_ratio(y, y, sensitive_features=features)
        assert abs(min(r.impact_ratio for r in t.rows) - ratio) < 1e-9, t.attributes


def test_it_reproduces_the_published_recruiting_figures() -> None:
    frame = pad.recruiting()
    y = [int(v) for v in frame["hired"]]
    (gender,) = fairness.audit(_columns(frame, ["gender"]), ["gender"], y)
    women = next(r for r in gender.rows if r.group == {"gender": "F"})
    assert (women.n, women.selected, round(women.rate, 4), round(women.impact_ratio, 4)) == (
        494,
        78,
        0.1579,
        0.6901,
    )
    assert women.flag
    assert women.conclusion == "needs_review"
    assert women.p_value < 0.01
    assert women.ci[0] < women.rate < women.ci[1]


def test_it_scores_by_the_ll144_median_rule() -> None:
    frame = pad.recruiting()
    scores = [float(v) for v in frame["apttest"]]
    above = fairness.above_median(scores)
    middle = sorted(scores)[len(scores) // 2 - 1 : len(scores) // 2 + 1]
    cut = sum(middle) / 2
    assert above == [1 if s > cut else 0 for s in scores]
    (gender,) = fairness.audit(_columns(frame, ["gender"]), ["gender"], above)
    for row in gender.rows:
        members = [
            a for a, g in zip(above, frame["gender"], strict=True) if g == row.group["gender"]
        ]
        assert abs(row.rate - sum(members) / len(members)) < 1e-12


def test_it_does_not_report_small_groups_nor_use_them_as_reference() -> None:
    groups = ["A"] * 50 + ["B"] * 50 + ["C"] * 3 + ["?"] * 4
    outcome = [1] * 20 + [0] * 30 + [1] * 10 + [0] * 40 + [1] * 3 + [1] * 4
    (t,) = fairness.audit({"g": groups}, ["g"], outcome)
    rows = {r.group["g"]: r for r in t.rows}
    assert t.unknown == 4
    assert "?" not in rows
    assert rows["C"].status == "too_small"
    assert rows["C"].rate is None
    assert rows["C"].selected is None
    assert rows["C"].n == 3
    assert rows["A"].status == "reference"  # not C's 1.0
    assert t.reference_rate == 0.4
    assert rows["B"].impact_ratio == 0.5
    assert rows["B"].flag


def test_it_says_not_enough_data_when_a_low_ratio_may_be_chance() -> None:
    groups = ["A"] * 6 + ["B"] * 6
    outcome = [1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0]  # A: 4/6, B: 2/6
    (t,) = fairness.audit({"g": groups}, ["g"], outcome, min_share=0)
    b = next(r for r in t.rows if r.group["g"] == "B")
    assert b.flag
    assert b.p_value > 0.05
    assert b.conclusion == "not_enough_data"


def test_it_flags_nothing_when_every_group_is_equal() -> None:
    groups = ["A", "B", "C"] * 40
    outcome = [1, 1, 1, 0, 0, 0] * 20  # every group: 1 then 0
    (t,) = fairness.audit({"g": groups}, ["g"], outcome)
    assert all(r.impact_ratio == 1.0 and not r.flag for r in t.rows)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return mensenwerk("fairness", *args)


def test_the_cli_prints_the_documented_json_without_any_settings(tmp_path: Path) -> None:
    path = tmp_path / "recruiting.csv"
    pad.recruiting().to_csv(path, index=False)
    result = _cli("--csv", str(path), "--group", "gender", "--outcome", "hired", "--format", "json")
    assert result.returncode == 0, result.stderr
    women = json.loads(result.stdout)["tables"][0]["rows"][0]
    assert women["group"] == {"gender": "F"}
    assert women["selection_rate"] == 0.1579
    assert women["impact_ratio"] == 0.6901
    assert women["flag"] is True
    assert set(women) >= {"n", "selected", "p_value", "ci", "status"}


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("g;o\nA;1\n", ["--group", "x", "--outcome", "o"], "column 'x': no such column"),
        ("g;s\nA;high\n", ["--group", "g", "--score", "s"], "column 's': expected a number"),
        ("g;o\nA;maybe\n", ["--group", "g", "--outcome", "o"], "column 'o': expected 0/1"),
        ("", ["--group", "g", "--outcome", "o"], "the file is empty"),
    ],
)
def test_the_cli_names_the_bad_column_and_exits_2(tmp_path: Path, content, args, message) -> None:
    path = tmp_path / "data.csv"
    path.write_text(content)
    result = _cli("--csv", str(path), *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_the_cli_refuses_missing_arguments_and_files(tmp_path: Path) -> None:
    assert (
        _cli("--csv", str(tmp_path / "none.csv"), "--group", "g", "--outcome", "o").returncode == 2
    )
    assert _cli("--group", "g").returncode == 2


def _people(spec: list[tuple[str, str, float | None, float | None]]) -> list[fairness.Record]:
    """(gender, age, ai, human) per person."""
    return [
        fairness.Record({"gender": g, "age": a}, {"ai": ai, "human": human})
        for g, a, ai, human in spec
    ]


def test_measures_count_only_the_people_measured_at_each_stage() -> None:
    people = _people(
        [("F", "young", 1, 1)] * 6
        + [("M", "young", 1, None)] * 6  # no human decision yet: not in the human table
        + [("M", "old", 0, 0)] * 6
        + [("", "old", 1, 1)] * 2  # gender unknown
    )
    kinds = [("ai", "outcome"), ("human", "outcome")]
    ai, human = fairness.measures(people, ["gender", "age"], kinds)
    assert (ai.n, ai.selected) == (20, 14)
    assert (human.n, human.selected) == (14, 8)
    gender_ai, _age_ai, both_ai = ai.tables
    assert gender_ai.unknown == 2
    assert both_ai.unknown == 2
    rows = {r.group["gender"]: r for r in gender_ai.rows}
    assert rows["F"].rate == 1.0
    assert rows["M"].rate == 0.5
    assert rows["M"].impact_ratio == 0.5
    assert rows["M"].flag
    assert rows["M"].p_value is not None
    human_gender = {r.group["gender"]: r for r in human.tables[0].rows}
    assert human_gender["M"].n == 6
    assert human_gender["M"].rate == 0.0
    assert ai.as_dict()["tables"][0]["rows"][0]["rate"] == 1.0  # type: ignore[index]


def test_a_score_measure_uses_the_median_of_the_people_scored() -> None:
    people = [fairness.Record({"g": "a"}, {"s": v}) for v in (1, 2, 3, 4, 5, 6)] + [
        fairness.Record({"g": "b"}, {"s": None}) for _ in range(10)
    ]
    (score,) = fairness.measures(people, ["g"], [("s", "score")])
    assert (score.n, score.selected) == (6, 3)  # above the median 3.5 of the six scored


def test_a_measure_without_anyone_measured_has_no_tables() -> None:
    people = _people([("F", "young", None, None)] * 3)
    (ai,) = fairness.measures(people, ["gender"], [("ai", "outcome")])
    assert (ai.n, ai.tables) == (0, [])


def test_overrides_count_both_directions_and_hide_small_groups() -> None:
    people = _people(
        [("F", "x", 1, 1)] * 4
        + [("F", "x", 0, 1)] * 2  # advanced against the AI
        + [("M", "x", 1, 0)] * 3  # rejected against the AI
        + [("M", "x", 1, 1)] * 3
        + [("X", "x", 0, 1)] * 2  # too small
        + [("M", "x", 1, None)] * 5  # no decision: not counted
    )
    (gender, _age, _both) = fairness.overrides(people, ["gender", "age"], "ai", "human")
    attributes, unknown, rows = gender
    assert attributes == ["gender"]
    assert unknown == 0
    by = {r.group["gender"]: r for r in rows}
    assert (by["F"].n, by["F"].overridden, by["F"].advanced_against) == (6, 2, 2)
    assert (by["M"].n, by["M"].overridden, by["M"].rejected_against, by["M"].rate) == (6, 3, 3, 0.5)
    assert by["X"].status == "too_small"
    assert by["X"].rate is None
    assert by["X"].n == 2


def test_every_intersection_of_three_attributes() -> None:
    people = [
        fairness.Record({"a": a, "b": b, "c": c}, {"o": 1})
        for a in "xy"
        for b in "pq"
        for c in "uv"
        for _ in range(5)
    ]
    (measure,) = fairness.measures(people, ["a", "b", "c"], [("o", "outcome")])
    assert [t.attributes for t in measure.tables] == [
        ["a"],
        ["b"],
        ["c"],
        ["a", "b"],
        ["a", "c"],
        ["b", "c"],
        ["a", "b", "c"],
    ]
    columns = {k: [p.groups[k] for p in people] for k in "abc"}
    only_full = fairness.audit(columns, ["a", "b", "c"], [1] * len(people))
    assert [t.attributes for t in only_full][-1] == ["a", "b", "c"]
    assert len(only_full) == 4


def test_tied_scores_are_not_compared_and_no_group_is_the_reference() -> None:
    """The demo's old case: most scores 1.00, so nobody is above the median and every group
    showed 0 % while one was labelled the reference."""
    records = [
        fairness.Record({"gender": "female" if i % 2 else "male"}, {"ai_score": score})
        for i, score in enumerate([1.0] * 60 + [0.5] * 20 + [0.2] * 16)
    ]
    (measure,) = fairness.measures(records, ["gender"], [("ai_score", "score")], 5, 0.02)
    assert measure.tied == 60
    rows = measure.tables[0].rows
    assert {r.conclusion for r in rows} == {"too_tied"}
    assert all(r.status != "reference" and r.impact_ratio is None for r in rows)
    assert measure.tables[0].reference_rate is None


def test_spread_scores_are_compared_as_before() -> None:
    records = [
        fairness.Record({"gender": "female" if i % 2 else "male"}, {"ai_score": i / 100})
        for i in range(100)
    ]
    (measure,) = fairness.measures(records, ["gender"], [("ai_score", "score")], 5, 0.02)
    assert measure.tied == 0
    assert any(r.status == "reference" for r in measure.tables[0].rows)


def test_when_nobody_was_selected_no_group_is_the_reference() -> None:
    groups = [("female",)] * 10 + [("male",)] * 10
    result = fairness.table(groups, ["gender"], [0] * 20)
    assert result.reference_rate is None
    assert {(r.status, r.conclusion) for r in result.rows} == {("reported", "none_selected")}
