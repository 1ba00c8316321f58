"""Hash chain for the audit trail: canonical JSON, entry hashes, verification, checkpoints.

Canonical JSON follows RFC 8785 (JCS) for the values the trail stores: objects with sorted
keys, no insignificant white space, UTF-8, strings escaped as JSON requires. Floats are
refused in chained content (their JCS form needs ECMAScript number formatting); scores live
in the payload, whose SHA-256 is what the chain carries.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

ENGINE = "audit-chain"
VERSION = "1"


GENESIS = "0" * 64
# The chained event that names the entries whose payloads were blanked (erasure, retention).
# An erased payload that no later such event names is a suppressed record, not an erasure.
ERASURE_EVENT = "payloads_erased"


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
    # modified | deleted | reordered | payload_modified | erased_unrecorded | checkpoint
    problem: str = ""


def seq_ranges(seqs: Iterable[int]) -> list[list[int]]:
    """Sorted sequence numbers folded into [first, last] runs (compact chained content)."""
    runs: list[list[int]] = []
    for seq in sorted(set(seqs)):
        if runs and seq == runs[-1][1] + 1:
            runs[-1][1] = seq
        else:
            runs.append([seq, seq])
    return runs


def _covered(ranges: Sequence[Sequence[int]], pending: set[int], before: int) -> set[int]:
    """The pending seqs that ``ranges`` name, counting only entries older than ``before``."""
    runs = sorted((int(r[0]), int(r[1])) for r in ranges if len(r) == 2)
    starts = [first for first, _last in runs]
    found: set[int] = set()
    for seq in pending:
        at = bisect.bisect_right(starts, seq) - 1
        if seq < before and at >= 0 and runs[at][0] <= seq <= runs[at][1]:
            found.add(seq)
    return found


def verify(entries: Iterable[ChainEntry], start_seq: int = 1, start_prev: str = GENESIS) -> Verdict:
    """Walk entries in stored order; name the first one that was modified, deleted or moved.

    An erased payload must be named by a later chained ``payloads_erased`` event; the oldest
    one that is not is reported as ``erased_unrecorded`` once the whole chain was walked.
    """
    expected_seq, prev = start_seq, start_prev
    checked = 0
    pending_erasures: set[int] = set()
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
        if entry.payload_erased:
            pending_erasures.add(entry.seq)
        if entry.content.get("event") == ERASURE_EVENT and pending_erasures:
            ranges = entry.content.get("erased_seqs") or []
            pending_erasures -= _covered(ranges, pending_erasures, entry.seq)
        checked += 1
        prev = entry.hash
        expected_seq += 1
    if pending_erasures:
        bad = min(pending_erasures)
        return Verdict(False, checked, expected_seq - 1, prev, bad, "erased_unrecorded")
    return Verdict(True, checked, expected_seq - 1, prev)


def checkpoint_message(seq: int, head_hash: str) -> bytes:
    return canonical_json({"mensenwerk_checkpoint": 1, "seq": seq, "head": head_hash}).encode()
