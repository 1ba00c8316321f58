"""One CV file -> what the scorer may see, plus the reviewer's flags. Shared by the
`mensenwerk screen` command and the recruitment app, so both screen exactly alike.

Order matters: the text is extracted (invisible text left out), then pseudonymised, and only
that pseudonymised text is ever handed to ``matching.score``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from mensenwerk.engines.pseudonymise import EMAIL, PHONE, blind, looks_like_name
from mensenwerk.engines.text import Document, HiddenText, extract

ENGINE = "screening"
VERSION = "1"


HIDDEN_TEXT = "hidden_text"
NEEDS_REVIEW = "needs_manual_review"
DUPLICATE = "duplicate"


@dataclass
class Prepared:
    text: str  # pseudonymised visible text: the only thing the scorer receives
    pseudonym: str
    language: str
    flags: list[str]
    hidden: list[HiddenText] = field(default_factory=list)
    pages: int = 1

    @property
    def content_hash(self) -> str:
        """Same CV under another name, address or e-mail -> same hash (duplicate check)."""
        return hashlib.sha256(self.text.encode()).hexdigest()


def prepare(
    data: bytes,
    filename: str,
    *,
    seed: str,
    names: list[str] | None = None,
    emails: list[str] | None = None,
    phones: list[str] | None = None,
    max_pages: int = 100,
) -> Prepared:
    """Raise ``ExtractionError`` for a file that cannot be read; everything else is flagged."""
    doc = extract(data, filename, max_pages=max_pages)
    return prepare_document(doc, seed=seed, names=names, emails=emails, phones=phones)


def prepare_document(
    doc: Document,
    *,
    seed: str,
    names: list[str] | None = None,
    emails: list[str] | None = None,
    phones: list[str] | None = None,
) -> Prepared:
    language = doc.language if doc.language in ("nl", "en") else "nl"
    blinded = blind(
        doc.text, seed=seed, names=names, emails=emails, phones=phones, language=language
    )
    flags = []
    if doc.hidden:
        flags.append(HIDDEN_TEXT)
    if doc.needs_review:
        flags.append(NEEDS_REVIEW)
    return Prepared(blinded.text, blinded.pseudonym, doc.language, flags, doc.hidden, doc.pages)


@dataclass(frozen=True)
class Contact:
    first_name: str
    last_name: str
    email: str
    phone: str


def contact_details(text: str) -> Contact:
    """Best guess of who sent a CV that arrived without a form (bulk upload): the name-like
    first line, the first e-mail address and phone number. The recruiter can correct it."""
    email = EMAIL.search(text)
    phone = PHONE.search(text)
    # the same line the pseudonymiser removes as the name
    name = next((line.split() for line in text.split("\n")[:3] if looks_like_name(line)), [])
    first, last = (name[0], " ".join(name[1:])) if name else ("", "")
    return Contact(
        first[:100], last[:150], email.group(0) if email else "", phone.group(0) if phone else ""
    )
