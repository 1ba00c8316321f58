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
    assert "<script>" not in out and "&lt;script&gt;" in out and "<img" not in out


def test_it_writes_a_pdf_with_markup_and_unicode_as_text() -> None:
    pdf = to_pdf("# Yılmaz & Wiśniewski\n\n<para>niet</para> <b>vet</b>\n\n- één", "t", "f")
    assert pdf.startswith(b"%PDF") and len(pdf) > 800


def test_it_refuses_an_enormous_document() -> None:
    with pytest.raises(ValueError):
        parse("x" * 200_001)
