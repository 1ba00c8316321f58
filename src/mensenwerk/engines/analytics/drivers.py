"""What moves engagement, and which teams changed beyond the normal variation (issue 21,
items 3 and 5).

Contract:
- ``drivers(scores, outcome, names)`` -> ``list[Driver]``: each theme's share of the variance
  in the outcome (eNPS answer) that the themes explain together, by the Shapley decomposition of
  R² over every subset of themes (LMG; exact, at most 8 themes), with a 95 % bootstrap interval
  (200 resamples, fixed seed) and the standardised regression weight. Respondents missing a
  theme or the outcome are left out. Shares add up to 1; the strongest first.
- ``signals(before, after)`` compares two survey waves (``survey.SurveyResult``) group by
  group: a theme whose mean fell by more than 2.5 standard errors of the change, or an eNPS
  that fell by more, is a signal with both values (2.5, not 2: forty teams and five measures
  make two hundred comparisons, and a false alarm about a team does harm). Groups withheld in
  either wave are not compared (no figure, no signal). Teams, never persons.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import factorial

import numpy as np

from mensenwerk.engines.analytics import AnalyticsError
from mensenwerk.engines.analytics.survey import SurveyResult

ENGINE = "survey-drivers"
VERSION = "1"

MAX_THEMES = 8
RESAMPLES = 200
SIGNAL_SE = 2.5


@dataclass(frozen=True)
class Driver:
    theme: str
    share: float  # of the explained variance
    low: float
    high: float
    weight: float  # standardised regression coefficient
    r2: float  # what all themes explain together


@dataclass(frozen=True)
class Signal:
    group: str
    measure: str  # a theme, or "eNPS"
    before: float
    after: float
    change: float
    limit: float  # SIGNAL_SE standard errors of the change


def _r2(x: np.ndarray, y: np.ndarray) -> float:
    if x.shape[1] == 0:
        return 0.0
    design = np.column_stack([np.ones(len(y)), x])
    fitted = design @ np.linalg.lstsq(design, y, rcond=None)[0]
    total = ((y - y.mean()) ** 2).sum()
    return float(1 - ((y - fitted) ** 2).sum() / total) if total else 0.0


def _lmg(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    k = x.shape[1]
    r2 = {s: _r2(x[:, list(s)], y) for size in range(k + 1) for s in combinations(range(k), size)}
    shares = np.zeros(k)
    for j in range(k):
        for subset, value in r2.items():
            if j in subset:
                continue
            weight = factorial(len(subset)) * factorial(k - len(subset) - 1) / factorial(k)
            shares[j] += weight * (r2[tuple(sorted((*subset, j)))] - value)
    return shares


def drivers(scores: np.ndarray, outcome: np.ndarray, names: list[str]) -> list[Driver]:
    if scores.shape[1] != len(names) or not 1 <= len(names) <= MAX_THEMES:
        raise AnalyticsError("bad_themes", f"between 1 and {MAX_THEMES} themes are needed")
    keep = ~np.isnan(scores).any(axis=1) & ~np.isnan(outcome)
    x, y = scores[keep], outcome[keep]
    if len(y) < 10 * len(names) or y.std() == 0:
        raise AnalyticsError("too_few", "too few complete answers to weigh the themes")
    total = _r2(x, y)
    shares = _lmg(x, y)
    rng = np.random.default_rng(0)
    resampled = []
    for _ in range(RESAMPLES):
        pick = rng.integers(0, len(y), len(y))
        if y[pick].std() == 0:
            continue
        boot = _lmg(x[pick], y[pick])
        resampled.append(boot / boot.sum() if boot.sum() > 0 else boot)
    low, high = np.percentile(np.array(resampled), [2.5, 97.5], axis=0)
    spread = np.where(x.std(axis=0) == 0, 1.0, x.std(axis=0))
    standard = (x - x.mean(axis=0)) / spread
    weights = np.linalg.lstsq(np.column_stack([np.ones(len(y)), standard]), y, rcond=None)[0][1:]
    out = [
        Driver(
            names[j],
            round(float(shares[j] / total), 3) if total > 0 else 0.0,
            round(float(low[j]), 3),
            round(float(high[j]), 3),
            round(float(weights[j] / y.std()), 3),
            round(total, 3),
        )
        for j in range(len(names))
    ]
    return sorted(out, key=lambda d: -d.share)


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
