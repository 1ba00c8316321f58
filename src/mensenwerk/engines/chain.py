"""Hash chain for the audit trail: canonical JSON, entry hashes, verification, checkpoints.

Canonical JSON follows RFC 8785 (JCS) for the values the trail stores: objects with sorted
keys, no insignificant white space, UTF-8, strings escaped as JSON requires. Floats are
refused in chained content (their JCS form needs ECMAScript number formatting); scores live
in the payload, whose SHA-256 is what the chain carries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    _check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _check(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError("floats are not allowed in chained content; hash them in a payload")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError("object keys must be strings")
            _check(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _check(item)
    elif not (value is None or isinstance(value, str | int | bool)):
        raise TypeError(f"cannot put {type(value).__name__} in chained content")


def sha256_hex(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def payload_hash(payload: Any) -> str:
    """Hash of any JSON-able payload (floats allowed: Python's repr is stable for a float)."""
    return sha256_hex(
        json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    )


def entry_hash(seq: int, prev_hash: str, content: dict[str, Any]) -> str:
    return sha256_hex(canonical_json({"seq": seq, "prev": prev_hash, "content": content}))


@dataclass(frozen=True)
class ChainEntry:
    seq: int
    prev_hash: str
    hash: str
    content: dict[str, Any]
    payload: Any = None  # None when erased or pruned
    payload_erased: bool = False


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    bad_seq: int | None = None
    problem: str = ""  # modified | deleted | reordered | payload_modified | checkpoint


def verify(entries: Iterable[ChainEntry], start_seq: int = 1, start_prev: str = GENESIS) -> Verdict:
    """Walk entries in stored order; name the first one that was modified, deleted or moved."""
    expected_seq, prev = start_seq, start_prev
    checked = 0
    for entry in entries:
        if entry.seq != expected_seq:
            problem = "deleted" if entry.seq > expected_seq else "reordered"
            return Verdict(False, checked, expected_seq - 1, prev, expected_seq, problem)
        if entry.prev_hash != prev:
            return Verdict(False, checked, expected_seq - 1, prev, entry.seq, "reordered")
        if entry_hash(entry.seq, entry.prev_hash, entry.content) != entry.hash:
            return Verdict(False, checked, expected_seq - 1, prev, entry.seq, "modified")
        stated = entry.content.get("payload_hash")
        if not entry.payload_erased and stated and payload_hash(entry.payload) != stated:
            return Verdict(False, checked, expected_seq - 1, prev, entry.seq, "payload_modified")
        checked += 1
        prev = entry.hash
        expected_seq += 1
    return Verdict(True, checked, expected_seq - 1, prev)


def checkpoint_message(seq: int, head_hash: str) -> bytes:
    return canonical_json({"mensenwerk_checkpoint": 1, "seq": seq, "head": head_hash}).encode()
