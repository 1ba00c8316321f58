"""Selection rates, impact ratios and their significance per group and intersection.

Definitions (NYC Local Law 144 audit rules; US EEOC Uniform Guidelines 29 CFR 1607.4(D)):
- selection rate = selected in group / people in group;
- scoring rate = share of the group scoring strictly above the median score of the sample;
- impact ratio = a group's rate / the highest rate of any reportable group;
- flag when the impact ratio is below 0.8 (four-fifths rule) — a reason for human review,
  not a verdict;
- a group smaller than ``min_group`` people or ``min_share`` of the sample is "too small to
  report": its size is shown, its rate and ratio are not, and it is not the reference;
- people whose attribute is unknown are counted apart.
Every flagged ratio carries Fisher's exact test against the reference group and a Wilson
95% interval of the group's rate; with p >= 0.05 the honest conclusion is "not enough data".

No comparison is made, and no group is the reference, when there is nothing to compare:
- nobody in any reportable group was selected (conclusion ``none_selected``);
- for a score, more than half the people share the median score (``too_tied``): the median
  rule then puts (nearly) everybody on the same side, and every group shows the same 0 %.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from statistics import median

ENGINE = "fairness"
VERSION = "1"


FOUR_FIFTHS = 0.8
UNKNOWN = {"", "na", "n/a", "nan", "none", "null", "unknown", "onbekend", "?"}
TRUE = {"1", "true", "yes", "ja", "y", "j"}
FALSE = {"0", "false", "no", "nee", "n"}


class FairnessInputError(ValueError):
    def __init__(self, column: str, problem: str) -> None:
        self.column, self.problem = column, problem
        super().__init__(f"column {column!r}: {problem}")


@dataclass
class GroupRow:
    group: dict[str, str]
    n: int
    selected: int | None
    rate: float | None
    impact_ratio: float | None
    flag: bool
    p_value: float | None
    ci: tuple[float, float] | None
    status: str  # reported | too_small | reference
    # no_flag | needs_review | not_enough_data | not_reported | none_selected | too_tied
    conclusion: str

    def as_dict(self, rate_name: str) -> dict[str, object]:
        return {
            "group": self.group,
            "n": self.n,
            "selected": self.selected,
            rate_name: _round(self.rate),
            "impact_ratio": _round(self.impact_ratio),
            "flag": self.flag,
            "p_value": _round(self.p_value),
            "ci": [_round(self.ci[0]), _round(self.ci[1])] if self.ci else None,
            "status": self.status,
            "conclusion": self.conclusion,
        }


@dataclass
class Table:
    attributes: list[str]
    rows: list[GroupRow] = field(default_factory=list)
    unknown: int = 0
    reference_rate: float | None = None

    def as_dict(self, rate_name: str) -> dict[str, object]:
        return {
            "attributes": self.attributes,
            "unknown": self.unknown,
            "reference_rate": _round(self.reference_rate),
            "rows": [r.as_dict(rate_name) for r in self.rows],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def parse_outcome(values: Sequence[str], column: str) -> list[int]:
    out = []
    for raw in values:
        value = raw.strip().lower()
        if value in TRUE:
            out.append(1)
        elif value in FALSE:
            out.append(0)
        else:
            raise FairnessInputError(column, f"expected 0/1, yes/no or true/false, got {raw!r}")
    return out


def parse_score(values: Sequence[str], column: str) -> list[float]:
    out = []
    for raw in values:
        try:
            value = float(raw.strip().replace(",", "."))
        except ValueError:
            raise FairnessInputError(column, f"expected a number, got {raw!r}") from None
        if not math.isfinite(value):
            raise FairnessInputError(column, f"expected a finite number, got {raw!r}")
        out.append(value)
    return out


def above_median(scores: Sequence[float]) -> list[int]:
    """LL144 scoring: 1 when a score is strictly above the median of the whole sample."""
    middle = median(scores)
    return [1 if score > middle else 0 for score in scores]


def tied_at_median(scores: Sequence[float]) -> int:
    """How many share the median score, when that is more than half of them (else 0): the
    median rule cannot then separate the groups."""
    if not scores:
        return 0
    middle = median(scores)
    same = sum(1 for score in scores if score == middle)
    return same if same * 2 > len(scores) else 0


def wilson(selected: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    p = selected / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - margin), min(1.0, centre + margin))


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for [[a, b], [c, d]]."""
    from scipy.stats import fisher_exact as scipy_fisher

    return float(scipy_fisher([[a, b], [c, d]], alternative="two-sided")[1])


def _group_key(values: Iterable[str]) -> tuple[str, ...] | None:
    """A person's group over some attributes; None when any of them is unknown."""
    key = tuple(v.strip() for v in values)
    return None if any(v.lower() in UNKNOWN for v in key) else key


def _reportable(n: int, total: int, min_group: int, min_share: float) -> bool:
    """The small-group rule: at least ``min_group`` people and ``min_share`` of the sample."""
    return n >= min_group and n >= min_share * total


def table(
    groups: Sequence[Sequence[str]],
    attributes: Sequence[str],
    outcome: Sequence[int],
    min_group: int = 5,
    min_share: float = 0.02,
    not_comparable: str = "",
) -> Table:
    """One table for the attribute combination ``attributes``; ``groups`` holds, per person,
    the value of each of these attributes (same order). ``not_comparable`` (a conclusion code)
    reports the rates without a reference or ratios."""
    counts, unknown = _count(groups, outcome)
    total = len(outcome)
    result = Table(list(attributes), unknown=unknown)
    reportable = {
        key: c for key, c in counts.items() if _reportable(c[0], total, min_group, min_share)
    }
    reference: tuple[str, ...] | None = None
    if reportable and not_comparable == "":
        best = max(reportable, key=lambda k: (reportable[k][1] / reportable[k][0], k))
        if reportable[best][1]:
            reference = best
            result.reference_rate = reportable[best][1] / reportable[best][0]
        else:
            not_comparable = "none_selected"  # a 0 % reference would make every ratio 0/0
    for key in sorted(counts):
        n, selected = counts[key]
        group = dict(zip(attributes, key, strict=True))
        if key not in reportable:
            result.rows.append(
                GroupRow(group, n, None, None, None, False, None, None, "too_small", "not_reported")
            )
            continue
        ref = reportable[reference] if reference is not None else None
        row = _compared(group, n, selected, result.reference_rate, ref, not_comparable)
        if key == reference:
            row = replace(row, status="reference")
        result.rows.append(row)
    return result


def _count(
    groups: Sequence[Sequence[str]], outcome: Sequence[int]
) -> tuple[dict[tuple[str, ...], list[int]], int]:
    """[people, selected] per group, and how many people did not give their group."""
    counts: dict[tuple[str, ...], list[int]] = {}
    unknown = 0
    for values, selected in zip(groups, outcome, strict=True):
        key = _group_key(values)
        if key is None:
            unknown += 1
            continue
        bucket = counts.setdefault(key, [0, 0])
        bucket[0] += 1
        bucket[1] += selected
    return counts, unknown


def _compared(
    group: dict[str, str],
    n: int,
    selected: int,
    reference_rate: float | None,
    reference: list[int] | None,
    not_comparable: str,
) -> GroupRow:
    """A reportable group's row: its rate, impact ratio and, when flagged, Fisher's test
    against the reference group ([people, selected])."""
    rate = selected / n
    ratio = rate / reference_rate if reference_rate else None
    flag = ratio is not None and ratio < FOUR_FIFTHS
    p_value = None
    conclusion = not_comparable or "no_flag"
    if flag and reference is not None:
        ref_n, ref_selected = reference
        p_value = fisher_exact(selected, n - selected, ref_selected, ref_n - ref_selected)
        conclusion = "needs_review" if p_value < 0.05 else "not_enough_data"
    return GroupRow(
        group, n, selected, rate, ratio, flag, p_value, wilson(selected, n), "reported", conclusion
    )


def audit(
    columns: dict[str, Sequence[str]],
    group_columns: Sequence[str],
    outcome: Sequence[int],
    min_group: int = 5,
    min_share: float = 0.02,
    all_intersections: bool = False,
    not_comparable: str = "",
) -> list[Table]:
    """One table per attribute, then one for the intersection of all of them — or, with
    ``all_intersections``, one for every combination of two or more."""
    tables = []
    combos = _combos(group_columns, all_intersections)
    for combo in combos:
        rows = list(zip(*(columns[c] for c in combo), strict=True))
        tables.append(table(rows, combo, outcome, min_group, min_share, not_comparable))
    return tables


def _combos(attributes: Sequence[str], every: bool) -> list[tuple[str, ...]]:
    combos: list[tuple[str, ...]] = [(c,) for c in attributes]
    if every:
        for size in range(2, len(attributes) + 1):
            combos.extend(combinations(attributes, size))
    elif len(attributes) > 1:
        combos.append(tuple(attributes))
    return combos


def read_columns(
    header: Sequence[str], rows: Iterable[Sequence[str]], wanted: Sequence[str]
) -> dict[str, list[str]]:
    index = {name.strip(): i for i, name in enumerate(header)}
    for column in wanted:
        if column not in index:
            raise FairnessInputError(column, "no such column in the file")
    out: dict[str, list[str]] = {column: [] for column in wanted}
    for row in rows:
        for column in wanted:
            i = index[column]
            out[column].append(row[i] if i < len(row) else "")
    return out


# --- the stages of a selection process ------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One person in a selection process: their attribute values ('' when unknown) and, per
    measure, an outcome (1 moved on, 0 did not), a score, or None when not measured there
    (not at that stage, still pending, withdrawn)."""

    groups: dict[str, str]
    values: dict[str, float | None]


@dataclass
class Measure:
    key: str
    kind: str  # outcome | score
    n: int
    selected: int
    tables: list[Table]
    tied: int = 0  # for a score too tied to compare: how many people share the median score

    @property
    def rate_name(self) -> str:
        return "selection_rate" if self.kind == "outcome" else "scoring_rate"

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "kind": self.kind,
            "n": self.n,
            "selected": self.selected,
            "tied": self.tied,
            "tables": [t.as_dict("rate") for t in self.tables],
        }


def measures(
    records: Sequence[Record],
    attributes: Sequence[str],
    kinds: Sequence[tuple[str, str]],
    min_group: int = 5,
    min_share: float = 0.02,
    all_intersections: bool = True,
) -> list[Measure]:
    """For every (key, kind) measure: the audit tables over the people measured there (each
    attribute and every intersection). A score measure uses the LL144 median rule over the
    people who have that score."""
    out = []
    for key, kind in kinds:
        present = [r for r in records if r.values.get(key) is not None]
        values = [r.values[key] for r in present]
        tied = 0
        if kind == "score":
            outcome = above_median(values) if values else []  # type: ignore[arg-type]
            tied = tied_at_median(values)  # type: ignore[arg-type]
        else:
            outcome = [1 if v else 0 for v in values]
        columns = {a: [r.groups.get(a, "") for r in present] for a in attributes}
        tables = (
            audit(
                columns,
                attributes,
                outcome,
                min_group,
                min_share,
                all_intersections,
                "too_tied" if tied else "",
            )
            if present
            else []
        )
        out.append(Measure(key, kind, len(present), sum(outcome), tables, tied))
    return out


@dataclass
class OverrideRow:
    group: dict[str, str]
    n: int  # people with both an AI suggestion and a human decision
    overridden: int | None
    rate: float | None
    advanced_against: int | None  # AI suggested below, a person advanced
    rejected_against: int | None  # AI suggested advance, a person rejected
    status: str  # reported | too_small

    def as_dict(self) -> dict[str, object]:
        return {
            "group": self.group,
            "n": self.n,
            "overridden": self.overridden,
            "rate": _round(self.rate),
            "advanced_against": self.advanced_against,
            "rejected_against": self.rejected_against,
            "status": self.status,
        }


def overrides(
    records: Sequence[Record],
    attributes: Sequence[str],
    ai: str,
    human: str,
    min_group: int = 5,
    min_share: float = 0.02,
    all_intersections: bool = True,
) -> list[tuple[list[str], int, list[OverrideRow]]]:
    """How often people went against the AI, per group (each attribute and the intersection).
    Returns (attributes, unknown count, rows) per table; small groups show only their size."""
    both = [r for r in records if r.values.get(ai) is not None and r.values.get(human) is not None]
    result = []
    for combo in _combos(attributes, all_intersections):
        counts: dict[tuple[str, ...], list[int]] = {}
        unknown = 0
        for r in both:
            key = _group_key(r.groups.get(a, "") for a in combo)
            if key is None:
                unknown += 1
                continue
            bucket = counts.setdefault(key, [0, 0, 0])
            bucket[0] += 1
            if r.values[ai] and not r.values[human]:
                bucket[2] += 1
            elif r.values[human] and not r.values[ai]:
                bucket[1] += 1
        rows = []
        for key in sorted(counts):
            n, advanced, rejected = counts[key]
            group = dict(zip(combo, key, strict=True))
            if not _reportable(n, len(both), min_group, min_share):
                rows.append(OverrideRow(group, n, None, None, None, None, "too_small"))
            else:
                total = advanced + rejected
                rows.append(OverrideRow(group, n, total, total / n, advanced, rejected, "reported"))
        result.append((list(combo), unknown, rows))
    return result
