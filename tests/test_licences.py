"""Mensenwerk is EUPL-1.2; every package it needs at run time must carry a licence that
allows that, and docs/dependencies.md must list each one with its licence.

`python -m tests.test_licences` prints the table for docs/dependencies.md."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

DOC = Path(__file__).resolve().parents[1] / "docs" / "dependencies.md"

# Used unmodified as separate libraries, these are compatible with an EUPL-1.2 work:
# permissive licences, and the weak copyleft ones the EUPL's appendix names (MPL-2.0, LGPL).
# Strong copyleft (GPL, AGPL) is left out on purpose: it would bind how a combined
# distribution is licensed, so a new one needs a person's review, not a passing test.
ALLOWED = {
    "0BSD", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "CC0-1.0", "HPND", "ISC",
    "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "MIT",
    "MIT-0", "MIT-CMU", "MPL-2.0", "PSF-2.0", "Unlicense", "ZPL-2.1", "Zlib",
}  # fmt: skip

# trove classifiers of packages that do not state an SPDX licence
CLASSIFIERS = {
    "MIT License": "MIT",
    "BSD License": "BSD-3-Clause",
    "Apache Software License": "Apache-2.0",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "Zope Public License": "ZPL-2.1",
    "ISC License (ISCL)": "ISC",
}

# read by a person, with the reason: the metadata says more than an SPDX expression can
REVIEWED = {
    # PDFium is BSD-3-Clause; the binary wheel bundles its libraries (FreeType, libjpeg-turbo,
    # OpenJPEG, zlib, …), all permissive, listed in the wheel's LICENSES folder
    "pypdfium2": "BSD-3-Clause AND Apache-2.0",
    # "MIT, BSD": the wrapper is MIT, the bundled Snowball stemmers BSD-3-Clause
    "pystemmer": "MIT AND BSD-3-Clause",
}


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> dict[str, metadata.Distribution]:
    """Mensenwerk's run-time dependencies, all the way down, with the extras asked for."""
    found: dict[str, metadata.Distribution] = {}

    def walk(name: str, extras: set[str]) -> None:
        dist = metadata.distribution(name)
        first = _key(name) not in found
        found[_key(name)] = dist
        for raw in dist.requires or []:
            req = Requirement(raw)
            wanted = {""} | extras
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in wanted):
                continue
            if first or req.marker:
                walk(req.name, set(req.extras))

    walk("mensenwerk", set())
    found.pop("mensenwerk")
    return dict(sorted(found.items()))


def licence_of(dist: metadata.Distribution) -> str:
    key = _key(dist.metadata["Name"])
    if key in REVIEWED:
        return REVIEWED[key]
    expression = dist.metadata.get("License-Expression")
    if expression:
        return expression.strip()
    declared = (dist.metadata.get("License") or "").strip()
    if re.fullmatch(r"[A-Za-z0-9.+-]+", declared):
        return declared
    classifiers = [
        CLASSIFIERS.get(c.split(" :: ")[-1], c.split(" :: ")[-1])
        for c in dist.metadata.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    return " AND ".join(dict.fromkeys(classifiers)) or "unknown"


def parts(expression: str) -> set[str]:
    return {p for p in re.split(r"\s+(?:AND|OR)\s+|[()]", expression) if p.strip()}


def table() -> str:
    rows = [(name, licence_of(dist)) for name, dist in runtime_distributions().items()]
    return "\n".join(
        ["| package | licence |", "|---|---|", *(f"| {n} | {lic} |" for n, lic in rows)]
    )


def test_every_runtime_dependency_has_a_licence_compatible_with_the_eupl() -> None:
    refused = {
        name: licence_of(dist)
        for name, dist in runtime_distributions().items()
        if not parts(licence_of(dist)) <= ALLOWED
    }
    assert refused == {}, f"not (yet) known to be compatible with EUPL-1.2: {refused}"


def test_docs_list_every_runtime_dependency_with_its_licence() -> None:
    rows = re.findall(r"^\| ([a-z0-9-]+) \| (.+?) \|$", DOC.read_text(), re.MULTILINE)
    listed = set(rows) - {("package", "licence")}
    actual = {(name, licence_of(dist)) for name, dist in runtime_distributions().items()}
    assert listed == actual, (
        f"docs/dependencies.md is out of date; missing: {actual - listed}, "
        f"stale: {listed - actual}. Print the table with `python -m tests.test_licences`."
    )


def test_the_project_itself_is_eupl() -> None:
    licence = (DOC.parents[1] / "LICENSE").read_text()
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in licence and "Compatible Licences" in licence
    assert metadata.distribution("mensenwerk").metadata.get("License-Expression") == "EUPL-1.2"


if __name__ == "__main__":
    print(table())
