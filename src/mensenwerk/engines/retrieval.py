"""Handbook passages, BM25 retrieval for Dutch and English, and extractive answers with citations.

Documents are split along their headings into passages that keep their heading path
("Verlof > Vakantiedagen"). Words are normalised and stemmed the same way in every language
(``skills.stem``: the shorter Snowball stem), Dutch compounds also count as their parts
(vakantiedagen -> vakantie + dagen) and a question is expanded with the HR lexicon in both
languages (loonstrook <-> salarisstrook <-> payslip). Two bm25s indexes score a passage: its
whole text, and its title and headings (extra weight). Each content word of the question counts
once, by its best-matching alternative, so a word with many synonyms does not outweigh the rest.

The best passages by BM25 are re-ranked by how much of the question they cover (the share of
its weight, IDF, found in the passage). The confidence of an answer is a calibrated chance that
the first three passages hold the answer (see CALIBRATION): a question about something the
documents never mention covers little and is declined, however well its common words match.
Plain Python and numpy; no model, nothing downloaded.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mensenwerk.engines.skills import normalise

if TYPE_CHECKING:  # the text engine imports the PDF and DOCX readers: only when reading
    from mensenwerk.engines.text import HiddenText

ENGINE_VERSION = "retrieval-2"
DATA = Path(__file__).resolve().parent / "data" / "hr_lexicon.json"

MAX_QUESTION = 1000  # characters; longer is not a question but a document
CONFIDENCE_THRESHOLD = 0.4  # a calibrated chance: below 40 percent the assistant declines
HEADING_WEIGHT = 0.6  # a heading match adds this share of a body match
SYNONYM_WEIGHT = 0.6  # a lexicon alternative scores and covers a little less than the word
COMPOUND_WEIGHT = 0.9  # all parts of a compound word, written apart
PART_WEIGHT = 0.4  # one part of a compound word
MAX_PASSAGE_WORDS = 220
MIN_PASSAGE_WORDS = 4
CITATIONS = 3
VOCABULARY_PART_DF = 2  # a word of the documents counts as a compound part from this many passages
MAX_VOCABULARY_COMPOUNDS = 40
RERANK = 100  # passages re-ranked by how much of the question they cover
# Logistic model over Index.features: the top passage's coverage, whether the question uses a word
# of the HR lexicon, log(1 + the top passage's score per question word). Fitted by
# benchmarks/assistant_calibrate.py on the development questions; refit when the engine changes.
CALIBRATION = {"bias": -3.111, "weights": [1.571, 0.896, 1.907]}


# --- passages -------------------------------------------------------------------------------


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
    title = title or fields.get("title", "")
    text = TEMPLATE_TAG.sub(" ", COMMENT.sub(" ", text))
    lines = text.replace("\r\n", "\n").split("\n")
    tops = [h for h in map(_heading, lines) if h and h[0] == 1]
    # one "# Title" opening the text is the document's title, not a section
    single_title = len(tops) == 1 and next(filter(None, map(_heading, lines)), None) == tops[0]
    lawlike = (
        sum(1 for raw in lines if _heading(raw) and STRUCTURAL_HEADING.match(_heading(raw)[1])) >= 3
    )

    passages: list[Passage] = []
    stack: list[tuple[float, str]] = []
    body: list[str] = []
    used: Counter[str] = Counter()
    last_structural = False  # the previous line was a structural heading with no text yet

    def flush() -> None:
        section = tuple(name for _level, name in stack) or ((title,) if title else ("",))
        if len(section) > 1 and normalise(section[0]) == normalise(title):
            section = section[1:]  # the document's own title is not a section
        paragraphs = "\n".join(body).strip()
        body.clear()
        if len(paragraphs.split()) < MIN_PASSAGE_WORDS:
            return
        for chunk in _chunks(paragraphs):
            base = _slug(section[-1]) or "tekst"
            used[base] += 1
            anchor = base if used[base] == 1 else f"{base}-{used[base]}"
            passages.append(
                Passage(document, title, section, anchor, chunk, effective_date, language)
            )

    for raw in lines:
        heading = _heading(raw)
        if heading is None:
            if _is_navigation(raw) or BOILERPLATE.match(raw):
                continue
            line = clean_line(raw)
            if line:
                body.append(line)
                last_structural = False
            elif body and body[-1]:
                body.append("")
            continue
        markdown_level, name = heading
        name = clean_line(name)
        if not name:
            continue
        flush()
        level: float = markdown_level
        structural = STRUCTURAL_HEADING.match(name)
        if lawlike:
            if structural:
                level = STRUCTURAL[structural.group(1).lower()]
            elif last_structural and stack:
                # "### Titel 10" then "#### Arbeidsovereenkomst": the caption of that title
                stack[-1] = (stack[-1][0], f"{stack[-1][1]} {name}")
                last_structural = False  # a second caption belongs to what follows
                continue
            else:
                level = 1 if markdown_level <= 2 else 6
        if single_title and markdown_level == 1 and not lawlike:
            title = title or name
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, name))
        last_structural = bool(structural)
    flush()
    if title:
        passages = [p if p.title else replace(p, title=title) for p in passages]
    return passages


def _heading(raw: str) -> tuple[int, str] | None:
    match = HEADING.match(raw.strip())
    return (len(match.group(1)), match.group(2)) if match else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")[:60]


def _chunks(text: str) -> list[str]:
    """Paragraphs packed into passages of at most MAX_PASSAGE_WORDS words; a longer paragraph
    is cut between sentences."""
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        words = paragraph.split()
        if len(words) <= MAX_PASSAGE_WORDS:
            pieces.append(paragraph.strip())
            continue
        current: list[str] = []
        for sentence in _sentences(paragraph):
            if (
                current
                and len(" ".join(current).split()) + len(sentence.split()) > MAX_PASSAGE_WORDS
            ):
                pieces.append(" ".join(current))
                current = []
            current.append(sentence)
        if current:
            pieces.append(" ".join(current))
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1].split()) + len(piece.split()) <= MAX_PASSAGE_WORDS:
            chunks[-1] = f"{chunks[-1]}\n\n{piece}"
        else:
            chunks.append(piece)
    return chunks


# not after "6." (a numbered paragraph of a law) or "art." style abbreviations
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\d\.)(?<!\b[a-z]\.)\s+(?=[A-Z0-9ÀÁÉÈÖÜ(\"'])|\n+")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


# --- words ----------------------------------------------------------------------------------

WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmers() -> tuple:
    import Stemmer

    return tuple(Stemmer.Stemmer(name) for name in ("dutch", "dutch_porter", "english"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The shortest of the Dutch (both Snowball variants) and English stems, so a word gets
    one stem whatever the language around it, and "dagen"/"dag", "uren"/"uur" meet."""
    return min((s.stemWord(word) for s in _stemmers()), key=len)


@lru_cache(maxsize=1)
def index_version() -> str:
    """Changes when the engine or its word lists change, so cached tokens are rebuilt."""
    import hashlib

    return f"{ENGINE_VERSION}-{hashlib.sha256(DATA.read_bytes()).hexdigest()[:12]}"


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = lexicon()["stopwords"]
    return frozenset(data["nl"]) | frozenset(data["en"])


@lru_cache(maxsize=1)
def _parts() -> frozenset[str]:
    data = lexicon()
    words = set(data["compound_parts"])
    for group in data["groups"]:
        for entry in group["nl"]:
            words.update(w for w in WORD.findall(normalise(entry)) if len(w) >= 3)
    return frozenset(words)


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


@lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, ...]:
    """A Dutch compound's parts from the shipped word list, with the linking s or e(n)
    ("opleidingsbudget" -> opleiding + budget); () when the word is not a known compound."""
    if len(word) < 7 or word.isdigit():
        return ()
    known = _parts()
    for cut in range(len(word) - 3, 2, -1):  # longest head first
        head, tail = word[:cut], word[cut:]
        for link in ("", "s", "en", "e"):
            if not tail.startswith(link):
                continue
            rest = tail[len(link) :]
            if head not in known or len(rest) < 3:
                continue
            if rest in known:
                return (head, rest)
            deeper = split_compound(rest)
            if deeper:
                return (head, *deeper)
    return ()


@lru_cache(maxsize=200_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    parts = split_compound(word)
    out = [stem(word)]
    for part in parts:
        if part not in stopwords():
            inner = split_compound(part)  # "werkdag" inside "thuiswerkdag" -> werk + dag
            out.extend(stem(p) for p in (inner or (part,)) if stem(p) not in out)
    return tuple(out)


def tokens(text: str) -> list[str]:
    """Stems of the content words, each followed by the stems of its compound parts."""
    out: list[str] = []
    stop = stopwords()
    for word in words(text):
        if word not in stop and (len(word) > 1 or word.isdigit()):
            out.extend(_word_tokens(word))
    return out


@lru_cache(maxsize=1)
def _lexicon_keys() -> dict[tuple[str, ...], int]:
    """Each lexicon entry as a tuple of stems -> its group number."""
    keys: dict[tuple[str, ...], int] = {}
    for number, group in enumerate(lexicon()["groups"]):
        for entry in (*group["nl"], *group["en"]):
            key = tuple(stem(w) for w in words(entry))
            if key:
                keys.setdefault(key, number)
    return keys


@lru_cache(maxsize=1)
def _group_alternatives() -> list[tuple[tuple[str, ...], ...]]:
    """Each lexicon group as its entries' token tuples: a phrase ("notice period") matches only
    with all its words, never through a common one ("period")."""
    out = []
    for group in lexicon()["groups"]:
        found: list[tuple[str, ...]] = []
        for entry in (*group["nl"], *group["en"]):
            key = tuple(
                t for w in words(entry) if w not in stopwords() for t in _word_tokens(w)[:1]
            )
            if key and key not in found:
                found.append(key)
        out.append(tuple(found))
    return out


@dataclass
class Concept:
    """One content word (or lexicon phrase) of a question and the token tuples that stand for
    it, each with the weight a match on it earns; a tuple matches when all its tokens occur."""

    words: tuple[str, ...]
    alternatives: dict[tuple[str, ...], float] = field(default_factory=dict)

    def add(self, key: tuple[str, ...], weight: float) -> None:
        if key and weight > self.alternatives.get(key, 0.0):
            self.alternatives[key] = weight

    def tokens(self) -> set[str]:
        return {t for key in self.alternatives for t in key}


def concepts(question: str) -> list[Concept]:
    found = words(question)
    stems_ = [stem(w) for w in found]
    keys = _lexicon_keys()
    groups = _group_alternatives()
    stop = stopwords()
    out: list[Concept] = []
    i = 0
    while i < len(found):
        span, group = 1, None
        for n in (4, 3, 2, 1):
            key = tuple(stems_[i : i + n])
            if len(key) == n and key in keys:
                span, group = n, keys[key]
                break
        content = [w for w in found[i : i + span] if w not in stop and (len(w) > 1 or w.isdigit())]
        if content:
            concept = Concept(tuple(content))
            concept.add(tuple(_word_tokens(w)[0] for w in content), 1.0)
            for word in content:
                parts = _word_tokens(word)[1:]
                if parts:
                    concept.add(parts, COMPOUND_WEIGHT)
                    for part in parts:
                        concept.add((part,), PART_WEIGHT)
            if group is not None:
                for alternative in groups[group]:
                    concept.add(alternative, SYNONYM_WEIGHT)
            out.append(concept)
        i += span
    return out


# --- the index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    coverage: float  # the share of the question's weight the passage holds (0..1)


class Index:
    """Two bm25s indexes (passage text, title and headings) over the same passages."""

    def __init__(
        self,
        passages: Sequence[Passage],
        body: Sequence[Sequence[str]] | None = None,
        heads: Sequence[Sequence[str]] | None = None,
    ) -> None:
        self.passages = list(passages)
        self.body = (
            [list(t) for t in body] if body is not None else [body_tokens(p) for p in passages]
        )
        self.heads = (
            [list(t) for t in heads] if heads is not None else [heading_tokens(p) for p in passages]
        )
        self._body_sets = [set(t) | set(h) for t, h in zip(self.body, self.heads, strict=True)]
        df: Counter[str] = Counter()
        for present in self._body_sets:
            df.update(present)
        self.df = dict(df)
        self._body = _bm25(self.body)
        self._head = _bm25(self.heads)

    def __len__(self) -> int:
        return len(self.passages)

    def search(
        self, question: str, k: int = CITATIONS, allowed: Iterable[str] | None = None
    ) -> list[Hit]:
        """The best passages, best first; ``allowed`` limits them to those documents."""
        found = concepts(question)
        if not found or not self.passages:
            return []
        self._add_vocabulary_parts(found)
        total = np.zeros(len(self.passages), dtype=np.float32)
        cache: dict[str, np.ndarray] = {}
        for concept in found:
            best = np.zeros(len(self.passages), dtype=np.float32)
            for key, weight in concept.alternatives.items():
                parts = [self._token_scores(t, cache) for t in key]
                score = sum(parts[1:], parts[0]) / len(parts)
                if len(parts) > 1:
                    score = score * np.all([p > 0 for p in parts], axis=0)
                np.maximum(best, weight * score, out=best)
            total += best
        language = question_language(question)
        if language:  # same score: the passage in the asker's language first
            total *= np.fromiter(
                (1.0 if p.language in (language, "unknown") else 0.9 for p in self.passages),
                dtype=np.float32,
            )
        if allowed is not None:
            keep = set(allowed)
            total *= np.fromiter((p.document in keep for p in self.passages), dtype=np.float32)
        # A passage that covers more of the question comes first (BM25 alone lets one word
        # that a passage repeats outweigh the rest of the question).
        pool = [i for i in np.argsort(-total, kind="stable")[: max(k, RERANK)] if total[i] > 0]
        hits = [
            Hit(self.passages[i], float(total[i]), self.coverage(found, self._body_sets[i]))
            for i in pool
        ]
        hits.sort(key=lambda h: -h.score * h.coverage)
        return hits[:k]

    @cached_property
    def _compounds(self) -> dict[str, list[str]]:
        """Compounds in the documents that the shipped word list does not split
        ("hotelovernachting" -> hotel + overnachting), by part: part -> compounds."""
        out: dict[str, list[str]] = {}
        for word in self.df:
            for part in self._split(word):
                out.setdefault(part, []).append(word)
        return out

    def _split(self, token: str) -> tuple[str, ...]:
        """A stem as two stems the documents use on their own (in VOCABULARY_PART_DF passages
        or more), with a linking s or e(n); () when there are none."""
        if len(token) < 8 or not token.isalpha():
            return ()
        df = self.df
        for cut in range(len(token) - 4, 3, -1):  # longest first part first
            head, tail = token[:cut], token[cut:]
            if df.get(head, 0) < VOCABULARY_PART_DF:
                continue
            for link in ("", "s", "en", "e"):
                rest = tail[len(link) :]
                if (
                    tail.startswith(link)
                    and len(rest) >= 4
                    and df.get(rest, 0) >= VOCABULARY_PART_DF
                ):
                    return (head, rest)
        return ()

    def _add_vocabulary_parts(self, found: list[Concept]) -> None:
        for concept in found:
            for key in list(concept.alternatives):
                if len(key) != 1:
                    continue
                parts = self._split(key[0])  # "klantbezoek" finds "bezoeken aan klanten"
                if parts:
                    concept.add(parts, COMPOUND_WEIGHT)
                for compound in self._compounds.get(key[0], [])[:MAX_VOCABULARY_COMPOUNDS]:
                    concept.add((compound,), PART_WEIGHT)

    def features(self, found: list[Concept], hits: Sequence[Hit]) -> list[float]:
        """What the confidence is computed from (see CALIBRATION)."""
        top = hits[0]
        keys = _lexicon_keys()
        return [
            top.coverage,
            float(any(tuple(stem(w) for w in c.words) in keys for c in found)),
            math.log1p(top.score / len(found)),
        ]

    def confidence(self, question: str, hits: Sequence[Hit]) -> float:
        """The chance that the first three passages hold the answer, from a logistic model
        fitted on the development questions (benchmarks/assistant_calibrate.py)."""
        found = concepts(question)
        if not hits or not found:
            return 0.0
        x = self.features(found, hits)
        z = CALIBRATION["bias"] + sum(w * v for w, v in zip(CALIBRATION["weights"], x, strict=True))
        return round(1 / (1 + math.exp(-z)), 3)

    def _token_scores(self, token: str, cache: dict[str, np.ndarray]) -> np.ndarray:
        if token not in cache:
            cache[token] = _scores(self._body, token) + HEADING_WEIGHT * _scores(self._head, token)
        return cache[token]

    def coverage(self, found: list[Concept], present: set[str]) -> float:
        """The share of the question's weight found in a passage (0..1). A word the documents
        hardly ever use weighs fully when it is missing (the question is probably about
        something they do not cover); a common word that is missing weighs half (probably
        just how the question was put)."""
        rare = max(3, len(self.passages) // 1000)
        weight = covered = 0.0
        for concept in found:
            seen = [self.df[t] for t in concept.tokens() if t in self.df]
            df = max(seen, default=0)
            idf = math.log(1 + (len(self.passages) - df + 0.5) / (df + 0.5))
            matched = [
                w for key, w in concept.alternatives.items() if all(t in present for t in key)
            ]
            best = max(matched, default=0.0)
            if best >= SYNONYM_WEIGHT and best != COMPOUND_WEIGHT:
                best = 1.0
            if not best and df > rare:
                idf /= 2
            weight += idf
            covered += idf * best
        return round(covered / weight, 3) if weight else 0.0

    # -- persistence: the tokens are the expensive part; bm25s rebuilds in milliseconds
    def to_json(self) -> dict:
        return {
            "version": index_version(),
            "passages": [asdict(p) for p in self.passages],
            "body": self.body,
            "heads": self.heads,
        }

    @classmethod
    def from_json(cls, data: dict) -> Index:
        if data.get("version") != index_version():
            raise ValueError("index written by another engine version")
        passages = [passage_from_dict(p) for p in data["passages"]]
        return cls(passages, data["body"], data["heads"])


def _bm25(corpus: list[list[str]]):
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every build at DEBUG
    model = bm25s.BM25()
    # bm25s needs at least one token per document; "" never occurs in a question
    model.index([doc or [""] for doc in corpus] or [[""]], show_progress=False)
    return model


def _scores(model, token: str) -> np.ndarray:
    token_id = model.vocab_dict.get(token)
    if token_id is None:
        return np.zeros(model.scores["num_docs"], dtype=np.float32)
    return model.get_scores_from_ids([token_id])


# --- answers --------------------------------------------------------------------------------

PERSONAL = re.compile(
    r"\b(wat is mijn (bruto|netto)?(salaris|loon|uurloon|saldo|verlofsaldo|urensaldo)"
    r"|hoeveel (verdien ik|salaris krijg ik|loon krijg ik)|wat verdien ik"
    r"|mijn (verlofsaldo|saldo|urensaldo|beoordeling|personeelsdossier|dossier)"
    r"|heb ik nog|(dagen|uren) (heb ik )?(nog )?over\b|nog (over|staan|tegoed)"
    r"|(wordt|word) mijn contract"
    r"|krijg ik (een )?(vast contract|loonsverhoging|opslag|promotie|bonus)"
    r"|what is my (gross |net )?(salary|pay|wage|balance|leave balance)"
    r"|how much do i (earn|make|get paid)|my (leave |holiday |vacation )?balance"
    r"|(do|have) i (still )?(have|got) left|left this year|my (performance )?review"
    r"|my personnel file|will my contract|am i (getting|going to get) (a raise|promoted|a bonus)"
    r"|do i get a raise)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Answer:
    """``kind``: answered | not_found | personal | empty | too_long."""

    question: str
    kind: str
    text: str = ""
    confidence: float = 0.0
    citations: tuple[Hit, ...] = ()

    @property
    def escalate(self) -> bool:
        return self.kind != "answered"

    def as_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "confidence": self.confidence,
            "escalate": self.escalate,
            "kind": self.kind,
            "citations": [
                {
                    "document": h.passage.document,
                    "title": h.passage.title,
                    "section": h.passage.section_label,
                    "anchor": h.passage.anchor,
                    "text": h.passage.text,
                    "effective_date": h.passage.effective_date,
                    "coverage": h.coverage,
                }
                for h in self.citations
            ],
        }


QUESTION_NL = frozenset(
    "hoe wat wanneer waar wie welke hoeveel mag kan moet ik mijn je de het een en is".split()
)
QUESTION_EN = frozenset(
    "how what when where who which can may must do does i my the a an is are".split()
)


def question_language(question: str) -> str:
    """'nl' or 'en' from a question's function words; '' when it does not tell."""
    found = words(question)
    nl = sum(w in QUESTION_NL for w in found)
    en = sum(w in QUESTION_EN for w in found)
    return "" if nl == en else ("nl" if nl > en else "en")


def topic(question: str) -> str:
    """A question's topic, for grouping what the documents miss: the first HR-lexicon term it
    uses (the group's first Dutch word), else its longest content word."""
    groups = lexicon()["groups"]
    keys = _lexicon_keys()
    for concept in concepts(question):
        for key in concept.alternatives:
            if key in keys:
                return groups[keys[key]]["nl"][0]
    content = [w for w in words(question) if w not in stopwords()]
    return max(content, key=len) if content else "—"


def is_personal(question: str) -> bool:
    """A question about the asker's own data, which only HR or the HRIS can answer."""
    return PERSONAL.search(unicodedata.normalize("NFKC", question)) is not None


def answer(
    index: Index,
    question: str,
    *,
    allowed: Iterable[str] | None = None,
    threshold: float = CONFIDENCE_THRESHOLD,
) -> Answer:
    question = " ".join(question.split())
    if not question:
        return Answer(question, "empty")
    if len(question) > MAX_QUESTION:
        return Answer(question[:MAX_QUESTION], "too_long")
    if is_personal(question):
        return Answer(question, "personal")
    hits = index.search(question, k=CITATIONS * 3, allowed=allowed)
    confidence = index.confidence(question, hits)
    if confidence < threshold:
        return Answer(question, "not_found", confidence=confidence)
    top = hits[0]
    cited = [top, *[h for h in hits[1:] if h.score >= 0.35 * top.score][: CITATIONS - 1]]
    return Answer(question, "answered", quote(top.passage.text, question), confidence, tuple(cited))


def quote(text: str, question: str, max_words: int = 80) -> str:
    """The sentences of a passage that answer the question, in their order; a short passage
    is quoted whole."""
    if len(text.split()) <= 120:
        return text
    sentences = _sentences(text)
    wanted: dict[str, float] = {}
    for concept in concepts(question):
        for key, weight in concept.alternatives.items():
            for token in key:
                wanted[token] = max(weight, wanted.get(token, 0.0))
    scored = [sum(wanted.get(t, 0.0) for t in set(tokens(s))) for s in sentences]
    best = max(range(len(sentences)), key=lambda i: (scored[i], -i))
    start = end = best
    size = len(sentences[best].split())
    while True:  # grow a contiguous span with neighbours that also answer
        options = [i for i in (end + 1, start - 1) if 0 <= i < len(sentences) and scored[i] > 0]
        options = [i for i in options if size + len(sentences[i].split()) <= max_words]
        if not options:
            break
        i = options[0]
        size += len(sentences[i].split())
        start, end = min(start, i), max(end, i)
    return " ".join(sentences[start : end + 1])


# --- files and folders ----------------------------------------------------------------------

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


@dataclass
class FolderIndex:
    index: Index
    errors: list[tuple[str, str]]  # (relative path, message)
    files: int
    reused: int  # files whose passages came from the cache


CACHE_NAME = ".mensenwerk-index.json"


def index_folder(root: Path, cache: Path | None = None) -> FolderIndex:
    """Every supported file under ``root`` (hidden files and folders left out), read once and
    cached by size and modification time: only new or changed files are read again."""
    from mensenwerk.engines.text import ExtractionError

    root = root.resolve()
    cache = cache or root / CACHE_NAME
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if cached.get("version") != index_version():
            cached = {}
    except (OSError, ValueError):
        cached = {}
    entries: dict[str, dict] = {}
    errors: list[tuple[str, str]] = []
    reused = 0
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    for path in files:
        rel = path.relative_to(root).as_posix()
        stat = path.stat()
        stamp = [stat.st_size, stat.st_mtime_ns]
        old = cached.get("files", {}).get(rel)
        if old and old["stamp"] == stamp:
            entries[rel] = old
            reused += 1
        elif path.suffix.lower() not in SUPPORTED:
            entries[rel] = {"stamp": stamp, "error": "unsupported file type"}
        else:
            try:
                passages = read_file(path.read_bytes(), path.name, document=rel)
                entries[rel] = {
                    "stamp": stamp,
                    "passages": [asdict(p) for p in passages],
                    "body": [body_tokens(p) for p in passages],
                    "heads": [heading_tokens(p) for p in passages],
                }
            except ExtractionError as exc:
                entries[rel] = {"stamp": stamp, "error": str(exc)}
            except OSError as exc:
                entries[rel] = {"stamp": stamp, "error": exc.strerror or "cannot be read"}
        if "error" in entries[rel]:
            errors.append((rel, entries[rel]["error"]))
    if reused != len(files) or set(cached.get("files", {})) != set(entries):
        # a read-only knowledge base: answer anyway, read the files again next time
        with contextlib.suppress(OSError):
            cache.write_text(
                json.dumps({"version": index_version(), "files": entries}), encoding="utf-8"
            )
    passages_: list[Passage] = []
    body: list[list[str]] = []
    heads: list[list[str]] = []
    for entry in entries.values():
        for p, b, h in zip(
            entry.get("passages", []), entry.get("body", []), entry.get("heads", []), strict=True
        ):
            passages_.append(passage_from_dict(p))
            body.append(b)
            heads.append(h)
    return FolderIndex(Index(passages_, body, heads), errors, len(files), reused)


def body_tokens(passage: Passage) -> list[str]:
    """The passage's words (its headings are scored apart, with their own weight)."""
    return tokens(passage.text)


def heading_tokens(passage: Passage) -> list[str]:
    return tokens(" ".join((passage.title, *passage.section)))


def passage_from_dict(data: dict) -> Passage:
    return Passage(**{**data, "section": tuple(data["section"])})
