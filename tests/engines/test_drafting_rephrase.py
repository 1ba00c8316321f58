"""The language model may only rephrase a draft: scripted answers from a real local
OpenAI-compatible server (tests/assistant/fake_llm.py), each hallucination refused."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from mensenwerk.engines import llm
from mensenwerk.engines.drafting import compose
from mensenwerk.engines.drafting.rephrase import check, rephrase
from tests.engines.test_drafting import REFERENCE

SERVER = Path(__file__).resolve().parent.parent / "assistant" / "fake_llm.py"
DRAFT = compose("reference", {**REFERENCE, "date": "2026-10-31", "place": "Deventer"}, "nl")
NAMES = ["Fatima El Amrani", "Van der Molen Machinebouw B.V.", "CNC-verspaner", "Sanne de Vries"]
GOOD = DRAFT.text.replace(
    "Wij wensen Fatima El Amrani veel succes voor de toekomst.",
    "Voor de toekomst wensen wij Fatima El Amrani veel succes.",
)


@contextmanager
def scripted(reply: str, tmp_path: Path) -> Iterator[llm.Endpoint]:
    answer = tmp_path / "answer.txt"
    answer.write_text(reply, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(SERVER), f"file={answer}", str(tmp_path / "requests.log")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(process.stdout.readline())
        yield llm.Endpoint(f"http://127.0.0.1:{port}/v1", "test-model", "", 2)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_faithful_rewording_is_used_and_the_request_holds_the_draft(tmp_path: Path) -> None:
    with scripted(GOOD, tmp_path) as endpoint:
        result = rephrase(endpoint, DRAFT, NAMES)
    assert result.used and result.text.strip() == GOOD.strip()
    sent = (tmp_path / "requests.log").read_text(encoding="utf-8")
    assert "Keep every name, date, number" in sent and "1 maart 2019" in sent


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (DRAFT.text.replace("31 oktober 2026 bij", "30 november 2026 bij"), "date that is not"),
        (DRAFT.text.replace(" tot en met 31 oktober 2026", ""), "date of the draft is missing"),
        (DRAFT.text.replace("38 uur", "40 uur"), "number that is not"),
        (DRAFT.text.replace(" als CNC-verspaner", ""), "required element"),
        (
            DRAFT.text + "\nZij werd in 2024 uitgeroepen tot medewerker van het jaar.",
            "number that is not",
        ),
        (
            DRAFT.text + "\nZij was een uitzonderlijk getalenteerde en geliefde leidinggevende.",
            "do not support",
        ),
        (DRAFT.text * 2, "much longer"),
        ("", "empty"),
    ],
)
def test_each_scripted_hallucination_is_refused_and_the_draft_stays(tmp_path, reply, reason):
    with scripted(reply or " ", tmp_path) as endpoint:
        result = rephrase(endpoint, DRAFT, NAMES)
    assert not result.used and reason in result.reason
    assert result.text == DRAFT.text


def test_a_model_that_is_down_leaves_the_composed_text() -> None:
    result = rephrase(llm.Endpoint("http://127.0.0.1:9/v1", "m", "", 1), DRAFT, NAMES)
    assert not result.used and "unreachable" in result.reason
    with pytest.raises(llm.LLMError):
        check("Iets heel anders.", DRAFT, NAMES)
