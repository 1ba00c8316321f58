"""Engagement survey results per group, with the anonymity rules a works council expects.

Contract: ``analyse(table, group, enps=None, min_group=5, items=None)`` -> ``SurveyResult``.
- Items are the number columns other than the group, the eNPS column and an id (a different
  number on every row), or the ``items`` named; each group gets the mean and the distribution
  of every item, its eNPS (the share of 9-10 minus the share of 0-6 on the 0-10 question, in
  points from -100 to 100) and its size.
- **Smallest group**: a group under ``min_group`` answers is withheld (no figure at all).
- **Differencing**: the organisation's figure is shown, so the withheld groups together could
  be worked out by subtracting the shown groups from it; when they hold fewer than
  ``min_group`` answers together, the next smallest shown groups are withheld too until they
  do (``protect``). Rows without a group count in the organisation's figure only, and count as
  withheld for this rule. The organisation's own figure is withheld under ``min_group``.
- **Themes**: items grouped by a shared name before their number ("Ben1", "Ben2" -> "Ben"),
  or as given; a theme's score is the mean over respondents of their mean on its items.
- With an eNPS column, the themes' weight in it (``drivers``); with a comments column, the
  comment themes of the organisation and of each shown group that wrote ten or more
  (``comments``).
- ``signals(before, after)`` compares two waves group by group: a theme whose mean fell by
  more than 2.5 standard errors of the change, or an eNPS that fell by more, is a signal with
  both values (2.5, not 2: forty teams and five measures make two hundred comparisons, and a
  false alarm about a team does harm). Withheld groups are never compared. Teams, never
  persons.
- Values outside the item's scale are not guessed: an eNPS outside 0-10 is an error naming the
  row; an empty cell is a skipped question.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from mensenwerk.engines.analytics import AnalyticsError
from mensenwerk.engines.analytics.columns import Column, columns, need
from mensenwerk.engines.tabular import Table

ENGINE = "survey"
VERSION = "1"

MIN_GROUP = 5
SIGNAL_SE = 2.5


@dataclass
class GroupFigures:
    group: str
    n: int
    withheld: bool
    enps: float | None = None
    items: dict[str, float | None] = field(default_factory=dict)
    themes: dict[str, float | None] = field(default_factory=dict)
    distribution: dict[str, dict[str, int]] = field(default_factory=dict)
    theme_se: dict[str, float | None] = field(default_factory=dict)  # standard errors, for
    enps_se: float | None = None  # telling a real drop from the normal variation
    comments: list[Any] = field(default_factory=list)  # comments.Theme, >= MIN_COMMENTS only


@dataclass
class SurveyResult:
    overall: GroupFigures
    groups: list[GroupFigures]
    min_group: int
    items: list[str]
    themes: dict[str, list[str]] = field(default_factory=dict)
    drivers: list[Any] = field(default_factory=list)  # drivers.Driver, with an eNPS column

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SurveyResult:
        """A stored result back, for comparing waves (comments and drivers stay dicts)."""
        return cls(
            overall=GroupFigures(**data["overall"]),
            groups=[GroupFigures(**g) for g in data["groups"]],
            min_group=data["min_group"],
            items=data["items"],
            themes=data.get("themes", {}),
            drivers=data.get("drivers", []),
        )


def enps(scores: np.ndarray) -> float | None:
    """Promoters (9-10) minus detractors (0-6), in points; None without answers."""
    answered = scores[~np.isnan(scores)]
    if not len(answered):
        return None
    promoters = np.mean(answered >= 9)
    detractors = np.mean(answered <= 6)
    return round(float(100 * (promoters - detractors)), 1)


def protect(sizes: dict[str, int], min_group: int, unassigned: int = 0) -> set[str]:
    """The groups to withhold: the small ones, then the smallest others until the withheld
    answers (with the rows without a group) can no longer be told apart by subtraction."""
    withheld = {g for g, n in sizes.items() if n < min_group}
    hidden = sum(sizes[g] for g in withheld) + unassigned
    for g in sorted((g for g in sizes if g not in withheld), key=lambda g: (sizes[g], g)):
        if hidden == 0 or hidden >= min_group:
            break
        withheld.add(g)
        hidden += sizes[g]
    return withheld


def themes_of(items: list[str]) -> dict[str, list[str]]:
    """Items that share the name before their number, two or more per theme."""
    found: dict[str, list[str]] = {}
    for item in items:
        match = re.fullmatch(r"(.*?\D)[ _.-]?\d+", item)
        if match:
            found.setdefault(match.group(1).rstrip(" _.-"), []).append(item)
    return {theme: names for theme, names in found.items() if len(names) >= 2}


def _respondent_means(mask: np.ndarray, cols: list[Column]) -> np.ndarray:
    """Each respondent's mean on the theme's items (NaN when they answered none)."""
    values = np.column_stack([c.numbers[mask] for c in cols if c.numbers is not None])
    answered = ~np.all(np.isnan(values), axis=1)
    out = np.full(len(values), np.nan)
    out[answered] = np.nanmean(values[answered], axis=1)
    return out


def _enps_se(scores: np.ndarray) -> float | None:
    answered = scores[~np.isnan(scores)]
    if len(answered) < 2:
        return None
    p, d = np.mean(answered >= 9), np.mean(answered <= 6)
    return round(float(100 * np.sqrt(max(p + d - (p - d) ** 2, 0) / len(answered))), 2)


def _figures(
    name: str,
    mask: np.ndarray,
    item_cols: list[Column],
    score: np.ndarray | None,
    themes: dict[str, list[str]],
) -> GroupFigures:
    out = GroupFigures(name, int(mask.sum()), False)
    out.enps = enps(score[mask]) if score is not None else None
    out.enps_se = _enps_se(score[mask]) if score is not None else None
    by_name = {c.name: c for c in item_cols}
    for theme, members in themes.items():
        means = _respondent_means(mask, [by_name[m] for m in members])
        means = means[~np.isnan(means)]
        out.themes[theme] = round(float(means.mean()), 3) if len(means) else None
        out.theme_se[theme] = (
            round(float(means.std(ddof=1) / np.sqrt(len(means))), 4) if len(means) > 1 else None
        )
    for col in item_cols:
        assert col.numbers is not None
        values = col.numbers[mask]
        values = values[~np.isnan(values)]
        out.items[col.name] = round(float(values.mean()), 3) if len(values) else None
        counted = np.unique(values, return_counts=True)
        out.distribution[col.name] = {_label(v): int(c) for v, c in zip(*counted, strict=True)}
    return out


def _label(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _withheld(name: str, n: int) -> GroupFigures:
    return GroupFigures(name, n, True)


def analyse(
    table: Table,
    group: str,
    enps_column: str | None = None,
    min_group: int = MIN_GROUP,
    items: list[str] | None = None,
    themes: dict[str, list[str]] | None = None,
    comments: str | None = None,
) -> SurveyResult:
    if min_group < 1:
        raise AnalyticsError("bad_min_group", "the smallest group size must be at least 1")
    cols = columns(table)
    groups = need(cols, group, "group").raw
    score = None
    if enps_column:
        score = need(cols, enps_column, "eNPS").numbers
        if score is None:
            raise AnalyticsError("bad_enps", f"eNPS column '{enps_column}' must hold numbers")
        bad = np.flatnonzero(~np.isnan(score) & ((score < 0) | (score > 10) | (score % 1 != 0)))
        if len(bad):
            raise AnalyticsError(
                "bad_enps",
                f"eNPS column '{enps_column}': row {int(bad[0]) + 2} holds "
                f"{_label(score[bad[0]])}, not a whole number from 0 to 10",
            )
    names = items or [  # a number on every row that differs on every row is an id
        n
        for n, c in cols.items()
        if c.numbers is not None
        and n not in (group, enps_column)
        and not (c.distinct == c.filled == len(groups))
    ]
    item_cols = [need(cols, n, "item") for n in names]
    if any(c.numbers is None for c in item_cols):
        wrong = next(c.name for c in item_cols if c.numbers is None)
        raise AnalyticsError("bad_item", f"item column '{wrong}' must hold numbers")
    themes = themes if themes is not None else themes_of(names)
    unknown = [m for members in themes.values() for m in members if m not in names]
    if unknown:
        raise AnalyticsError("bad_item", f"theme item '{unknown[0]}' is not an item column")
    everyone = np.ones(len(groups), dtype=bool)
    overall = _figures("", everyone, item_cols, score, themes)
    if overall.n < min_group:
        overall = _withheld("", overall.n)
    labels = sorted({g for g in groups if g})
    sizes = {g: sum(1 for v in groups if v == g) for g in labels}
    hidden = protect(sizes, min_group, unassigned=sum(1 for v in groups if not v))
    shown = [
        _withheld(g, sizes[g])
        if g in hidden or overall.withheld
        else _figures(g, np.array([v == g for v in groups]), item_cols, score, themes)
        for g in labels
    ]
    result = SurveyResult(overall, shown, min_group, names, themes)
    if comments:
        _add_comments(result, need(cols, comments, "comments").raw, groups)
    if score is not None and themes and not overall.withheld:
        _add_drivers(result, item_cols, score)
    return result


def _add_comments(result: SurveyResult, texts: list[str], groups: list[str]) -> None:
    """Themes of the comments: the organisation's, and a shown group's when it wrote at least
    MIN_COMMENTS (examples only then too: a small group's words are never shown)."""
    from mensenwerk.engines.analytics import comments

    if not result.overall.withheld:
        result.overall.comments = comments.themes(texts)
    for figures in result.groups:
        own = [t for t, g in zip(texts, groups, strict=True) if g == figures.group and t]
        if not figures.withheld and len(own) >= comments.MIN_COMMENTS:
            figures.comments = comments.themes(own)


def _add_drivers(result: SurveyResult, item_cols: list[Column], score: np.ndarray) -> None:
    from mensenwerk.engines.analytics import drivers

    by_name = {c.name: c for c in item_cols}
    everyone = np.ones(len(score), dtype=bool)
    names = list(result.themes)[: drivers.MAX_THEMES]
    matrix = np.column_stack(
        [_respondent_means(everyone, [by_name[m] for m in result.themes[t]]) for t in names]
    )
    try:
        result.drivers = drivers.drivers(matrix, score, names)
    except AnalyticsError:
        result.drivers = []  # too few complete answers to weigh the themes: none shown


@dataclass(frozen=True)
class Signal:
    group: str
    measure: str  # a theme, or "eNPS"
    before: float
    after: float
    change: float
    limit: float  # SIGNAL_SE standard errors of the change


def signals(before: SurveyResult, after: SurveyResult) -> list[Signal]:
    earlier = {g.group: g for g in before.groups if not g.withheld}
    found = []
    for group in after.groups:
        old = earlier.get(group.group)
        if group.withheld or old is None:
            continue
        for theme, value in group.themes.items():
            prior = old.themes.get(theme)
            se_a, se_b = group.theme_se.get(theme), old.theme_se.get(theme)
            if value is None or prior is None or se_a is None or se_b is None:
                continue
            limit = SIGNAL_SE * float(np.hypot(se_a, se_b))
            if prior - value > limit:
                found.append(Signal(group.group, theme, prior, value, round(value - prior, 3),
                                    round(limit, 3)))  # fmt: skip
        if None not in (group.enps, old.enps, group.enps_se, old.enps_se):
            limit = SIGNAL_SE * float(np.hypot(group.enps_se, old.enps_se))  # type: ignore[arg-type]
            if old.enps - group.enps > limit:  # type: ignore[operator]
                found.append(Signal(group.group, "eNPS", old.enps, group.enps,  # type: ignore[arg-type]
                                    round(group.enps - old.enps, 1), round(limit, 1)))  # type: ignore[operator]  # fmt: skip
    return found
