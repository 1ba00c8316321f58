"""`mensenwerk fairness`: audit any CSV/XLSX of decisions or scores, no server or database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mensenwerk.engines import fairness
from mensenwerk.engines.tabular import TableError, read_table

MAX_BYTES = 200 * 1024 * 1024


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mensenwerk fairness",
        description="Selection or scoring rates and impact ratios per group and intersection "
        "(four-fifths rule, Fisher's exact test, Wilson intervals).",
    )
    p.add_argument("--csv", required=True, type=Path, help="CSV or XLSX with a header row")
    p.add_argument(
        "--group",
        action="append",
        required=True,
        metavar="COL",
        help="an attribute column; repeat for more (their intersection is added)",
    )
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--outcome", metavar="COL", help="0/1, yes/no or true/false column")
    target.add_argument("--score", metavar="COL", help="numeric score column (LL144 median rule)")
    p.add_argument("--min-group", type=int, default=5, help="smallest group to report (5)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)  # exits 2 on bad arguments
    try:
        if args.min_group < 1:
            raise fairness.FairnessInputError("--min-group", "must be 1 or more")
        size = args.csv.stat().st_size
        if size > MAX_BYTES:
            raise fairness.FairnessInputError(str(args.csv), "file larger than 200 MB")
        data = read_table(args.csv.read_bytes(), args.csv.name)
        target = args.outcome or args.score
        columns = fairness.read_columns(data.headers, data.rows, [*args.group, target])
        if args.outcome:
            outcome = fairness.parse_outcome(columns[target], target)
        else:
            outcome = fairness.above_median(fairness.parse_score(columns[target], target))
        if not outcome:
            raise fairness.FairnessInputError(target, "no rows")
    except OSError as exc:
        print(f"mensenwerk fairness: cannot read {args.csv}: {exc.strerror}", file=sys.stderr)
        return 2
    except TableError as exc:
        print(f"mensenwerk fairness: {args.csv}: {exc}", file=sys.stderr)
        return 2
    except fairness.FairnessInputError as exc:
        print(f"mensenwerk fairness: {exc}", file=sys.stderr)
        return 2
    tables = fairness.audit(columns, args.group, outcome, min_group=args.min_group)
    rate = "selection_rate" if args.outcome else "scoring_rate"
    if args.format == "json":
        print(json.dumps(_as_json(tables, outcome, rate), indent=2, ensure_ascii=False))
    else:
        _print_tables(tables, rate)
    return 0


def _as_json(tables: list[fairness.Table], outcome: list[int], rate: str) -> dict:
    return {
        "measure": rate,
        "n": len(outcome),
        "selected": sum(outcome),
        "definitions": {
            rate: "selected / group size"
            if rate == "selection_rate"
            else "share of the group scoring above the median of the whole sample",
            "impact_ratio": "group rate / highest rate of a reportable group",
            "flag": "impact ratio below 0.8 (four-fifths rule): needs human review",
        },
        "tables": [t.as_dict(rate) for t in tables],
    }


def _print_tables(tables: list[fairness.Table], rate: str) -> None:
    def fmt(value: float | None) -> str:
        return "—" if value is None else f"{value:.4f}"

    for t in tables:
        print(f"\n{' × '.join(t.attributes)}   (unknown: {t.unknown})")
        print(f"  {'group':<28}{'n':>7}{'sel.':>7}{rate:>16}{'ratio':>8}  {'p':>7}  status")
        for r in t.rows:
            label = ", ".join(r.group.values())
            print(
                f"  {label:<28}{r.n:>7}{r.selected if r.selected is not None else '—':>7}"
                f"{fmt(r.rate):>16}{fmt(r.impact_ratio):>8}  {fmt(r.p_value):>7}  "
                f"{r.status}{' FLAG: ' + r.conclusion if r.flag else ''}"
            )
