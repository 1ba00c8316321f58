"""Fits the HR assistant's confidence (``retrieval.CALIBRATION``): a logistic model that says
how likely the first three passages hold the answer, from the features of
``retrieval.Index.features``. It learns from the development questions only
(benchmarks/data/assistant_questions.jsonl: an in-scope question is a 1 when one of its first
three passages is the expected one; an out-of-scope question is a 0); the held-out questions
stay unseen. Prints the weights to put in retrieval.py and what each threshold would do.

    .venv/bin/python benchmarks/assistant_calibrate.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np
from assistant_quality import QUESTIONS, ROOT, build_kb, matches
from sklearn.linear_model import LogisticRegression

from mensenwerk.engines import retrieval


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kb = Path(tmp) / "kb"
        build_kb(args.shared, kb)
        index = retrieval.index_folder(kb, cache=Path(tmp) / "cache.json", embed=False).index
    rows, labels, oos = [], [], []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        found = retrieval.concepts(q["question"])
        hits = index.lexical(q["question"])
        if not found or not hits:
            continue
        rows.append(retrieval.features(found, hits[0].score, hits[0].coverage))
        expected = q.get("expected")
        labels.append(int(bool(expected) and any(matches(h.passage, expected) for h in hits)))
        oos.append(q["set"] == "oos")
    x, y = np.array(rows), np.array(labels)
    model = LogisticRegression(C=1.0).fit(x, y)
    weights = [round(float(w), 3) for w in model.coef_[0]]
    bias = round(float(model.intercept_[0]), 3)
    print(f'CALIBRATION = {{"bias": {bias}, "weights": {weights}}}')
    p = model.predict_proba(x)[:, 1]
    print("\nthreshold | in-scope kept and right | in-scope declined | out-of-scope declined")
    for t in np.arange(0.3, 0.75, 0.05):
        kept = p >= t
        right = int(np.sum(kept & (y == 1)))
        declined = int(np.sum(~kept & ~np.array(oos)))
        print(f"{t:.2f} | {right} | {declined} | {int(np.sum(~kept & np.array(oos)))}/{sum(oos)}")


if __name__ == "__main__":
    main()
