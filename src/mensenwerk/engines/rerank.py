"""Re-rank many already-parsed candidates against a new vacancy, fast, with the same score.

``matching.score`` reads one CV line by line: fine for a batch of applications, too slow for a
talent pool of 100,000. ``build`` turns pseudonymised CV texts into an inverted index once
(each distinct line's stems as integer ids, postings per stem, work periods with their context
lines, the highest education level); ``scores`` then evaluates a vacancy with array operations
and gives the score ``matching.score`` would give (tested for equality). The explanation for the
candidates a recruiter opens is still made by ``matching.score``, which quotes the evidence.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from mensenwerk.engines import matching, qualifications, skills

ENGINE = "rerank"
VERSION = "1"


LIST_SECTIONS = ("skills", "languages")


@dataclass
class Index:
    """Lines are stored once per distinct text ("content"): headings, language lines and
    stock phrases recur across CVs, and a term is looked up per content, not per line."""

    n: int
    vocab: dict[str, int]
    long_tokens: list[tuple[str, int]]  # tokens over 6 characters, for compound matching
    content_tokens: np.ndarray  # int32: token ids of content c are at content_ptr[c]:…[c + 1]
    content_ptr: np.ndarray  # int64
    post_ptr: np.ndarray  # int64: contents holding token t: post_contents[post_ptr[t]:…]
    post_contents: np.ndarray  # int32
    line_content: np.ndarray  # int32: the content of each line
    line_cand: np.ndarray  # int32: the candidate of each line
    line_list: np.ndarray  # bool: the line is in a skills or languages list
    line_lang: np.ndarray  # bool: the line is in the languages section
    period_cand: np.ndarray  # int32
    period_start: np.ndarray  # int64 months
    period_end: np.ndarray  # int64 months (exclusive)
    ctx_ptr: np.ndarray  # int64: context lines of period p are ctx_lines[ctx_ptr[p]:…]
    ctx_lines: np.ndarray  # int32
    education: np.ndarray  # int8: highest level found in the education section (0 = none)
    # per candidate, the qualifications the CV mentions (most CVs: a few, as small objects)
    facts: list[tuple[qualifications.Fact, ...]] = field(default_factory=list)
    today: date = field(default_factory=date.today)  # the day expiry dates are judged on
    with_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> candidates

    @property
    def contents(self) -> int:
        return len(self.content_ptr) - 1

    def content_ids(self, content: int) -> list[int]:
        return self.content_tokens[
            self.content_ptr[content] : self.content_ptr[content + 1]
        ].tolist()


def build(texts: Iterable[str], today: date) -> Index:
    """Index pseudonymised CV texts (the same text ``matching.score`` receives), streaming:
    the texts themselves are not kept."""
    builder = _Builder(today)
    for cand, text in enumerate(texts):
        builder.add(cand, text)
    return builder.index()


@dataclass
class _Builder:
    """Flat arrays filled one CV at a time (a list of objects per line would not fit in
    memory for 100,000 CVs)."""

    today: date
    n: int = 0
    vocab: dict[str, int] = field(default_factory=dict)
    content_of: dict[str, int] = field(default_factory=dict)
    content_tokens: array = field(default_factory=lambda: array("i"))
    content_ptr: array = field(default_factory=lambda: array("q", [0]))
    line_content: array = field(default_factory=lambda: array("i"))
    line_cand: array = field(default_factory=lambda: array("i"))
    line_list: bytearray = field(default_factory=bytearray)
    line_lang: bytearray = field(default_factory=bytearray)
    period_cand: array = field(default_factory=lambda: array("i"))
    period_start: array = field(default_factory=lambda: array("q"))
    period_end: array = field(default_factory=lambda: array("q"))
    ctx_ptr: array = field(default_factory=lambda: array("q", [0]))
    ctx_lines: array = field(default_factory=lambda: array("i"))
    education: array = field(default_factory=lambda: array("b"))
    facts: list[tuple[qualifications.Fact, ...]] = field(default_factory=list)
    with_kind: dict[str, list[int]] = field(default_factory=dict)

    def add(self, cand: int, text: str) -> None:
        self.n = cand + 1
        # locals: this loop runs for every line of every CV (millions for a large pool)
        vocab, content_of, content_tokens = self.vocab, self.content_of, self.content_tokens
        line_content, line_cand = self.line_content, self.line_cand
        experience_lines: list[tuple[int, str]] = []
        best_level = 0
        pairs = matching.sections(text)
        found = tuple(qualifications.facts(pairs))
        self.facts.append(found)
        for kind in {f.kind for f in found}:
            self.with_kind.setdefault(kind, []).append(cand)
        for section, line in pairs:
            content = content_of.get(line)
            if content is None:
                content = content_of[line] = len(content_of)
                content_tokens.extend(vocab.setdefault(s, len(vocab)) for s in skills.stems(line))
                self.content_ptr.append(len(content_tokens))
            line_id = len(line_cand)
            line_content.append(content)
            line_cand.append(cand)
            self.line_list.append(section in LIST_SECTIONS)
            self.line_lang.append(section == "languages")
            if section == "experience":
                experience_lines.append((line_id, line))
            elif section == "education":
                for level, pattern in matching.EDUCATION_PATTERNS:
                    if pattern.search(line):
                        best_level = max(best_level, level)
                        break
        self.education.append(best_level)
        self._periods(cand, experience_lines)

    def _periods(self, cand: int, experience_lines: list[tuple[int, str]]) -> None:
        limit = self.today.year * 12 + 11
        for index, (_line_id, line) in enumerate(experience_lines):
            for match in matching.period_matches(line):
                start, end = matching._months(match.group(1), match.group(2), self.today)
                if end < start or end > limit:
                    continue
                self.period_cand.append(cand)
                self.period_start.append(start)
                self.period_end.append(end + 1)
                self.ctx_lines.extend(
                    line_id for line_id, _l in experience_lines[index : index + 3]
                )
                self.ctx_ptr.append(len(self.ctx_lines))

    def index(self) -> Index:
        content_tokens, vocab = self.content_tokens, self.vocab
        tokens = (
            np.frombuffer(content_tokens, dtype=np.int32)
            if content_tokens
            else np.empty(0, np.int32)
        )
        ptr = np.frombuffer(self.content_ptr, dtype=np.int64)
        owner = np.repeat(np.arange(len(ptr) - 1, dtype=np.int64), np.diff(ptr))
        pairs = np.unique(tokens.astype(np.int64) * (len(ptr) + 1) + owner)
        post_tok = pairs // (len(ptr) + 1)
        return Index(
            n=self.n,
            vocab=vocab,
            long_tokens=[(t, i) for t, i in vocab.items() if len(t) > 6],
            content_tokens=tokens,
            content_ptr=ptr,
            post_ptr=np.searchsorted(post_tok, np.arange(len(vocab) + 1)).astype(np.int64),
            post_contents=(pairs % (len(ptr) + 1)).astype(np.int32),
            line_content=_ints(self.line_content, np.int32),
            line_cand=_ints(self.line_cand, np.int32),
            line_list=np.frombuffer(bytes(self.line_list), dtype=np.uint8).astype(bool),
            line_lang=np.frombuffer(bytes(self.line_lang), dtype=np.uint8).astype(bool),
            period_cand=_ints(self.period_cand, np.int32),
            period_start=_ints(self.period_start, np.int64),
            period_end=_ints(self.period_end, np.int64),
            ctx_ptr=np.frombuffer(self.ctx_ptr, dtype=np.int64),
            ctx_lines=_ints(self.ctx_lines, np.int32),
            education=_ints(self.education, np.int8),
            facts=self.facts,
            today=self.today,
            with_kind=self.with_kind,
        )


def _ints(values: array, dtype: type) -> np.ndarray:
    return np.frombuffer(values, dtype=dtype) if len(values) else np.empty(0, dtype)


def _postings(index: Index, token: int) -> np.ndarray:
    return index.post_contents[index.post_ptr[token] : index.post_ptr[token + 1]]


def _in_order(ids: list[int], wanted: list[int]) -> bool:
    position = 0
    for token in wanted:
        try:
            position = ids.index(token, position) + 1
        except ValueError:
            return False
    return True


class _Matcher:
    """Contents and work periods where a term occurs, exactly as ``skills.matches`` decides."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.period_of_ctx = np.repeat(
            np.arange(len(index.period_cand), dtype=np.int64), np.diff(index.ctx_ptr)
        )
        self.ctx_content = index.line_content[index.ctx_lines]

    def contents(self, term: skills.Term) -> np.ndarray:
        """Boolean per content."""
        index = self.index
        hit = np.zeros(index.contents, dtype=bool)
        if len(term.stems) == 1:
            stem = term.stems[0]
            if stem in index.vocab:
                hit[_postings(index, index.vocab[stem])] = True
            if len(stem) >= 5:
                for token, token_id in index.long_tokens:
                    if stem in token:
                        hit[_postings(index, token_id)] = True
            return hit
        if any(s not in index.vocab for s in term.stems):
            return hit
        wanted = [index.vocab[s] for s in term.stems]
        common = _postings(index, wanted[0])
        for token in wanted[1:]:
            common = np.intersect1d(common, _postings(index, token), assume_unique=True)
        for content in common.tolist():
            hit[content] = _in_order(index.content_ids(content), wanted)
        return hit

    def periods(self, term: skills.Term, hit: np.ndarray) -> np.ndarray:
        """Boolean per period: the term occurs in its line or the two experience lines after."""
        index = self.index
        sure = self._any_context(hit)
        if len(term.stems) == 1 or any(s not in index.vocab for s in term.stems):
            return sure
        # several stems may also meet across the context lines: check those periods one by one
        possible = ~sure
        for stem in term.stems:
            has = np.zeros(index.contents, dtype=bool)
            has[_postings(index, index.vocab[stem])] = True
            possible &= self._any_context(has)
        wanted = [index.vocab[s] for s in term.stems]
        for period in np.flatnonzero(possible).tolist():
            context = self.ctx_content[index.ctx_ptr[period] : index.ctx_ptr[period + 1]]
            ids = [t for content in context.tolist() for t in index.content_ids(content)]
            sure[period] = _in_order(ids, wanted)
        return sure

    def _any_context(self, hit: np.ndarray) -> np.ndarray:
        counts = np.bincount(
            self.period_of_ctx,
            weights=hit[self.ctx_content],
            minlength=len(self.index.period_cand),
        )
        return counts > 0


def _credit(index: Index, hit: np.ndarray, language: bool) -> np.ndarray:
    credit = np.zeros(index.n)
    lines = np.flatnonzero(hit[index.line_content])
    listed = index.line_list[lines]
    if language:
        listed &= ~index.line_lang[lines]  # for a language, the languages list is evidence
    credit[index.line_cand[lines[listed]]] = matching.CREDIT["partly_met"]
    credit[index.line_cand[lines[~listed]]] = matching.CREDIT["met"]
    return credit


def _qualification_credit(index: Index, req: qualifications.Requirement, today: date) -> np.ndarray:
    """Per candidate, the credit ``matching`` gives a qualification: decided on the facts read
    at indexing time, looking only at candidates with a fact of a kind that can count."""
    credit = np.zeros(index.n)
    kinds = qualifications.kinds_for(req)
    for cand in sorted({c for kind in kinds for c in index.with_kind.get(kind, ())}):
        detail = qualifications.check(req, list(index.facts[cand]), today).detail
        credit[cand] = matching.CREDIT[matching.QUALIFICATION_STATUS[detail]]
    return credit


def _merged_years(index: Index, relevant: np.ndarray) -> np.ndarray:
    """Per candidate, months covered by the relevant periods (overlaps merged), as years."""
    cand = index.period_cand[relevant].astype(np.int64)
    start, end = index.period_start[relevant], index.period_end[relevant]
    order = np.lexsort((start, cand))
    cand, start, end = cand[order], start[order], end[order]
    months = np.zeros(index.n)
    if len(cand):
        offset = cand * 10**7  # groups never overlap after the offset
        running = np.maximum.accumulate(end + offset)
        previous = np.concatenate(([-1], running[:-1]))
        first = np.concatenate(([True], cand[1:] != cand[:-1]))
        previous = np.where(first, offset - 1, previous)
        covered = np.maximum(0, (end + offset) - np.maximum(start + offset, previous))
        months = np.bincount(cand, weights=covered, minlength=index.n)
    return np.round(months / 12, 1)


def scores(index: Index, vacancy: matching.Vacancy) -> np.ndarray:
    """The score of every indexed candidate: ``matching.score`` before its rounding to four
    decimals (rounding half-way cases can differ between NumPy and Python, ranks cannot)."""
    matcher = _Matcher(index)
    criteria = list(vacancy.criteria) + [
        matching.Criterion(matching.LANGUAGE_CRITERIA.get(code, code), "must_have")
        for code in vacancy.languages
    ]
    relevant = np.zeros(len(index.period_cand), dtype=bool)
    if len(index.period_cand):
        for term in matching.relevance_terms(vacancy):
            relevant |= matcher.periods(term, matcher.contents(term))
    must: list[np.ndarray] = []
    nice: list[tuple[np.ndarray, float]] = []
    for criterion in criteria:
        req = qualifications.requirement(criterion.name)
        if req is not None:
            credit = _qualification_credit(index, req, index.today)
        else:
            hit = np.zeros(index.contents, dtype=bool)
            for term in skills.expand(criterion.name):
                hit |= matcher.contents(term)
            language = criterion.name in matching.LANGUAGE_CRITERIA.values()
            credit = _credit(index, hit, language)
        if criterion.kind == "must_have":
            must.append(credit)
        else:
            nice.append((credit, criterion.weight))
    if vacancy.education in matching.EDUCATION_LEVELS:
        wanted = matching.EDUCATION_LEVELS[vacancy.education]
        level = index.education
        must.append(
            np.where(level == 0, matching.CREDIT["partly_met"], np.where(level >= wanted, 1.0, 0.0))
        )
    parts: list[tuple[float, np.ndarray]] = []
    if must:
        parts.append((0.5, sum(must) / len(must)))
    if nice:
        weight = sum(w for _c, w in nice)
        parts.append((0.3, sum(c * w for c, w in nice) / weight))
    if vacancy.min_years_experience > 0:
        years = _merged_years(index, relevant)
        parts.append((0.2, np.minimum(1.0, years / vacancy.min_years_experience)))
    total_share = sum(share for share, _v in parts) or 1.0
    value = sum(share * v for share, v in parts) / total_share
    return np.asarray(value, dtype=float) * np.ones(index.n)
