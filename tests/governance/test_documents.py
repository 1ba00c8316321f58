"""The trust documents say what follows from the register entry, and the works-council
agreement can be signed."""

from __future__ import annotations

import pytest

from mensenwerk.engines import documents as docs
from mensenwerk.governance import documents
from mensenwerk.governance.models import AIApplication

pytestmark = pytest.mark.django_db


def _app(slug: str) -> AIApplication:
    return AIApplication.objects.get(slug=slug)


def test_the_agreement_has_a_signature_block_for_both_parties() -> None:
    text = documents.generate("agreement", _app("cv-screening"), "nl")
    assert "## Ondertekening" in text
    assert "Namens de ondernemingsraad" in text
    assert "Deze regeling geldt vanaf" in text


def test_the_signature_block_is_a_table_in_the_pdf() -> None:
    text = documents.generate("agreement", _app("cv-screening"), "en")
    blocks = docs.parse(text)
    [grid] = [b for b in blocks if b.kind == "table"]
    assert [row[0] for row in grid.rows[1:]] == ["Name", "Position", "Place and date", "Signature"]
    assert docs.to_pdf(text, "Agreement").startswith(b"%PDF")


def test_the_dpia_of_screening_names_candidates_and_bias() -> None:
    text = documents.generate("dpia", _app("cv-screening"), "en")
    assert "Data subjects: candidates." in text
    assert "Unequal treatment of candidates" in text


def test_the_dpia_of_the_assistant_has_no_selection_bias_risk() -> None:
    text = documents.generate("dpia", _app("hr-assistant"), "en")
    assert "Unequal treatment" not in text


def test_the_dpia_quotes_the_entrys_own_data_and_retention() -> None:
    app = _app("cv-screening")
    text = documents.generate("dpia", app, "nl")
    assert app.personal_data in text
    assert app.retention in text


def test_a_missing_notice_is_a_risk() -> None:
    app = _app("hr-assistant")  # its English notice is left empty on purpose
    assert "transparency notice is still missing" in documents.generate("dpia", app, "en")
