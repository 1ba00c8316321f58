"""A folder of documents as an index, cached next to the documents by size and modification
time (``mensenwerk ask --kb DIR``)."""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the text engine imports the PDF and DOCX readers: only when reading
    pass
import numpy as np

from mensenwerk.engines.retrieval import dense
from mensenwerk.engines.retrieval.index import Index
from mensenwerk.engines.retrieval.passages import SUPPORTED, Passage, passage_from_dict, read_file
from mensenwerk.engines.retrieval.words import body_tokens, heading_tokens, index_version


@dataclass
class FolderIndex:
    index: Index
    errors: list[tuple[str, str]]  # (relative path, message)
    files: int
    reused: int  # files whose passages came from the cache


CACHE_NAME = ".mensenwerk-index.json"


def index_folder(
    root: Path,
    cache: Path | None = None,
    *,
    embed: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> FolderIndex:
    """Every supported file under ``root`` (hidden files and folders left out), read once and
    cached by size and modification time: only new or changed files are read again. With
    ``embed`` and the model available, passage vectors are computed for new files and cached
    with them (``progress(done, total)`` is told per batch), so questions use the hybrid."""
    root = root.resolve()
    cache = cache or root / CACHE_NAME
    cached = _read_cache(cache)
    entries: dict[str, dict] = {}
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
        old = cached.get(rel)
        if old and old["stamp"] == stamp:
            entries[rel] = old
            reused += 1
        else:
            entries[rel] = {"stamp": stamp, **_read_entry(path, rel)}
    embedded = _embed(entries, progress) if embed and dense.available() else 0
    if embedded or reused != len(files) or set(cached) != set(entries):
        # a read-only knowledge base: answer anyway, read the files again next time
        with contextlib.suppress(OSError):
            cache.write_text(
                json.dumps({"version": index_version(), "files": entries}), encoding="utf-8"
            )
    errors = [(rel, entry["error"]) for rel, entry in entries.items() if "error" in entry]
    passages: list[Passage] = []
    body: list[list[str]] = []
    heads: list[list[str]] = []
    vectors: list[np.ndarray] = []
    for entry in entries.values():
        stored = entry.get("vectors") or [None] * len(entry.get("passages", []))
        for p, b, h, v in zip(
            entry.get("passages", []),
            entry.get("body", []),
            entry.get("heads", []),
            stored,
            strict=True,
        ):
            passages.append(passage_from_dict(p))
            body.append(b)
            heads.append(h)
            vectors.append(_vector(v))
    matrix = np.vstack(vectors) if vectors and any(v.any() for v in vectors) else None
    return FolderIndex(Index(passages, body, heads, matrix), errors, len(files), reused)


def _vector(stored: str | None) -> np.ndarray:
    if not stored:
        return np.zeros(dense.DIM, dtype=np.float32)
    return dense.from_bytes(base64.b64decode(stored))


def _embed(entries: dict[str, dict], progress: Callable[[int, int], None] | None) -> int:
    """Vectors for the entries that have none (stored as base64 float16); the number embedded."""
    todo = [e for e in entries.values() if e.get("passages") and not e.get("vectors")]
    total = sum(len(e["passages"]) for e in todo)
    done = 0
    for entry in todo:
        texts = [dense.passage_text(passage_from_dict(p)) for p in entry["passages"]]
        rows = []
        for start in range(0, len(texts), dense.BATCH):
            rows.extend(dense.embed_passages(texts[start : start + dense.BATCH]))
            done += len(texts[start : start + dense.BATCH])
            if progress:
                progress(done, total)
        entry["vectors"] = [base64.b64encode(dense.to_bytes(r)).decode() for r in rows]
    return total


def _read_cache(cache: Path) -> dict[str, dict]:
    """The cached files of this engine version; {} when there is none or it is unreadable."""
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(cached, dict):
        return {}
    files = cached.get("files", {})
    if cached.get("version") != index_version():
        # tokens are rebuilt, but a passage whose text is unchanged keeps its vector: a new
        # lexical engine must not cost the half hour of embedding again
        with contextlib.suppress(KeyError, TypeError, ValueError):
            for entry in files.values():
                for p, v in zip(
                    entry.get("passages", []), entry.get("vectors") or [], strict=False
                ):
                    if v:
                        dense.remember(dense.passage_text(passage_from_dict(p)), _vector(v))
        return {}
    return files if isinstance(files, dict) else {}


def _read_entry(path: Path, rel: str) -> dict:
    """One file's passages and tokens, or its error."""
    from mensenwerk.engines.text import ExtractionError

    if path.suffix.lower() not in SUPPORTED:
        return {"error": "unsupported file type"}
    try:
        passages = read_file(path.read_bytes(), path.name, document=rel)
    except ExtractionError as exc:
        return {"error": str(exc)}
    except OSError as exc:
        return {"error": exc.strerror or "cannot be read"}
    return {
        "passages": [asdict(p) for p in passages],
        "body": [body_tokens(p) for p in passages],
        "heads": [heading_tokens(p) for p in passages],
    }
