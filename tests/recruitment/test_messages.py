"""E-mails to candidates: placeholders filled as plain text, sentences that read right."""

from __future__ import annotations

from django.utils import translation

from mensenwerk.recruitment.intake import uploaded
from mensenwerk.recruitment.messages import fill


def test_an_organisation_ending_in_a_full_stop_gets_no_second_one() -> None:
    assert fill("bij {organisation}. Wij", {"organisation": "Molen B.V."}) == "bij Molen B.V. Wij"


def test_other_values_keep_the_templates_full_stop() -> None:
    assert fill("voor {vacancy}.", {"vacancy": "Lasser"}) == "voor Lasser."


def test_an_unknown_placeholder_stays_as_written() -> None:
    assert fill("{salary} en {vacancy}", {"vacancy": "Lasser"}) == "{salary} en Lasser"


def test_a_value_is_never_read_as_a_placeholder() -> None:
    assert fill("{candidate}", {"candidate": "{vacancy}", "vacancy": "x"}) == "{vacancy}"


def test_one_file_is_one_file_in_dutch() -> None:
    with translation.override("nl"):
        assert uploaded(1, 1) == "1 cv toegevoegd, 1 bestand met een fout"


def test_more_files_are_plural_in_english() -> None:
    with translation.override("en"):
        assert uploaded(2, 0) == "2 CVs added, 0 files with an error"
