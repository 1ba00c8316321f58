"""Render a small Markdown subset to escaped HTML and to PDF (reportlab).

Generated documents (DPIA draft, works-council agreement, notices, the record of processing,
subject-access reports) are plain text with ``#`` headings, ``- `` bullets and blank-line
paragraphs (and ``| a | b |`` table rows, the first row a header), so a person can edit them in
a text box before export. Every character of the
text is escaped: nothing typed into a document becomes markup.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

ENGINE = "documents"
VERSION = "1"


MAX_CHARS = 200_000


@dataclass(frozen=True)
class Block:
    kind: str  # h1 | h2 | h3 | bullet | para | table
    text: str
    rows: tuple[tuple[str, ...], ...] = ()


def _cells(line: str) -> tuple[str, ...] | None:
    """A table row's cells; None for a |---|---| separator line."""
    inner = line.strip()[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    cells = tuple(c.strip() for c in inner.split("|"))
    if all(c and set(c) <= set("-: ") for c in cells):
        return None
    return cells


def parse(text: str) -> list[Block]:
    if len(text) > MAX_CHARS:
        raise ValueError(f"document longer than {MAX_CHARS} characters")
    blocks: list[Block] = []
    para: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()
        if table:
            blocks.append(Block("table", "", tuple(table)))
            table.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line.startswith("|"):
            if para:
                blocks.append(Block("para", " ".join(para)))
                para.clear()
            cells = _cells(line)
            if cells is not None:
                table.append(cells)
            continue
        if table:
            flush()
        if not line:
            flush()
        elif line.startswith("### "):
            flush()
            blocks.append(Block("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(Block("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(Block("h1", line[2:].strip()))
        elif line.startswith(("- ", "* ")):
            flush()
            blocks.append(Block("bullet", line[2:].strip()))
        else:
            para.append(line)
    flush()
    return blocks


def to_html(text: str) -> str:
    out: list[str] = []
    in_list = False
    for block in parse(text):
        if block.kind == "bullet" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == "table":
            out.append(_html_table(block.rows))
            continue
        escaped = html.escape(block.text)
        tag = {"h1": "h1", "h2": "h2", "h3": "h3", "bullet": "li", "para": "p"}[block.kind]
        out.append(f"<{tag}>{escaped}</{tag}>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def _html_table(rows: tuple[tuple[str, ...], ...]) -> str:
    head, *body = rows
    out = ['<table class="report-table">', "<thead><tr>"]
    out += [f"<th>{html.escape(c)}</th>" for c in head]
    out.append("</tr></thead><tbody>")
    for row in body:
        out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def to_pdf(text: str, title: str, footer: str = "") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = _unicode_font()
    story, body = _story(text, font)

    def on_page(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(font or "Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(2 * cm, 1.2 * cm, f"{footer}  —  {doc.page}")  # type: ignore
        canvas.restoreState()  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Mensenwerk",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    doc.build(story or [Paragraph("", body)], onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _story(text: str, font: str | None) -> tuple[list[object], object]:
    """The reportlab flowables of the parsed text, and the body style."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer

    styles = getSampleStyleSheet()
    if font:
        for name in ("Heading1", "Heading2", "Heading3", "BodyText"):
            styles[name].fontName = font
    style = {
        "h1": styles["Heading1"],
        "h2": styles["Heading2"],
        "h3": styles["Heading3"],
        "para": styles["BodyText"],
        "bullet": styles["BodyText"],
    }
    story: list[object] = []
    bullets: list[object] = []

    def flush_bullets() -> None:
        if bullets:
            story.append(ListFlowable(list(bullets), bulletType="bullet", leftIndent=12))
            bullets.clear()

    small = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    for block in parse(text):
        if block.kind == "table":
            flush_bullets()
            story += [_grid(block.rows, small), Spacer(1, 0.3 * cm)]
            continue
        # reportlab reads a mini-markup in Paragraph text: escape it like HTML
        paragraph = Paragraph(html.escape(block.text), style[block.kind])
        if block.kind == "bullet":
            bullets.append(ListItem(paragraph))
            continue
        flush_bullets()
        story.append(paragraph)
        if block.kind == "para":
            story.append(Spacer(1, 0.15 * cm))
    flush_bullets()
    return story, styles["BodyText"]


def _grid(rows: list[list[str]], cell_style: object) -> object:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    width = max(len(r) for r in rows)
    cells = [
        [Paragraph(html.escape(c), cell_style) for c in (*r, *("",) * (width - len(r)))]
        for r in rows
    ]
    grid = Table(cells, repeatRows=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


def _unicode_font() -> str | None:
    """DejaVu Sans when the system has it (names such as Yılmaz or Wiśniewski need more than
    Latin-1); otherwise reportlab's built-in Helvetica."""
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" in pdfmetrics.getRegisteredFontNames():
        return "DejaVuSans"
    for path in FONT_PATHS:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", path))
            return "DejaVuSans"
    return None
