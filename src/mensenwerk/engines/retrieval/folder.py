"""A folder of documents as an index, cached next to the documents by size and modification
time (``mensenwerk ask --kb DIR``)."""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the text engine imports the PDF and DOCX readers: only when reading
    pass
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


def index_folder(root: Path, cache: Path | None = None) -> FolderIndex:
    """Every supported file under ``root`` (hidden files and folders left out), read once and
    cached by size and modification time: only new or changed files are read again."""
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
    if reused != len(files) or set(cached) != set(entries):
        # a read-only knowledge base: answer anyway, read the files again next time
        with contextlib.suppress(OSError):
            cache.write_text(
                json.dumps({"version": index_version(), "files": entries}), encoding="utf-8"
            )
    errors = [(rel, entry["error"]) for rel, entry in entries.items() if "error" in entry]
    passages: list[Passage] = []
    body: list[list[str]] = []
    heads: list[list[str]] = []
    for entry in entries.values():
        for p, b, h in zip(
            entry.get("passages", []), entry.get("body", []), entry.get("heads", []), strict=True
        ):
            passages.append(passage_from_dict(p))
            body.append(b)
            heads.append(h)
    return FolderIndex(Index(passages, body, heads), errors, len(files), reused)


def _read_cache(cache: Path) -> dict[str, dict]:
    """The cached files of this engine version; {} when there is none or it is unreadable."""
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(cached, dict) or cached.get("version") != index_version():
        return {}
    files = cached.get("files", {})
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
