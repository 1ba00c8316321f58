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
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mensenwerk.engines import matching
from mensenwerk.engines.matching import VacancyError
from mensenwerk.engines.screening import prepare
from mensenwerk.engines.text import ExtractionError

SUFFIXES = {".pdf", ".docx", ".txt", ".md"}


def load_vacancy(path: Path) -> matching.Vacancy:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise VacancyError(f"cannot read the vacancy file: {exc}") from None
    return matching.vacancy_from_dict(data)


@dataclass
class Screened:
    """One CV, scored."""

    file: str
    pseudonym: str
    flags: list[str]
    language: str
    content_hash: str
    result: matching.Result

    @property
    def score(self) -> float:
        return self.result.score


@dataclass(frozen=True)
class Failed:
    """One file that could not be read, with the reason."""

    file: str
    error: str


def process(path: Path, vacancy: matching.Vacancy, today: date) -> Screened | Failed:
    """One file -> a scored candidate or the reason it failed; never raises for a bad file."""
    try:
        data = path.read_bytes()
        prepared = prepare(data, path.name, seed=hashlib.sha256(data).hexdigest())
    except ExtractionError as exc:
        return Failed(path.name, str(exc))
    except OSError as exc:
        return Failed(path.name, f"cannot read the file ({exc.strerror})")
    return Screened(
        file=path.name,
        pseudonym=prepared.pseudonym,
        flags=list(prepared.flags),
        language=prepared.language,
        content_hash=prepared.content_hash,
        result=matching.score(vacancy, prepared.text, today),
    )


def as_json(candidate: Screened, rank: int) -> dict[str, Any]:
    """The printed form of one candidate (the JSON output's keys, in this order)."""
    result = candidate.result
    return {
        "file": candidate.file,
        "rank": rank,
        "score": result.score,
        "pseudonym": candidate.pseudonym,
        "flags": candidate.flags,
        "language": candidate.language,
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
    errors = [o for o in outcomes if isinstance(o, Failed)]
    candidates = [o for o in outcomes if isinstance(o, Screened)]
    seen: dict[str, str] = {}
    for candidate in candidates:
        if seen.setdefault(candidate.content_hash, candidate.file) != candidate.file:
            candidate.flags.append("duplicate")
    candidates.sort(key=lambda c: (-c.score, c.file))
    ranked = list(enumerate(candidates, start=1))
    shown = ranked[: args.top] if args.top > 0 else ranked
    if args.format == "json":
        print(
            json.dumps(
                {
                    "vacancy": vacancy.title,
                    "engine": f"{matching.ENGINE}-{matching.VERSION}",
                    "candidates": [as_json(c, rank) for rank, c in shown],
                    "errors": [asdict(e) for e in errors],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(f"{vacancy.title} — {matching.ENGINE} {matching.VERSION}")
        for rank, c in shown:
            met = sum(1 for r in c.result.criteria if r.status == "met")
            print(
                f"{rank:>4}  {c.score:.2f}  {c.pseudonym}  {met}/{len(c.result.criteria)}"
                f" met  {c.file}  {' '.join(c.flags)}"
            )
        for e in errors:
            print(f"   !  {e.file}: {e.error}")
    return 1 if errors else 0
