"""Real test files made on the fly: CSV in HRIS dialects, XLSX via openpyxl, hostile bytes."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

AFAS_HEADER = (
    "Medewerker;Roepnaam;Achternaam;E-mail werk;Afdeling;Functie;Leidinggevende;"
    "Uren per week;Datum in dienst;Datum uit dienst"
)


def afas_csv(rows: list[str], header: str = AFAS_HEADER, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def png() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pdf(
    lines: list[str],
    *,
    white: str = "",
    tiny: str = "",
    off_page: str = "",
    invisible: str = "",
    pages: int = 1,
    password: str = "",
) -> bytes:
    """A real PDF (reportlab) with visible lines and, optionally, text a reader cannot see."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    kwargs = {}
    if password:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(password, canPrint=0)
    c = canvas.Canvas(out, pagesize=A4, **kwargs)
    for page in range(pages):
        y = 800
        for line in lines:
            c.setFont("Helvetica", 11)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(60, y, line)
            y -= 16
        if page == 0 and white:
            c.setFillColorRGB(1, 1, 1)
            c.drawString(60, 200, white)
        if page == 0 and tiny:
            c.setFillColorRGB(0, 0, 0)
            c.setFont("Helvetica", 1)
            c.drawString(60, 150, tiny)
        if page == 0 and off_page:
            c.setFont("Helvetica", 11)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(60, 2000, off_page)
        if page == 0 and invisible:
            text = c.beginText(60, 100)
            text.setTextRenderMode(3)
            text.textLine(invisible)
            c.drawText(text)
        c.showPage()
    c.save()
    return out.getvalue()


def docx_file(
    paragraphs: list[str],
    *,
    hidden: str = "",
    white: str = "",
    tiny: str = "",
    table: list[list[str]] | None = None,
) -> bytes:
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    para = document.add_paragraph("Vaardigheden: ")
    if hidden:
        para.add_run(hidden).font.hidden = True
    if white:
        para.add_run(white).font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    if tiny:
        para.add_run(tiny).font.size = Pt(1)
    if table:
        tbl = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                tbl.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_file(members: dict[str, bytes]) -> bytes:
    """A ZIP archive with these members (names as given, so also unsafe ones)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def pdf_text(content: bytes) -> str:
    """The text of every page of a PDF (pypdfium2), for tests that read what was rendered."""
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
