"""The calibrated confidence: the chance that the first passages hold the answer, from a
logistic model over three features (see CALIBRATION). Below CONFIDENCE_THRESHOLD the
assistant declines."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the text engine imports the PDF and DOCX readers: only when reading
    pass
from mensenwerk.engines.retrieval.words import Concept, lexicon_keys, stem

CONFIDENCE_THRESHOLD = 0.4  # a calibrated chance: below 40 percent the assistant declines

# The hybrid declines when the first passage's cosine similarity to the question is below
# SIMILARITY_THRESHOLD, unless it is at most RESCUE_MARGIN below and the passage holds at least
# RESCUE_COVERAGE of the question's words (the lexical evidence). Fitted on the development
# questions (benchmarks/assistant_quality.py --fit): every out-of-scope one declined, most
# answerable ones kept. An organisation may set its own threshold (MENSENWERK_ASSISTANT_SIMILARITY).
SIMILARITY_THRESHOLD = 0.865
RESCUE_MARGIN = 0.025
RESCUE_COVERAGE = 0.5


def similar_enough(similarity: float, coverage: float, threshold: float) -> bool:
    """Whether the hybrid answers: see SIMILARITY_THRESHOLD."""
    return similarity >= threshold or (
        similarity >= threshold - RESCUE_MARGIN and coverage >= RESCUE_COVERAGE
    )


# Logistic model over Index.features: the top passage's coverage, whether the question uses a word
# of the HR lexicon, log(1 + the top passage's score per question word). Fitted by
# benchmarks/assistant_calibrate.py on the development questions; refit when the engine changes.
CALIBRATION = {"bias": -3.111, "weights": [1.571, 0.896, 1.907]}


def features(found: list[Concept], top_score: float, top_coverage: float) -> list[float]:
    """What the confidence is computed from (see CALIBRATION): the top passage's coverage,
    whether the question uses a word of the HR lexicon, log(1 + score per question word)."""
    keys = lexicon_keys()
    return [
        top_coverage,
        float(any(tuple(stem(w) for w in c.words) in keys for c in found)),
        math.log1p(top_score / len(found)),
    ]


def calibrated(found: list[Concept], top_score: float, top_coverage: float) -> float:
    """The logistic model, fitted on the development questions by
    benchmarks/assistant_calibrate.py."""
    x = features(found, top_score, top_coverage)
    z = CALIBRATION["bias"] + sum(w * v for w, v in zip(CALIBRATION["weights"], x, strict=True))
    return round(1 / (1 + math.exp(-z)), 3)
