"""The shipped skills taxonomy and term matching for Dutch and English text.

A criterion is expanded to every label of the concepts it names, in both languages, so
"frezen" finds "milling" and "verzuimbegeleiding" finds "absence management". Matching works
on normalised tokens with Snowball stems (PyStemmer), and for Dutch compounds also on the
parts: "cnc-freeswerk" contains "frees".
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ENGINE = "skills-taxonomy"
VERSION = "1"


log = logging.getLogger("mensenwerk.skills")
DATA = Path(__file__).resolve().parent / "data" / "skills.json"


def extension_path() -> Path:
    """Where `mensenwerk taxonomy import-esco` writes the imported ESCO concepts."""
    data_dir = os.environ.get("MENSENWERK_DATA_DIR", "").strip() or "data"
    return Path(data_dir).expanduser().resolve() / "taxonomy" / "esco.json"


TOKEN = re.compile(r"[a-z0-9+#]+(?:[./][a-z0-9+#]+)*")
STOP = frozenset(
    "de het een en of van in op met voor te aan the a an and or of in on with for "
    "to at kennis ervaring experience knowledge".split()
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[-_]", " ", text)


@lru_cache(maxsize=2)
def _stemmers() -> tuple[object, object]:
    import Stemmer

    return Stemmer.Stemmer("dutch"), Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """One normalised word's stem: the shorter of the Dutch and the English Snowball stem, so a
    word gets the same stem whatever language the text around it is in."""
    dutch, english = _stemmers()
    nl = dutch.stemWord(word)  # type: ignore[attr-defined]
    en = english.stemWord(word)  # type: ignore[attr-defined]
    return nl if len(nl) <= len(en) else en


def stems(text: str) -> list[str]:
    """Tokens stemmed with both the Dutch and the English stemmer (the shorter wins)."""
    dutch, english = _stemmers()
    tokens = TOKEN.findall(normalise(text))
    nl = dutch.stemWords(tokens)  # type: ignore[attr-defined]
    en = english.stemWords(tokens)  # type: ignore[attr-defined]
    return [a if len(a) <= len(b) else b for a, b in zip(nl, en, strict=True)]


@dataclass(frozen=True)
class Concept:
    id: str
    labels: tuple[str, ...]
    nl: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    # a narrower concept ("reachtruck" under "heftruck"): a criterion for the broader one also
    # finds it, but a person who has the narrower skill does not have the broader one
    broader: str = ""
    # "occupation": a job title and its synonyms; it makes work periods relevant and expands a
    # criterion that names it, but is never read as someone's skill or suggested as a criterion
    kind: str = "skill"
    source: str = ""


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Concept, ...]:
    """The shipped concepts, then those imported from ESCO (when an import exists)."""
    concepts = json.loads(DATA.read_text(encoding="utf-8"))["concepts"]
    extension = extension_path()
    if extension.is_file():
        try:
            concepts = concepts + json.loads(extension.read_text(encoding="utf-8"))["concepts"]
        except (OSError, ValueError, KeyError) as exc:
            # a damaged import must not stop screening; `import-esco` can be rerun
            log.warning("ignoring the ESCO import %s: %s", extension, exc)
    return tuple(
        Concept(
            c.get("id") or c["uri"],
            tuple(c["nl"] + c["en"]),
            tuple(c["nl"]),
            tuple(c["en"]),
            c.get("broader", ""),
            c.get("kind", "skill"),
            c.get("source", ""),
        )
        for c in concepts
    )


@lru_cache(maxsize=1)
def _normalised_labels() -> tuple[tuple[Concept, tuple[str, ...]], ...]:
    return tuple((c, tuple(normalise(label) for label in c.labels)) for c in taxonomy())


@lru_cache(maxsize=1)
def _narrower() -> dict[str, tuple[Concept, ...]]:
    out: dict[str, list[Concept]] = {}
    for concept in taxonomy():
        if concept.broader:
            out.setdefault(concept.broader, []).append(concept)
    return {key: tuple(value) for key, value in out.items()}


@lru_cache(maxsize=1)
def _label_keys() -> tuple[tuple[Concept, tuple[Term, ...]], ...]:
    out = []
    for concept in taxonomy():
        if concept.kind == "occupation":
            continue
        keys = []
        for label in concept.labels:
            key = tuple(s for s in stems(label) if s not in STOP)
            if key:
                keys.append(Term(key, label))
        out.append((concept, tuple(keys)))
    return tuple(out)


@dataclass(frozen=True)
class Occupation:
    """An ESCO occupation from the import, with its skills as concepts of the taxonomy."""

    uri: str
    nl: tuple[str, ...]
    en: tuple[str, ...]
    essential: tuple[Concept, ...]
    optional: tuple[Concept, ...]

    def label(self, language: str) -> str:
        labels = self.nl if language == "nl" else self.en
        return (labels or self.nl or self.en or (self.uri,))[0]


@lru_cache(maxsize=1)
def occupations() -> tuple[Occupation, ...]:
    """The imported ESCO occupations that have skill relations; none without an import."""
    path = extension_path()
    if not path.is_file():
        return ()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        relations = data.get("occupation_skills") or {}
    except (OSError, ValueError, AttributeError):
        return ()
    by_uri = {c.id: c for c in taxonomy()}
    found = []
    for concept in data.get("concepts", []):
        links = relations.get(concept.get("uri"))
        if not links:
            continue
        found.append(
            Occupation(
                concept["uri"],
                tuple(concept.get("nl", [])),
                tuple(concept.get("en", [])),
                tuple(by_uri[u] for u in links.get("essential", []) if u in by_uri),
                tuple(by_uri[u] for u in links.get("optional", []) if u in by_uri),
            )
        )
    return tuple(found)


def find_occupations(query: str, limit: int = 10) -> list[Occupation]:
    """Occupations with a label that holds every word of the query (stems, in order)."""
    term = Term(tuple(s for s in stems(query) if s not in STOP), query)
    if not term.stems:
        return []
    found = [o for o in occupations() if any(matches(term, stems(label)) for label in o.nl + o.en)]
    return sorted(found, key=lambda o: (len(o.label("nl")), o.label("nl")))[:limit]


def reload() -> None:
    """After an import: read the taxonomy again."""
    for cached in (taxonomy, _normalised_labels, _label_keys, _narrower, occupations, _expand):
        cached.cache_clear()


def suggest(text: str, language: str, limit: int = 15) -> list[str]:
    """Criteria a vacancy text names, one label per taxonomy concept in the text's language,
    in order of first appearance: a starting point the recruiter edits, never a decision."""
    lines = [stems(line) for line in re.split(r"[\n.;:!?]", text) if line.strip()]
    found: list[tuple[int, str]] = []
    present = {s for line in lines for s in line}
    for concept, keys in _label_keys():
        if not any(key.stems[0] in present for key in keys):
            continue  # cheap pre-check: thousands of imported concepts, few in any ad
        labels = concept.nl if language == "nl" else concept.en
        for position, line in enumerate(lines):
            if any(matches(key, line) for key in keys):
                found.append((position, (labels or concept.labels)[0]))
                break
    return [label for _position, label in sorted(found)][:limit]


@dataclass(frozen=True)
class Term:
    """One way a criterion can appear: a tuple of stems that must occur in order."""

    stems: tuple[str, ...]
    text: str


def expand(criterion: str) -> list[Term]:
    """The criterion's own alternatives ("A of B", "A/B", "A or B") plus taxonomy synonyms."""
    return list(_expand(criterion))


@lru_cache(maxsize=8192)
def _expand(criterion: str) -> tuple[Term, ...]:
    # cached: a batch scores every CV against the same few criteria
    alternatives = [a.strip() for a in re.split(r"\s+(?:of|or)\s+|/|,", criterion) if a.strip()]
    texts: list[str] = []
    for alternative in alternatives:
        texts.append(alternative)
        wanted = normalise(alternative)
        for concept, labels in _normalised_labels():
            if any(label == wanted or _contains(wanted, label) for label in labels):
                texts.extend(concept.labels)
                for narrower in _narrower().get(concept.id, ()):
                    texts.extend(narrower.labels)
    terms: dict[tuple[str, ...], Term] = {}
    for text in texts:
        key = tuple(s for s in stems(text) if s not in STOP)
        if key and key not in terms:
            terms[key] = Term(key, text)
    return tuple(terms.values())


# words of a job title that say nothing about the occupation
TITLE_NOISE = frozenset(
    stems(
        "medewerker medewerkster employee assistent assistant junior senior allround ervaren "
        "zelfstandig m v x f parttime fulltime"
    )
)


def expand_title(title: str) -> list[Term]:
    """A vacancy title's terms for relevant work experience: the title itself and the labels
    of every concept it contains, occupations included ("Vrachtwagenchauffeur CE" ->
    "beroepschauffeur", "truck driver"), without terms made only of generic words."""
    cleaned = re.sub(r"\([^)]*\)", " ", title)
    return [t for t in expand(cleaned) if not set(t.stems) <= TITLE_NOISE]


def _contains(text: str, label: str) -> bool:
    """A label counts inside a longer criterion only as whole words ("cnc frezen" in
    "cnc frezen op een dmg")."""
    if len(label) < 4:
        return False
    start = text.find(label)
    while start >= 0:  # str.find, not a regex per label: thousands of labels, one criterion
        end = start + len(label)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() and before.isascii()) and not (
            after.isalnum() and after.isascii()
        ):
            return True
        start = text.find(label, start + 1)
    return False


def matches(term: Term, line_stems: list[str]) -> bool:
    """All stems of the term occur in the line, in order; a single long stem may also sit
    inside a Dutch compound token."""
    if len(term.stems) == 1:
        stem = term.stems[0]
        if stem in line_stems:
            return True
        return len(stem) >= 5 and any(stem in token for token in line_stems if len(token) > 6)
    position = 0
    for stem in term.stems:
        try:
            position = line_stems.index(stem, position) + 1
        except ValueError:
            return False
    return True
