"""What moves engagement (issue 21, item 3).

Contract:
- ``drivers(scores, outcome, names)`` -> ``list[Driver]``: each theme's share of the variance
  in the outcome (eNPS answer) that the themes explain together, by the Shapley decomposition of
  R² over every subset of themes (LMG; exact, at most 8 themes), with a 95 % bootstrap interval
  (200 resamples, fixed seed) and the standardised regression weight. Respondents missing a
  theme or the outcome are left out. Shares add up to 1; the strongest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import factorial

import numpy as np

from mensenwerk.engines.analytics import AnalyticsError

ENGINE = "survey-drivers"
VERSION = "1"

MAX_THEMES = 8
RESAMPLES = 200


@dataclass(frozen=True)
class Driver:
    theme: str
    share: float  # of the explained variance
    low: float
    high: float
    weight: float  # standardised regression coefficient
    r2: float  # what all themes explain together


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
