"""Validate an HRIS employee export (AFAS, Nmbrs, Personio, Visma …) against a column mapping.

Plain data in, plain data out. Errors carry a code and the offending value; the app turns
codes into sentences in the user's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from mensenwerk.engines.tabular import Table

ENGINE = "hris-import"
VERSION = "1"


# target field -> (required, header names seen in common HRIS exports, lower-case)
FIELDS: dict[str, tuple[bool, tuple[str, ...]]] = {
    "employee_number": (
        True,
        (
            "employee_number",
            "personeelsnummer",
            "medewerker",
            "medewerkernummer",
            "werknemersnummer",
            "employee number",
            "employee id",
            "id",
            "personnel number",
            "pers.nr.",
            "persnr",
            "nummer",
        ),
    ),
    "first_name": (True, ("first_name", "voornaam", "roepnaam", "first name", "given name")),
    "last_name": (
        True,
        ("last_name", "achternaam", "geboortenaam", "last name", "surname", "family name"),
    ),
    "email": (
        False,
        (
            "email",
            "e-mail",
            "e-mail werk",
            "emailadres",
            "e-mailadres",
            "work email",
            "email address",
            "e-mail zakelijk",
        ),
    ),
    "department": (False, ("department", "afdeling", "afdelingsnaam", "organisatorische eenheid")),
    "job_title": (False, ("job_title", "functie", "functienaam", "position", "job title", "title")),
    "manager_number": (
        False,
        (
            "manager_number",
            "leidinggevende",
            "manager",
            "manager id",
            "supervisor",
            "personeelsnummer leidinggevende",
            "leidinggevende nummer",
        ),
    ),
    "contract_hours": (
        False,
        (
            "contract_hours",
            "uren per week",
            "contracturen",
            "weekly hours",
            "hours per week",
            "arbeidsduur",
            "uren",
        ),
    ),
    "start_date": (
        False,
        (
            "start_date",
            "datum in dienst",
            "in dienst",
            "startdatum",
            "hire date",
            "start date",
            "begindatum",
        ),
    ),
    "end_date": (
        False,
        ("end_date", "datum uit dienst", "uit dienst", "einddatum", "termination date", "end date"),
    ),
}

EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),
)
MAX_TEXT = {
    "employee_number": 40,
    "first_name": 100,
    "last_name": 150,
    "email": 254,
    "department": 120,
    "job_title": 160,
}


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based line number in the file, header = 1
    column: str  # the source column name ("" for a whole-row problem)
    code: str  # missing | too_long | bad_email | bad_date | bad_hours | duplicate | ...
    value: str = ""


@dataclass
class EmployeeRecord:
    row: int
    employee_number: str
    first_name: str
    last_name: str
    email: str = ""
    department: str = ""
    job_title: str = ""
    manager_number: str = ""
    contract_hours: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None


@dataclass
class ImportPlan:
    records: list[EmployeeRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    mapping_errors: list[str] = field(default_factory=list)  # target fields left unmapped

    @property
    def rejected_rows(self) -> set[int]:
        return {error.row for error in self.errors}


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """Guess target field -> source column from header names; the user confirms it."""
    by_lower = {header.strip().lower(): header for header in headers if header.strip()}
    mapping: dict[str, str] = {}
    for target, (_required, aliases) in FIELDS.items():
        for alias in aliases:
            if alias in by_lower and by_lower[alias] not in mapping.values():
                mapping[target] = by_lower[alias]
                break
    return mapping


def parse_date(raw: str) -> date | None:
    for pattern in DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def parse_hours(raw: str) -> Decimal | None:
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or not Decimal("0") <= value <= Decimal("60"):
        return None
    return value.quantize(Decimal("0.1"))


def plan_import(table: Table, mapping: dict[str, str], known_numbers: set[str]) -> ImportPlan:
    """Check every row; a row with any error is left out of ``records`` and listed once per problem.

    ``known_numbers`` are employee numbers already in the database, so a manager reference
    may point at someone who is not in this file.
    """
    plan = ImportPlan()
    for target, (required, _aliases) in FIELDS.items():
        source = mapping.get(target, "")
        if (required and not source) or (source and source not in table.headers):
            plan.mapping_errors.append(target)
    if plan.mapping_errors:
        return plan

    index = {target: table.headers.index(source) for target, source in mapping.items() if source}
    first_row: dict[str, int] = {}
    candidates: list[EmployeeRecord] = []
    for offset, row in enumerate(table.rows):
        line = offset + 2
        values = {target: row[i].strip() for target, i in index.items()}
        record, problems = _check_row(line, values)
        number = values.get("employee_number", "")
        if number and number in first_row:
            problems.append(("employee_number", "duplicate"))
        elif number:
            first_row[number] = line
        if problems:
            plan.errors.extend(
                RowError(line, mapping[target], code, values.get(target, "")[:80])
                for target, code in problems
            )
        else:
            candidates.append(record)
    accepted = _with_known_managers(plan, candidates, mapping, known_numbers, set(first_row))
    plan.records = accepted
    plan.errors.sort(key=lambda error: error.row)
    return plan


def _with_known_managers(
    plan: ImportPlan,
    candidates: list[EmployeeRecord],
    mapping: dict[str, str],
    known_numbers: set[str],
    numbers_in_file: set[str],
) -> list[EmployeeRecord]:
    """The rows whose manager exists in the database or among the rows that will be imported;
    repeated until stable because rejecting a manager's row can orphan the rows that point at
    it. Every row left out gets its error in ``plan``."""
    accepted = candidates
    while True:
        in_file = {record.employee_number for record in accepted}
        keep = [
            record
            for record in accepted
            if not record.manager_number
            or record.manager_number in in_file
            or record.manager_number in known_numbers
        ]
        if len(keep) == len(accepted):
            return accepted
        for record in accepted:
            if record not in keep:
                code = (
                    "unknown_manager"
                    if record.manager_number not in numbers_in_file
                    else "manager_rejected"
                )
                plan.errors.append(
                    RowError(record.row, mapping["manager_number"], code, record.manager_number)
                )
        accepted = keep


def _check_row(line: int, values: dict[str, str]) -> tuple[EmployeeRecord, list[tuple[str, str]]]:
    """Parse one row; return the record and the (target field, error code) problems."""
    problems: list[tuple[str, str]] = []
    for target, (required, _aliases) in FIELDS.items():
        value = values.get(target, "")
        if required and not value:
            problems.append((target, "missing"))
        elif target in MAX_TEXT and len(value) > MAX_TEXT[target]:
            problems.append((target, "too_long"))
    email = values.get("email", "")
    if email and not EMAIL_RE.match(email):
        problems.append(("email", "bad_email"))
    hours = None
    if values.get("contract_hours"):
        hours = parse_hours(values["contract_hours"])
        if hours is None:
            problems.append(("contract_hours", "bad_hours"))
    dates: dict[str, date | None] = {"start_date": None, "end_date": None}
    for target in dates:
        if values.get(target):
            dates[target] = parse_date(values[target])
            if dates[target] is None:
                problems.append((target, "bad_date"))
    start, end = dates["start_date"], dates["end_date"]
    if start and end and end < start:
        problems.append(("end_date", "end_before_start"))
    number = values.get("employee_number", "")
    if number and values.get("manager_number") == number:
        problems.append(("manager_number", "own_manager"))
    record = EmployeeRecord(
        row=line,
        employee_number=number,
        first_name=values.get("first_name", ""),
        last_name=values.get("last_name", ""),
        email=email.lower(),
        department=values.get("department", ""),
        job_title=values.get("job_title", ""),
        manager_number=values.get("manager_number", ""),
        contract_hours=hours,
        start_date=start,
        end_date=end,
    )
    return record, problems
