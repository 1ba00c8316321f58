"""`mensenwerk draft reference|statement --facts FILE.yaml`: a document from facts (no server).

Exit codes: 0 drafted (warnings on stderr in text mode, in the JSON otherwise), 1 the facts
cannot make the document (the missing or wrong fact is named), 2 bad arguments or an
unreadable file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mensenwerk.engines import safeyaml
from mensenwerk.engines.drafting import KINDS, DraftError, compose

REASONS = {
    "missing_fact": "missing fact: {fact}",
    "bad_value": "wrong value for {fact}: {reason}",
    "not_facts": "the file must hold facts as 'key: value' lines",
    "unknown_kind": "unknown document: {kind}",
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mensenwerk draft",
        description="Draft a reference letter (getuigschrift), an employer's statement "
        "(werkgeversverklaring) or a job ad from a YAML file of facts, without a language "
        "model: every "
        "sentence says which facts it states, and nothing is written that is not in them.",
    )
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--facts", type=Path, required=True, help="YAML file of facts")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.add_argument("--format", choices=["text", "json"], default="text")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        raw = safeyaml.load(args.facts.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"mensenwerk draft: cannot read {args.facts}: {exc}", file=sys.stderr)
        return 2
    except safeyaml.YamlError as exc:
        print(f"mensenwerk draft: {args.facts} is not usable YAML ({exc.code})", file=sys.stderr)
        return 2
    try:
        draft = compose(args.kind, raw, args.lang)
    except DraftError as exc:
        print(f"mensenwerk draft: {REASONS[exc.code].format(**exc.params)}", file=sys.stderr)
        return 1
    if args.format == "json":
        json.dump(draft.as_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    sys.stdout.write(draft.text)
    for warning in draft.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0
