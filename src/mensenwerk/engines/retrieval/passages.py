"""Handbook documents as passages along their headings: cleaning (navigation, boilerplate,
markup), PDF structure, front matter, splitting long sections, and reading a file."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mensenwerk.engines.skills import normalise

if TYPE_CHECKING:  # the text engine imports the PDF and DOCX readers: only when reading
    from mensenwerk.engines.text import HiddenText


MAX_PASSAGE_WORDS = 220


MIN_PASSAGE_WORDS = 4


@dataclass(frozen=True)
class Passage:
    document: str  # the document's key: a path relative to the knowledge base, or a db id
    title: str
    section: tuple[str, ...]
    anchor: str  # unique within the document, for a link back to the spot
    text: str
    effective_date: str | None = None
    language: str = "unknown"

    @property
    def section_label(self) -> str:
        return " > ".join(self.section)


FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


HEADING = re.compile(r"^(#{1,6})\s*(.+?)\s*#*\s*$")


COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")


BARE_URL = re.compile(r"<?https?://\S+>?")


EMPHASIS = re.compile(r"(\*\*|__|`)")


BOILERPLATE = re.compile(
    r"^\s*(spdx-license-identifier|copyright\b|\(c\)\s*\d{4}|©|licensed under|"
    r"all rights reserved|alle rechten voorbehouden|this (work|page|file) is licensed)",
    re.IGNORECASE,
)


# Headings of Dutch laws and collective agreements: their rank, not their Markdown level,
# says what contains what ("Titel 10 > Afdeling 9 > Artikel 670").
STRUCTURAL = {
    "boek": 2,
    "deel": 2,
    "hoofdstuk": 3,
    "titel": 3,
    "afdeling": 4,
    "paragraaf": 5,
    "§": 5,
    "artikel": 7,
}


STRUCTURAL_HEADING = re.compile(
    r"^(boek|deel|hoofdstuk|titel|afdeling|paragraaf|§|artikel)\b", re.I
)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML-style front matter (flat ``key: value`` lines only) and the text after it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "-")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


def _is_navigation(line: str) -> bool:
    """A line of three or more links and little else is a menu, not content."""
    links = LINK.findall(line)
    if len(links) < 3:
        return False
    rest = LINK.sub("", line)
    return len(re.findall(r"\w+", rest)) <= len(links)


def clean_line(line: str) -> str:
    line = IMAGE.sub("", line)
    line = LINK.sub(lambda m: m.group(1) or m.group(2), line)
    line = BARE_URL.sub("", line)
    line = HTML_TAG.sub(" ", line)
    line = EMPHASIS.sub("", line)
    if line.lstrip().startswith("|"):
        line = " ".join(
            c.strip() for c in line.split("|") if c.strip() and set(c.strip()) - set("-: ")
        )
    return re.sub(r"[ \t]+", " ", line).strip()


def pdf_structure(text: str) -> str:
    """Mark likely headings in text taken from a PDF (which has no structure): a short line
    without closing punctuation, after a finished sentence or a blank line and before a new
    one. Numbered headings ("2.1 Vakantie") get a level by their depth."""
    lines = text.split("\n")
    out: list[str] = []
    after_heading = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        previous = lines[i - 1].strip() if i else ""
        following = next((x.strip() for x in lines[i + 1 :] if x.strip()), "")
        words = line.split()
        number = re.match(r"^(\d+(?:\.\d+)*)\.?\s+\D", line)
        looks = (
            0 < len(words) <= 10
            and len(line) <= 90
            and not line.endswith((".", ",", ";", ":", "?", "!"))
            and (line[0].isupper() or number is not None)
            and not line.isdigit()
            and (
                not re.search(r"[^\W\d_]", previous)  # blank, a page number or a rule
                or after_heading
                or previous.endswith((".", ":", "!", "?", ")"))
            )
            and bool(following)
            and (following[0].isupper() or following[0].isdigit())
        )
        if looks:
            level = 2 if number is None else min(6, number.group(1).count(".") + 2)
            out.append("#" * level + " " + line)
        else:
            out.append(raw)
        after_heading = looks
    return "\n".join(out)


def split_passages(
    text: str,
    *,
    document: str,
    title: str = "",
    effective_date: str | None = None,
    language: str = "unknown",
) -> list[Passage]:
    """Passages along the headings of Markdown-like text (``#`` headings; DOCX, HTML and PDF
    text are brought into that form on extraction). Front matter, comments, template tags,
    link targets, menus and licence lines are left out."""
    fields, text = front_matter(text)
    text = TEMPLATE_TAG.sub(" ", COMMENT.sub(" ", text))
    lines = text.replace("\r\n", "\n").split("\n")
    headings = [h for h in map(_heading, lines) if h]
    tops = [h for h in headings if h[0] == 1]
    splitter = _Splitter(
        Passage(document, title or fields.get("title", ""), (), "", "", effective_date, language),
        # one "# Title" opening the text is the document's title, not a section
        single_title=len(tops) == 1 and headings[0] == tops[0],
        lawlike=sum(1 for h in headings if STRUCTURAL_HEADING.match(h[1])) >= 3,
    )
    for raw in lines:
        heading = _heading(raw)
        if heading is None:
            splitter.line(raw)
        else:
            splitter.heading(*heading)
    splitter.flush()
    title = splitter.title
    if title:
        return [p if p.title else replace(p, title=title) for p in splitter.passages]
    return splitter.passages


@dataclass
class _Splitter:
    """The state of one document's split: open headings, the body lines since the last one,
    the anchors used. ``base`` carries the document's fields (its empty text, section)."""

    base: Passage
    single_title: bool
    lawlike: bool
    passages: list[Passage] = field(default_factory=list)
    stack: list[tuple[float, str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    used: Counter[str] = field(default_factory=Counter)
    last_structural: bool = False  # the previous line was a structural heading with no text yet

    @property
    def title(self) -> str:
        return self.base.title

    def line(self, raw: str) -> None:
        if _is_navigation(raw) or BOILERPLATE.match(raw):
            return
        line = clean_line(raw)
        if line:
            self.body.append(line)
            self.last_structural = False
        elif self.body and self.body[-1]:
            self.body.append("")

    def heading(self, markdown_level: int, name: str) -> None:
        name = clean_line(name)
        if not name:
            return
        self.flush()
        level: float = markdown_level
        structural = STRUCTURAL_HEADING.match(name)
        stack = self.stack
        if self.lawlike:
            if structural:
                level = STRUCTURAL[structural.group(1).lower()]
            elif self.last_structural and stack:
                # "### Titel 10" then "#### Arbeidsovereenkomst": the caption of that title
                stack[-1] = (stack[-1][0], f"{stack[-1][1]} {name}")
                self.last_structural = False  # a second caption belongs to what follows
                return
            else:
                level = 1 if markdown_level <= 2 else 6
        if self.single_title and markdown_level == 1 and not self.lawlike:
            if not self.title:
                self.base = replace(self.base, title=name)
            return
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, name))
        self.last_structural = bool(structural)

    def flush(self) -> None:
        title = self.title
        section = tuple(name for _level, name in self.stack) or ((title,) if title else ("",))
        if len(section) > 1 and normalise(section[0]) == normalise(title):
            section = section[1:]  # the document's own title is not a section
        paragraphs = "\n".join(self.body).strip()
        self.body.clear()
        if len(paragraphs.split()) < MIN_PASSAGE_WORDS:
            return
        for chunk in _chunks(paragraphs):
            base = _slug(section[-1]) or "tekst"
            self.used[base] += 1
            anchor = base if self.used[base] == 1 else f"{base}-{self.used[base]}"
            self.passages.append(replace(self.base, section=section, anchor=anchor, text=chunk))


def _heading(raw: str) -> tuple[int, str] | None:
    match = HEADING.match(raw.strip())
    return (len(match.group(1)), match.group(2)) if match else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")[:60]


def _chunks(text: str) -> list[str]:
    """Paragraphs packed into passages of at most MAX_PASSAGE_WORDS words. A longer paragraph
    is cut: a list or table between its lines, each piece opening with the list's lead-in or
    the table's header, so every piece still says what it lists; prose between sentences,
    each piece opening with the sentence that closed the one before (a small overlap, so the
    sentence that answers is never cut away from its context)."""
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        if len(paragraph.split()) <= MAX_PASSAGE_WORDS:
            pieces.append(paragraph.strip())
            continue
        lines = [line for line in paragraph.split("\n") if line.strip()]
        rows = sum(1 for line in lines if LIST_ITEM.match(line))
        if len(lines) > 2 and rows >= len(lines) // 2:
            pieces += _cut_rows(lines)
        else:
            pieces += _cut_sentences(paragraph)
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1].split()) + len(piece.split()) <= MAX_PASSAGE_WORDS:
            chunks[-1] = f"{chunks[-1]}\n\n{piece}"
        else:
            chunks.append(piece)
    return chunks


LIST_ITEM = re.compile(r"\s*(?:[-*\u2022+]\s|\d+[.)]\s|[a-z][.)]\s|\|)")
TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
OVERLAP_WORDS = 40  # the longest closing sentence repeated, and the longest lead repeated


def _words(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def _cut_rows(lines: list[str]) -> list[str]:
    if lines[0].lstrip().startswith("|"):  # a table: its header row and the rule under it
        lead = lines[:2] if len(lines) > 1 and TABLE_RULE.match(lines[1]) else lines[:1]
    else:  # a list: the lines before its first item ("Je krijgt:")
        first = next(i for i, line in enumerate(lines) if LIST_ITEM.match(line))
        lead = lines[:first]
    repeat = lead if _words(lead) <= OVERLAP_WORDS else []
    pieces: list[str] = []
    current = list(lead)
    for row in lines[len(lead) :]:
        if len(row.split()) > MAX_PASSAGE_WORDS:  # one row longer than a passage: as prose
            if len(current) > len(repeat):
                pieces.append("\n".join(current))
            pieces += _cut_sentences(row)
            current = list(repeat)
            continue
        if len(current) > len(repeat) and _words(current) + len(row.split()) > MAX_PASSAGE_WORDS:
            pieces.append("\n".join(current))
            current = list(repeat)
        current.append(row)
    if len(current) > len(repeat) or not pieces:
        pieces.append("\n".join(current))
    return pieces


def _cut_sentences(paragraph: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    for sentence in split_sentences(paragraph):
        if current and _words(current) + len(sentence.split()) > MAX_PASSAGE_WORDS:
            pieces.append(" ".join(current))
            closing = current[-1]
            current = [closing] if len(closing.split()) <= OVERLAP_WORDS else []
        current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    return pieces


# not after "6." (a numbered paragraph of a law) or "art." style abbreviations
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\d\.)(?<!\b[a-z]\.)\s+(?=[A-Z0-9ÀÁÉÈÖÜ(\"'])|\n+")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


SUPPORTED = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")


MAX_PAGES = 500  # per document; a longer one is refused with a clear error


DATE_FIELDS = ("effective_date", "effective", "ingangsdatum", "date")


def read_file(data: bytes, filename: str, **meta: str | None) -> list[Passage]:
    """A PDF, DOCX, Markdown, HTML or text file as passages (read_document without the
    hidden-text findings)."""
    return read_document(data, filename, **meta)[0]  # type: ignore[arg-type]


def read_document(
    data: bytes,
    filename: str,
    *,
    document: str,
    title: str = "",
    effective_date: str | None = None,
    language: str = "",
) -> tuple[list[Passage], list[HiddenText]]:
    """A PDF, DOCX, Markdown, HTML or text file as passages, and the text a reader cannot see
    (white, tiny, off the page, hidden runs): it is left out of the passages, so a planted
    instruction never reaches an answer, and returned so HR can be told. ExtractionError when
    the file cannot be read (empty, corrupt, password-protected, too long, not a document, no
    text)."""
    from mensenwerk.engines.text import ExtractionError, extract

    doc = extract(data, filename, max_pages=MAX_PAGES, headings=True)
    if doc.needs_review:
        raise ExtractionError("no_text")
    text = pdf_structure(doc.text) if doc.kind == "pdf" else doc.text
    if effective_date is None:
        fields, _body = front_matter(text)
        effective_date = next((fields[f] for f in DATE_FIELDS if fields.get(f)), None)
    passages = split_passages(
        text,
        document=document,
        title=title,
        effective_date=effective_date,
        language=language or doc.language,
    )
    if not passages:
        raise ExtractionError("no_text")
    fallback = Path(filename).stem.replace("-", " ").replace("_", " ")
    return [p if p.title else replace(p, title=fallback) for p in passages], doc.hidden


def passage_from_dict(data: dict) -> Passage:
    return Passage(**{**data, "section": tuple(data["section"])})
