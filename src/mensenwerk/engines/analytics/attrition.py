"""Retention risk from HR history: who left and who stayed, with what they had in common.

Contract: ``analyse(table, target, id_column=None, exclude=())`` -> ``AttritionResult``.
- The target must hold exactly two values (yes/no, 1/0, ja/nee, left/stayed); the value that
  means leaving is "yes", "1", "true", "ja", "left" or "vertrokken" when present, else the rarer.
- Columns with one value, or a different value on every row (an id), are left out and listed;
  so are the id column and every ``exclude`` column (protected features: gender, age,
  nationality, health — the organisation decides, the engine obeys).
- Features: numbers as they are (a missing value gets the median and an indicator), text as one
  column per value. The engineered set adds, for a number with 2-5 whole values (a 1-4 rating),
  a column per value beside its trend, and for a skewed non-negative number its log.
- Three models, each by 5 x 5 stratified cross-validated ROC AUC on the same folds: the
  baseline (logistic regression on the plain features), logistic regression on the engineered
  features and a gradient-boosted model. The better of the last two is chosen; its Brier score
  comes from out-of-fold probabilities (calibrated: the logistic model is; the boosted model is
  wrapped in sigmoid calibration).
- Per person: the risk from the chosen model fitted on all rows, and the three factors that
  move that person's log-odds most against the average person: exact for the logistic model
  (coefficient x standardised value, summed per original column); for the boosted model by
  occlusion (the change when the column is set to its average or most common value).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from mensenwerk.engines.analytics import AnalyticsError
from mensenwerk.engines.analytics.columns import Column, columns, need, usable
from mensenwerk.engines.tabular import Table

ENGINE = "attrition"
VERSION = "1"

LEAVING = ("yes", "1", "true", "ja", "j", "y", "left", "vertrokken", "uit dienst")
MIN_ROWS = 20
MIN_CLASS = 5
TOP_FACTORS = 3


@dataclass(frozen=True)
class Factor:
    feature: str
    effect: float  # log-odds against the average person: > 0 raises the risk


@dataclass
class PersonRisk:
    id: str
    risk: float
    factors: list[Factor]


@dataclass
class AttritionResult:
    cv_auc: float
    cv_auc_std: float
    baseline_auc: float
    brier: float
    model: str  # logistic_regression | gradient_boosting
    left_out: list[str]
    used: list[str]
    positive: str
    rows: int
    leavers: int
    people: list[PersonRisk] = field(default_factory=list)
    other_auc: float = 0.0  # the model not chosen

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Design:
    plain: np.ndarray
    engineered: np.ndarray
    plain_origin: list[str]  # per feature column: the original column it comes from
    engineered_origin: list[str]


def target(col: Column) -> tuple[np.ndarray, str]:
    values = [v.lower() for v in col.raw]
    if any(v == "" for v in values):
        raise AnalyticsError("target_missing", f"target column '{col.name}' has empty cells")
    distinct = sorted(set(values))
    if len(distinct) != 2:
        shown = ", ".join(distinct[:6]) + (" ..." if len(distinct) > 6 else "")
        raise AnalyticsError(
            "target_not_binary",
            f"target column '{col.name}' must hold exactly two values; it holds "
            f"{len(distinct)}: {shown}",
        )
    named = [v for v in distinct if v in LEAVING]
    positive = named[0] if named else min(distinct, key=values.count)
    return np.array([v == positive for v in values], dtype=int), positive


def _numeric(col: Column) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(plain features, extra engineered features) of a number column."""
    values = col.numbers
    assert values is not None
    missing = np.isnan(values)
    filled = np.where(missing, np.nanmedian(values), values)
    plain = [filled] + ([missing.astype(float)] if missing.any() else [])
    extra: list[np.ndarray] = []
    levels = np.unique(filled)
    if 2 <= len(levels) <= 5 and np.all(levels % 1 == 0):
        extra += [(filled == level).astype(float) for level in levels]
    elif filled.min() >= 0 and _skew(filled) > 1:
        extra.append(np.log1p(filled))
    return plain, extra


def _skew(values: np.ndarray) -> float:
    spread = values.std()
    return float(np.mean((values - values.mean()) ** 3) / spread**3) if spread else 0.0


def design(used: list[Column]) -> Design:
    plain: list[np.ndarray] = []
    extra: list[np.ndarray] = []
    plain_origin: list[str] = []
    extra_origin: list[str] = []
    for col in used:
        if col.numbers is not None:
            p, e = _numeric(col)
        else:
            levels = sorted({v for v in col.raw})
            p, e = [np.array([v == level for v in col.raw], dtype=float) for level in levels], []
        plain += p
        extra += e
        plain_origin += [col.name] * len(p)
        extra_origin += [col.name] * len(e)
    stacked = np.column_stack(plain)
    engineered = np.column_stack(plain + extra) if extra else stacked
    return Design(stacked, engineered, plain_origin, plain_origin + extra_origin)


def _models(seed: int) -> dict[str, Any]:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    boosted = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.05, max_depth=3, random_state=seed
    )
    return {
        "baseline": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000)),
        "logistic_regression": make_pipeline(
            StandardScaler(), LogisticRegression(C=0.3, max_iter=5000)
        ),
        "gradient_boosting": boosted,
        "gradient_boosting_calibrated": CalibratedClassifierCV(boosted, method="sigmoid", cv=3),
    }


def _inputs(
    table: Table, target_column: str, id_column: str | None, exclude: tuple[str, ...]
) -> tuple[np.ndarray, str, list[str], list[Column], list[str]]:
    """The outcome, the ids and the columns to learn from, or a clear error."""
    cols = columns(table)
    y, positive = target(need(cols, target_column, "target"))
    ids = need(cols, id_column, "id").raw if id_column else [str(i + 1) for i in range(len(y))]
    for name in exclude:
        need(cols, name, "excluded")
    if len(y) < MIN_ROWS or min(y.sum(), len(y) - y.sum()) < MIN_CLASS:
        raise AnalyticsError(
            "too_few",
            f"at least {MIN_ROWS} rows and {MIN_CLASS} of each outcome are needed; the file has "
            f"{len(y)} rows, {int(y.sum())} '{positive}'",
        )
    skip = {target_column, *(exclude or ()), *([id_column] if id_column else [])}
    used, left_out = usable(cols, skip, len(y))
    if not used:
        raise AnalyticsError("no_features", "no column is left to learn from")
    return y, positive, ids, used, left_out


def analyse(
    table: Table,
    target_column: str,
    id_column: str | None = None,
    exclude: tuple[str, ...] = (),
    *,
    folds: int = 5,
    repeats: int = 5,
    seed: int = 0,
) -> AttritionResult:
    from sklearn.model_selection import (
        RepeatedStratifiedKFold,
        StratifiedKFold,
        cross_val_predict,
        cross_val_score,
    )

    y, positive, ids, used, left_out = _inputs(table, target_column, id_column, exclude)
    x = design(used)
    models = _models(seed)
    cv = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
    auc = {
        name: cross_val_score(models[name], data, y, cv=cv, scoring="roc_auc")
        for name, data in (
            ("baseline", x.plain),
            ("logistic_regression", x.engineered),
            ("gradient_boosting", x.plain),
        )
    }
    chosen = max(("logistic_regression", "gradient_boosting"), key=lambda n: auc[n].mean())
    other = "gradient_boosting" if chosen == "logistic_regression" else "logistic_regression"
    final_name = chosen if chosen == "logistic_regression" else "gradient_boosting_calibrated"
    data = x.engineered if chosen == "logistic_regression" else x.plain
    out_of_fold = cross_val_predict(
        models[final_name],
        data,
        y,
        cv=StratifiedKFold(folds, shuffle=True, random_state=seed),
        method="predict_proba",
    )[:, 1]
    fitted = models[final_name].fit(data, y)
    people = _people(fitted, chosen, data, x, ids)
    return AttritionResult(
        cv_auc=round(float(auc[chosen].mean()), 4),
        cv_auc_std=round(float(auc[chosen].std()), 4),
        baseline_auc=round(float(auc["baseline"].mean()), 4),
        brier=round(float(np.mean((out_of_fold - y) ** 2)), 4),
        model=chosen,
        left_out=left_out,
        used=[c.name for c in used],
        positive=positive,
        rows=len(y),
        leavers=int(y.sum()),
        people=people,
        other_auc=round(float(auc[other].mean()), 4),
    )


def _people(model: Any, chosen: str, data: np.ndarray, x: Design, ids: list[str]) -> list:
    risk = model.predict_proba(data)[:, 1]
    if chosen == "logistic_regression":
        scaler, regression = model.steps[0][1], model.steps[-1][1]
        scale = np.where(scaler.scale_ == 0, 1.0, scaler.scale_)
        parts = (data - scaler.mean_) / scale * regression.coef_[0]
        origin = x.engineered_origin
    else:
        parts, origin = _occlusion(model, data, x.plain_origin, risk)
    names = list(dict.fromkeys(origin))
    index = {name: [i for i, o in enumerate(origin) if o == name] for name in names}
    per_column = np.column_stack([parts[:, index[name]].sum(axis=1) for name in names])
    out = []
    for row, person in enumerate(ids):
        order = np.argsort(-np.abs(per_column[row]))[:TOP_FACTORS]
        factors = [Factor(names[j], round(float(per_column[row, j]), 3)) for j in order]
        out.append(PersonRisk(person, round(float(risk[row]), 4), factors))
    return out


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _occlusion(
    model: Any, data: np.ndarray, origin: list[str], risk: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """For a model without exact contributions: per original column, how much the log-odds
    change when that column is set to its average (or its most common value)."""
    names = list(dict.fromkeys(origin))
    parts = np.zeros((len(data), len(names)))
    base = _logit(risk)
    for j, name in enumerate(names):
        cols = [i for i, o in enumerate(origin) if o == name]
        changed = data.copy()
        if len(cols) == 1:
            changed[:, cols[0]] = data[:, cols[0]].mean()
        else:  # one column per value: everyone gets the most common value
            common = np.zeros(len(cols))
            common[int(np.argmax(data[:, cols].sum(axis=0)))] = 1.0
            changed[:, cols] = common
        parts[:, j] = base - _logit(model.predict_proba(changed)[:, 1])
    return parts, names
