"""Blind screening: strip what identifies a candidate before anyone, or the scorer, reads a CV.

Removed or masked: the known name (every part of it, double surnames split, however it is
written: with or without accents or umlauts, transliterated, letter-spaced), e-mail
addresses, phone numbers, social media and personal links, street addresses, postcodes and
the town after them or after a residence label, dates of birth and ages, gender markers
(titles, a gender line), nationality, marital status, and the years in the education section
(they reveal age) — except the validity of a time-limited certificate ("code 95 geldig tot
05-2027", "VCA basis, 2022"), which screening needs to tell valid from expired. Replacement
tokens never depend on what they replace, so the same CV under another name, address or birth
date gives the same text — and the same score.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from mensenwerk.engines import qualifications
from mensenwerk.engines.text import section_heading

ENGINE = "pseudonymise"
VERSION = "1"


TOKENS = {
    "nl": {
        "name": "[naam]",
        "email": "[e-mail]",
        "phone": "[telefoon]",
        "link": "[link]",
        "address": "[adres]",
        "postcode": "[postcode]",
        "birth": "[geboortedatum]",
        "age": "[leeftijd]",
        "gender": "",
        "nationality": "[nationaliteit]",
        "marital": "[burgerlijke staat]",
        "year": "[jaar]",
    },
    "en": {
        "name": "[name]",
        "email": "[e-mail]",
        "phone": "[phone]",
        "link": "[link]",
        "address": "[address]",
        "postcode": "[postcode]",
        "birth": "[date of birth]",
        "age": "[age]",
        "gender": "",
        "nationality": "[nationality]",
        "marital": "[marital status]",
        "year": "[year]",
    },
}
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: pseudonyms are read aloud

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:linkedin\.com|facebook\.com|instagram\.com|twitter\.com|"
    r"x\.com|github\.com|tiktok\.com|youtube\.com)/\S*|https?://\S+",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?<![\w])(?:\+|00)\d{2}[\s.-]?(?:\(0\))?[\s.-]?\d(?:[\s.-]?\d){7,10}(?!\d)"
    r"|(?<![\w])0\d(?:[\s.-]?\d){8}(?!\d)"
    r"|(?<![\w])\(0\d{2,3}\)[\s.-]?\d{3}[\s.-]?\d{3,4}(?!\d)"
)
POSTCODE_NL = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
# the town after a postcode ("5611 AB Eindhoven", Belgian "9000 Gent" after a street): where
# someone lives says something about their background
CITY = r"(?-i:[A-Z])[\w'’.-]+(?:[ \t-](?:(?-i:[A-Z])[\w'’.-]+|aan|den|op|de))*"
POSTCODE_CITY = re.compile(rf"\b[1-9]\d{{3}}\s?(?!SA|SD|SS)(?-i:[A-Z]{{2}})[ \t,]+{CITY}")
STREET_POSTCODE_CITY = re.compile(rf"(?<=\])[ \t]*,?[ \t]*(?:B-)?[1-9]\d{{3}}[ \t]+{CITY}")
STREET = re.compile(
    r"\b(?:(?-i:[A-Z])[\w'.-]*[ \t]){0,2}"  # up to two capitalised words: "Lange Nieuwstraat"
    r"[\w'.-]*(?:straat|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|dreef|steeg|markt|"
    r"street|road|avenue|lane|drive|boulevard|rue|chaussée|steenweg)\s+\d+[a-zA-Z]?(?:[-/]\d+)?\b",
    re.IGNORECASE,
)
LABELLED = {
    "birth": re.compile(
        r"(?im)^(.*?\b(?:geboortedatum|geboren|geb\.|date of birth|born|dob|"
        r"birth ?date)\b)[ \t]*[:\-]?[ \t]*(.+)$"
    ),
    "age": re.compile(r"(?im)^(.*?\b(?:leeftijd|age)\b)[ \t]*[:\-]?[ \t]*(.+)$"),
    "gender": re.compile(r"(?im)^(.*?\b(?:geslacht|gender|sex)\b)[ \t]*[:\-]?[ \t]*(.+)$"),
    "nationality": re.compile(
        r"(?im)^(.*?\b(?:nationaliteit|nationality|citizenship)\b)"
        r"[ \t]*[:\-]?[ \t]*(.+)$"
    ),
    "marital": re.compile(
        r"(?im)^(.*?\b(?:burgerlijke staat|marital status|civil status)\b)"
        r"[ \t]*[:\-]?[ \t]*(.+)$"
    ),
    "address": re.compile(
        r"(?im)^(.*?\b(?:woonplaats|adres|address|city|place of residence|residence)\b)"
        r"[ \t]*[:\-][ \t]*(.+)$"
    ),
}
AGE_PHRASE = re.compile(r"\b\d{2}\s?(?:jaar oud|jarige|years old|year-old)\b", re.IGNORECASE)
TITLES = re.compile(r"\b(?:dhr|mevr|mw|mr|mrs|ms|miss|de heer|mevrouw)\b\.?\s*", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


@dataclass
class Blinded:
    text: str
    pseudonym: str
    removed: Counter[str] = field(default_factory=Counter)


def pseudonym(seed: str) -> str:
    """A stable, short, pronounceable id such as K-7Q3F, from any seed (an application id)."""
    digest = hashlib.sha256(seed.encode()).digest()
    return "K-" + "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:4])


def blind(
    text: str,
    *,
    seed: str,
    names: list[str] | None = None,
    emails: list[str] | None = None,
    phones: list[str] | None = None,
    language: str = "nl",
) -> Blinded:
    tokens = TOKENS.get(language, TOKENS["nl"])
    removed: Counter[str] = Counter()
    text = unicodedata.normalize("NFC", text)  # "ë" as one letter, however the file wrote it

    def sub(pattern: re.Pattern[str], kind: str, value: str) -> str:
        new, count = pattern.subn(tokens[kind], value)
        removed[kind] += count
        return new

    for email in emails or []:
        if email.strip():
            text = sub(re.compile(re.escape(email.strip()), re.IGNORECASE), "email", text)
    text = sub(EMAIL, "email", text)
    text = sub(LINK, "link", text)
    for phone in phones or []:
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 8:
            spaced = r"\(?\+?" + r"[\s.()+-]*".join(digits)
            text = sub(re.compile(spaced), "phone", text)
    text = sub(PHONE, "phone", text)
    for kind, pattern in LABELLED.items():

        def keep_label(match: re.Match[str], kind: str = kind) -> str:
            removed[kind] += 1
            return f"{match.group(1)}: {tokens[kind]}".rstrip(": ") if tokens[kind] else ""

        text = pattern.sub(keep_label, text)
    text = sub(AGE_PHRASE, "age", text)
    text = sub(STREET, "address", text)
    text = sub(POSTCODE_CITY, "postcode", text)
    text = sub(STREET_POSTCODE_CITY, "postcode", text)
    text = sub(POSTCODE_NL, "postcode", text)
    text = sub(TITLES, "gender", text)
    text = _names(text, names or [], tokens["name"], removed)
    text = _education_years(text, tokens["year"], removed)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return Blinded(text, pseudonym(seed), removed)


PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "ter",
    "ten",
    "te",
    "el",
    "al",
    "la",
    "le",
    "da",
    "di",
    "du",
    "del",
    "von",
    "op",
    "in",
    "'t",
    "bin",
    "ben",
    "y",
}
# German and Scandinavian spellings written without the letter: Müller is also Mueller
TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"}
LETTER_CLASSES = {
    "a": "aáàâãäåā",
    "c": "cçćč",
    "e": "eéèêëēėę",
    "i": "iíìîïīı",
    "n": "nñń",
    "o": "oóòôõöøō",
    "s": "sśšş",
    "u": "uúùûüū",
    "y": "yýÿ",
    "z": "zźżž",
    "g": "gğ",
    "l": "lł",
}
FOLDED_PAIRS = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß", "aa": "å"}


def _fold(text: str) -> str:
    """Lower case, German transliteration, then accents dropped: Zoë Müller -> zoe mueller."""
    text = "".join(TRANSLIT.get(ch, ch) for ch in text.lower())
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


def _part_pattern(part: str) -> str:
    """A name part matched however it is written: with or without its accents or umlaut
    (Müller, Muller, Mueller), and with its letters spaced out (M U L L E R)."""
    folded = _fold(part)
    spacer = r"[ \t]?"

    def letter(ch: str) -> str:
        return f"[{LETTER_CLASSES[ch]}]" if ch in LETTER_CLASSES else re.escape(ch)

    units: list[str] = []
    i = 0
    while i < len(folded):
        pair = folded[i : i + 2]
        if pair in FOLDED_PAIRS:  # "ue" may be written ü, u, or as two letters (Zoë)
            two = letter(pair[0]) + spacer + letter(pair[1])
            units.append(f"(?:{two}|{FOLDED_PAIRS[pair]}|{letter(pair[0])})")
            i += 2
            continue
        units.append(letter(folded[i]))
        i += 1
    return spacer.join(units)


def _name_parts(names: list[str]) -> set[str]:
    """Each name whole, and every part of it: double surnames split at the hyphen
    (Quaxwell-Brightmore), particles (van, de, el, ter) left out as too common."""
    parts: set[str] = set()
    for name in names:
        if name.strip():
            parts.add(name.strip())
        for piece in re.split(r"[\s,\-‐–]+", name):
            piece = piece.strip("'’.")
            if len(piece) >= 2 and piece.lower() not in PARTICLES:
                parts.add(piece)
    return parts


def _names(text: str, names: list[str], token: str, removed: Counter[str]) -> str:
    """Every known name part, and a name-like first line when no name was given."""
    for part in sorted(_name_parts(names), key=len, reverse=True):
        pattern = re.compile(rf"(?<![\w]){_part_pattern(part)}(?![\w])", re.IGNORECASE)
        text, count = pattern.subn(token, text)
        removed["name"] += count
    lines = text.split("\n")
    for i, line in enumerate(lines[:3]):
        if looks_like_name(line) or looks_like_spaced_name(line):
            lines[i] = token
            removed["name"] += 1
            break
    return "\n".join(lines)


def looks_like_spaced_name(line: str) -> bool:
    """A letter-spaced name heading such as "A N N A  G R O O T"."""
    letters = line.split()
    return len(letters) >= 4 and all(len(w) == 1 and w.isalpha() for w in letters)


def looks_like_name(line: str) -> bool:
    """A line that is probably the candidate's name: 2-5 capitalised words, no digits."""
    stripped = line.strip()
    words = stripped.split()
    return (
        2 <= len(words) <= 5
        and not any(ch.isdigit() for ch in stripped)
        and all(
            w[:1].isupper() or w.lower() in {"van", "de", "der", "den", "el", "ter"} for w in words
        )
        and stripped.lower() not in {"curriculum vitae", "resume", "cv"}
        and section_heading(stripped) is None
    )


def _education_years(text: str, token: str, removed: Counter[str]) -> str:
    """Years under an education heading reveal age; work periods elsewhere are kept."""
    out, in_education = [], False
    for line in text.split("\n"):
        heading = section_heading(line)
        if heading:
            in_education = heading == "education"
        if in_education and not qualifications.keeps_year(line):
            line, count = YEAR.subn(token, line)
            removed["year"] += count
        out.append(line)
    return "\n".join(out)
