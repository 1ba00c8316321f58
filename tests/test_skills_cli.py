"""`mensenwerk skills gap` as a user runs it: CSV and XLSX in, the documented JSON out, and a
clear exit 1 for what it cannot read."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli import mensenwerk
from tests.files import png, xlsx

PEOPLE = """person,team,role,skills
Anna,Productie A,Operator,Excel:3; heftruck rijden; PLC programmeren:2
Bram,Productie A,Operator,heftuck:2; vissen; <b>zeilen</b>
Cem,Productie B,Operator,"forklift licence:2;VCA-VOL;PLC:3"
"""
REQUIREMENTS = """role,skill,level,must
Operator,Heftruck rijden,2,yes
Operator,VCA,,yes
Operator,PLC programmeren,3,yes
Operator,Excel,2,no
"""
COURSES = """course,skills,hours,cost
VCA Basis,VCA,8,195
Heftruck certificaat,Heftruck rijden:2,8,350
PLC programmeren Siemens S7,PLC programmeren:3,40,"1650"
PLC basis,PLC:2,16,800
Veiligheid en heftruck,VCA;heftruck:2,14,500
"""


def run(tmp_path: Path, *extra: str, people=PEOPLE, requirements=REQUIREMENTS, courses=COURSES):
    paths = {}
    for flag, content in (("people", people), ("requirements", requirements), ("courses", courses)):
        if content is None:
            continue
        data = content if isinstance(content, bytes) else content.encode()
        paths[flag] = tmp_path / (flag + (".xlsx" if data.startswith(b"PK") else ".csv"))
        paths[flag].write_bytes(data)
    args = ["gap"] + [item for flag, path in paths.items() for item in (f"--{flag}", str(path))]
    return mensenwerk("skills", *args, *extra)


def as_json(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_the_documented_shape_and_figures(tmp_path: Path) -> None:
    out = as_json(run(tmp_path, "--format", "json"))
    assert set(out) == {"people", "teams"}
    anna, bram, cem = out["people"]
    assert set(anna) == {"person", "role", "gaps", "unmapped", "path"}
    assert anna["gaps"] == [
        {"skill": "Heftruck rijden", "required": 2, "has": 1},
        {"skill": "VCA", "required": 1, "has": 0},
        {"skill": "PLC programmeren", "required": 3, "has": 2},
    ]
    assert anna["path"] == [
        {"course": "PLC programmeren Siemens S7", "covers": ["PLC programmeren"], "hours": 40},
        {"course": "Veiligheid en heftruck", "covers": ["Heftruck rijden", "VCA"], "hours": 14},
    ]
    assert bram["unmapped"] == ["vissen", "<b>zeilen</b>"]  # listed as written, never dropped
    assert [g["skill"] for g in bram["gaps"]] == ["PLC programmeren", "VCA", "Excel"]
    assert cem["gaps"] == [{"skill": "Excel", "required": 2, "has": 0}] and cem["path"] == []
    teams = {(t["team"], t["skill"]): (t["people_with_gap"], t["people"]) for t in out["teams"]}
    assert set(out["teams"][0]) == {"team", "skill", "people_with_gap", "people"}
    assert teams[("Productie A", "PLC programmeren")] == (2, 2)
    assert teams[("Productie A", "Heftruck rijden")] == (1, 2)
    assert teams[("Productie B", "Excel")] == (1, 1)


def test_table_is_readable_and_courses_are_optional(tmp_path: Path) -> None:
    result = run(tmp_path, courses=None)
    assert result.returncode == 0, result.stderr
    assert "Anna (Operator)" in result.stdout
    assert "gap  PLC programmeren: level 2 → 3" in result.stdout
    assert "unmapped  vissen; <b>zeilen</b>" in result.stdout
    assert "Productie A" in result.stdout and "2/2" in result.stdout
    assert "course" not in as_json(run(tmp_path, "--format", "json", courses=None))["people"][0]


def test_xlsx_files_work_like_csv(tmp_path: Path) -> None:
    rows = [line.split(",", 3) for line in PEOPLE.splitlines()]
    rows[3][3] = rows[3][3].strip('"')
    out = as_json(run(tmp_path, "--format", "json", people=xlsx(rows)))
    csv_out = as_json(run(tmp_path, "--format", "json"))
    assert out == csv_out


def test_unknown_columns_and_roles_exit_1_naming_them(tmp_path: Path) -> None:
    result = run(tmp_path, people=PEOPLE.replace("skills", "skills,salary"))
    assert result.returncode == 1 and "unknown column(s) salary" in result.stderr
    result = run(tmp_path, people=PEOPLE.replace("Cem,Productie B,Operator", "Cem,B,Lasser"))
    assert result.returncode == 1 and "unknown role(s) 'Lasser'" in result.stderr
    result = run(tmp_path, requirements=REQUIREMENTS.replace(",must", ""))
    assert result.returncode == 0  # level and must have defaults
    result = run(tmp_path, courses=COURSES.replace("hours,", ""))
    assert result.returncode == 1 and "missing column(s) hours" in result.stderr


def test_bad_values_exit_1_with_the_row(tmp_path: Path) -> None:
    cases = [
        ({"requirements": REQUIREMENTS.replace(",2,no", ",9,no")}, "row 5: level '9'"),
        ({"requirements": REQUIREMENTS.replace("2,yes", "2,misschien")}, "must 'misschien'"),
        ({"people": PEOPLE.replace("Excel:3", "Excel:hoog")}, "row 2: level 'hoog'"),
        ({"courses": COURSES.replace(",8,195", ",-8,195")}, "hours '-8'"),
        ({"courses": COURSES.replace("195", "nan")}, "cost 'nan'"),
        ({"people": b""}, "the file is empty"),
        ({"people": png()}, "not a text (CSV) file"),
        ({"people": "person;team;role;skills\n"}, "the file has no rows"),
    ]
    for files, message in cases:
        result = run(tmp_path, **files)
        assert result.returncode == 1 and message in result.stderr, (message, result.stderr)
        assert "Traceback" not in result.stderr
    result = mensenwerk(
        "skills",
        "gap",
        "--people",
        str(tmp_path / "missing.csv"),
        "--requirements",
        str(tmp_path / "requirements.csv"),
    )
    assert result.returncode == 1 and "missing.csv" in result.stderr
