"""Words of questions and passages: normalised, stemmed (the shorter Snowball stem), Dutch
compounds split, the nl/en HR lexicon's alternatives grouped into concepts, and the question's
language."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mensenwerk.engines.skills import normalise

if TYPE_CHECKING:  # the text engine imports the PDF and DOCX readers: only when reading
    pass
from mensenwerk.engines.retrieval.passages import Passage

ENGINE = "retrieval"
VERSION = "3"  # 3: "ge-" roots kept, -eert/-eer verbs meet their nouns


DATA = Path(__file__).resolve().parent.parent / "data" / "hr_lexicon.json"


SYNONYM_WEIGHT = 0.6  # a lexicon alternative scores and covers a little less than the word


COMPOUND_WEIGHT = 0.9  # all parts of a compound word, written apart


PART_WEIGHT = 0.4  # one part of a compound word


WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmers() -> tuple:
    import Stemmer

    return tuple(Stemmer.Stemmer(name) for name in ("dutch", "dutch_porter", "english"))


# Both Dutch stemmers strip "ge-" as if every such word were a participle (gewerkt -> werk,
# useful), which also turns roots into other words: gezond -> zon (sun), genieten -> niet (not),
# geloof -> loof, gewond -> won, gemeente -> meen. Words starting with these roots keep their
# "ge". Reviewed by hand (2026-12-01) from a Dutch frequency list's ge- words that are not
# participles; a compound starting with one ("gezondheidszorg") counts too.
GE_ROOTS = tuple(
    """gebaar gebak gebed gebergte gebeurtenis gebied gebit gebod geboort gebouw gebrek gebruik
    gedachte gedeelte gedicht gedrag geduld geest gehalte geheim geheugen gehoor gehandicapt
    gelegenheid geloof gelov geluk gelijk gemak gemeente gemeenschap gemiddeld genade genees
    geniet genoeg genot gerecht gereedschap gering geschenk geschiedenis geschikt geschil
    geslacht gesprek getal getuig gevaar geval gevel gevoel gevolg geweld gewicht gewond gewoon
    gewricht gezag gezellig gezicht gezin gezond""".split()
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The shortest of the Dutch (both Snowball variants) and English stems, so a word gets
    one stem whatever the language around it, and "dagen"/"dag", "uren"/"uur" meet; "ge-"
    kept on the roots above; the -eert form and the -eer stem of a verb on -eren meet it and
    its noun (discrimineert, discrimineren, discriminatie -> discriminer)."""
    # "discrimineert" is stemmed as its infinitive "discrimineren"
    base = word[:-4] + "eren" if word.endswith("eert") and len(word) > 6 else word
    found = min((s.stemWord(base) for s in _stemmers()), key=len)
    if word.startswith(GE_ROOTS) and not found.startswith("ge"):
        found = "ge" + found
    if found.endswith("eer") and len(found) >= 6:
        found = found[:-2] + "r"
    return found


@lru_cache(maxsize=1)
def index_version() -> str:
    """Changes when the engine or its word lists change, so cached tokens are rebuilt."""
    import hashlib

    return f"{ENGINE}-{VERSION}-{hashlib.sha256(DATA.read_bytes()).hexdigest()[:12]}"


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
def lexicon_keys() -> dict[tuple[str, ...], int]:
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
    keys = lexicon_keys()
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


def body_tokens(passage: Passage) -> list[str]:
    """The passage's words (its headings are scored apart, with their own weight)."""
    return tokens(passage.text)


def heading_tokens(passage: Passage) -> list[str]:
    return tokens(" ".join((passage.title, *passage.section)))
