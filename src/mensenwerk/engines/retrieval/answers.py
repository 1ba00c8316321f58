"""Answers: an extractive quote of the best passage with its citations, or a reason not to
answer (empty, too long, a personal question, not found)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the text engine imports the PDF and DOCX readers: only when reading
    pass
from mensenwerk.engines.retrieval.confidence import (
    CONFIDENCE_THRESHOLD,
    SIMILARITY_THRESHOLD,
    similar_enough,
)
from mensenwerk.engines.retrieval.index import CITATIONS, Hit, Index
from mensenwerk.engines.retrieval.passages import Passage, split_sentences
from mensenwerk.engines.retrieval.words import (
    concepts,
    lexicon,
    lexicon_keys,
    question_language,
    stopwords,
    tokens,
    words,
)

MAX_QUESTION = 1000  # characters; longer is not a question but a document


RERANK_TOP = 10  # the found passages an optional re-ranker may reorder

# (question, passages) -> their new order (0-based), or None to keep the order found
Reranker = Callable[[str, Sequence[Passage]], Sequence[int] | None]


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
    """``kind``: answered | not_found | personal | empty | too_long. ``method``: "hybrid"
    (``confidence`` is the cosine similarity of the question and the first passage) or
    "lexical" (a calibrated chance; the documents have no vectors yet or the model is missing).
    ``other_language``: the first passage's language when it is not the question's.
    ``reranked``: a re-ranker reordered the passages found."""

    question: str
    kind: str
    text: str = ""
    confidence: float = 0.0
    citations: tuple[Hit, ...] = ()
    method: str = "lexical"
    other_language: str = ""
    reranked: bool = False

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
            "method": self.method,
            "other_language": self.other_language,
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


def topic(question: str) -> str:
    """A question's topic, for grouping what the documents miss: the first HR-lexicon term it
    uses (the group's first Dutch word), else its longest content word."""
    groups = lexicon()["groups"]
    keys = lexicon_keys()
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
    similarity: float = SIMILARITY_THRESHOLD,
    rerank: Reranker | None = None,
) -> Answer:
    """The best passage quoted with its citations, or why there is no answer. The hybrid
    declines below ``similarity`` (the first passage's cosine; see ``similar_enough``), the
    lexical engine alone below ``threshold`` (its calibrated confidence). ``rerank`` may
    reorder the first RERANK_TOP passages of an answered question; whether to answer is
    decided before, on the retrieval's own first passage."""
    question = " ".join(question.split())
    if not question:
        return Answer(question, "empty")
    if len(question) > MAX_QUESTION:
        return Answer(question[:MAX_QUESTION], "too_long")
    if is_personal(question):
        return Answer(question, "personal")
    hybrid = index.dense
    hits = index.search(question, k=RERANK_TOP if rerank else CITATIONS * 3, allowed=allowed)
    method = "hybrid" if hybrid else "lexical"
    if hybrid:
        confidence = round(hits[0].similarity, 3) if hits else 0.0
        declined = not hits or not similar_enough(confidence, hits[0].coverage, similarity)
    else:
        confidence = index.confidence(question, hits)
        declined = confidence < threshold
    if declined:
        return Answer(question, "not_found", confidence=confidence, method=method)
    best = hits[0].score
    order = _valid_order(rerank(question, [h.passage for h in hits]), len(hits)) if rerank else []
    if order:
        hits = [hits[i] for i in order]
    top = hits[0]
    cited = [top, *[h for h in hits[1:] if h.score >= 0.35 * best][: CITATIONS - 1]]
    asked = question_language(question)
    other = top.passage.language if asked and top.passage.language not in (asked, "unknown") else ""
    return Answer(
        question,
        "answered",
        quote(top.passage.text, question),
        confidence,
        tuple(cited),
        method,
        other,
        bool(order),
    )


def _valid_order(order: Sequence[int] | None, n: int) -> list[int]:
    """A re-ranker's order as a whole permutation of the n passages ([] to keep theirs)."""
    named = list(dict.fromkeys(i for i in order or () if 0 <= i < n))
    return named + [i for i in range(n) if i not in named] if named else []


def quote(text: str, question: str, max_words: int = 80) -> str:
    """The sentences of a passage that answer the question, in their order; a short passage
    is quoted whole."""
    if len(text.split()) <= 120:
        return text
    sentences = split_sentences(text)
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
