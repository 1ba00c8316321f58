"""`mensenwerk taxonomy import-esco DIR`: extend the skills taxonomy with the ESCO download.

Runs without a server or database. Exit codes: 0 imported, 2 bad arguments or no ESCO files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mensenwerk.engines import esco, skills


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="mensenwerk taxonomy",
        description="Extend the shipped skills taxonomy with the official ESCO CSV download.",
    )
    sub = parser.add_subparsers(dest="action", required=True)
    imp = sub.add_parser("import-esco", help="read ESCO CSV files (skills_nl.csv, …) from DIR")
    imp.add_argument("folder", type=Path, help="folder with the unpacked ESCO CSV download")
    imp.add_argument(
        "--out", type=Path, default=None, help="where to write (default DATA_DIR/taxonomy)"
    )
    args = parser.parse_args(argv)
    target = args.out or skills.extension_path()
    try:
        result = esco.read(args.folder)
    except esco.EscoError as exc:
        print(f"mensenwerk taxonomy: {exc}", file=sys.stderr)
        return 2
    shipped = json.loads(skills.DATA.read_text(encoding="utf-8"))["concepts"]
    data = esco.write(result, shipped, target)
    for item in result.files:
        note = f"  ({item['note']})" if item.get("note") else ""
        print(f"  {item['kind']:<12} {item['rows']:>7}  {item['name']}{note}")
    print(
        f"{len(data['concepts'])} ESCO concepts, {data['relations']} relations, "
        f"{len(data['links'])} shipped concepts linked to an ESCO URI -> {target}"
    )
    print("This service uses the ESCO classification of the European Commission.")
    if not data["concepts"]:
        print("mensenwerk taxonomy: no skills or occupations found", file=sys.stderr)
        return 2
    return 0
