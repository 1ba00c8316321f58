from __future__ import annotations

import io
import zipfile

import pytest

from mensenwerk.engines.text import ExtractionError, detect_language, extract
from tests.files import docx_file, pdf, png

NL_CV = [
    "Profiel",
    "Ervaren CNC-verspaner met vijf jaar ervaring in de machinebouw.",
    "Werkervaring",
    "2019 - heden: CNC-frezen bij Van Dijk Metaal, Heidenhain TNC 640.",
    "Opleiding",
    "MBO werktuigbouwkunde, niveau 4",
]
EN_CV = [
    "Profile",
    "Experienced accountant with a track record in the audit of SMEs.",
    "Experience",
    "2018 - present: senior accountant at a firm in Utrecht",
    "Education",
    "Bachelor of Accountancy",
]


def test_it_reads_visible_pdf_text_and_finds_every_kind_of_hidden_text() -> None:
    data = pdf(
        NL_CV,
        white="Python Java Kubernetes expert",
        tiny="Heidenhain Mastercam VCA",
        off_page="Senior manager tien jaar",
        invisible="SAP Oracle leiderschap",
    )
    doc = extract(data, "cv.pdf")
    assert doc.kind == "pdf"
    assert doc.pages == 1
    assert doc.language == "nl"
    assert "CNC-frezen bij Van Dijk Metaal" in doc.text
    assert not doc.needs_review
    reasons = {h.reason: h.text for h in doc.hidden}
    assert reasons == {
        "white": "Python Java Kubernetes expert",
        "tiny": "Heidenhain Mastercam VCA",
        "off_page": "Senior manager tien jaar",
        "invisible": "SAP Oracle leiderschap",
    }
    for hidden in reasons.values():
        assert hidden not in doc.text


def test_it_marks_a_pdf_without_text_as_needing_review() -> None:
    doc = extract(pdf([]), "scan.pdf")
    assert doc.text == ""
    assert doc.needs_review


def test_it_reads_docx_with_tables_and_hidden_runs() -> None:
    data = docx_file(
        EN_CV,
        hidden="Python",
        white="Leadership",
        tiny="Kubernetes",
        table=[["2015-2018", "Junior accountant"]],
    )
    doc = extract(data, "cv.docx")
    assert doc.kind == "docx"
    assert doc.language == "en"
    assert "Bachelor of Accountancy" in doc.text
    assert "Junior accountant" in doc.text
    assert {h.reason: h.text for h in doc.hidden} == {
        "hidden_attribute": "Python",
        "white": "Leadership",
        "tiny": "Kubernetes",
    }


def test_it_reads_text_markdown_and_html_without_markup() -> None:
    assert extract(b"Ervaring: lassen\n", "cv.txt").kind == "txt"
    html = b"<html><script>alert(1)</script><body><h1>Verlof</h1><p>Vijf &amp; twintig</p>"
    doc = extract(html, "page.html")
    assert doc.kind == "html"
    assert "alert" not in doc.text
    assert "Vijf & twintig" in doc.text


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "cv.pdf", "empty"),
        (png(), "cv.pdf", "image"),
        (b"%PDF-1.4\n garbage that is no pdf", "cv.pdf", "corrupt_pdf"),
        (pdf(NL_CV)[:400], "truncated.pdf", "corrupt_pdf"),
        (pdf(NL_CV, password="geheim"), "locked.pdf", "encrypted"),
        (pdf(NL_CV, pages=5), "long.pdf", "too_many_pages"),
        (b"PK\x03\x04 not really a zip", "cv.docx", "corrupt_docx"),
        (b"\x00\x01\x02binary", "cv.txt", "not_text"),
    ],
)
def test_it_refuses_bad_files_with_a_reason(data: bytes, name: str, code: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract(data, name, max_pages=4)
    assert caught.value.code == code
    assert str(caught.value)


def test_it_refuses_a_zip_bomb_before_unpacking_it() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (70 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(ExtractionError) as caught:
        extract(data, "bomb.docx")
    assert caught.value.code == "zip_bomb"


def test_it_tells_dutch_from_english() -> None:
    assert detect_language(" ".join(NL_CV)) == "nl"
    assert detect_language(" ".join(EN_CV)) == "en"
    assert detect_language("CNC Heidenhain") == "unknown"
