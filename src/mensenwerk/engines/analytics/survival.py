"""Time to leaving: a Cox proportional-hazards model (statsmodels ``PHReg``, Efron ties).

Contract: ``analyse(table, duration, event, exclude=())`` -> ``SurvivalResult``: Harrell's
concordance of the fitted linear predictor (the share of comparable pairs — one left before the
other was last seen — that the model orders right; ties in the predictor count half), and per
feature the hazard ratio with its 95 % interval and p-value. Durations must be positive numbers;
the event column two-valued like ``attrition.target`` (1 = left, 0 = still there when last
seen). Text columns become one column per value against the most common one; constant and
one-value-per-row columns are left out and listed. Fitting needs statsmodels (BSD-3).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from mensenwerk.engines.analytics import AnalyticsError
from mensenwerk.engines.analytics.attrition import MIN_CLASS, MIN_ROWS, target
from mensenwerk.engines.analytics.columns import Column, columns, need, usable
from mensenwerk.engines.tabular import Table

ENGINE = "survival"
VERSION = "1"


@dataclass(frozen=True)
class HazardRatio:
    feature: str
    ratio: float
    low: float
    high: float
    p: float


@dataclass
class SurvivalResult:
    concordance: float
    rows: int
    events: int
    left_out: list[str]
    hazard_ratios: list[HazardRatio] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _features(used: list[Column]) -> tuple[np.ndarray, list[str]]:
    blocks: list[np.ndarray] = []
    names: list[str] = []
    for col in used:
        if col.numbers is not None:
            values = col.numbers
            blocks.append(np.where(np.isnan(values), np.nanmedian(values), values))
            names.append(col.name)
            continue
        levels = sorted({v for v in col.raw}, key=lambda v: (-col.raw.count(v), v))
        for level in levels[1:]:  # against the most common value
            blocks.append(np.array([v == level for v in col.raw], dtype=float))
            names.append(f"{col.name}={level}")
    return np.column_stack(blocks), names


def concordance(durations: np.ndarray, events: np.ndarray, risk: np.ndarray) -> float:
    """Harrell's C: over pairs where the earlier time is an event."""
    right = ties = total = 0.0
    for i in np.flatnonzero(events):
        later = durations > durations[i]
        total += later.sum()
        right += (risk[i] > risk[later]).sum()
        ties += (risk[i] == risk[later]).sum()
    return (right + 0.5 * ties) / total if total else 0.5


def analyse(
    table: Table, duration: str, event: str, exclude: tuple[str, ...] = ()
) -> SurvivalResult:
    from statsmodels.duration.hazard_regression import PHReg

    cols = columns(table)
    times = need(cols, duration, "duration").numbers
    if times is None or np.isnan(times).any() or (times <= 0).any():
        raise AnalyticsError(
            "bad_duration", f"duration column '{duration}' must hold a positive number per row"
        )
    events, _positive = target(need(cols, event, "event"))
    for name in exclude:
        need(cols, name, "excluded")
    if len(times) < MIN_ROWS or events.sum() < MIN_CLASS:
        raise AnalyticsError(
            "too_few", f"at least {MIN_ROWS} rows and {MIN_CLASS} events are needed"
        )
    used, left_out = usable(cols, {duration, event, *exclude}, len(times))
    if not used:
        raise AnalyticsError("no_features", "no column is left to learn from")
    x, names = _features(used)
    fit = PHReg(times, x, status=events, ties="efron").fit()
    interval = fit.conf_int()
    ratios = [
        HazardRatio(
            name,
            round(float(np.exp(fit.params[j])), 4),
            round(float(np.exp(interval[j][0])), 4),
            round(float(np.exp(interval[j][1])), 4),
            round(float(fit.pvalues[j]), 4),
        )
        for j, name in enumerate(names)
    ]
    return SurvivalResult(
        concordance=round(concordance(times, events, x @ fit.params), 4),
        rows=len(times),
        events=int(events.sum()),
        left_out=left_out,
        hazard_ratios=ratios,
    )
