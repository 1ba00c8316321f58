"""What happens to the questions people asked: the retention period the AI register promises
(twelve months, then counts only), the access report and the erasure request."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from unittest import mock

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command

from mensenwerk.adoption import metrics
from mensenwerk.assistant import services
from mensenwerk.assistant.models import Escalation, Question, QuestionMonth
from mensenwerk.governance import retention, rights, trail
from mensenwerk.governance.documents import subject_report
from mensenwerk.governance.models import AuditEntry

TODAY = date(2026, 11, 24)  # questions before 2025-11-01 are past the retention period


def ask_on(user, text: str, when: datetime) -> Question:
    with mock.patch("django.utils.timezone.now", return_value=when):
        question = services.ask(user, text)
    Question.objects.filter(pk=question.pk).update(asked_at=when)
    question.refresh_from_db()
    return question


@pytest.fixture
def history(kb, users):
    employee, manager = users["employee"], users["manager"]
    old = [
        ask_on(employee, "Hoe meld ik me ziek?", datetime(2025, 9, 15, 9, tzinfo=UTC)),
        ask_on(manager, "Hoe meld ik me ziek?", datetime(2025, 9, 20, 9, tzinfo=UTC)),
        ask_on(
            employee,
            "Mijn oma Truus is overleden, hoeveel dagen verlof krijg ik?",
            datetime(2025, 10, 31, 12, tzinfo=UTC),
        ),
    ]
    services.do_rate(old[0], helpful=True, comment="")
    services.do_rate(old[1], helpful=False, comment="te vaag")
    services.do_escalate(old[2], employee, consent=True)
    recent = [
        ask_on(employee, "Wanneer krijg ik vakantiegeld?", datetime(2025, 11, 2, 9, tzinfo=UTC)),
        ask_on(manager, "Mag ik thuiswerken?", datetime(2026, 11, 1, 9, tzinfo=UTC)),
    ]
    return old, recent


def test_questions_past_twelve_months_become_counts_and_their_text_leaves_the_trail(
    history, users
) -> None:
    _old, recent = history
    plan = retention.run_retention(None, today=TODAY, dry_run=True)
    every = {"assistant_questions": 3, "onboarding": 0, "skills": 0, "analytics": 0}
    assert plan.other == every  # each reports
    assert Question.objects.count() == 5  # a dry run changes nothing

    retention.run_retention(None, today=TODAY)
    assert set(Question.objects.values_list("pk", flat=True)) == {q.pk for q in recent}
    assert not Escalation.objects.exists()  # it belonged to an expired question
    september, october = QuestionMonth.objects.order_by("month")
    assert (september.month, september.asked, september.askers) == ("2025-09", 2, 2)
    assert (september.rated, september.helpful) == (2, 1)
    assert (october.asked, october.escalated, october.deflected) == (1, 1, 0)

    outputs = AuditEntry.objects.filter(application="hr-assistant", kind="output")
    by_question = {
        e.payload.data["explanation"]["question"] if e.payload.data else None: e
        for e in outputs.select_related("payload")
    }
    assert None in by_question  # the old ones are blanked ...
    assert {q.pk for q in recent} <= set(by_question)  # ... the recent ones are not
    dump = json.dumps([e.payload.data for e in outputs.select_related("payload")])
    assert "Truus" not in dump
    assert "vakantiegeld" in dump
    assert outputs.count() == 5  # entries stay: the chain is whole
    assert trail.verify_trail().ok
    event = AuditEntry.objects.filter(content__event="retention_run").get()
    assert event.payload.data["assistant_questions"] == 3

    # the cockpit's figures for the old months come from the counts
    figures = {f["month"]: f for f in services.monthly_figures(months=15)}
    assert figures["2025-09"]["asked"] == 2
    assert figures["2025-09"]["satisfaction"] == 0.5
    assert figures["2025-10"]["deflection_rate"] == 0.0
    assert figures["2025-11"]["asked"] == 1  # live rows
    assert metrics.adoption("assistant", date(2025, 9, 1)).n == len(users)

    again = retention.run_retention(None, today=TODAY)  # idempotent: nothing counted twice
    assert again.other == {"assistant_questions": 0, "onboarding": 0, "skills": 0, "analytics": 0}
    assert QuestionMonth.objects.get(month="2025-09").asked == 2


def test_the_retention_command_names_the_assistant_questions(history, capsys) -> None:
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        call_command("retention", "run", "--dry-run")
    assert "3 assistant questions" in capsys.readouterr().out


def test_the_access_report_lists_and_erasure_removes_the_persons_questions(
    history, users, team, client
) -> None:
    ask_on(
        users["employee"], "<script>alert(1)</script> verlof?", datetime(2026, 11, 2, tzinfo=UTC)
    )
    data = rights.subject_export(team["report"])
    asked = [q["question"] for q in data["assistant_questions"]]
    assert asked[0] == "Hoe meld ik me ziek?"
    assert len(asked) == 4
    assert data["assistant_questions"][1]["escalated"] is True
    report = subject_report(data, "nl")
    assert "## Vragen aan de HR-assistent" in report
    assert "(doorgestuurd naar HR)" in report
    assert "Questions to the HR assistant" in subject_report(data, "en")
    # the manager's questions are not in the employee's report
    assert "Mag ik thuiswerken?" not in report
    client.force_login(users["dpo"])
    pdf = client.post("/rights/subject/export.pdf", {"subject": "101", "language": "nl"})
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf.content))
    assert "<script>alert(1)</script> verlof?" in text  # markup is text, not markup

    asker = services.asker_id(users["employee"])
    rights.erase_subject(team["report"], users["hr"])
    assert not Question.objects.filter(asker=asker).exists()
    assert Question.objects.count() == 2  # the manager's stay
    left = AuditEntry.objects.filter(subject=asker).select_related("payload")
    payloads = [e.payload for e in left if hasattr(e, "payload")]
    assert payloads
    assert all(p.data is None and p.erased_reason == "erasure" for p in payloads)
    event = AuditEntry.objects.filter(content__event="subject_erased").get()
    assert event.payload.data["assistant_questions"] == 4
    assert trail.verify_trail().ok


def test_a_person_without_an_account_has_no_questions(db, team) -> None:
    assert services.subject_questions(team["outsider"]) == []
    assert services.erase_questions(team["outsider"]) == 0
