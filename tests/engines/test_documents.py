from __future__ import annotations

import pytest

from mensenwerk.engines.documents import parse, to_html, to_pdf


def test_it_parses_headings_bullets_and_paragraphs() -> None:
    blocks = parse("# Titel\n\nEen\nzin.\n\n- a\n- b\n## Kop")
    assert [(b.kind, b.text) for b in blocks] == [
        ("h1", "Titel"),
        ("para", "Een zin."),
        ("bullet", "a"),
        ("bullet", "b"),
        ("h2", "Kop"),
    ]


def test_it_escapes_everything_typed() -> None:
    out = to_html("# <b>x</b>\n\n<script>alert(1)</script> & <img src=x onerror=y>")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "<img" not in out


def test_it_writes_a_pdf_with_markup_and_unicode_as_text() -> None:
    pdf = to_pdf("# Yılmaz & Wiśniewski\n\n<para>niet</para> <b>vet</b>\n\n- één", "t", "f")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 800


def test_it_refuses_an_enormous_document() -> None:
    with pytest.raises(ValueError):
        parse("x" * 200_001)


def test_it_reads_tables_with_a_header_row() -> None:
    blocks = parse("Tekst\n| groep | n |\n|---|---:|\n| vrouw | 12 |\n| man | 9\nNa")
    assert [b.kind for b in blocks] == ["para", "table", "para"]
    assert blocks[1].rows == (("groep", "n"), ("vrouw", "12"), ("man", "9"))
    out = to_html("| <b>x</b> | y |\n| <script>1</script> | 2 |")
    assert "<th>&lt;b&gt;x&lt;/b&gt;</th>" in out
    assert "<td>&lt;script&gt;1&lt;/script&gt;</td>" in out


def test_a_pdf_table_keeps_its_cells_as_text() -> None:
    import pypdfium2 as pdfium

    text = "# Rapport\n\n| groep | ratio |\n|---|---|\n| 55+ <b> | 0,62 |\n| 25-34 |"
    pdf = to_pdf(text, "t", "f")
    text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))
    assert "55+ <b>" in text
    assert "0,62" in text
    assert "25-34" in text
