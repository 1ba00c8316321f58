"""A table (``engines.tabular``) as typed columns: numbers where every filled cell is a number
(Dutch or English notation), text otherwise; empty cells stay missing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mensenwerk.engines.analytics import AnalyticsError
from mensenwerk.engines.tabular import Table, parse_number


@dataclass
class Column:
    name: str
    raw: list[str]
    numbers: np.ndarray | None  # float, NaN where empty; None for a text column

    @property
    def distinct(self) -> int:
        return len({v for v in self.raw if v != ""})

    @property
    def filled(self) -> int:
        return sum(1 for v in self.raw if v != "")


def columns(table: Table) -> dict[str, Column]:
    out: dict[str, Column] = {}
    for position, name in enumerate(table.headers):
        raw = [row[position].strip() for row in table.rows]
        out[name] = Column(name, raw, _numbers(raw))
    return out


def _numbers(raw: list[str]) -> np.ndarray | None:
    values = np.full(len(raw), np.nan)
    seen = False
    for i, cell in enumerate(raw):
        if cell == "":
            continue
        number = parse_number(cell)
        if number is None:
            return None
        values[i] = float(number)
        seen = True
    return values if seen else None


def need(cols: dict[str, Column], name: str, role: str) -> Column:
    """The column a command names, or a clear error listing the ones there are."""
    if name not in cols:
        raise AnalyticsError(
            "unknown_column",
            f"{role} column '{name}' is not in the file; columns: {', '.join(cols)}",
        )
    return cols[name]


def usable(cols: dict[str, Column], skip: set[str], rows: int) -> tuple[list[Column], list[str]]:
    """The columns a model may learn from, and those left out: one value, or a whole number
    (or text) different on every row — an id."""
    used, left_out = [], []
    for name, col in cols.items():
        if name in skip:
            continue
        whole = col.numbers is None or np.all(np.isnan(col.numbers) | (col.numbers % 1 == 0))
        if col.distinct <= 1 or (col.distinct == rows and whole):
            left_out.append(name)
        else:
            used.append(col)
    return used, left_out
