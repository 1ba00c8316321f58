"""The index: two bm25s indexes (passage text; title and headings) over the same passages,
concept scoring, the documents' own compounds, and re-ranking by coverage of the question."""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the text engine imports the PDF and DOCX readers: only when reading
    pass
from mensenwerk.engines.retrieval import dense
from mensenwerk.engines.retrieval.confidence import calibrated
from mensenwerk.engines.retrieval.passages import Passage, passage_from_dict
from mensenwerk.engines.retrieval.words import (
    COMPOUND_WEIGHT,
    PART_WEIGHT,
    SYNONYM_WEIGHT,
    Concept,
    body_tokens,
    concepts,
    heading_tokens,
    index_version,
    question_language,
)

HEADING_WEIGHT = 0.6  # a heading match adds this share of a body match


CITATIONS = 3


VOCABULARY_PART_DF = 2  # a word of the documents counts as a compound part from this many passages


MAX_VOCABULARY_COMPOUNDS = 40


RERANK = 100  # passages re-ranked by how much of the question they cover


DENSE_POOL = 100  # the best passages by meaning that join the fusion


# Fitted on the development questions only (benchmarks/assistant_quality.py --fit): the share of
# the lexical relevance in the fused score, and the factor for a passage in the other language.
LEXICAL_WEIGHT = 0.5
OTHER_LANGUAGE = 0.9
DENSE_WINDOW = 0.05  # the cosines that count, below the best one (1.0: the whole pool)


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    coverage: float  # the share of the question's weight the passage holds (0..1)
    similarity: float = 0.0  # cosine of question and passage vectors; 0 without vectors


class Index:
    """Two bm25s indexes (passage text, title and headings) over the same passages."""

    def __init__(
        self,
        passages: Sequence[Passage],
        body: Sequence[Sequence[str]] | None = None,
        heads: Sequence[Sequence[str]] | None = None,
        vectors: np.ndarray | None = None,
    ) -> None:
        self.passages = list(passages)
        # (n, DIM) passage vectors, a zero row where a passage has none yet; None: lexical only
        self.vectors = vectors if vectors is not None and len(vectors) == len(passages) else None
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
        self._has_vector = (
            self.vectors.any(axis=1)
            if self.vectors is not None
            else np.zeros(len(self.passages), dtype=bool)
        )

    def __len__(self) -> int:
        return len(self.passages)

    @property
    def dense(self) -> bool:
        """Whether questions are answered by the hybrid: vectors exist and the model loads."""
        return bool(self._has_vector.any()) and dense.available()

    def search(
        self, question: str, k: int = CITATIONS, allowed: Iterable[str] | None = None
    ) -> list[Hit]:
        """The best passages, best first; ``allowed`` limits them to those documents. With
        passage vectors, the lexical and dense rankings are fused (see ``hybrid``)."""
        if self.dense:
            return self.hybrid(question, k, allowed)
        return self.lexical(question, k, allowed)

    def lexical(
        self, question: str, k: int = CITATIONS, allowed: Iterable[str] | None = None
    ) -> list[Hit]:
        """The best passages by BM25, re-ranked by how much of the question they cover."""
        found = concepts(question)
        pool = self._lexical_pool(question, found, max(k, RERANK), allowed)
        return [Hit(self.passages[i], score, cover) for i, score, cover in pool[:k]]

    def _lexical_pool(
        self,
        question: str,
        found: list[Concept],
        size: int,
        allowed: Iterable[str] | None,
    ) -> list[tuple[int, float, float]]:
        """(passage number, BM25 score, coverage) of the best ``size`` passages, ordered by
        score times coverage."""
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
        total *= self._allowed(allowed)
        # A passage that covers more of the question comes first (BM25 alone lets one word
        # that a passage repeats outweigh the rest of the question).
        pool = [
            (int(i), float(total[i]), self.coverage(found, self._body_sets[i]))
            for i in np.argsort(-total, kind="stable")[:size]
            if total[i] > 0
        ]
        pool.sort(key=lambda row: -row[1] * row[2])
        return pool

    def _allowed(self, allowed: Iterable[str] | None) -> np.ndarray:
        if allowed is None:
            return np.ones(len(self.passages), dtype=np.float32)
        keep = set(allowed)
        return np.fromiter((p.document in keep for p in self.passages), dtype=np.float32)

    def hybrid(
        self, question: str, k: int = CITATIONS, allowed: Iterable[str] | None = None
    ) -> list[Hit]:
        """The lexical and the dense ranking fused: LEXICAL_WEIGHT times the lexical relevance
        (score times coverage, relative to the best) plus the rest times the dense relevance
        (the cosine, scaled from the DENSE_POOL-th best, or DENSE_WINDOW below the best, to the
        best). A passage without a
        vector yet counts its lexical relevance twice, so it is not pushed down."""
        assert self.vectors is not None
        found = concepts(question)
        lexical = self._lexical_pool(question, found, RERANK, allowed)
        sims = self.vectors @ dense.embed_query(question)
        keep = self._allowed(allowed) > 0
        sims = np.where(keep, sims, -1.0)
        pool = np.argsort(-sims, kind="stable")[:DENSE_POOL]
        pool = [int(i) for i in pool if keep[i]]
        if not pool and not lexical:
            return []
        top = float(sims[pool[0]]) if pool else 1.0
        # the scale is the best cosine down to DENSE_WINDOW below it, whatever the size of
        # the knowledge base (the pool's last one alone sits much lower in a small one)
        floor = max(float(sims[pool[-1]]), top - DENSE_WINDOW) if pool else 0.0
        best_lexical = max((s * c for _, s, c in lexical), default=0.0) or 1.0
        lex = {i: s * c / best_lexical for i, s, c in lexical}
        covers = {i: c for i, _, c in lexical}
        language = question_language(question)
        scored = []
        for i in dict.fromkeys([*(row[0] for row in lexical), *pool]):
            if self._has_vector[i]:
                meaning = max(0.0, (float(sims[i]) - floor) / (top - floor or 1.0))
            else:
                meaning = lex.get(i, 0.0)
            fused = LEXICAL_WEIGHT * lex.get(i, 0.0) + (1 - LEXICAL_WEIGHT) * meaning
            if language and self.passages[i].language not in (language, "unknown"):
                fused *= OTHER_LANGUAGE
            cover = covers.get(i)
            if cover is None:
                cover = self.coverage(found, self._body_sets[i]) if found else 0.0
            scored.append(Hit(self.passages[i], round(fused, 4), cover, float(sims[i])))
        scored.sort(key=lambda h: -h.score)
        return scored[:k]

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

    def confidence(self, question: str, hits: Sequence[Hit]) -> float:
        """The chance that the first three passages hold the answer (``confidence.py``)."""
        found = concepts(question)
        if not hits or not found:
            return 0.0
        return calibrated(found, hits[0].score, hits[0].coverage)

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
