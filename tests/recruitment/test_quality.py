"""Ranking quality on the labelled set: nDCG@5 per vacancy, against a TF-IDF baseline."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from mensenwerk.commands.screen import Screened, load_vacancy, process
from tests.files import pdf
from tests.recruitment.quality_set import CVS, VACANCIES

TODAY = date(2026, 11, 22)


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 5) -> float:
    def dcg(names: list[str]) -> float:
        return sum((2 ** grades.get(n, 0) - 1) / math.log2(i + 2) for i, n in enumerate(names[:k]))

    ideal = sorted(grades, key=lambda n: -grades[n])
    best = dcg(ideal)
    return dcg(ranked) / best if best else 0.0


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("quality")
    for name, (text, _grades, hidden) in CVS.items():
        if hidden:  # weak visible CV, keywords in white text: must not rank
            (root / f"{name}.pdf").write_bytes(pdf(text.split("\n"), white=hidden))
        else:
            (root / f"{name}.txt").write_text(text)
    return root


def _grades(vacancy: str) -> dict[str, int]:
    return {name: grades.get(vacancy, 0) for name, (_t, grades, _h) in CVS.items()}


def _ours(folder: Path, key: str) -> tuple[list[str], dict[str, dict]]:
    (folder / f"{key}.yaml").write_text(VACANCIES[key]["yaml"])
    vacancy = load_vacancy(folder / f"{key}.yaml")
    results = [
        process(p, vacancy, TODAY) for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".pdf")
    ]
    scored = [r for r in results if isinstance(r, Screened)]
    assert len(scored) == len(results)
    scored.sort(key=lambda r: (-r.score, r.file))
    return [Path(r.file).stem for r in scored], {Path(r.file).stem: r for r in scored}


def _tfidf(key: str) -> list[str]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    names = list(CVS)
    texts = [CVS[n][0] + " " + CVS[n][2] for n in names]  # a text baseline reads hidden text
    matrix = TfidfVectorizer().fit_transform([VACANCIES[key]["text"], *texts])
    similarity = cosine_similarity(matrix[0], matrix[1:])[0]
    return [n for _s, n in sorted(zip(-similarity, names, strict=True))]


@pytest.mark.parametrize("key", list(VACANCIES))
def test_it_ranks_the_labelled_set_well_and_beats_tfidf(folder: Path, key: str) -> None:
    pytest.importorskip("sklearn")
    ranked, results = _ours(folder, key)
    grades = _grades(key)
    ours, baseline = ndcg(ranked, grades), ndcg(_tfidf(key), grades)
    print(f"{key}: nDCG@5 ours {ours:.3f}, TF-IDF {baseline:.3f}")
    assert ours >= 0.9, (key, ours, ranked[:5])
    assert ours > baseline or ours == 1.0, (key, ours, baseline)
    for name, (_t, _g, hidden) in CVS.items():
        if hidden:
            assert "hidden_text" in results[name].flags
    stuffed = next(n for n in CVS if n.endswith("-07") and n.startswith(key[:2]))
    real = [n for n, g in grades.items() if g >= 2]
    # a stuffed skills list ranks below every CV with real, relevant experience
    assert all(ranked.index(stuffed) > ranked.index(n) for n in real), ranked
