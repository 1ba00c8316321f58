"""The adoption models' vocabularies follow the engine."""

from __future__ import annotations

from django.utils import translation

from mensenwerk.adoption.models import Phase
from mensenwerk.engines import adoption as engine


def test_the_phase_keys_are_the_engines_in_its_order() -> None:
    assert tuple(Phase.Key.values) == engine.PHASE_KEYS


def test_a_phase_reads_as_its_label() -> None:
    with translation.override("en"):
        assert str(Phase(key=Phase.Key.PILOT)) == "Proof of concept and pilot"
