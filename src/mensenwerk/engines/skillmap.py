"""Free-text skills as people type them, mapped onto the skills taxonomy.

Contract: ``Vocabulary(extra).match(text)`` returns the ``Match`` (concept key, the label that
matched, and how: ``label``, ``compound`` or ``spelling``) or ``None`` when the text names
nothing known; ``None`` is shown to HR as "unmapped", never dropped. The vocabulary is the
shipped taxonomy (plus an ESCO import) and one ad hoc concept per ``extra`` text that the
taxonomy does not know, so a requirement such as "Storingsanalyse NX-lijn" still matches the
people who wrote it the same way. Matching tries, in order:

1. a label's stems in order, in either language ("forklift licence" → forklift), and a long
   label inside a Dutch compound ("heftruckrijbewijs" → heftruck);
2. spelling: a label within one edit (four letters or more) or two edits (eight or more) of
   the text, a word of it, or two adjacent words written as one ("heidenhein", "klanten
   service"), among the labels that share its first or its last letter.

The longest label wins, so "Nederlands arbeidsrecht" is employment law, not Dutch. A text
maps to one concept; people who mean two write two skills.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from mensenwerk.engines import skills

ENGINE = "skill-mapping"
VERSION = "1"

MAX_TEXT = 200
LEVELS = range(1, 6)
# words that say how or where a skill was learnt, not which skill: ignored when spelling is
# compared ("VCA-basis certificaat" is still "vca")
NOISE = frozenset(
    "certificaat certificate diploma cursus course training basis gevorderd advanced "
    "beginner vloeiend fluent niveau level ervaring experience ms microsoft".split()
)


class SkillsError(Exception):
    """An input the skills engine refuses. ``code`` and ``params`` let the app say why in the
    user's language; ``str()`` is the English sentence for logs and the CLI."""

    MESSAGES = {
        "bad_level": "level {level!r} of {skill!r} is not a whole number from 1 to 5",
        "too_long": "the skill {skill!r} is longer than {limit} characters",
        "bad_number": "{column} {value!r} is not a number of 0 or more",
        "bad_must": "must {value!r} is not yes or no",
    }

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.MESSAGES[code].format(**params))


@dataclass(frozen=True)
class Entry:
    """One skill as written, with its level (``None``: none written)."""

    text: str
    level: int | None = None


_LEVEL = re.compile(r"^(?P<text>.*?)\s*:\s*(?P<level>[^:]*)$")


def parse_entry(raw: str) -> Entry:
    """ "PLC programmeren:2" → Entry("PLC programmeren", 2); "Excel" → Entry("Excel", None)."""
    raw = " ".join(raw.split())
    text, level = raw, None
    found = _LEVEL.match(raw)
    if found:
        text = found["text"].strip()
        try:
            level = int(found["level"].strip())
        except ValueError:
            raise SkillsError("bad_level", level=found["level"].strip(), skill=text) from None
        if level not in LEVELS:
            raise SkillsError("bad_level", level=found["level"].strip(), skill=text)
    if len(text) > MAX_TEXT:
        raise SkillsError("too_long", skill=text[:40] + "…", limit=MAX_TEXT)
    return Entry(text, level)


def parse_list(text: str) -> list[Entry]:
    """A list separated by ';' or new lines; empty parts are skipped."""
    return [parse_entry(part) for part in re.split(r"[;\n]", text) if part.strip()]


@dataclass(frozen=True)
class Match:
    key: str  # the concept id, or "text:<normalised>" for an ad hoc concept
    label: str  # the label that matched, as the taxonomy writes it
    how: str  # "label", "compound" or "spelling"


@dataclass(frozen=True)
class _Label:
    key: str
    text: str
    term: skills.Term
    squashed: str  # normalised, letters and digits only: "klantenservice"


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9+#]", "", skills.normalise(text))


def _words(text: str) -> list[str]:
    return [w for w in skills.TOKEN.findall(skills.normalise(text)) if w not in NOISE]


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps (optimal string alignment); ``limit + 1`` as soon as
    it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(length: int) -> int:
    return 2 if length >= 8 else 1 if length >= 4 else 0


@dataclass
class _Index:
    """Labels indexed three ways: by first stem, single long stems (compounds), and by length
    with first or last letter (spelling: a misspelling nearly always keeps one of them, and
    comparing only those keeps the edit distance affordable)."""

    by_first: dict[str, list[_Label]]
    compound: list[_Label]
    by_shape: dict[tuple[int, str], list[_Label]]

    @classmethod
    def of(cls, labels: list[_Label]) -> _Index:
        by_first: dict[str, list[_Label]] = {}
        by_shape: dict[tuple[int, str], list[_Label]] = {}
        for label in labels:
            by_first.setdefault(label.term.stems[0], []).append(label)
            if label.squashed and allowed_edits(len(label.squashed)):
                for end in {"<" + label.squashed[0], ">" + label.squashed[-1]}:
                    by_shape.setdefault((len(label.squashed), end), []).append(label)
        compound = [
            label
            for label in labels
            if len(label.term.stems) == 1 and len(label.term.stems[0]) >= 5
        ]
        return cls(by_first, compound, by_shape)


_BASE: list[tuple[object, _Index]] = []  # (the taxonomy's label keys it was built from, index)


def _base_index() -> _Index:
    """The taxonomy's index, built once per process and again after ``skills.reload()``: with
    an ESCO import it holds tens of thousands of labels, too many to index on every page."""
    keys = skills._label_keys()
    if not _BASE or _BASE[0][0] is not keys:
        labels = [
            _Label(concept.id, term.text, term, _squash(term.text))
            for concept, terms in keys
            for term in terms
        ]
        _BASE[:] = [(keys, _Index.of(labels))]
    return _BASE[0][1]


class Vocabulary:
    """The taxonomy's labels plus ad hoc concepts; ``match`` is cached per text."""

    def __init__(self, extra: Iterable[str] = (), aliases: dict[str, str] | None = None) -> None:
        """``aliases``: the organisation's own words, each pointing at the skill it means
        (written as any known label or requirement), as HR links unmapped skills."""
        self._base = _base_index()
        self._own_labels: list[_Label] = []  # ad hoc concepts and aliases, after the taxonomy
        self._own = _Index.of([])
        self._cache: dict[tuple[str, frozenset[str]], Match | None] = {}
        extra = list(extra) + list((aliases or {}).values())
        for text in dict.fromkeys(t.strip() for t in extra if t.strip()):
            if self.match(text) is None:
                self._add_ad_hoc(text)
        self._reindex()
        for alias, means in (aliases or {}).items():
            target = self.match(means)
            stems = tuple(s for s in skills.stems(alias) if s not in skills.STOP)
            if target is not None and stems:
                term = skills.Term(stems, alias)
                self._own_labels.append(_Label(target.key, alias, term, _squash(alias)))
        self._reindex()

    def _reindex(self) -> None:
        self._own = _Index.of(self._own_labels)
        self._cache.clear()

    def _first(self, stem: str) -> list[_Label]:
        return self._base.by_first.get(stem, []) + self._own.by_first.get(stem, [])

    def _compounds(self) -> list[_Label]:
        return (
            self._base.compound + self._own.compound if self._own.compound else self._base.compound
        )

    def _shaped(self, key: tuple[int, str]) -> list[_Label]:
        return self._base.by_shape.get(key, []) + self._own.by_shape.get(key, [])

    def found_in(self, text: str) -> list[tuple[Match, str]]:
        """Every concept a document names by label (no spelling guesses: a CV is not a
        typed list), once, with the first line that names it as the evidence."""
        found: dict[str, tuple[Match, str]] = {}
        for line in text.splitlines():
            line = " ".join(line.split())[:MAX_TEXT]
            if not line:
                continue
            for match in self._all_labels(line):
                found.setdefault(match.key, (match, line))
        return list(found.values())

    def _all_labels(self, text: str) -> list[Match]:
        line = skills.stems(text)
        best: dict[str, _Label] = {}
        for stem in dict.fromkeys(line):
            for label in self._first(stem):
                if skills.matches(label.term, line) and _longer(label, best.get(label.key)):
                    best[label.key] = label
        return [Match(label.key, label.text, "label") for label in best.values()]

    def _add_ad_hoc(self, text: str) -> None:
        key = tuple(s for s in skills.stems(text) if s not in skills.STOP)
        if key:
            term = skills.Term(key, text)
            # judged against the taxonomy only: "Stap 1" and "Stap 2" stay two requirements
            self._own_labels.append(_Label("text:" + " ".join(key), text, term, _squash(text)))

    def match(self, text: str, prefer: frozenset[str] = frozenset()) -> Match | None:
        """``prefer``: the concept keys the person's role asks for. A text that names one of
        them (by label or spelling) counts as that one, even when a longer or more general
        label of another concept is in it too ("rijbewijs heftruck" for a role that asks
        heftruck; "salaris administratie" for one that asks payroll)."""
        text = " ".join(text.split())[:MAX_TEXT]
        key = (text, prefer)
        if key not in self._cache:
            if prefer:
                found = (
                    self._exact(text, prefer) or self._spelling(text, prefer) or self.match(text)
                )
            else:
                found = self._exact(text) or self._spelling(text)
            self._cache[key] = found
        return self._cache[key]

    def _exact(self, text: str, only: frozenset[str] = frozenset()) -> Match | None:
        line = skills.stems(text)
        best: _Label | None = None
        how = ""
        for stem in dict.fromkeys(line):
            for label in self._first(stem):
                if only and label.key not in only:
                    continue
                if skills.matches(label.term, line) and _longer(label, best):
                    best, how = label, "label"
        long_tokens = [token for token in line if len(token) > 6]
        if long_tokens:
            for label in self._compounds():
                if only and label.key not in only:
                    continue
                stem = label.term.stems[0]
                if any(stem in token for token in long_tokens) and _longer(label, best):
                    best, how = label, "compound"
        return Match(best.key, best.text, how) if best else None

    def _spelling(self, text: str, only: frozenset[str] = frozenset()) -> Match | None:
        words = _words(text)
        if not words:
            return None
        candidates = {"".join(words), *words}
        candidates |= {a + b for a, b in pairwise(words)}
        best: tuple[int, int, _Label] | None = None
        for candidate in candidates:
            limit = allowed_edits(len(candidate))
            if not limit:
                continue
            seen: set[int] = set()
            for length in range(len(candidate) - limit, len(candidate) + limit + 1):
                labels = self._shaped((length, "<" + candidate[0]))
                labels = labels + self._shaped((length, ">" + candidate[-1]))
                for label in labels:
                    if id(label) in seen or (only and label.key not in only):
                        continue
                    seen.add(id(label))
                    edits = distance(candidate, label.squashed, limit)
                    if edits <= min(limit, allowed_edits(len(label.squashed))):
                        rank = (edits, -len(label.squashed), label)
                        if best is None or rank[:2] < best[:2]:
                            best = rank
        return Match(best[2].key, best[2].text, "spelling") if best else None


def _longer(label: _Label, best: _Label | None) -> bool:
    return best is None or len(label.squashed) > len(best.squashed)


@lru_cache(maxsize=1)
def shipped() -> Vocabulary:
    """The taxonomy alone (no ad hoc concepts), built once per process."""
    return Vocabulary()
