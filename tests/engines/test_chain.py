from __future__ import annotations

import pytest

from mensenwerk.engines import chain


def _build(n: int) -> list[chain.ChainEntry]:
    entries, prev = [], chain.GENESIS
    for seq in range(1, n + 1):
        payload = {"score": seq / 3}
        content = {"kind": "output", "n": seq, "payload_hash": chain.payload_hash(payload)}
        digest = chain.entry_hash(seq, prev, content)
        entries.append(chain.ChainEntry(seq, prev, digest, content, payload))
        prev = digest
    return entries


def test_it_serialises_canonically() -> None:
    assert chain.canonical_json({"b": 1, "a": ["é", None, True]}) == '{"a":["é",null,true],"b":1}'
    with pytest.raises(TypeError):
        chain.canonical_json({"score": 0.5})
    with pytest.raises(TypeError):
        chain.canonical_json({1: "x"})


def test_it_verifies_an_intact_chain() -> None:
    verdict = chain.verify(_build(5))
    assert verdict.ok
    assert verdict.checked == 5
    assert verdict.head_seq == 5


def test_it_names_a_modified_entry() -> None:
    entries = _build(5)
    bad = entries[2]
    entries[2] = chain.ChainEntry(
        bad.seq, bad.prev_hash, bad.hash, {**bad.content, "n": 99}, bad.payload
    )
    verdict = chain.verify(entries)
    assert (verdict.ok, verdict.bad_seq, verdict.problem) == (False, 3, "modified")


def _append(entries: list[chain.ChainEntry], content: dict) -> None:
    seq, prev = len(entries) + 1, entries[-1].hash
    entries.append(chain.ChainEntry(seq, prev, chain.entry_hash(seq, prev, content), content))


def test_it_names_a_modified_payload() -> None:
    entries = _build(3)
    e = entries[1]
    entries[1] = chain.ChainEntry(e.seq, e.prev_hash, e.hash, e.content, {"score": 1.0})
    assert chain.verify(entries).problem == "payload_modified"


def test_it_accepts_an_erased_payload_only_when_a_later_event_names_it() -> None:
    entries = _build(4)
    e = entries[1]
    entries[1] = chain.ChainEntry(e.seq, e.prev_hash, e.hash, e.content, None, payload_erased=True)
    unrecorded = chain.verify(entries)
    assert (unrecorded.ok, unrecorded.bad_seq) == (False, 2)
    assert unrecorded.problem == "erased_unrecorded"
    _append(entries, {"event": "payloads_erased", "erased_seqs": [[1, 1], [3, 4]]})
    assert chain.verify(entries).bad_seq == 2  # an event naming other entries does not cover it
    _append(entries, {"event": "payloads_erased", "erased_seqs": [[2, 2]]})
    assert chain.verify(entries).ok


def test_an_erasure_event_cannot_cover_entries_written_after_it() -> None:
    entries = _build(2)
    _append(entries, {"event": "payloads_erased", "erased_seqs": [[1, 9]]})
    _append(entries, {"kind": "output"})
    last = entries[-1]
    entries[-1] = chain.ChainEntry(last.seq, last.prev_hash, last.hash, last.content, None, True)
    assert chain.verify(entries).bad_seq == last.seq


def test_it_folds_sequence_numbers_into_runs() -> None:
    assert chain.seq_ranges([5, 1, 2, 3, 9, 2]) == [[1, 3], [5, 5], [9, 9]]
    assert chain.seq_ranges([]) == []


def test_it_names_a_deleted_and_a_reordered_entry() -> None:
    entries = _build(5)
    deleted = chain.verify(entries[:2] + entries[3:])
    assert (deleted.bad_seq, deleted.problem) == (3, "deleted")
    swapped = chain.verify([entries[0], entries[2], entries[1], *entries[3:]])
    assert not swapped.ok
    assert swapped.bad_seq == 2
