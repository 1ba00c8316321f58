"""Read the official ESCO CSV download to extend the shipped skills taxonomy.

The operator downloads ESCO (https://esco.ec.europa.eu, "This service uses the ESCO
classification of the European Commission") in the languages they need and points
`mensenwerk taxonomy import-esco DIR` at the folder. Concept files (skills, occupations,
collections: columns ``conceptUri`` and ``preferredLabel``) give labels per language, taken from
the ``_nl`` / ``_en`` suffix of the file name; the same URI in both languages becomes one concept
with Dutch and English labels, so matching works across languages. Of the relation files, the
occupation-skill relations are kept (essential and optional skills per occupation: a role
profile can start from them); the others are counted. Anything else is listed as skipped, with
the reason. Nothing is fetched.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENGINE = "esco-import"
VERSION = "2"


KEPT_TYPES = {"KnowledgeSkillCompetence", "Occupation", "skill", "occupation"}
MAX_LABELS = 12  # per language; ESCO lists up to ~40 alternative labels, most rarely used
LANGUAGE_IN_NAME = re.compile(r"_([a-z]{2})\.csv$", re.IGNORECASE)


class EscoError(Exception):
    pass


@dataclass
class EscoImport:
    concepts: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)  # name, kind, rows, note

    def occupation_skills(self) -> dict[str, dict[str, list[str]]]:
        """Per occupation URI its essential and optional skill URIs."""
        return _occupation_skills(self.relations)

    def as_json(self, links: dict[str, str]) -> dict[str, Any]:
        return {
            "source": "ESCO classification of the European Commission",
            "attribution": "This service uses the ESCO classification of the European Commission.",
            "licence": "Free reuse under Commission Decision 2011/833/EU",
            "files": self.files,
            "links": links,
            "relations": len(self.relations),
            "occupation_skills": self.occupation_skills(),
            "concepts": [
                {"uri": uri, **data}
                for uri, data in sorted(self.concepts.items())
                if data["nl"] or data["en"]
            ],
        }


def _occupation_skills(relations: list[tuple[str, str, str]]) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for source, kind, target in relations:
        if "/occupation/" in source and kind in ("essential", "optional"):
            out.setdefault(source, {"essential": [], "optional": []})[kind].append(target)
    return out


def _labels(row: dict[str, str]) -> list[str]:
    labels = [row.get("preferredLabel", "")]
    labels += re.split(r"\n|\s\|\s", row.get("altLabels") or "")
    out: list[str] = []
    for label in labels:
        label = label.strip()
        if 2 <= len(label) <= 80 and label.lower() not in (x.lower() for x in out):
            out.append(label)
    return out[:MAX_LABELS]


def read(folder: Path) -> EscoImport:
    if not folder.is_dir():
        raise EscoError(f"{folder} is not a folder")
    result = EscoImport()
    paths = sorted(p for p in folder.rglob("*.csv") if p.is_file())
    if not paths:
        raise EscoError(f"no ESCO CSV files in {folder}")
    for path in paths:
        name = str(path.relative_to(folder))
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            result.files.append({"name": name, "kind": "skipped", "rows": 0, "note": str(exc)})
            continue
        reader = csv.DictReader(io.StringIO(text))
        header = set(reader.fieldnames or [])
        if {"conceptUri", "preferredLabel"} <= header:
            match = LANGUAGE_IN_NAME.search(path.name)
            if not match or match.group(1).lower() not in ("nl", "en"):
                note = "no _nl or _en in the file name: language unknown"
                result.files.append({"name": name, "kind": "skipped", "rows": 0, "note": note})
                continue
            language = match.group(1).lower()
            rows = 0
            for row in reader:
                if row.get("conceptType") not in KEPT_TYPES or not row.get("conceptUri"):
                    continue
                concept = result.concepts.setdefault(
                    row["conceptUri"], {"type": row["conceptType"], "nl": [], "en": []}
                )
                concept[language] = _labels(row)
                rows += 1
            result.files.append({"name": name, "kind": f"concepts_{language}", "rows": rows})
        elif {"originalSkillUri", "relatedSkillUri"} <= header or {
            "occupationUri",
            "skillUri",
        } <= header:
            rows = 0
            for row in reader:
                source = row.get("originalSkillUri") or row.get("occupationUri") or ""
                target = row.get("relatedSkillUri") or row.get("skillUri") or ""
                result.relations.append((source, row.get("relationType", ""), target))
                rows += 1
            result.files.append({"name": name, "kind": "relations", "rows": rows})
        else:
            note = "not an ESCO concept or relation file"
            result.files.append({"name": name, "kind": "skipped", "rows": 0, "note": note})
    return result


def link_shipped(result: EscoImport, shipped: list[dict[str, Any]]) -> dict[str, str]:
    """Shipped concept id -> ESCO URI where a label of ours is a label of theirs."""
    index: dict[str, str] = {}
    for uri, data in result.concepts.items():
        if "/skill/" not in uri:
            continue  # ours are skills: never link one to an occupation of the same name
        for label in data["nl"] + data["en"]:
            index.setdefault(label.lower(), uri)
    links = {}
    for concept in shipped:
        for label in concept["nl"] + concept["en"]:
            if label.lower() in index:
                links[concept["id"]] = index[label.lower()]
                break
    return links


def write(result: EscoImport, shipped: list[dict[str, Any]], target: Path) -> dict[str, Any]:
    data = result.as_json(link_shipped(result, shipped))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(target)  # a half-written extension must never be read
    return data
