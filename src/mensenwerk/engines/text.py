"""File -> visible text, language and hidden-text findings, for CVs and handbook documents.

The type is taken from the content, not the name (a PNG named .pdf is refused). PDF text comes
from pdfium (pypdfium2); text a reader cannot see — white or near-white, smaller than 4 pt,
outside the page, or drawn in an invisible render mode — is kept out of ``text`` and listed in
``hidden`` so a reviewer can be told. DOCX text comes from python-docx with the same checks on
runs (hidden, white, tiny). A PDF without a text layer (a scan) is not an error: it comes back
empty with ``needs_review`` set.
"""

from __future__ import annotations

import ctypes
import io
import re
import zipfile
from dataclasses import dataclass, field

ENGINE = "text-extraction"
VERSION = "1"


MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 60 * 1024 * 1024  # a DOCX larger than this unpacked is treated as a zip bomb
MIN_VISIBLE_PT = 4.0
NEAR_WHITE = 235  # every RGB channel at or above this counts as white on a white page

IMAGE_MAGIC = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"BM": "BMP",
}


class ExtractionError(Exception):
    MESSAGES = {
        "empty": "the file is empty",
        "too_large": "the file is larger than {mb} MB",
        "image": "the file is a {kind} image, not a document",
        "encrypted": "the PDF is password-protected",
        "corrupt_pdf": "not a readable PDF",
        "corrupt_docx": "not a readable Word (.docx) file",
        "zip_bomb": "the file unpacks to more than {mb} MB",
        "too_many_pages": "the document has more than {limit} pages",
        "unsupported": "unsupported file type; use PDF, DOCX, TXT, Markdown or HTML",
        "not_text": "the file is not text",
        "no_text": "no readable text (a scan without a text layer?)",
    }

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(self.MESSAGES[code].format(**params))


@dataclass(frozen=True)
class HiddenText:
    reason: str  # white | tiny | off_page | invisible | hidden_attribute
    text: str
    page: int


@dataclass
class Document:
    text: str
    kind: str  # pdf | docx | txt | md | html
    pages: int = 1
    language: str = "unknown"
    hidden: list[HiddenText] = field(default_factory=list)
    needs_review: bool = False


def extract(
    data: bytes, filename: str, *, max_pages: int = 100, headings: bool = False
) -> Document:
    """``headings``: keep DOCX heading styles and HTML ``<h1>``..``<h6>`` as ``#`` lines, so a
    handbook can be split along them."""
    if not data:
        raise ExtractionError("empty")
    if len(data) > MAX_BYTES:
        raise ExtractionError("too_large", mb=MAX_BYTES // 2**20)
    for magic, kind in IMAGE_MAGIC.items():
        if data.startswith(magic):
            raise ExtractionError("image", kind=kind)
    if b"%PDF-" in data[:1024]:
        doc = _pdf(data, max_pages)
    elif data.startswith(b"PK\x03\x04"):
        doc = _docx(data, headings)
    else:
        doc = _plain(data, filename.lower(), headings)
    doc.text = _tidy(doc.text)
    doc.language = detect_language(doc.text)
    if doc.kind == "pdf" and len(doc.text.strip()) < 20:
        doc.needs_review = True  # probably a scan: a person must read it
    return doc


# --- PDF ------------------------------------------------------------------------------------


def _pdf(data: bytes, max_pages: int) -> Document:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError("encrypted") from None
        raise ExtractionError("corrupt_pdf") from None
    try:
        if len(pdf) > max_pages:
            raise ExtractionError("too_many_pages", limit=max_pages)
        visible: list[str] = []
        hidden: list[HiddenText] = []
        for number in range(len(pdf)):
            page = pdf[number]
            width, height = page.get_size()
            textpage = page.get_textpage()
            seen, invisible = _pdf_page(raw, textpage, width, height, number + 1)
            visible.append(seen)
            hidden.extend(invisible)
            textpage.close()
            page.close()
        return Document("\n\n".join(visible), "pdf", pages=len(pdf), hidden=hidden)
    finally:
        pdf.close()


def _pdf_page(
    raw,
    textpage,
    width: float,
    height: float,
    number: int,
) -> tuple[str, list[HiddenText]]:
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    visible: list[str] = []
    hidden: dict[str, list[str]] = {}
    verdicts: dict[int, str] = {}  # text object address -> "" (visible) or a reason
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    left, right, bottom, top = (ctypes.c_float() for _ in range(4))
    for i in range(count):
        char = chr(raw.FPDFText_GetUnicode(handle, i))
        obj = raw.FPDFText_GetTextObject(handle, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
        if key is None:  # a space or line break pdfium generated
            visible.append(char)
            continue
        if key not in verdicts:
            reason = ""
            if raw.FPDFTextObj_GetTextRenderMode(obj) in (3, 7):  # invisible / clip only
                reason = "invisible"
            elif _is_white(raw, obj, r, g, b, a):
                reason = "white"
            elif 0 < raw.FPDFText_GetFontSize(handle, i) < MIN_VISIBLE_PT:
                reason = "tiny"
            elif raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top) and (
                right.value < 0 or left.value > width or top.value < 0 or bottom.value > height
            ):
                reason = "off_page"
            verdicts[key] = reason
        reason = verdicts[key]
        if reason:
            hidden.setdefault(reason, []).append(char)
        else:
            visible.append(char)
    findings = [
        HiddenText(reason, _tidy("".join(chars))[:500], number)
        for reason, chars in hidden.items()
        if "".join(chars).strip()
    ]
    return "".join(visible), findings


def _is_white(raw, obj, r, g, b, a) -> bool:
    if not raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return False
    return a.value == 0 or min(r.value, g.value, b.value) >= NEAR_WHITE


# --- DOCX -----------------------------------------------------------------------------------


def _docx(data: bytes, headings: bool = False) -> Document:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
            raise ExtractionError("zip_bomb", mb=MAX_UNZIPPED // 2**20)
        if "word/document.xml" not in archive.namelist():
            raise ExtractionError("unsupported")
    except zipfile.BadZipFile:
        raise ExtractionError("corrupt_docx") from None
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises assorted errors on broken files
        raise ExtractionError("corrupt_docx") from None
    visible: list[str] = []
    hidden: dict[str, list[str]] = {}
    paragraphs = list(document.paragraphs)
    for tbl in document.tables:
        for row in tbl.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        line: list[str] = []
        for run in paragraph.runs:
            reason = _docx_run_reason(run)
            if reason:
                hidden.setdefault(reason, []).append(run.text)
            else:
                line.append(run.text)
        text = "".join(line)
        level = _docx_heading_level(paragraph) if headings and text.strip() else 0
        visible.append("#" * level + " " + text if level else text)
    findings = [
        HiddenText(reason, _tidy(" ".join(parts))[:500], 1)
        for reason, parts in hidden.items()
        if "".join(parts).strip()
    ]
    return Document("\n".join(visible), "docx", hidden=findings)


def _docx_heading_level(paragraph) -> int:
    """1-6 for a Title or Heading N style (Word's Dutch "Kop N" too), else 0."""
    try:
        name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return 0
    if name == "title":
        return 1
    match = re.match(r"(heading|kop)\s*(\d)", name)
    return min(6, int(match.group(2))) if match else 0


def _docx_run_reason(run) -> str:
    font = run.font
    if font.hidden:
        return "hidden_attribute"
    color = font.color.rgb if font.color is not None and font.color.type is not None else None
    if color is not None and min(color[0], color[1], color[2]) >= NEAR_WHITE:
        return "white"
    if font.size is not None and font.size.pt < MIN_VISIBLE_PT:
        return "tiny"
    return ""


# --- plain text, Markdown, HTML ---------------------------------------------------------------

TAG = re.compile(r"<[^>]+>")
SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
CHROME = re.compile(r"<(nav|header|footer)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
BLOCK_END = re.compile(r"</(p|div|li|tr|section|article)\s*>|<br\s*/?>", re.IGNORECASE)


def _plain(data: bytes, name: str, headings: bool = False) -> Document:
    if b"\x00" in data[:4096]:
        raise ExtractionError("not_text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sniff = text[:2000].lower()
    if name.endswith((".html", ".htm")) or "<html" in sniff or "<body" in sniff:
        import html

        text = SCRIPT.sub(" ", text)
        if headings:  # menus and page chrome are not content; headings become "#" lines
            text = CHROME.sub(" ", text)
            text = HTML_HEADING.sub(
                lambda m: "\n\n" + "#" * int(m.group(1)) + " " + TAG.sub(" ", m.group(2)) + "\n\n",
                text,
            )
            text = BLOCK_END.sub("\n", text)
        text = html.unescape(TAG.sub(" ", text))
        return Document(text, "html")
    kind = "md" if name.endswith((".md", ".markdown")) else "txt"
    return Document(text, kind)


# control characters other than tab, new line and form feed: NUL breaks PostgreSQL text
# columns and the rest hide or garble text; none of them is content
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _tidy(text: str) -> str:
    text = CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- CV sections ----------------------------------------------------------------------------

SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "experience": (
        "werkervaring",
        "ervaring",
        "loopbaan",
        "experience",
        "work experience",
        "employment",
        "career",
        "werkzaamheden",
    ),
    "education": (
        "opleiding",
        "opleidingen",
        "education",
        "studies",
        "diploma's",
        "diplomas",
        "cursussen",
        "courses",
        "certificaten",
        "certificates",
        "training",
        "trainingen",
        # qualifications are statements of what a person holds: read like education
        "rijbewijzen",
        "rijbewijs",
        "driving licence",
        "driving licences",
        "driving license",
        "licenties",
        "attesten",
        "certificeringen",
        "certifications",
        "qualifications",
        "kwalificaties",
        "diploma's en certificaten",
        "opleidingen en certificaten",
        "opleiding en cursussen",
    ),
    "skills": (
        "vaardigheden",
        "skills",
        "competenties",
        "kennis",
        "software",
        "tools",
        "kernwoorden",
        "keywords",
    ),
    "languages": ("talen", "languages", "taalvaardigheid"),
    "profile": ("profiel", "profile", "samenvatting", "summary", "over mij", "about me"),
    "other": (
        "hobby's",
        "hobbys",
        "interesses",
        "interests",
        "referenties",
        "references",
        "contact",
        "personalia",
        "personal details",
        "nevenactiviteiten",
        "volunteering",
        "projecten",
        "projects",
    ),
}
_HEADING_OF = {word: name for name, words in SECTION_HEADINGS.items() for word in words}


def section_heading(line: str) -> str | None:
    """The section a CV heading line opens ("Werkervaring:" -> "experience"), or None."""
    key = line.strip().lower().replace("-", " ").rstrip(":").strip()
    return _HEADING_OF.get(key)


# --- language -------------------------------------------------------------------------------

NL_WORDS = frozenset(
    "de het een en van in is op te dat voor met zijn niet aan er als bij ook maar om door "
    "naar heb heeft werk ervaring bij jaar jaren mijn ik wij onze opleiding vaardigheden "
    "werkzaamheden functie verantwoordelijk over tot".split()
)
EN_WORDS = frozenset(
    "the a an and of in is on to that for with be not at as by also but from have has "
    "work experience year years my i we our education skills responsible role about until "
    "was were".split()
)
WORD = re.compile(r"[a-zà-ÿ]+")


def detect_language(text: str) -> str:
    """Dutch or English by function words; 'unknown' when there is too little to tell."""
    words = WORD.findall(text.lower()[:20000])
    nl = sum(1 for w in words if w in NL_WORDS)
    en = sum(1 for w in words if w in EN_WORDS)
    if nl + en < 5:
        return "unknown"
    return "nl" if nl >= en else "en"
