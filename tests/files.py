"""Real test files made on the fly: CSV in HRIS dialects, XLSX via openpyxl, hostile bytes."""

from __future__ import annotations

import io
import struct
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
