"""The re-rank index gives exactly the score the line-by-line matcher gives."""

from __future__ import annotations

import random
from datetime import date

import pytest
import yaml

from mensenwerk.engines import matching, rerank
from mensenwerk.engines.pseudonymise import blind
from tests.recruitment.quality_set import CVS, VACANCIES

TODAY = date(2026, 11, 24)


def _texts() -> list[str]:
    texts = [blind(text, seed=name).text for name, (text, _g, _h) in sorted(CVS.items())]
    rng = random.Random(3)
    lines = [line for text in texts for line in text.split("\n")]
    # shuffled lines: headings in odd places, periods next to unrelated lines, empty CVs
    for _ in range(60):
        texts.append("\n".join(rng.sample(lines, rng.randint(0, 40))))
    texts += ["", "Werkervaring\n2020 - 2019 omgekeerde periode\n2030 - heden toekomst"]
    return texts


@pytest.mark.parametrize("key", list(VACANCIES))
@pytest.mark.parametrize("education", ["", "mbo", "hbo"])
def test_it_scores_every_candidate_as_the_matcher_does(key: str, education: str) -> None:
    texts = _texts()
    index = rerank.build(texts, TODAY)
    vacancy = matching.vacancy_from_dict(yaml.safe_load(VACANCIES[key]["yaml"]))
    vacancy.education = education
    fast = rerank.scores(index, vacancy)
    slow = [matching.score(vacancy, text, TODAY).score for text in texts]
    assert len(fast) == len(slow)
    for i, (a, b) in enumerate(zip(fast.tolist(), slow, strict=True)):
        assert abs(a - b) <= 0.5e-4 + 1e-12, (i, a, b, texts[i][:200])


def test_it_handles_an_empty_pool() -> None:
    index = rerank.build([], TODAY)
    vacancy = matching.vacancy_from_dict({"title": "x", "must_have": ["lassen"]})
    assert rerank.scores(index, vacancy).tolist() == []
