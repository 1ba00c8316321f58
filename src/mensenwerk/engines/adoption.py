"""The adoption cockpit's arithmetic: use-case priority, readiness lights, the roadmap schedule,
ROI and payback, NPS and the champions rules. Plain Python; the formulas are the documentation.

Priority (every score 1–10, weights ≥ 0 and not all zero)::

    priority = (w_impact·impact + w_data·data_readiness
                + w_effort·(11 − effort) + w_change·(11 − change_need)) / Σw

Effort and change need count against a use case, so they enter as 11 − score; the result stays
on the 1–10 scale. Default weights 40/20/20/20: business impact matters most, the three
obstacles share the rest.

ROI over the first year: costs = one-off + yearly costs, ROI % = (benefits − costs) / costs ×
100. Payback: the month in which cumulative benefits catch up with cumulative costs, with the
one-off cost spent at the start and the yearly costs and benefits spread evenly —
one_off / ((benefits − yearly) / 12); never when benefits do not exceed the yearly costs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

ENGINE = "adoption-cockpit"
VERSION = "1"


CRITERIA = ("impact", "effort", "data_readiness", "change_need")
AGAINST = frozenset({"effort", "change_need"})
DEFAULT_WEIGHTS = {"impact": 40, "effort": 20, "data_readiness": 20, "change_need": 20}
QUICK_WIN_MIN_IMPACT = 6
QUICK_WIN_MAX_EFFORT = 5
WEEKS_PER_YEAR = 52
# conservative / expected / optimistic: (factor on benefits, factor on costs)
SCENARIOS = {"conservative": (0.7, 1.15), "expected": (1.0, 1.0), "optimistic": (1.3, 1.0)}
LIGHTS = ("green", "amber", "red")
MIN_CHAMPION_TIME = 20  # percent of working time
NPS_MIN_GROUP = 5


class AdoptionError(ValueError):
    """A code and parameters, so the app can say it in Dutch or English."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# --- prioritisation -----------------------------------------------------------------------


def _check_scores(scores: Mapping[str, int]) -> None:
    for name in CRITERIA:
        value = scores.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10:
            raise AdoptionError("score_range", criterion=name, value=value)


def _check_weights(weights: Mapping[str, float]) -> None:
    for name in CRITERIA:
        value = weights.get(name)
        if not isinstance(value, int | float) or value < 0 or math.isnan(value):
            raise AdoptionError("weight_negative", criterion=name, value=value)
    if sum(weights[name] for name in CRITERIA) <= 0:
        raise AdoptionError("weights_zero")


def priority(scores: Mapping[str, int], weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> float:
    _check_scores(scores)
    _check_weights(weights)
    total = sum(
        weights[name] * ((11 - scores[name]) if name in AGAINST else scores[name])
        for name in CRITERIA
    )
    return round(total / sum(weights[name] for name in CRITERIA), 2)


def rank(
    cases: Iterable[tuple[str, Mapping[str, int]]],
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> list[tuple[str, float]]:
    """Highest priority first; equal scores keep their input order."""
    scored = [(key, priority(scores, weights)) for key, scores in cases]
    return sorted(scored, key=lambda item: -item[1])


def is_quick_win(scores: Mapping[str, int]) -> bool:
    """High impact for little effort: the upper-left quadrant of the impact/effort chart."""
    return scores["impact"] >= QUICK_WIN_MIN_IMPACT and scores["effort"] <= QUICK_WIN_MAX_EFFORT


def traffic_light(ratings: Iterable[str]) -> str:
    """Red when any item is red (one blocking problem is enough), amber when any is amber,
    green when all rated items are green; '' when nothing is rated yet."""
    given = [r for r in ratings if r]
    unknown = set(given) - set(LIGHTS)
    if unknown:
        raise AdoptionError("light_unknown", value=sorted(unknown)[0])
    for light in ("red", "amber", "green"):
        if light in given:
            return light
    return ""


# --- roadmap ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseSpec:
    key: str
    min_weeks: float
    max_weeks: float
    parallel: bool = False  # runs beside phases 3–4 instead of after the previous phase
    gate: bool = False  # a go/no-go decision at its end


PHASES = (
    PhaseSpec("definition", 4, 6, gate=True),
    PhaseSpec("architecture", 3, 5),
    PhaseSpec("pilot", 6, 10, gate=True),
    PhaseSpec("implementation", 8, 14, gate=True),
    PhaseSpec("change", 0, 0, parallel=True),
    PhaseSpec("golive", 4, 6),  # hypercare, then continuous optimisation
)
PHASE_KEYS = tuple(p.key for p in PHASES)


@dataclass(frozen=True)
class Scheduled:
    key: str
    start: date
    end: date
    weeks: float  # planned, without buffer
    buffer_weeks: float
    gate: bool


def default_weeks() -> dict[str, float]:
    """The middle of each phase's range."""
    return {p.key: (p.min_weeks + p.max_weeks) / 2 for p in PHASES if not p.parallel}


def schedule(
    start: date,
    weeks: Mapping[str, float],
    buffer_pct: float,
    starts: Mapping[str, date | None] | None = None,
) -> list[Scheduled]:
    """Sequential phases from ``start``, each lengthened by the buffer, visibly: the buffer
    weeks are reported apart. ``starts`` moves a phase to a fixed date; later phases follow it.
    Change management runs from the pilot's start to the implementation's end."""
    if not 0 <= buffer_pct <= 100:
        raise AdoptionError("buffer_range", value=buffer_pct)
    starts = starts or {}
    out: dict[str, Scheduled] = {}
    cursor = start
    for spec in PHASES:
        if spec.parallel:
            continue
        planned = float(weeks.get(spec.key, default_weeks()[spec.key]))
        if planned < 0 or planned > 520:
            raise AdoptionError("weeks_range", phase=spec.key, value=planned)
        buffer = round(planned * buffer_pct / 100, 1)
        begin = starts.get(spec.key) or cursor
        end = begin + timedelta(days=round((planned + buffer) * 7))
        out[spec.key] = Scheduled(spec.key, begin, end, planned, buffer, spec.gate)
        cursor = end
    pilot, build = out["pilot"], out["implementation"]
    span = (build.end - pilot.start).days / 7
    out["change"] = Scheduled("change", pilot.start, build.end, round(span, 1), 0.0, False)
    return [out[key] for key in PHASE_KEYS]


# --- ROI ----------------------------------------------------------------------------------


def hours_value(hours_per_week: float, hourly_rate: float, weeks: int = WEEKS_PER_YEAR) -> float:
    """Yearly value of time saved: 10 h/week at €50 over 52 weeks is €26,000."""
    if hours_per_week < 0 or hourly_rate < 0:
        raise AdoptionError("negative_amount")
    return round(hours_per_week * weeks * hourly_rate, 2)


@dataclass(frozen=True)
class Roi:
    benefits: float
    yearly_cost: float
    one_off_cost: float
    first_year_cost: float
    net_benefit_first_year: float
    net_benefit_yearly: float  # from the second year on: no one-off cost
    roi_pct: float | None
    payback_months: int | None  # None: not within PAYBACK_HORIZON months

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


PAYBACK_HORIZON = 120  # months: past ten years a payback says nothing


def payback_months(benefits: float, yearly_cost: float, one_off_cost: float) -> int | None:
    """The first month in which the cumulative benefit reaches the cumulative cost: benefits
    come in monthly (a twelfth of the yearly figure), the one-off cost is paid at the start
    and the yearly costs at the start of each year. So a plan without a one-off cost still
    has to earn its first year's costs back; None when that takes longer than the horizon."""
    monthly = benefits / 12
    for month in range(1, PAYBACK_HORIZON + 1):
        years_started = math.ceil(month / 12)
        if monthly * month >= one_off_cost + yearly_cost * years_started:
            return month
    return None


def roi(benefits: float, yearly_cost: float, one_off_cost: float = 0.0) -> Roi:
    for value in (benefits, yearly_cost, one_off_cost):
        if value < 0 or math.isnan(value) or math.isinf(value):
            raise AdoptionError("negative_amount")
    costs = yearly_cost + one_off_cost
    roi_pct = round((benefits - costs) / costs * 100, 1) if costs else None
    payback = payback_months(benefits, yearly_cost, one_off_cost)
    return Roi(
        benefits=round(benefits, 2),
        yearly_cost=round(yearly_cost, 2),
        one_off_cost=round(one_off_cost, 2),
        first_year_cost=round(costs, 2),
        net_benefit_first_year=round(benefits - costs, 2),
        net_benefit_yearly=round(benefits - yearly_cost, 2),
        roi_pct=roi_pct,
        payback_months=payback,
    )


def scenarios(benefits: float, yearly_cost: float, one_off_cost: float = 0.0) -> dict[str, Roi]:
    return {
        name: roi(benefits * b, yearly_cost * c, one_off_cost * c)
        for name, (b, c) in SCENARIOS.items()
    }


# --- surveys and people -------------------------------------------------------------------


@dataclass(frozen=True)
class Nps:
    n: int
    promoters: int
    passives: int
    detractors: int
    score: float | None  # None: fewer answers than the smallest reportable group


def nps(scores: Iterable[int], min_group: int = NPS_MIN_GROUP) -> Nps:
    """NPS = % promoters (9–10) − % detractors (0–6); only for groups of ``min_group`` or more."""
    values = list(scores)
    if any(not isinstance(v, int) or not 0 <= v <= 10 for v in values):
        raise AdoptionError("nps_range")
    n = len(values)
    promoters = sum(v >= 9 for v in values)
    detractors = sum(v <= 6 for v in values)
    score = round((promoters - detractors) / n * 100, 1) if n and n >= min_group else None
    return Nps(n, promoters, n - promoters - detractors, detractors, score)


LEVELS = ("strong", "medium", "weak")
CHAMPION_CRITERIA = ("hr_expertise", "tech_affinity", "communication", "change_readiness")


def hr_expertise_level(years: float) -> str:
    """Strong: 5+ years (broad process knowledge); medium: 3–5 years; weak: under 3."""
    if years < 0:
        raise AdoptionError("negative_amount")
    return "strong" if years >= 5 else "medium" if years >= 3 else "weak"


def rating_level(rating: int) -> str:
    """The identification survey's 1–5 self-ratings: 4–5 strong, 3 medium, 1–2 weak."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise AdoptionError("rating_range", value=rating)
    return "strong" if rating >= 4 else "medium" if rating == 3 else "weak"


@dataclass(frozen=True)
class Assessment:
    levels: dict[str, str] = field(default_factory=dict)

    @property
    def shortlisted(self) -> bool:
        """No weak criterion and at least two strong ones."""
        values = list(self.levels.values())
        return "weak" not in values and values.count("strong") >= 2


def assess(
    years_hr: float, tech_affinity: int, communication: int, change_readiness: int
) -> Assessment:
    return Assessment(
        {
            "hr_expertise": hr_expertise_level(years_hr),
            "tech_affinity": rating_level(tech_affinity),
            "communication": rating_level(communication),
            "change_readiness": rating_level(change_readiness),
        }
    )


def suggested_champions(employees: int) -> tuple[int, int]:
    """1–2 champions per 50–150 employees: at least one per 150, up to two per 150."""
    if employees < 0:
        raise AdoptionError("negative_amount")
    low = max(1, math.ceil(employees / 150))
    return low, max(low + 1, math.ceil(employees / 75))


def coverage(eligible: int, completed: int) -> float | None:
    return round(completed / eligible, 3) if eligible else None
