"""The retention model's figures as HR and the works council read them: per team, never per
person (expected leavers, alerts and the factors that weigh most), and the alerts' fairness
per protected group by the fairness engine's rules. Plain arithmetic on the engine's output."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from mensenwerk.engines import fairness, tabular
from mensenwerk.engines.analytics.attrition import PersonRisk
from mensenwerk.engines.analytics.survey import protect

TOP_FACTORS = 3
SURVEY = "Onderzoek: "  # the prefix of a team's survey theme score as a model column
AGE_BANDS = ((30, "< 30"), (50, "30-49"), (999, "50+"))


def current_rows(
    table: tabular.Table, mapping: dict[str, Any], positive: str
) -> dict[str, dict[str, Any]]:
    """The people still employed (the target is not the leaving value), by their id, with
    their team and protected values as written."""
    index = {h: i for i, h in enumerate(table.headers)}

    def cell(row: list[str], column: str) -> str:
        i = index.get(column)
        return row[i].strip() if i is not None and i < len(row) else ""

    out = {}
    for row in table.rows:
        if cell(row, mapping["target"]).lower() == positive.lower():
            continue
        key = cell(row, mapping["id"])
        if key:
            out[key] = {
                "team": cell(row, mapping.get("team") or ""),
                "protected": {c: cell(row, c) for c in mapping.get("protected", [])},
            }
    return out


def with_survey(
    table: tabular.Table, team_column: str, result: dict[str, Any]
) -> tuple[tabular.Table, list[str]]:
    """The history with each row's team theme scores from a survey's department level (shown
    groups only; a withheld or unknown team gets an empty cell, which the engine fills with
    the median and marks). Unchanged when no team column or no team matches."""
    top = result.get("top", {})
    if result.get("level") != "department" or team_column not in table.headers:
        return table, []
    scores = {g["group"]: g["themes"] for g in top.get("groups", []) if not g["withheld"]}
    themes = list(top.get("themes", {}))
    at = table.headers.index(team_column)
    teams = {row[at].strip() for row in table.rows if at < len(row)}
    if not themes or not teams & set(scores):
        return table, []
    names = [f"{SURVEY}{theme}" for theme in themes]

    def cell(row: list[str], theme: str) -> str:
        value = scores.get(row[at].strip() if at < len(row) else "", {}).get(theme)
        return "" if value is None else str(value)

    rows = [[*row, *(cell(row, t) for t in themes)] for row in table.rows]
    return tabular.Table([*table.headers, *names], rows), names


def team_view(
    scores: dict[str, PersonRisk], team_of: dict[str, str], alert_at: float, min_group: int
) -> list[dict[str, Any]]:
    """Per team: people, expected leavers (the sum of the risks), alerts and the factors that
    raise the risk most across the team. A team under ``min_group``, or one that could be
    worked out by subtraction from the total, shows its size only."""
    members: dict[str, list[PersonRisk]] = defaultdict(list)
    for key, score in scores.items():
        members[team_of.get(key) or "—"].append(score)
    hidden = protect({t: len(m) for t, m in members.items()}, min_group)
    out = []
    for team in sorted(members):
        people = members[team]
        if team in hidden:
            out.append({"team": team, "n": len(people), "withheld": True})
            continue
        weight: dict[str, float] = defaultdict(float)
        for person in people:
            for factor in person.factors:
                if factor.effect > 0:
                    weight[factor.feature] += factor.effect
        factors = sorted(weight, key=lambda f: -weight[f])[:TOP_FACTORS]
        out.append(
            {
                "team": team,
                "n": len(people),
                "withheld": False,
                "expected": round(sum(p.risk for p in people), 1),
                "rate": round(sum(p.risk for p in people) / len(people), 3),
                "alerts": sum(p.risk >= alert_at for p in people),
                "factors": factors,
            }
        )
    return sorted(out, key=lambda t: (t["withheld"], -t.get("rate", 0)))


def band(value: str) -> str:
    """Ages in three bands (a year of birth is not an age: left as written)."""
    number = tabular.parse_number(value)
    if number is None or not 14 <= number <= 100:
        return value
    return next(label for limit, label in AGE_BANDS if number < limit)


def alert_fairness(
    scores: dict[str, PersonRisk],
    current: dict[str, dict[str, Any]],
    protected: list[str],
    alert_at: float,
    min_group: int,
) -> list[dict[str, Any]]:
    """The alert rate per value of each protected column (not learnt from, kept for this):
    the fairness engine's impact ratios, four-fifths flag and small-group rule. Here a high
    ratio is the concern — a group alerted more often gets more attention than others."""
    keys = [k for k in scores if k in current]
    outcome = [int(scores[k].risk >= alert_at) for k in keys]
    out = []
    for column in protected:
        ages = "age" in column.lower() or "leeftijd" in column.lower()
        groups = [
            [band(current[k]["protected"].get(column, "")) if ages
             else current[k]["protected"].get(column, "")]
            for k in keys
        ]  # fmt: skip
        table = fairness.table(groups, [column], outcome, min_group=min_group)
        out.append(table.as_dict("alert_rate"))
    return out
