"""Read a CSV or XLSX export into headers and rows of strings, with clear file-level errors."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

MAX_ROWS = 100_000
MAX_COLUMNS = 200


class TableError(Exception):
    """The file as a whole cannot be read; the message says why in plain words."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


def read_table(data: bytes, filename: str) -> Table:
    """Dispatch on content, not on the name: a PNG renamed .csv must be refused."""
    if not data.strip():
        raise TableError("the file is empty")
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        if name.endswith(".csv"):
            raise TableError("the file is named .csv but is a ZIP/Excel file; save it as CSV")
        return _read_xlsx(data)
    if name.endswith((".xlsx", ".xlsm")):
        raise TableError("the file is named .xlsx but is not an Excel workbook")
    if name.endswith(".xls"):
        raise TableError("old .xls files are not supported; save as .xlsx or CSV")
    return _read_csv(data)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise TableError("the file is not a text (CSV) file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # cp1252 decodes nearly anything; reject text that is mostly control characters
        sample = text[:8192]
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
        if controls > len(sample) // 100 + 1:
            raise TableError("the file is not a text (CSV) file")
        return text
    raise TableError("the file is not a text (CSV) file")


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    # Dutch exports use ';' (the comma is the decimal separator); count rather than sniff
    delimiter = max(";,\t|", key=first_line.count)
    if first_line.count(delimiter) == 0:
        raise TableError("no column separator (; , tab or |) found in the first line")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = [row for row in reader]
    except csv.Error as exc:
        raise TableError(f"the CSV is malformed: {exc}") from None
    return _finish(rows)


def _read_xlsx(data: bytes) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(f"not a readable Excel workbook ({type(exc).__name__})") from None
    except Exception as exc:  # openpyxl raises assorted errors on hostile files
        raise TableError(f"not a readable Excel workbook ({type(exc).__name__})") from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell(value) for value in values[:MAX_COLUMNS]])
            if len(rows) > MAX_ROWS + 1:
                raise TableError(f"more than {MAX_ROWS} rows")
    finally:
        workbook.close()
    return _finish(rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _finish(rows: list[list[str]]) -> Table:
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise TableError("the file has no rows")
    headers = [cell.strip() for cell in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise TableError(f"more than {MAX_COLUMNS} columns")
    if not any(headers):
        raise TableError("the first row has no column names")
    seen: set[str] = set()
    for header in headers:
        if header and header.lower() in seen:
            raise TableError(f"column {header!r} appears twice in the header row")
        seen.add(header.lower())
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise TableError(f"more than {MAX_ROWS} rows")
    width = len(headers)
    return Table(headers, [(row + [""] * width)[:width] for row in body])
