"""The assistant's search: the in-process index over every document's current version, the
search by meaning (on or off, its threshold, what HR sees of it) and the passage vectors the
indexing job computes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, F, Max

from mensenwerk.assistant.models import Passage
from mensenwerk.core.jobs import do_update_job
from mensenwerk.core.models import Job
from mensenwerk.engines import llm, retrieval

log = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "index": None, "sections": {}}


def memo_for_index() -> tuple[retrieval.Index, dict[Any, Any]]:
    """The current index and a memo that lives as long as it: emptied whenever the index is
    rebuilt (a document, a version or a vector changed)."""
    index = current_index()
    return index, _cache["sections"]


def current_passages():
    return Passage.objects.filter(version__document__current=F("version"))


def dense_enabled() -> bool:
    """Meaning-based search is on (the setting) and the model loads on this machine."""
    conf = getattr(settings, "MENSENWERK_ASSISTANT", None) or {}
    return bool(conf.get("dense", True)) and retrieval.dense.available()


def similarity_threshold() -> float:
    """The cosine similarity below which the assistant declines (shown to HR)."""
    conf = getattr(settings, "MENSENWERK_ASSISTANT", None) or {}
    value = conf.get("similarity")
    return float(value) if value is not None else retrieval.SIMILARITY_THRESHOLD


def engine_version() -> str:
    """The lexical index version, and the embedding model's when it is used (for the trail)."""
    version = retrieval.index_version()
    return f"{version}+{retrieval.dense.engine_version()}" if dense_enabled() else version


def reranker(endpoint: llm.Endpoint | None) -> retrieval.Reranker | None:
    """The language model's re-ranking of the passages found, when the organisation turned it
    on (MENSENWERK_LLM_RERANK); a failed call keeps the retrieval's order."""
    conf = getattr(settings, "MENSENWERK_LLM", None) or {}
    if endpoint is None or not conf.get("rerank"):
        return None

    def order(question: str, passages: Sequence[retrieval.Passage]) -> list[int] | None:
        try:
            return llm.rerank(endpoint, question, passages)
        except llm.LLMError as exc:
            log.warning("LLM re-ranking failed, retrieval order kept: %s", exc)
            return None

    return order


def search_status() -> dict[str, Any]:
    """What HR sees of how the assistant searches: by meaning or by words only, the model, the
    similarity it declines below, how many passages have their meaning computed, and the
    organisation's language model (rewording, re-ranking) when one is set."""
    rows = current_passages()
    conf = getattr(settings, "MENSENWERK_LLM", None) or {}
    return {
        "llm": conf.get("model", ""),
        "rerank": bool(conf.get("rerank")),
        "dense": dense_enabled(),
        "model": retrieval.dense.engine_version(),
        "similarity": similarity_threshold(),
        "passages": rows.count(),
        "with_vectors": rows.exclude(vector=None).count(),
    }


def _engine_passage(p: Passage) -> retrieval.Passage:
    doc = p.version.document
    return retrieval.Passage(
        str(doc.pk),
        doc.title,
        tuple(p.section),
        str(p.pk),  # the app's link back to the spot is the passage's page
        p.text,
        p.version.effective_date.isoformat() if p.version.effective_date else None,
        p.language,
    )


def refresh_tokens() -> int:
    """Tokens made by an older word engine are made again from the stored text (once, after an
    upgrade); vectors are kept, they do not depend on the words. Returns how many."""
    version = retrieval.index_version()
    stale = list(
        Passage.objects.exclude(tokens_version=version).select_related("version__document")
    )
    for p in stale:
        found = _engine_passage(p)
        p.body_tokens = retrieval.body_tokens(found)
        p.head_tokens = retrieval.heading_tokens(found)
        p.tokens_version = version
    Passage.objects.bulk_update(
        stale, ["body_tokens", "head_tokens", "tokens_version"], batch_size=500
    )
    return len(stale)


def current_index() -> retrieval.Index:
    """The index over every document's current version (audience is filtered per question).
    Passages whose vectors are not computed yet count by their words alone."""
    if _cache["key"] is None or _cache["key"][-1] != retrieval.index_version():
        refresh_tokens()  # first use in this process, or the word engine changed
    rows = current_passages()
    use_vectors = dense_enabled()
    stats = rows.aggregate(n=Count("id"), last=Max("id"))
    vectors_done = rows.exclude(vector=None).count() if use_vectors else 0
    key = (stats["n"], stats["last"], vectors_done, retrieval.index_version())
    with _lock:
        if _cache["key"] != key:
            passages, body, heads, vectors = [], [], [], []
            for p in rows.select_related("version__document").order_by("id"):
                passages.append(_engine_passage(p))
                body.append(p.body_tokens)
                heads.append(p.head_tokens)
                if use_vectors:
                    vectors.append(
                        retrieval.dense.from_bytes(p.vector)
                        if p.vector
                        else np.zeros(retrieval.dense.DIM, dtype=np.float32)
                    )
            matrix = np.vstack(vectors) if vectors_done else None
            _cache["index"] = retrieval.Index(passages, body, heads, matrix)
            _cache["key"] = key
            _cache["sections"] = {}  # handbook sections found on the previous index
        return _cache["index"]


def embed_passages(rows, job: Job | None = None) -> int:
    """Vectors for passages that have none: reused from an earlier passage with the same text,
    else embedded in batches (about half a second each on one core), saved batch by batch so answers
    use each part as soon as it is done; the job shows the progress. Returns the number done."""
    todo = list(rows.order_by("id"))
    if job is not None:
        do_update_job(job, total=job.total + len(todo))
    known = dict(
        Passage.objects.filter(vector_key__in={p.vector_key for p in todo})
        .exclude(vector=None)
        .values_list("vector_key", "vector")
    )
    for start in range(0, len(todo), retrieval.dense.BATCH):
        batch = todo[start : start + retrieval.dense.BATCH]
        missing = [p for p in batch if p.vector_key not in known]
        if missing:
            rows_ = retrieval.dense.embed_passages([_embedded_text(p) for p in missing])
            for p, vector in zip(missing, rows_, strict=True):
                known[p.vector_key] = retrieval.dense.to_bytes(vector)
        for p in batch:
            p.vector = known[p.vector_key]
        Passage.objects.bulk_update(batch, ["vector"])
        if job is not None:
            do_update_job(job, progress=job.progress + len(batch))
    return len(todo)


def _embedded_text(p: Passage) -> str:
    return retrieval.dense.passage_text(retrieval.Passage("", "", tuple(p.section), "", p.text))
