"""`mensenwerk taxonomy import-esco`: the official ESCO CSV layout extends the taxonomy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mensenwerk.engines import esco, skills
from tests.cli import mensenwerk
from tests.conftest import SHARED_DATA

HEADER = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n"
URI = "http://data.europa.eu/esco/skill/test-0001"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MENSENWERK_DATA_DIR", str(tmp_path / "data"))
    skills.reload()
    yield tmp_path / "data"
    monkeypatch.delenv("MENSENWERK_DATA_DIR")
    skills.reload()


def _download(folder: Path) -> Path:
    folder.mkdir()
    row = 'KnowledgeSkillCompetence,{uri},skill/competence,sector-specific,{pref},"{alt}",x\n'
    (folder / "skills_nl.csv").write_text(
        HEADER + row.format(uri=URI, pref="keukenmontage", alt="keukens plaatsen\nkeukenmonteur"),
        encoding="utf-8",
    )
    (folder / "skills_en.csv").write_text(
        HEADER + row.format(uri=URI, pref="kitchen installation", alt="install kitchens"),
        encoding="utf-8",
    )
    (folder / "occupationSkillRelations_en.csv").write_text(
        "occupationUri,relationType,skillType,skillUri\n"
        f"http://data.europa.eu/esco/occupation/o1,essential,skill/competence,{URI}\n",
        encoding="utf-8",
    )
    (folder / "skills.csv").write_text(HEADER, encoding="utf-8")  # no language in the name
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return folder


def test_it_joins_dutch_and_english_labels_of_one_concept_for_matching(
    tmp_path: Path, data_dir: Path
) -> None:
    folder = _download(tmp_path / "esco")
    assert "kitchen installation" not in [t.text for t in skills.expand("keukenmontage")]
    result = mensenwerk(
        "taxonomy", "import-esco", str(folder), env={"MENSENWERK_DATA_DIR": str(data_dir)}
    )
    assert result.returncode == 0, result.stderr
    assert "1 ESCO concepts, 1 relations" in result.stdout
    assert "no _nl or _en in the file name" in result.stdout
    assert "not an ESCO concept or relation file" in result.stdout
    skills.reload()
    written = json.loads(skills.extension_path().read_text(encoding="utf-8"))
    occupation = "http://data.europa.eu/esco/occupation/o1"
    assert written["occupation_skills"] == {occupation: {"essential": [URI], "optional": []}}
    expanded = [t.text for t in skills.expand("keukenmontage")]
    assert "kitchen installation" in expanded
    assert "keukenmonteur" in expanded
    # the English CV matches the Dutch criterion through the imported concept
    line = skills.stems("2019 - present: kitchen installation for private clients")
    assert any(skills.matches(term, line) for term in skills.expand("keukenmontage"))


def test_it_refuses_a_folder_without_esco_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = mensenwerk("taxonomy", "import-esco", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert "no ESCO CSV files" in result.stderr
    result = mensenwerk("taxonomy", "import-esco", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "is not a folder" in result.stderr


def test_it_ignores_a_damaged_import_instead_of_failing(data_dir: Path) -> None:
    path = skills.extension_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    skills.reload()
    assert [t.text for t in skills.expand("frezen")]  # the shipped taxonomy still works


@pytest.mark.skipif(not (SHARED_DATA / "esco").is_dir(), reason="../shared/data/esco absent")
def test_it_imports_the_real_esco_files(tmp_path: Path, data_dir: Path) -> None:
    result = esco.read(SHARED_DATA / "esco")
    shipped = json.loads(skills.DATA.read_text(encoding="utf-8"))["concepts"]
    data = esco.write(result, shipped, skills.extension_path())
    assert len(data["concepts"]) > 3000
    assert data["relations"] > 5000
    # our shipped language concepts carry the same ESCO URI the import finds
    ours = {c["id"]: c.get("esco") for c in shipped}
    assert data["links"]["dutch"] == ours["dutch"]
    assert all("/skill/" in uri for uri in data["links"].values())
    skills.reload()
    expanded = [t.text for t in skills.expand("inspiciënt")]
    assert "toneelmeester" in expanded  # an ESCO alternative label of the occupation
