"""`mensenwerk screen`: rank a folder of CVs against a vacancy file, no server or database.

Exit codes: 0 every file processed, 1 some files in "errors", 2 bad arguments or vacancy file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from mensenwerk.engines import matching
from mensenwerk.engines.pseudonymise import blind
from mensenwerk.engines.text import ExtractionError, extract

SUFFIXES = {".pdf", ".docx", ".txt", ".md"}


class VacancyError(Exception):
    pass


def load_vacancy(path: Path) -> matching.Vacancy:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise VacancyError(f"cannot read the vacancy file: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        raise VacancyError("the vacancy file needs at least a 'title'")
    criteria: list[matching.Criterion] = []
    for name in data.get("must_have") or []:
        if not isinstance(name, str) or not name.strip():
            raise VacancyError(f"must_have: every item must be text, got {name!r}")
        criteria.append(matching.Criterion(name.strip(), "must_have"))
    for item in data.get("nice_to_have") or []:
        if isinstance(item, str):
            criteria.append(matching.Criterion(item, "nice_to_have", 1.0))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            weight = item.get("weight", 1)
            if not isinstance(weight, int | float) or not 0 < weight <= 10:
                raise VacancyError(f"nice_to_have {item['name']!r}: weight must be 0-10")
            criteria.append(matching.Criterion(item["name"], "nice_to_have", float(weight)))
        else:
            raise VacancyError(f"nice_to_have: unreadable item {item!r}")
    if not criteria:
        raise VacancyError("the vacancy file has no must_have or nice_to_have criteria")
    years = data.get("min_years_experience", 0) or 0
    if not isinstance(years, int | float) or years < 0:
        raise VacancyError("min_years_experience must be a number of years")
    languages = data.get("languages") or []
    if not isinstance(languages, list):
        raise VacancyError("languages must be a list such as [nl, en]")
    return matching.Vacancy(
        data["title"],
        criteria,
        float(years),
        [str(code) for code in languages],
        str(data.get("language", "nl")),
    )


def process(path: Path, vacancy: matching.Vacancy, today: date) -> dict[str, Any]:
    """One file -> a candidate dict or an error dict; never raises for a bad file."""
    try:
        data = path.read_bytes()
        doc = extract(data, path.name)
    except ExtractionError as exc:
        return {"file": path.name, "error": str(exc)}
    except OSError as exc:
        return {"file": path.name, "error": f"cannot read the file ({exc.strerror})"}
    blinded = blind(
        doc.text,
        seed=hashlib.sha256(data).hexdigest(),
        language=doc.language if doc.language in ("nl", "en") else "nl",
    )
    flags = []
    if doc.hidden:
        flags.append("hidden_text")
    if doc.needs_review:
        flags.append("needs_manual_review")
    result = matching.score(vacancy, blinded.text, today)
    return {
        "file": path.name,
        "pseudonym": blinded.pseudonym,
        "score": result.score,
        "flags": flags,
        "language": doc.language,
        "content_hash": hashlib.sha256(blinded.text.encode()).hexdigest(),
        "years_experience": result.years,
        "relevant_years": result.relevant_years,
        "criteria": [
            {k: v for k, v in asdict(c).items() if k != "section"} for c in result.criteria
        ],
    }


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="mensenwerk screen", description="Rank CVs against a vacancy, blind and explained."
    )
    parser.add_argument("--vacancy", required=True, type=Path, help="vacancy file (YAML)")
    parser.add_argument("--cvs", required=True, type=Path, help="folder with PDF, DOCX or TXT")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--top", type=int, default=0, help="show only the best N")
    args = parser.parse_args(argv)
    try:
        vacancy = load_vacancy(args.vacancy)
    except VacancyError as exc:
        print(f"mensenwerk screen: {args.vacancy}: {exc}", file=sys.stderr)
        return 2
    if not args.cvs.is_dir():
        print(f"mensenwerk screen: {args.cvs} is not a folder", file=sys.stderr)
        return 2
    files = sorted(p for p in args.cvs.iterdir() if p.is_file() and not p.name.startswith("."))
    today = date.today()
    workers = min(os.cpu_count() or 1, 8)
    if len(files) >= 20 and workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            outcomes = list(
                pool.map(process, files, [vacancy] * len(files), [today] * len(files), chunksize=16)
            )
    else:
        outcomes = [process(f, vacancy, today) for f in files]
    errors = [o for o in outcomes if "error" in o]
    candidates = [o for o in outcomes if "error" not in o]
    seen: dict[str, str] = {}
    for candidate in candidates:
        first = seen.setdefault(candidate.pop("content_hash"), candidate["file"])
        if first != candidate["file"]:
            candidate["flags"].append("duplicate")
    candidates.sort(key=lambda c: (-c["score"], c["file"]))
    for rank, candidate in enumerate(candidates, start=1):
        candidate["rank"] = rank
    shown = candidates[: args.top] if args.top > 0 else candidates
    if args.format == "json":
        print(
            json.dumps(
                {
                    "vacancy": vacancy.title,
                    "engine": f"{matching.ENGINE}-{matching.VERSION}",
                    "candidates": [_ordered(c) for c in shown],
                    "errors": errors,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(f"{vacancy.title} — {matching.ENGINE} {matching.VERSION}")
        for c in shown:
            met = sum(1 for r in c["criteria"] if r["status"] == "met")
            print(
                f"{c['rank']:>4}  {c['score']:.2f}  {c['pseudonym']}  {met}/{len(c['criteria'])}"
                f" met  {c['file']}  {' '.join(c['flags'])}"
            )
        for e in errors:
            print(f"   !  {e['file']}: {e['error']}")
    return 1 if errors else 0


def _ordered(c: dict[str, Any]) -> dict[str, Any]:
    keys = [
        "file",
        "rank",
        "score",
        "pseudonym",
        "flags",
        "language",
        "years_experience",
        "relevant_years",
        "criteria",
    ]
    return {k: c[k] for k in keys}
