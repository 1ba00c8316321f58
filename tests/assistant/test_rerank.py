"""The optional re-ranking by the organisation's language model, through the real answer path:
the model's choice is cited first and on the trail, a failing model keeps the retrieval's order,
and a question the documents do not answer is declined whatever the model would say."""

from __future__ import annotations

import pytest

from mensenwerk.assistant import services
from mensenwerk.assistant.models import Question
from mensenwerk.assistant.search import current_index
from mensenwerk.engines import retrieval
from mensenwerk.governance.models import AuditEntry
from tests.engines.test_llm import fake_llm

QUESTION = "Hoe meld ik me ziek?"


def _configure(settings, endpoint, rerank: bool = True) -> None:
    settings.MENSENWERK_LLM = {
        "url": endpoint.url,
        "model": endpoint.model,
        "key": "",
        "timeout": 2,
        "rerank": rerank,
    }


def _output() -> dict:
    return AuditEntry.objects.filter(application="hr-assistant", kind="output").last().payload.data


def test_the_model_s_first_choice_is_cited_first_and_recorded(kb, users, settings, tmp_path):
    found = current_index().search(QUESTION, k=retrieval.RERANK_TOP)
    assert len(found) >= 2
    with fake_llm("rank=2, 1", tmp_path) as (endpoint, log):
        _configure(settings, endpoint)
        question = services.ask(users["employee"], QUESTION)
        calls = log.read_text().splitlines()
    assert question.kind == "answered"
    assert question.citations[0]["section"] == found[1].passage.section_label
    assert question.answer  # the model wrote no answer (NOT_FOUND): the passage is quoted
    assert not question.generated
    data = _output()
    assert data["explanation"]["rerank"] == "test-model"
    assert data["explanation"]["reranked"] is True
    assert len(calls) == 2  # one ranking, one attempt to write the answer


@pytest.mark.parametrize("mode", ["garbage", "slow", "rank=NONE"])
def test_a_failing_model_keeps_the_retrieval_order(kb, users, settings, tmp_path, mode):
    found = current_index().search(QUESTION, k=retrieval.RERANK_TOP)
    with fake_llm(mode, tmp_path) as (endpoint, _log):
        _configure(settings, endpoint)
        question = services.ask(users["employee"], QUESTION)
    assert question.kind == "answered"
    assert question.citations[0]["section"] == found[0].passage.section_label
    assert _output()["explanation"]["reranked"] is False


def test_re_ranking_is_off_unless_turned_on_and_never_answers_a_declined_question(
    kb, users, settings, tmp_path
):
    with fake_llm("rank=1", tmp_path) as (endpoint, log):
        _configure(settings, endpoint, rerank=False)
        services.ask(users["employee"], QUESTION)
        assert _output()["explanation"]["rerank"] is None
        _configure(settings, endpoint)
        question = services.ask(users["employee"], "Wie heeft het WK voetbal gewonnen?")
        requests = log.read_text()
    assert question.kind == "not_found"
    assert "You rank passages" not in requests  # neither call asked for a ranking
    assert Question.objects.filter(kind="not_found").count() == 1


def test_hr_sees_what_the_language_model_does_and_its_name_stays_text(kb, users, settings, en):
    en.force_login(users["hr"])
    assert 'id="llm-status"' not in en.get("/assistant/documents/").content.decode()
    settings.MENSENWERK_LLM = {"url": "http://127.0.0.1:9/v1", "model": "<b>m</b>", "rerank": True}
    page = en.get("/assistant/documents/").content.decode()
    assert "re-orders the ten best passages" in page
    assert "&lt;b&gt;m&lt;/b&gt;" in page and "<b>m</b>" not in page
    settings.MENSENWERK_LLM = {**settings.MENSENWERK_LLM, "rerank": False}
    page = en.get("/assistant/documents/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "mag het antwoord herformuleren" in page
    assert "nieuwe volgorde" not in page
