from __future__ import annotations

import os

import pytest

from mensenwerk.engines.tabular import TableError, read_table
from tests.files import afas_csv, png, xlsx


def test_it_reads_a_semicolon_export_with_a_bom() -> None:
    data = b"\xef\xbb\xbf" + afas_csv(["1001;Anouk;de Jong;a@x.nl;HR;HR-adviseur;;32;01-02-2020;"])
    table = read_table(data, "afas.csv")
    assert table.headers[:3] == ["Medewerker", "Roepnaam", "Achternaam"]
    assert table.rows == [
        ["1001", "Anouk", "de Jong", "a@x.nl", "HR", "HR-adviseur", "", "32", "01-02-2020", ""]
    ]


def test_it_reads_comma_separated_windows_1252() -> None:
    data = "Employee ID,First name,Last name\r\n7,Zoë,Brouwer\r\n".encode("cp1252")
    table = read_table(data, "personio.csv")
    assert table.rows == [["7", "Zoë", "Brouwer"]]


def test_it_pads_short_rows_and_skips_blank_lines() -> None:
    table = read_table(b"a;b;c\n1;2\n\n;;\n4;5;6\n", "x.csv")
    assert table.rows == [["1", "2", ""], ["4", "5", "6"]]


def test_it_reads_xlsx_with_dates_and_numbers() -> None:
    from datetime import datetime

    data = xlsx(
        [
            ["Personeelsnummer", "Voornaam", "Uren"],
            [1001, "Bram", 38.0],
            [1002, "Eva", datetime(2021, 3, 1)],
        ]
    )
    table = read_table(data, "nmbrs.xlsx")
    assert table.rows == [["1001", "Bram", "38"], ["1002", "Eva", "2021-03-01"]]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "x.csv", "empty"),
        (b"   \n  ", "x.csv", "empty"),
        (png(), "employees.csv", "not_text"),
        (png(), "employees.xlsx", "not_xlsx"),
        (b"PK\x03\x04garbage", "employees.csv", "zip_named_csv"),
        (b"PK\x03\x04garbage", "employees.xlsx", "bad_workbook"),
        (b"\xd0\xcf\x11\xe0 old excel", "employees.xls", "old_xls"),
        (b"just one column\nvalue\n", "x.csv", "no_separator"),
        (b'a;b\n"unterminated;2\n', "x.csv", "malformed_csv"),
        (b"a;a\n1;2\n", "x.csv", "duplicate_header"),
    ],
)
def test_it_refuses_bad_files_with_a_reason(data: bytes, name: str, code: str) -> None:
    with pytest.raises(TableError) as caught:
        read_table(data, name)
    assert caught.value.code == code
    assert str(caught.value)  # an English sentence for logs and the CLI


def test_it_refuses_megabytes_of_random_junk() -> None:
    with pytest.raises(TableError) as caught:
        read_table(os.urandom(5 * 1024 * 1024), "junk.csv")
    assert caught.value.code in {"not_text", "no_separator", "malformed_csv"}


def test_it_refuses_a_file_with_too_many_rows() -> None:
    data = b"a;b\n" + b"1;2\n" * 100_001
    with pytest.raises(TableError) as caught:
        read_table(data, "big.csv")
    assert caught.value.code == "too_many_rows"
