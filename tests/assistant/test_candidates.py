"""The assistant on the public vacancy pages: no account, only the documents HR marked public,
citations a candidate can open, the recruiters' inbox with the reply by e-mail, the rate limit,
the gate, and the cockpit's counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mensenwerk.adoption import metrics
from mensenwerk.assistant import candidates, services
from mensenwerk.assistant.models import Escalation, KnowledgeDocument, Passage, Question
from mensenwerk.engines import retrieval
from mensenwerk.governance.models import AIApplication, AuditEntry
from tests.assistant.conftest import DEMO

PUBLIC = (DEMO / "werken-bij.md").read_bytes()
URL = "/careers/ask/"


@pytest.fixture
def public(kb, users, django_capture_on_commit_callbacks):
    meta = services.DocumentMeta("public", "nl", date(2026, 1, 1), None, users["hr"], "Werken bij")
    with django_capture_on_commit_callbacks(execute=True):
        services.do_upload([("werken-bij.md", PUBLIC)], meta, users["hr"])
    return KnowledgeDocument.objects.get(title="Werken bij")


def test_a_candidate_asks_without_an_account_and_opens_the_source(public) -> None:
    client = Client()
    page = client.get(URL, {"context": "Lasser", "next": "/vacancies/x/apply/"}).content.decode()
    assert "Je praat met een AI-assistent" in page and 'href="/vacancies/x/apply/"' in page
    response = client.post(
        f"{URL}?context=Lasser",
        {"question": "Hoeveel vakantiedagen krijg ik?", "context": "Lasser"},
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.via == "candidate" and question.asker.startswith("C-")
    assert question.kind == "answered" and question.citations[0]["title"] == "Werken bij"
    page = client.get(URL).content.decode()
    assert "25 vakantiedagen" in page
    passage = question.citations[0]["passage"]
    assert client.get(reverse("assistant:public_passage", args=[passage])).status_code == 200
    entry = AuditEntry.objects.get(application="hr-assistant", kind="output")
    assert entry.subject == question.asker and entry.content["engine"].startswith("retrieval")


def test_only_public_documents_answer_and_only_public_passages_open(public) -> None:
    question = candidates.ask_public("Hoe meld ik me ziek?", "C-TEST")  # only in the handbook
    assert all(c["title"] == "Werken bij" for c in question.citations)
    inside = Passage.objects.filter(version__document__title="Gids").first()
    hidden = Passage.objects.get(version__document__title="Verzuim")
    client = Client()
    for passage in (inside, hidden):
        url = reverse("assistant:public_passage", args=[passage.pk])
        assert client.get(url).status_code == 404


def test_employees_read_public_documents_too(public, users) -> None:
    question = services.ask(users["employee"], "Krijg ik reiskosten als ik met de fiets kom?")
    assert question.kind == "answered"


def test_a_question_goes_to_the_recruiters_and_the_reply_by_e_mail(public, users) -> None:
    client = Client()
    client.post(URL, {"question": "Is er een bedrijfsfitnessregeling?", "context": "Lasser"})
    question = Question.objects.get()
    assert question.kind == "not_found"
    url = reverse("assistant:public_escalate", args=[question.pk])
    client.post(url, {"email": "kim@example.org", "context": "Lasser"})  # no consent
    assert not Escalation.objects.exists()
    client.post(url, {"email": "kim@example.org", "consent": "on", "context": "Lasser"})
    escalation = Escalation.objects.get()
    assert escalation.asked_by is None and escalation.context == "Lasser"
    other = Client()  # another visitor cannot send someone else's question
    assert other.post(url, {"email": "x@example.org", "consent": "on"}).status_code == 302
    recruiter = Client()
    recruiter.force_login(users["recruiter"])
    inbox = recruiter.get(reverse("assistant:inbox")).content.decode()
    assert "bedrijfsfitnessregeling" in inbox and "Lasser" in inbox
    reply = reverse("assistant:reply", args=[escalation.pk])
    recruiter.post(reply, {"reply": "Nee, wel een fietsplan.", "add_to_kb": "on"})
    escalation.refresh_from_db()
    assert escalation.status == "answered" and escalation.contact_email == ""
    assert not escalation.added_to_kb  # a recruiter answers; only HR adds to the documents
    assert mail.outbox[-1].to == ["kim@example.org"]
    assert "fietsplan" in mail.outbox[-1].body


def test_a_recruiter_sees_no_employee_questions(kb, users) -> None:
    asked = services.ask(users["employee"], "Is er een bedrijfsfitnessregeling?")
    services.do_escalate(asked, users["employee"], consent=True)
    client = Client()
    client.force_login(users["recruiter"])
    assert "bedrijfsfitnessregeling" not in client.get(reverse("assistant:inbox")).content.decode()
    escalation = Escalation.objects.get()
    assert client.get(reverse("assistant:reply", args=[escalation.pk])).status_code == 404


def test_rate_limit_markup_and_a_closed_gate(public, settings) -> None:
    settings.PUBLIC_ASK_PER_ADDRESS_PER_HOUR = 2
    client = Client()
    for _ in range(2):
        assert client.post(URL, {"question": "<b>Proeftijd?</b>"}).status_code == 302
    assert client.post(URL, {"question": "Proeftijd?"}).status_code == 429
    page = client.get(URL).content.decode()
    assert "<b>Proeftijd?</b>" not in page and "&lt;b&gt;Proeftijd?&lt;/b&gt;" in page
    AIApplication.objects.filter(slug="hr-assistant").update(active=False)
    closed = Client().get(URL).content.decode()
    assert "niet beschikbaar" in closed and "<textarea" not in closed
    assert Client().post(URL, {"question": "Proeftijd?"}).status_code == 200
    assert Question.objects.count() == 2


def test_an_unsafe_back_link_is_dropped(public) -> None:
    page = Client().get(URL, {"next": "https://evil.example/phish"}).content.decode()
    assert 'href="https://evil.example' not in page and "Terug naar de vacature" not in page


def test_the_cockpit_counts_candidate_questions(public, users) -> None:
    answered = candidates.ask_public("Hoeveel vakantiedagen krijg ik?", "C-1")
    missing = candidates.ask_public("Is er een bedrijfsfitnessregeling?", "C-2")
    candidates.do_escalate_public(missing, "kim@example.org", True, "Lasser")
    assert answered.kind == "answered"
    figures = metrics.candidate_figures(date.today().replace(day=1))
    assert figures["candidate_questions_answered"].value == 1
    assert figures["candidate_questions_escalated"].value == 1


def _open_vacancy(users, title: str, text: str):
    from mensenwerk.recruitment import services as recruitment
    from mensenwerk.recruitment.models import Vacancy

    vacancy = Vacancy(title=title, description=text, language="nl", status="open")
    criteria = recruitment.CriteriaInput(["lassen"], [], [])
    return recruitment.do_save_vacancy(vacancy, criteria, [users["recruiter"]], users["hr"])


SHIFTS = "Je werkt in ploegendienst: de vroege dienst van 06.00 tot 14.00 uur, de late tot 22.00."
OFFICE = "Je werkt op kantoor van negen tot vijf, met een vaste lunchpauze van een half uur."


def test_a_vacancy_s_own_text_answers_on_its_page_only_until_it_closes(
    public, users, django_capture_on_commit_callbacks
) -> None:
    from mensenwerk.recruitment import services as recruitment

    with django_capture_on_commit_callbacks(execute=True):
        welder = _open_vacancy(users, "Lasser", SHIFTS)
        clerk = _open_vacancy(users, "Administratief medewerker", OFFICE)
    question = "Werk ik in ploegendienst en hoe laat begint de vroege dienst?"

    def cited(source: str, asker: str) -> set[str]:
        return {c["title"] for c in candidates.ask_public(question, asker, source).citations}

    assert "Lasser" in cited(f"vacancy:{welder.pk}", "C-1")
    assert "Lasser" not in cited(f"vacancy:{clerk.pk}", "C-2")  # never another vacancy's text
    assert "Lasser" not in cited("", "C-3")  # the general page: HR's public documents only
    with django_capture_on_commit_callbacks(execute=True):
        welder.description = SHIFTS.replace("06.00", "05.30")
        recruitment.do_save_vacancy(
            welder, recruitment.CriteriaInput(["lassen"], [], []), [users["recruiter"]], users["hr"]
        )
    answer = candidates.ask_public(question, "C-4", f"vacancy:{welder.pk}")
    assert "05.30" in answer.answer and "06.00" not in answer.answer  # the edited text
    document = KnowledgeDocument.objects.get(source=f"vacancy:{welder.pk}")
    assert document.versions.count() == 2 and document.audience == "public"
    hr = Client(HTTP_ACCEPT_LANGUAGE="nl")
    hr.force_login(users["hr"])
    assert "de tekst van de vacature zelf" in hr.get("/assistant/documents/").content.decode()
    recruitment.do_close(welder, users["recruiter"])
    assert "Lasser" not in cited(f"vacancy:{welder.pk}", "C-5")
    document.refresh_from_db()
    assert document.audience == "hr"  # kept as history for HR: earlier answers cite it


def test_the_vacancy_page_asks_with_its_vacancy_and_bad_values_are_ignored(
    public, users, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        welder = _open_vacancy(users, "Lasser <script>alert(1)</script>", SHIFTS)
    client = Client()
    apply_page = client.get(reverse("recruitment:apply", args=[welder.public_id])).content.decode()
    assert f"vacancy={welder.pk}" in apply_page
    client.post(f"{URL}?vacancy={welder.pk}", {"question": "Hoe laat begint de vroege dienst?"})
    question = Question.objects.get(asker__startswith="C-")
    assert question.citations[0]["title"].startswith("Lasser")
    page = client.get(reverse("assistant:public_passage", args=[question.citations[0]["passage"]]))
    assert b"<script>alert(1)</script>" not in page.content
    for bad in ("abc", "-1", "1" * 20, "../admin"):
        response = client.post(f"{URL}?vacancy={bad}", {"question": "Wanneer begint de dienst?"})
        assert response.status_code == 302, bad
    assert not any(
        "Lasser" in c["title"]
        for q in Question.objects.exclude(pk=question.pk)
        for c in q.citations
    )


def test_a_job_ad_s_own_sub_headings_become_headings_and_nothing_else_does() -> None:
    text = (
        "Voor onze fabriek zoeken wij een lasser.\n\nWat vragen wij?\nVCA en twee jaar "
        "ervaring.\n\nWat bieden wij:\n- 27 vakantiedagen\n- Een salaris tot 3.400 euro.\n"
        "Dit is een lange regel zonder punt aan het eind, dus geen kopje want hij is te lang\n"
        "Nog een zin.\n\nLaatste regel zonder tekst erna"
    )
    out = candidates._with_headings(text)
    assert "## Wat vragen wij?" in out and "## Wat bieden wij:" in out
    assert "## - 27" not in out and "## Voor onze" not in out and "## Laatste" not in out
    assert "## Dit is een lange" not in out and "## Nog een zin" not in out
    assert candidates._with_headings("") == ""
    sections = {
        p.section[-1] for p in retrieval.split_passages("# Lasser\n\n" + out, document="v.md")
    }
    assert {"Wat vragen wij?", "Wat bieden wij:"} <= sections
