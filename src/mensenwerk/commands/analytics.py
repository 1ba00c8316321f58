"""`mensenwerk attrition | survival | survey`: people analytics on a CSV/XLSX file, without a
server or a database (issue 21, item 8). Each prints a table or, with ``--format json``, the
engine's result; a file or column that cannot be used exits 1 with one sentence saying why.

    mensenwerk attrition --csv F --target COL [--id COL] [--exclude COL ...] [--format json]
    mensenwerk survival --csv F --duration COL --event COL [--exclude COL ...] [--format json]
    mensenwerk survey --csv F --group COL [--enps COL] [--min-group N] [--comments COL]
                      [--format json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from mensenwerk.engines import tabular
from mensenwerk.engines.analytics import AnalyticsError

MAX_BYTES = 50 * 1024 * 1024


def _parser(command: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"mensenwerk {command}")
    p.add_argument("--csv", type=Path, required=True, help="CSV or XLSX file, one row per person")
    p.add_argument("--format", choices=["table", "json"], default="table")
    if command == "attrition":
        p.description = (
            "Retention risk: 5 x 5 cross-validated ROC AUC of the chosen model beside a plain "
            "logistic regression, the Brier score, and per person the risk and its top factors."
        )
        p.add_argument("--target", required=True, help="the column that says who left (2 values)")
        p.add_argument("--id", help="the column that names each person (not used to learn)")
    elif command == "survival":
        p.description = "Time to leaving: Cox model, concordance and hazard ratios (95 %% CI)."
        p.add_argument("--duration", required=True, help="months or years until left or now")
        p.add_argument("--event", required=True, help="1 = left, 0 = still employed (2 values)")
    else:
        p.description = "Survey scores and eNPS per group, withholding small groups."
        p.add_argument("--group", required=True, help="team or department column")
        p.add_argument("--enps", help="the 0-10 recommend question")
        p.add_argument("--min-group", type=int, default=5, help="smallest group shown (5)")
        p.add_argument("--comments", help="a column of open comments: masked, grouped in themes")
    if command != "survey":
        p.add_argument(
            "--exclude", nargs="*", default=[], help="columns not to learn from (protected)"
        )
    return p


def _table(path: Path) -> tabular.Table:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise AnalyticsError("too_large", f"{path}: larger than {MAX_BYTES // 2**20} MB")
        return tabular.read_table(path.read_bytes(), path.name)
    except OSError as exc:
        raise AnalyticsError("unreadable", f"{path}: {exc.strerror or exc}") from None
    except tabular.TableError as exc:
        raise AnalyticsError("unreadable", f"{path}: {exc}") from None


def _compute(command: str, args: argparse.Namespace) -> dict[str, Any]:
    table = _table(args.csv)
    if command == "attrition":
        from mensenwerk.engines.analytics import attrition

        return attrition.analyse(table, args.target, args.id, tuple(args.exclude)).to_dict()
    if command == "survival":
        from mensenwerk.engines.analytics import survival

        return survival.analyse(table, args.duration, args.event, tuple(args.exclude)).to_dict()
    from mensenwerk.engines.analytics import survey

    result = survey.analyse(table, args.group, args.enps, args.min_group, comments=args.comments)
    data = result.to_dict()
    # the shape: per group {group, n, enps, items, withheld}, plus the overall figures
    data["groups"] = [{k: g[k] for k in _GROUP_KEYS if k in g} for g in data["groups"]]
    return data


_GROUP_KEYS = ("group", "n", "enps", "items", "themes", "comments", "withheld")


def _print_table(command: str, data: dict[str, Any]) -> None:
    if command == "attrition":
        print(f"model {data['model']}: cross-validated AUC {data['cv_auc']:.3f} "
              f"(± {data['cv_auc_std']:.3f}); plain logistic regression {data['baseline_auc']:.3f};"
              f" Brier {data['brier']:.3f}; {data['leavers']} of {data['rows']} left")  # fmt: skip
        if data["left_out"]:
            print("left out (one value, or one per row): " + ", ".join(data["left_out"]))
        top = sorted(data["people"], key=lambda p: -p["risk"])[:20]
        for person in top:
            factors = ", ".join(f"{f['feature']} {f['effect']:+.2f}" for f in person["factors"])
            print(f"  {person['id']:<12} {person['risk']:.2f}  {factors}")
    elif command == "survival":
        print(f"concordance {data['concordance']:.3f}; {data['events']} of {data['rows']} left")
        for h in data["hazard_ratios"]:
            print(f"  {h['feature']:<40} {h['ratio']:.3f} ({h['low']:.3f}-{h['high']:.3f}) "
                  f"p {h['p']:.3f}")  # fmt: skip
    else:
        rows = [data["overall"] | {"group": "(all)"}, *data["groups"]]
        for g in rows:
            if g["withheld"]:
                print(f"  {g['group']:<24} n {g['n']:>5}  withheld (fewer than "
                      f"{data['min_group']} or derivable)")  # fmt: skip
                continue
            enps = "" if g.get("enps") is None else f"  eNPS {g['enps']:+.0f}"
            means = ", ".join(f"{k} {v:.2f}" for k, v in g["items"].items() if v is not None)
            print(f"  {g['group']:<24} n {g['n']:>5}{enps}  {means}")
        for d in data["drivers"]:
            print(f"driver {d['theme']}: {100 * d['share']:.0f} % of what the themes explain "
                  f"({100 * d['low']:.0f}-{100 * d['high']:.0f} %)")  # fmt: skip
        for theme in data["overall"].get("comments", []):
            print(f"comments: {', '.join(theme['terms'])} ({theme['comments']}, sentiment "
                  f"{theme['sentiment']:+.1f})")  # fmt: skip


def run(command: str, argv: list[str]) -> int:
    os.environ.setdefault("OMP_NUM_THREADS", "2")  # two cores; a busy machine stays usable
    args = _parser(command).parse_args(argv)
    try:
        data = _compute(command, args)
    except AnalyticsError as exc:
        print(f"mensenwerk {command}: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        json.dump(data, sys.stdout, ensure_ascii=False)
        print()
    else:
        _print_table(command, data)
    return 0
