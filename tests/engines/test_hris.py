from __future__ import annotations

from datetime import date
from decimal import Decimal

from mensenwerk.engines.hris import parse_date, parse_hours, plan_import, suggest_mapping
from mensenwerk.engines.tabular import read_table
from tests.files import AFAS_HEADER, afas_csv

AFAS_MAPPING = {
    "employee_number": "Medewerker",
    "first_name": "Roepnaam",
    "last_name": "Achternaam",
    "email": "E-mail werk",
    "department": "Afdeling",
    "job_title": "Functie",
    "manager_number": "Leidinggevende",
    "contract_hours": "Uren per week",
    "start_date": "Datum in dienst",
    "end_date": "Datum uit dienst",
}


def test_it_suggests_the_mapping_for_an_afas_export() -> None:
    assert suggest_mapping(AFAS_HEADER.split(";")) == AFAS_MAPPING


def test_it_suggests_a_mapping_for_english_headers() -> None:
    mapping = suggest_mapping(["Employee ID", "First name", "Last name", "Hire date", "Other"])
    assert mapping == {
        "employee_number": "Employee ID",
        "first_name": "First name",
        "last_name": "Last name",
        "start_date": "Hire date",
    }


def test_it_parses_dutch_and_iso_dates_and_decimal_commas() -> None:
    assert parse_date("01-02-2020") == date(2020, 2, 1)
    assert parse_date("2020-02-01") == date(2020, 2, 1)
    assert parse_date("1/2/2020") == date(2020, 2, 1)
    assert parse_date("31-02-2020") is None
    assert parse_date("yesterday") is None
    assert parse_hours("32,5") == Decimal("32.5")
    assert parse_hours("61") is None
    assert parse_hours("NaN") is None
    assert parse_hours("-1") is None


def test_it_accepts_valid_rows_in_any_order_of_managers() -> None:
    table = read_table(
        afas_csv(
            [
                "1002;Bram;Bos;bram@x.nl;ICT;Beheerder;1001;40;01-01-2020;",
                "1001;Anouk;de Jong;ANOUK@x.nl;ICT;Manager;;36;2019-05-01;",
            ]
        ),
        "a.csv",
    )
    plan = plan_import(table, AFAS_MAPPING, known_numbers=set())
    assert plan.errors == []
    assert [r.employee_number for r in plan.records] == ["1002", "1001"]
    assert plan.records[1].email == "anouk@x.nl"
    assert plan.records[0].contract_hours == Decimal("40.0")


def test_it_lists_every_problem_per_row_and_column() -> None:
    table = read_table(
        afas_csv(
            [
                "1001;Anouk;de Jong;not-an-email;HR;;;32;01-13-2020;",  # bad email, bad date
                ";Bram;Bos;;;;;;;",  # missing number
                "1003;;Vos;;;;;99;;",  # missing first name, bad hours
                "1004;Eva;Smit;;;;;;2020-01-01;2019-01-01",  # ends before it starts
                "1001;Dubbel;Nummer;;;;;;;",  # duplicate of row 2
                "1006;Gijs;Kok;;;;9999;;;",  # unknown manager
                "1007;Iris;Mulder;;;;1006;;;",  # manager's row is rejected
                "1008;Joris;Meijer;;;;1008;;;",  # own manager
                "1009;Lieke;Dekker;;;;555;;;",  # manager known in the database
            ]
        ),
        "a.csv",
    )
    plan = plan_import(table, AFAS_MAPPING, known_numbers={"555"})
    found = {(e.row, e.column, e.code) for e in plan.errors}
    assert found == {
        (2, "E-mail werk", "bad_email"),
        (2, "Datum in dienst", "bad_date"),
        (3, "Medewerker", "missing"),
        (4, "Roepnaam", "missing"),
        (4, "Uren per week", "bad_hours"),
        (5, "Datum uit dienst", "end_before_start"),
        (6, "Medewerker", "duplicate"),
        (7, "Leidinggevende", "unknown_manager"),
        (8, "Leidinggevende", "manager_rejected"),
        (9, "Leidinggevende", "own_manager"),
    }
    assert [r.employee_number for r in plan.records] == ["1009"]


def test_it_reports_unmapped_required_fields_before_reading_rows() -> None:
    table = read_table(afas_csv(["1;a;b;;;;;;;"]), "a.csv")
    plan = plan_import(table, {"employee_number": "Medewerker", "first_name": "Nope"}, set())
    assert set(plan.mapping_errors) == {"first_name", "last_name"}
    assert plan.records == []
    assert plan.errors == []


def test_it_keeps_markup_as_plain_data() -> None:
    table = read_table(afas_csv(["1;<script>alert(1)</script>;Bos;;;;;;;"]), "a.csv")
    plan = plan_import(table, AFAS_MAPPING, set())
    assert plan.records[0].first_name == "<script>alert(1)</script>"
