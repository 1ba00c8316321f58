"""Parsing accuracy on real, annotated CVs: work periods and skills (issue: report it).

Data: ../shared/data/cv-eval/resume-ner/ (CC0; English CVs, mostly Indian IT, annotated with
"Years of Experience", "Job Specific Skills" and "Tech Tools" spans). Skipped when absent.

    .venv/bin/python benchmarks/parsing_accuracy.py

- Periods, recall: gold "Years of Experience" spans holding a year that our period pattern
  reads as a period. Precision: periods our matcher counts (experience section) that lie
  inside a gold span.
- Skills: taxonomy concepts we find in a CV that a gold skill/tool span confirms (precision),
  and gold skill/tool mentions that one of our concepts covers (recall). Our taxonomy targets
  Dutch/Flemish SME trades, so recall on IT CVs measures coverage, not correctness.
"""

from __future__ import annotations

import html
import re
import sys
import zipfile
from pathlib import Path

from mensenwerk.engines import matching, skills

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cv-eval" / "resume-ner"
LABEL = re.compile(r'<label type="([^"]+)">(.*?)</label>', re.DOTALL)
YEARISH = re.compile(matching.YEAR)


def documents() -> list[tuple[str, str, list[tuple[str, str]]]]:
    docs = []
    for archive in sorted(DATA.glob("*.zip")):
        with zipfile.ZipFile(archive) as z:
            for name in sorted(n for n in z.namelist() if n.endswith(".xml")):
                raw = z.read(name).decode("utf-8", errors="replace")
                spans = [(kind, html.unescape(re.sub(r"<[^>]+>", "", text))) for kind, text in
                         LABEL.findall(raw)]  # fmt: skip
                text = html.unescape(re.sub(r"<[^>]+>", "", raw))
                docs.append((name, text, spans))
    return docs


def squash(text: str) -> str:
    return " ".join(text.split()).lower()


def main() -> int:
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to measure")
        return 0
    docs = documents()
    gold_periods = found_periods = 0
    counted = counted_right = 0
    concepts_found = concepts_right = 0
    gold_skills = gold_covered = 0
    for _name, text, spans in docs:
        years = [squash(t) for kind, t in spans if kind == "Years of Experience"]
        for span in years:
            if YEARISH.search(span):
                gold_periods += 1
                found_periods += bool(matching.PERIOD.search(span))
        for section, line in matching.sections(text):
            if section != "experience":
                continue
            for match in matching.PERIOD.finditer(line):
                counted += 1
                counted_right += any(squash(match.group(0)) in span for span in years)
        gold = {squash(t) for kind, t in spans if kind in ("Job Specific Skills", "Tech Tools")}
        gold_stems = [skills.stems(g) for g in gold]
        found = skills.suggest(text, "en", limit=1000)
        terms = {label: skills.expand(label) for label in found}
        concepts_found += len(found)
        for label in found:
            concepts_right += any(
                skills.matches(term, stems) for term in terms[label] for stems in gold_stems
            )
        gold_skills += len(gold)
        for stems in gold_stems:
            gold_covered += any(
                skills.matches(term, stems) for label in found for term in terms[label]
            )
    print(f"parsing accuracy on {len(docs)} annotated CVs (resume-ner, English)")
    print(
        f"  work periods: recall {found_periods / max(1, gold_periods):.1%} "
        f"({found_periods}/{gold_periods} dated 'Years of Experience' spans read as a period); "
        f"precision {counted_right / max(1, counted):.1%} ({counted_right}/{counted} counted "
        "periods inside a gold span)"
    )
    print(
        f"  skills: precision {concepts_right / max(1, concepts_found):.1%} "
        f"({concepts_right}/{concepts_found} concepts found confirmed by a gold span); "
        f"recall {gold_covered / max(1, gold_skills):.1%} "
        f"({gold_covered}/{gold_skills} distinct gold skill/tool mentions covered)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
