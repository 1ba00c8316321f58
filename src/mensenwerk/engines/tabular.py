"""Read a CSV or XLSX export into headers and rows of strings, with clear file-level errors."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

ENGINE = "tabular"
VERSION = "1"


MAX_ROWS = 100_000
MAX_COLUMNS = 200


class TableError(Exception):
    """The file as a whole cannot be read. ``code`` and ``params`` let the app say why in the
    user's language; ``str()`` is the English sentence for logs and the CLI."""

    MESSAGES = {
        "empty": "the file is empty",
        "too_large": "the file is larger than {mb} MB",
        "zip_named_csv": "the file is named .csv but is a ZIP/Excel file; save it as CSV",
        "not_xlsx": "the file is named .xlsx but is not an Excel workbook",
        "old_xls": "old .xls files are not supported; save as .xlsx or CSV",
        "not_text": "the file is not a text (CSV) file",
        "no_separator": "no column separator (; , tab or |) found in the first line",
        "malformed_csv": "the CSV is malformed: {detail}",
        "bad_workbook": "not a readable Excel workbook ({detail})",
        "too_many_rows": "more than {limit} rows",
        "too_many_columns": "more than {limit} columns",
        "no_rows": "the file has no rows",
        "duplicate_header": "column {column!r} appears twice in the header row",
    }

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.MESSAGES[code].format(**params))


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


def read_table(data: bytes, filename: str) -> Table:
    """Dispatch on content, not on the name: a PNG renamed .csv must be refused."""
    if not data.strip():
        raise TableError("empty")
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        if name.endswith(".csv"):
            raise TableError("zip_named_csv")
        return _read_xlsx(data)
    if name.endswith((".xlsx", ".xlsm")):
        raise TableError("not_xlsx")
    if name.endswith(".xls"):
        raise TableError("old_xls")
    return _read_csv(data)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise TableError("not_text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # cp1252 decodes nearly anything; reject text that is mostly control characters
        sample = text[:8192]
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
        if controls > len(sample) // 100 + 1:
            raise TableError("not_text")
        return text
    raise TableError("not_text")


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    # Dutch exports use ';' (the comma is the decimal separator); count rather than sniff
    delimiter = max(";,\t|", key=first_line.count)
    if first_line.count(delimiter) == 0:
        raise TableError("no_separator")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = [row for row in reader]
    except csv.Error as exc:
        raise TableError("malformed_csv", detail=str(exc)) from None
    return _finish(rows)


def _read_xlsx(data: bytes) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError("bad_workbook", detail=type(exc).__name__) from None
    except Exception as exc:  # openpyxl raises assorted errors on hostile files
        raise TableError("bad_workbook", detail=type(exc).__name__) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell(value) for value in values[:MAX_COLUMNS]])
            if len(rows) > MAX_ROWS + 1:
                raise TableError("too_many_rows", limit=MAX_ROWS)
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


def parse_number(raw: str) -> Decimal | None:
    """A number as spreadsheets write it: "1.295,00", "1,295.00", "€ 350", "8,5"; the last
    of '.' and ',' is the decimal separator. None when it is not a finite number."""
    text = raw.replace("€", "").replace("EUR", "").replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    if text.count(".") > 1:
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _finish(rows: list[list[str]]) -> Table:
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise TableError("no_rows")
    headers = [cell.strip() for cell in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise TableError("too_many_columns", limit=MAX_COLUMNS)
    seen: set[str] = set()
    for header in headers:
        if header and header.lower() in seen:
            raise TableError("duplicate_header", column=header)
        seen.add(header.lower())
    body = rows[1:]
    if not body:
        raise TableError("no_rows")
    if len(body) > MAX_ROWS:
        raise TableError("too_many_rows", limit=MAX_ROWS)
    width = len(headers)
    return Table(headers, [(row + [""] * width)[:width] for row in body])
