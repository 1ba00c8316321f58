"""`mensenwerk roi`: benefits, net benefit, ROI % and payback of hours saved (no server)."""

from __future__ import annotations

import argparse
import json
import math
import sys

from mensenwerk.engines import adoption


def _amount(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise argparse.ArgumentTypeError(f"must be a number of 0 or more, got {value!r}")
    return number


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mensenwerk roi",
        description="ROI of time saved: hours per week × 52 × hourly rate against the costs. "
        "ROI % = (benefits − first-year costs) ÷ first-year costs × 100; payback = the first "
        "month in which the cumulative benefit (monthly) reaches the cumulative cost (one-off "
        "at the start, yearly costs at the start of each year).",
    )
    p.add_argument("--hours-per-week", type=_amount, required=True)
    p.add_argument("--hourly-rate", type=_amount, required=True)
    p.add_argument("--yearly-cost", type=_amount, required=True)
    p.add_argument("--one-off-cost", type=_amount, default=0.0)
    p.add_argument("--other-benefits", type=_amount, default=0.0, help="EUR per year")
    p.add_argument("--format", choices=["json", "table"], default="json")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    hours = adoption.hours_value(args.hours_per_week, args.hourly_rate)
    result = adoption.roi(hours + args.other_benefits, args.yearly_cost, args.one_off_cost)
    out = {
        "hours_value": hours,
        **result.as_dict(),
        "scenarios": {
            name: r.as_dict()
            for name, r in adoption.scenarios(
                result.benefits, args.yearly_cost, args.one_off_cost
            ).items()
        },
    }
    if args.format == "json":
        json.dump(out, sys.stdout, indent=2)
        print()
        return 0
    for key, value in result.as_dict().items():
        print(f"{key:<24} {'—' if value is None else value}")
    return 0
