"""Every generated document in Dutch is Dutch: each string the code asks gettext for while
rendering it must have a Dutch translation. A catalogue check alone misses strings that never
reached the catalogue (gettext cannot read them inside an f-string)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from mensenwerk.adoption import reports
from mensenwerk.adoption import services as adoption
from mensenwerk.bias import report as bias_report
from mensenwerk.bias import services as bias
from mensenwerk.core import formats
from mensenwerk.governance import documents
from mensenwerk.governance.models import AIApplication
from tests.translations import untranslated

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["business-case", "management", "works-council"])
def test_the_cockpits_reports_are_dutch(kind: str, asked: list[str]) -> None:
    project = adoption.ensure_defaults()
    reports.build(kind, project, "nl")
    assert asked
    assert untranslated(asked) == []


def test_the_bias_audit_is_dutch(users, asked: list[str]) -> None:
    audit = bias.do_publish_audit(bias.Scope(), users["hr"])
    bias_report.audit_text(audit, "nl")
    assert untranslated(asked) == []


@pytest.mark.parametrize("kind", documents.KINDS)
def test_the_trust_documents_are_dutch(kind: str, asked: list[str]) -> None:
    documents.generate(kind, AIApplication.objects.get(slug="cv-screening"), "nl")
    assert untranslated(asked) == []


def test_a_dutch_business_case_writes_euros_the_dutch_way(users) -> None:
    project = adoption.ensure_defaults()
    project.budget.create(category="licence", one_off=26000, yearly=9600)
    _title, text = reports.build("business-case", project, "nl")
    assert "€ 9.600" in text
    assert "EUR" not in text


def test_an_english_business_case_writes_euros_the_english_way(users) -> None:
    project = adoption.ensure_defaults()
    project.budget.create(category="licence", one_off=26000, yearly=9600)
    _title, text = reports.build("business-case", project, "en")
    assert "€9,600" in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ("€ 26.000", "14,4", "−74,7 %", "30 november 2026")),
        ("en", ("€26,000", "14.4", "−74.7%", "30 November 2026")),
    ],
)
def test_numbers_money_and_dates_follow_the_language(lang: str, expected: tuple) -> None:
    with translation.override(lang):
        written = (
            formats.money(26000),
            formats.number(14.4, 1),
            formats.percent(-74.7),
            formats.long_date(date(2026, 11, 30)),
        )
    assert written == expected


def test_the_dutch_documents_write_dates_in_words(team) -> None:
    import re

    from mensenwerk.governance import rights

    today = formats_long_nl()
    texts = [
        documents.generate("dpia", AIApplication.objects.get(slug="cv-screening"), "nl"),
        documents.subject_report(rights.subject_export(team["report"]), "nl"),
    ]
    for text in texts:
        assert today in text
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)


def formats_long_nl() -> str:
    from django.utils import timezone

    with translation.override("nl"):
        return formats.long_date(timezone.localdate())
