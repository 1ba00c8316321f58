"""Qualifications as structured facts: a diploma, licence, certificate or registration is held or
not, of a category, valid until a date — never a word that happens to occur in a CV.

Contract:
- ``requirement(text)`` reads a vacancy criterion: the qualification it names (driving licence
  category, code 95, ADR, VCA basis/VOL/VIL, BHV, EHBO, BIG, an education level with its field,
  or a trade certificate such as heftruck, hoogwerker, NEN 3140, F-gassen, SEH, Verzorgende IG,
  koksdiploma, VSR), or None when it names none (then the matcher treats it as a skill).
- ``facts(lines)`` reads a CV's ``(section, line)`` pairs once: every mention of a
  qualification with its state — ``held`` (education/certificates section, or a line that says
  so: a licence word, "behaald", a year, "geldig tot"), ``wanted`` ("wil graag mijn CE halen",
  "in opleiding", "leerling"), ``listed`` (a skills or keyword list) or ``named`` (a job title
  or task line that names it without saying it is held) — its category or level and its expiry.
- ``check(req, facts, today)`` decides: ``met`` (``expires_soon`` when it lapses within 90
  days), ``expired``, ``lower_category`` (a lower or other category or level, or another
  field), ``named``, ``list_only``, ``wanted`` or ``not_found``, with the fact it rests on
  (its line is the evidence).

Rules (Dutch, Flemish and English names): licence CE includes C, C1E, C1, BE and B (and so on
for D and the C1/D1 categories); VCA VOL includes VCA basis, VIL does not; MBO levels 1-4 < HBO
(associate degree, bachelor, Flemish graduaat) < WO (master), a higher level meets a lower one;
a Verpleegkundige diploma includes Verzorgende IG; gespecialiseerd kok > zelfstandig werkend kok
> kok. Validity when the CV gives only the year obtained: VCA 10 years, code 95 and ADR 5, BIG
5, EHBO 2, BHV 1 (to the end of that year); a stated date ("geldig tot 05-2027") or the word
"verlopen"/"expired" always wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from mensenwerk.engines.qualifications.names import (
    CATEGORY,
    CATEGORY_ONLY,
    CERTIFICATE_WORD,
    COOK_RANK,
    DRIVER_TITLE,
    E_WITH,
    EDU_FILLER,
    EDU_LEVELS,
    EDU_RANK_NAME,
    EXPIRED_WORD,
    GROOT,
    HELD,
    HINT_WORDS,
    HINTS,
    JOINED,
    KIND,
    KINDS,
    LEVEL_ONLY,
    LICENCE_AFTER,
    LICENCE_INCLUDES,
    LICENCE_WORD,
    LOWER_CATEGORY,
    MBO,
    MONTHS,
    NEN_RANK,
    NURSE_RANK,
    PERIOD_LIKE,
    PREFILTER,
    UK_CLASS,
    VALID_UNTIL,
    VCA_LEVEL,
    VCA_RANK,
    WANTED,
    WORDS,
    YEAR,
)
from mensenwerk.engines.skills import Term, expand, matches, normalise, stems

ENGINE = "qualifications"
VERSION = "1"

LICENCE = "licence"
EDUCATION = "education"


@dataclass(frozen=True)
class Fact:
    """One mention of a qualification in a CV."""

    kind: str  # a Kind id, LICENCE or EDUCATION
    category: str  # licence category, "basis"/"vol"/"vil", or "" ; ranks go in ``rank``
    rank: int  # level for ordered kinds (education, VCA, NEN 3140, kok); 0 when unstated
    state: str  # held | wanted | listed | named
    expires: date | None
    line: str
    section: str


@dataclass(frozen=True)
class Requirement:
    kind: str
    category: str = ""  # licence category or VCA "basis"/"vol"/"vil"
    rank: int = 0  # minimum level; 0 = any
    field: str = ""  # education: the subject that must be named with the level
    text: str = ""

    @property
    def field_terms(self) -> tuple[Term, ...]:
        return _field_terms(self.field)


@dataclass(frozen=True)
class Check:
    detail: str  # one of ORDER
    fact: Fact | None = None


ORDER = (
    "met", "expires_soon", "expired", "lower_category", "named", "list_only", "wanted",
    "not_found",
)  # fmt: skip
# a certificate that lapses within this many days still counts, but the recruiter is told: a
# temp agency places people for weeks, and code 95 takes 35 hours of training to renew
EXPIRES_SOON_DAYS = 90


# --- reading a criterion -----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def requirement(text: str) -> Requirement | None:
    """The qualification a criterion names, or None when it names a skill."""
    norm = normalise(text)
    licence = _licence_categories(text)
    if licence and (LICENCE_WORD.search(text) or GROOT.search(text) or LICENCE_AFTER.search(text)):
        # "rijbewijs C of CE": the lowest category asked is what must be held
        return Requirement(LICENCE, _lowest(licence), text=text)
    for kind in KINDS:
        found = kind.pattern.search(norm)
        if not found:
            continue
        if not kind.inherent and not CERTIFICATE_WORD.search(norm):
            continue
        return Requirement(kind.id, *_category(kind.id, norm), text=text)
    rank = _education_rank(norm)
    if rank is not None:
        field = EDU_FILLER.sub(" ", _strip_levels(norm))
        # "MBO" without a level asks for any MBO level
        return Requirement(EDUCATION, rank=max(rank, 1), field=field.strip(), text=text)
    return None


def _lowest(categories: list[str]) -> str:
    return min(categories, key=lambda c: len(_included(c)))


def _category(kind: str, norm: str) -> tuple[str, int]:
    if kind == "vca":
        level = next((name for name, p in VCA_LEVEL if p.search(norm)), "basis")
        return level, VCA_RANK.get(level, 0)
    if kind == "nen3140":
        return "", next((rank for rank, p in NEN_RANK if p.search(norm)), 0)
    if kind == "cook":
        return "", next((rank for rank, p in COOK_RANK if p.search(norm)), 2)
    if kind == "nurse":
        return "", next(rank for rank, p in NURSE_RANK if p.search(norm))
    return "", 0


def _strip_levels(norm: str) -> str:
    out = MBO.sub(" ", norm)
    out = LEVEL_ONLY.sub(" ", out)
    for _rank, pattern in EDU_LEVELS:
        out = pattern.sub(" ", out)
    return out


def _education_rank(norm: str) -> int | None:
    """The highest level a line names; 0 for MBO without a level; None for no level at all."""
    found: int | None = None
    for rank, pattern in EDU_LEVELS:
        if pattern.search(norm):
            found = rank
            break
    mbo = MBO.search(norm)
    if mbo:
        level = mbo.group(1) or mbo.group(2)
        if not level:
            only = LEVEL_ONLY.search(norm)
            level = only.group(1) if only else None
        rank = int(level) if level else 0
        found = rank if found is None else max(found, rank)
    return found


@lru_cache(maxsize=256)
def _field_terms(field: str) -> tuple[Term, ...]:
    return tuple(expand(field)) if field.strip() else ()


# --- reading a CV --------------------------------------------------------------------------------


def _licence_categories(line: str) -> list[str]:
    text = JOINED.sub(lambda m: m.group(1) + "E", line)
    text = E_WITH.sub(lambda m: m.group(1) + "E", text)
    found = []
    groot = GROOT.search(text)
    if groot:
        found.append("CE" if "aanhanger" in groot.group(0).lower() else "C")
    start = LICENCE_WORD.search(text)
    if start or CATEGORY_ONLY.match(text.strip()):
        tail = text[start.end() :] if start else text
        found += CATEGORY.findall(tail)
        lower = LOWER_CATEGORY.match(tail) if start and not found else None
        if lower and lower.group(1).upper() in LICENCE_INCLUDES:  # "rijbewijs b" in lower case
            found.append(lower.group(1).upper())
        if start and re.search(r"hgv|\bclass", text, re.IGNORECASE):
            found += ["CE" if m == "1" else "C" for m in UK_CLASS.findall(text)]
    found += LICENCE_AFTER.findall(text)
    return list(dict.fromkeys(found))


def _included(category: str) -> frozenset[str]:
    return LICENCE_INCLUDES.get(category, frozenset()) | {category}


def _state(section: str, norm: str, kind: str, licence_word: bool) -> str:
    if section in ("skills", "languages"):
        return "listed"
    if WANTED.search(norm):
        return "wanted"
    if section == "education":
        return "held"
    if kind == LICENCE and licence_word:
        return "held"  # "Chauffeur bakwagen (rijbewijs C)", "Personalia: Rijbewijs B"
    if HELD.search(norm):
        return "held"
    if section != "experience" and YEAR.search(norm) and not PERIOD_LIKE.search(norm):
        return "held"  # "BHV, 2024" under a heading the CV gave no name we know
    return "named"


def _plain(line: str) -> str:
    """Lower case without accents, hyphens kept: "geldig tot 03-2027" must stay a date."""
    text = unicodedata.normalize("NFKD", line.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def keeps_year(line: str) -> bool:
    """A year the blind screening must not mask: the validity of a time-limited certificate
    ("code 95 geldig tot 05-2027", "VCA basis, 2022"). A renewal date says little about age,
    and without it an expired certificate would count as valid. Diploma years stay masked."""
    norm = normalise(line)
    if _education_rank(norm) is not None or re.search(r"diploma|opleiding|degree", norm):
        return bool(VALID_UNTIL.search(_plain(line)) or EXPIRED_WORD.search(norm))
    plain = _plain(line)
    return bool(
        VALID_UNTIL.search(plain)
        or EXPIRED_WORD.search(norm)
        or any(k.validity_years and k.pattern.search(norm) for k in KINDS)
    )


def _expiry(norm: str, after: int, validity: int) -> date | None:
    # ``norm`` here is ``_plain``: positions match the line, dates keep their hyphens
    stated = VALID_UNTIL.search(norm, after) or VALID_UNTIL.search(norm)
    if stated:
        return _date(stated)
    if EXPIRED_WORD.search(norm):
        return date.min
    if validity:
        years = [
            (abs(m.start() - after) + (0 if m.start() >= after else 1000), int(m.group(1)))
            for m in YEAR.finditer(norm)
        ]
        if years and not PERIOD_LIKE.search(norm):
            return date(min(years)[1] + validity, 12, 31)
    return None


def _date(match: re.Match[str]) -> date | None:
    g = match.groups()
    try:
        if g[2]:
            return date(int(g[2]), int(g[1]), int(g[0]))
        if g[4]:
            return _month_end(int(g[4]), int(g[3]))
        if g[6]:
            month = MONTHS.get(g[5][:3])
            return _month_end(int(g[6]), month) if month else date(int(g[6]), 12, 31)
        if g[7]:
            return date(int(g[7]), 12, 31)
    except ValueError:
        return None
    return None


def _month_end(year: int, month: int) -> date:
    if not 1 <= month <= 12:
        raise ValueError(month)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _may_name(line: str) -> bool:
    low = line.lower()
    return any(hint in low for hint in HINTS) or not HINT_WORDS.isdisjoint(WORDS.findall(low))


def facts(lines: list[tuple[str, str]]) -> list[Fact]:
    """Every qualification mentioned in a CV's (section, line) pairs, with its state and its
    expiry date (``check`` compares that with the day of screening)."""
    out: list[Fact] = []
    for section, line in lines:
        if not _may_name(line):
            continue
        norm = normalise(line)
        if not PREFILTER.search(norm) and not CATEGORY_ONLY.match(line.strip()):
            continue
        out.extend(_line_facts(section, line, norm))
    return out


def _line_facts(section: str, line: str, norm: str) -> list[Fact]:
    found: list[Fact] = []
    categories = _licence_categories(line)
    licence_word = bool(
        LICENCE_WORD.search(line) or GROOT.search(line) or LICENCE_AFTER.search(line)
    )
    if categories:
        state = _state(section, norm, LICENCE, licence_word or bool(CATEGORY_ONLY.match(line)))
        found += [Fact(LICENCE, c, 0, state, None, line, section) for c in categories]
    else:
        title = DRIVER_TITLE.search(line)
        if title:
            state = "listed" if section in ("skills", "languages") else "named"
            found.append(Fact(LICENCE, title.group(1), 0, state, None, line, section))
    for kind in KINDS:
        hit = kind.pattern.search(norm)
        if not hit:
            continue
        if kind.id == "cook" and not _cook_diploma(norm, section):
            state = "listed" if section in ("skills", "languages") else "named"
        else:
            state = _state(section, norm, kind.id, False)
        category, rank = _category(kind.id, norm)
        if kind.id == "cook":
            edu = _education_rank(norm)
            rank = max(rank, edu or 0)
        expires = (
            _expiry(_plain(line), hit.start(), kind.validity_years) if state == "held" else None
        )
        found.append(Fact(kind.id, category, rank, state, expires, line, section))
    if section != "experience" or WANTED.search(norm):
        rank = _education_rank(norm)
        if rank is not None:
            state = _state(section, norm, EDUCATION, False)
            found.append(Fact(EDUCATION, "", rank, state, None, line, section))
    return found


def _cook_diploma(norm: str, section: str) -> bool:
    """ "Kok, Brasserie Pakhuis" is a job; "MBO 2 Kok, diploma 2025" a diploma."""
    return section == "education" or bool(re.search(r"diploma|certifica|opleiding", norm))


# --- deciding ------------------------------------------------------------------------------


def check(req: Requirement, found: list[Fact], today: date) -> Check:
    """The best standing of a requirement among a CV's facts (``ORDER``, best first)."""
    best = Check("not_found")
    for fact in found:
        if not _same_kind(req, fact):
            continue
        detail = _detail(req, fact, today)
        if ORDER.index(detail) < ORDER.index(best.detail):
            best = Check(detail, fact)
            if detail == "met":
                break
    return best


# a nursing diploma includes Verzorgende IG
ALSO_COUNTS = {"vig": ("nurse",)}


def kinds_for(req: Requirement) -> tuple[str, ...]:
    """The kinds of fact that can meet a requirement."""
    return (req.kind, *ALSO_COUNTS.get(req.kind, ()))


def _same_kind(req: Requirement, fact: Fact) -> bool:
    return fact.kind in kinds_for(req)


def _detail(req: Requirement, fact: Fact, today: date) -> str:
    if fact.state == "listed":
        return "list_only"
    if fact.state == "wanted":
        return "wanted"
    if not _covers(req, fact):
        return "lower_category" if fact.state == "held" else "named"
    if fact.state == "named":
        return "named"
    if fact.expires is not None and fact.expires < today:
        return "expired"
    if fact.expires is not None and (fact.expires - today).days < EXPIRES_SOON_DAYS:
        return "expires_soon"
    return "met"


def _covers(req: Requirement, fact: Fact) -> bool:
    if req.kind == LICENCE:
        return req.category in _included(fact.category)
    if req.kind == "vca":
        if req.category == "vil" or fact.category == "vil":
            return req.category == fact.category
        return fact.rank >= req.rank
    if req.kind == EDUCATION:
        if fact.rank < req.rank and not (fact.rank == 0 and req.rank <= 1):
            return False
        return _field_named(req, fact)
    if req.rank and fact.rank:
        return fact.rank >= req.rank
    return True


def _field_named(req: Requirement, fact: Fact) -> bool:
    """The subject asked ("elektrotechniek") is named on the line of the level, in either
    language and by any taxonomy label ("Electrical Engineering", "elektrotechnische ...")."""
    terms = req.field_terms
    if not terms:
        return True
    line = stems(fact.line)
    return any(matches(t, line) for t in terms)


def named_in(text: str, language: str) -> list[str]:
    """The qualifications a vacancy text asks for, as criteria in its language ("Rijbewijs CE",
    "Code 95", "VCA VOL"), in order of appearance: suggestions the recruiter edits or drops."""
    found: list[str] = []
    for sentence in re.split(r"[\n.;:!?]+", text):
        if not _may_name(sentence):
            continue
        norm = normalise(sentence)
        if (
            LICENCE_WORD.search(sentence)
            or GROOT.search(sentence)
            or LICENCE_AFTER.search(sentence)
        ):
            for category in _licence_categories(sentence):
                found.append(describe(Requirement(LICENCE, category), language))
        for kind in KINDS:
            if kind.pattern.search(norm) and (kind.inherent or CERTIFICATE_WORD.search(norm)):
                category, rank = _category(kind.id, norm)
                found.append(describe(Requirement(kind.id, category, rank), language))
    return list(dict.fromkeys(found))


def describe(req: Requirement, language: str) -> str:
    """A short name of what is asked, for explanations and suggested criteria."""
    if req.kind == LICENCE:
        return ("Rijbewijs " if language == "nl" else "Driving licence ") + req.category
    if req.kind == "vca":
        return f"VCA {req.category.upper() if req.category in ('vol', 'vil') else 'basis'}"
    if req.kind == EDUCATION:
        return f"{EDU_RANK_NAME.get(req.rank, '')} {req.field}".strip()
    kind = KIND[req.kind]
    return kind.nl if language == "nl" else kind.en
