"""Passages that hold their answer (issue 22, item 5): a long list or table is cut between its
lines with its lead-in or header on every piece, long prose between sentences with the closing
sentence repeated; checked on made-up text and on the shared Dutch laws and 18F handbook."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

import pytest

from mensenwerk.engines.retrieval import passages
from mensenwerk.engines.retrieval.passages import MAX_PASSAGE_WORDS, OVERLAP_WORDS, _chunks
from tests.conftest import SHARED_DATA

LEAD = "De werkgever vergoedt de volgende kosten:"


def test_a_long_list_keeps_its_lead_in_on_every_piece() -> None:
    items = [f"- kostenpost {i} met een uitleg van ongeveer tien woorden" for i in range(40)]
    pieces = _chunks("\n".join([LEAD, *items]))
    assert len(pieces) > 1 and all(p.startswith(LEAD) for p in pieces)
    seen = [line for p in pieces for line in p.splitlines() if line != LEAD]
    assert seen == items  # every item once, in order, none cut
    assert all(len(p.split()) <= MAX_PASSAGE_WORDS for p in pieces)


def test_a_long_table_keeps_its_header_on_every_piece() -> None:
    header = "| Vervoer | Vergoeding |\n|---|---|"
    rows = [
        f"| fiets {i} | € 0,23 per km woon-werkverkeer en zakelijk verkeer |" for i in range(60)
    ]
    pieces = _chunks("\n".join([header, *rows]))
    assert len(pieces) > 1 and all(p.startswith(header) for p in pieces)
    assert sum(p.count("| fiets ") for p in pieces) == 60


def test_long_prose_overlaps_by_the_closing_sentence() -> None:
    sentences = [
        f"Regel {i} gaat over verlof en de voorwaarden die daarbij gelden." for i in range(60)
    ]
    pieces = _chunks(" ".join(sentences))
    assert len(pieces) > 1
    for before, after in pairwise(pieces):
        closing = re.split(r"(?<=\.) ", before)[-1]
        assert after.startswith(closing)


def test_a_short_paragraph_is_left_alone() -> None:
    assert _chunks(f"{LEAD}\n- reiskosten\n- telefoon") == [f"{LEAD}\n- reiskosten\n- telefoon"]


@pytest.mark.skipif(not (SHARED_DATA / "handbooks").exists(), reason="../shared not present")
def test_the_shared_handbooks_are_cut_without_losing_a_word(monkeypatch) -> None:
    folders = [
        SHARED_DATA / "handbooks" / "nl-arbeidswetten-2017",
        SHARED_DATA / "handbooks" / "18f",
    ]
    files = [f for folder in folders for f in sorted(folder.rglob("*.md"))]
    assert len(files) > 50
    texts = {f: f.read_text(encoding="utf-8", errors="ignore") for f in files}
    cut = {f: passages.split_passages(t, document=f.name) for f, t in texts.items()}
    monkeypatch.setattr(passages, "MAX_PASSAGE_WORDS", 10**6)  # the same split, never cut
    whole = {f: passages.split_passages(t, document=f.name) for f, t in texts.items()}
    for path in files:
        words = lambda found: Counter(w for p in found for w in p.text.split())  # noqa: E731
        assert not words(whole[path]) - words(cut[path]), path.name  # nothing lost
        assert {p.section for p in cut[path]} == {p.section for p in whole[path]}
        for passage in cut[path]:
            # at most a passage plus the repeated lead or closing sentence, unless one
            # sentence alone is longer
            longest = max(len(s.split()) for s in passages.split_sentences(passage.text))
            assert len(passage.text.split()) <= MAX_PASSAGE_WORDS + OVERLAP_WORDS + longest
