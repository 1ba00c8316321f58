"""`mensenwerk screen` on a real folder: PDF, DOCX and TXT CVs, with bad files in the batch."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli import mensenwerk
from tests.engines.test_matching import ENGLISH, EXPERIENCED, STUFFED
from tests.files import docx_file, pdf, png

VACANCY = """title: CNC-verspaner
language: nl
description: |
  Voor onze machinefabriek zoeken wij een verspaner.
must_have: ["CNC-frezen of CNC-draaien", "technische tekeningen lezen", "MBO werktuigbouwkunde"]
nice_to_have: [{name: Heidenhain, weight: 2}, Mastercam, VCA]
min_years_experience: 3
languages: [nl]
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return mensenwerk("screen", *args)


def test_it_ranks_a_mixed_batch_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "vacature.yaml").write_text(VACANCY)
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    (cvs / "a-ervaren.pdf").write_bytes(pdf(EXPERIENCED.split("\n"), white="Mastercam VCA"))
    (cvs / "b-engels.docx").write_bytes(docx_file(ENGLISH.split("\n")))
    (cvs / "c-stuffed.txt").write_text(STUFFED)
    (cvs / "d-kopie.txt").write_text(STUFFED)
    (cvs / "e-scan.pdf").write_bytes(pdf([]))
    (cvs / "f-foto.pdf").write_bytes(png())
    (cvs / "g-kapot.pdf").write_bytes(b"%PDF-1.4 broken")
    (cvs / "h-script.txt").write_text(
        "<script>alert(1)</script>\nWerkervaring\n2020 - heden: lassen"
    )
    result = run(
        "--vacancy", str(tmp_path / "vacature.yaml"), "--cvs", str(cvs), "--format", "json"
    )
    assert result.returncode == 1, result.stderr
    out = json.loads(result.stdout)
    assert out["vacancy"] == "CNC-verspaner"
    assert out["engine"].startswith("mensenwerk-matcher")
    ranked = {c["file"]: c for c in out["candidates"]}
    assert out["candidates"][0]["file"] == "a-ervaren.pdf"
    assert ranked["a-ervaren.pdf"]["flags"] == ["hidden_text"]
    mastercam = next(
        c for c in ranked["a-ervaren.pdf"]["criteria"] if c["criterion"] == "Mastercam"
    )
    assert mastercam["status"] == "not_met"  # the white text does not count
    assert ranked["b-engels.docx"]["score"] > ranked["c-stuffed.txt"]["score"]
    assert "duplicate" in ranked["d-kopie.txt"]["flags"]
    assert ranked["e-scan.pdf"]["flags"] == ["needs_manual_review"]
    assert ranked["a-ervaren.pdf"]["pseudonym"].startswith("K-")
    errors = {e["file"]: e["error"] for e in out["errors"]}
    assert errors == {
        "f-foto.pdf": "the file is a PNG image, not a document",
        "g-kapot.pdf": "not a readable PDF",
    }
    assert [c["rank"] for c in out["candidates"]] == list(range(1, 7))


def test_it_refuses_a_bad_vacancy_file_with_exit_2(tmp_path: Path) -> None:
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    for content, message in [
        ("title: [unclosed", "cannot read"),
        ("title: X\nnice_to_have: [{name: A, weight: 99}]", "weight"),
        ("just text", "needs at least a 'title'"),
        ("title: X", "no must_have or nice_to_have"),
    ]:
        path = tmp_path / "v.yaml"
        path.write_text(content)
        result = run("--vacancy", str(path), "--cvs", str(cvs))
        assert result.returncode == 2, content
        assert message in result.stderr, content
    assert run("--vacancy", str(tmp_path / "none.yaml"), "--cvs", str(cvs)).returncode == 2
    assert run("--cvs", str(cvs)).returncode == 2


def test_it_prints_a_table_and_limits_to_the_top(tmp_path: Path) -> None:
    (tmp_path / "v.yaml").write_text(VACANCY)
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    for i in range(3):
        (cvs / f"cv{i}.txt").write_text(EXPERIENCED if i == 1 else STUFFED + f"\n{i}")
    result = run("--vacancy", str(tmp_path / "v.yaml"), "--cvs", str(cvs), "--top", "1")
    assert result.returncode == 0
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    assert "cv1.txt" in lines[1]
