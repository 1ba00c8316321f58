"""Unit tests of bias/services.py and bias/report.py, one fact each, beside the scenario
tests in test_app.py."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from mensenwerk.bias import report, services
from mensenwerk.bias.models import BiasAlert
from mensenwerk.core.services import ServiceError
from mensenwerk.governance.models import AuditEntry
from mensenwerk.recruitment import services as recruitment
from mensenwerk.recruitment.models import Application, GroupQuestion
from tests.bias.helpers import candidates, open_alert

pytestmark = pytest.mark.django_db


def _alert(vacancy) -> BiasAlert:
    return open_alert(vacancy)


def test_a_scope_filters_by_vacancy(vacancy) -> None:
    apps = candidates(vacancy, [("female", "25-34", True, 2)])
    assert set(services.Scope(vacancy=vacancy).applications()) == set(apps)


def test_a_scope_filters_by_date(vacancy) -> None:
    candidates(vacancy, [("female", "25-34", True, 1)])
    later = services.Scope(date_from=date(2999, 1, 1))
    assert not later.applications().exists()


def test_a_pending_candidate_is_unknown_at_the_human_step(vacancy) -> None:
    candidates(vacancy, [("male", "25-34", True, 1)])
    [record] = services.records(Application.objects.all())
    assert record.values["human_screening"] is None


def test_a_candidate_on_hold_is_not_counted_as_not_selected(vacancy, users) -> None:
    [app] = candidates(vacancy, [("male", "25-34", True, 1)])
    recruitment.do_decide(app, users["recruiter"], "hold", "")
    [record] = services.records(Application.objects.all())
    assert record.values["human_screening"] is None


def test_a_rejected_candidate_is_not_selected_at_that_step(vacancy, users) -> None:
    [app] = candidates(vacancy, [("male", "25-34", True, 1)])
    recruitment.do_decide(app, users["recruiter"], "reject", "past niet")
    [record] = services.records(Application.objects.all())
    assert record.values["human_screening"] == 0


def test_an_advanced_candidate_is_selected_and_unknown_at_the_interview(vacancy, users) -> None:
    [app] = candidates(vacancy, [("male", "25-34", True, 1)])
    recruitment.do_decide(app, users["recruiter"], "advance", "")
    [record] = services.records(Application.objects.all())
    assert (record.values["human_screening"], record.values["interview"]) == (1, None)


def test_the_records_carry_only_the_chosen_attributes(vacancy) -> None:
    candidates(vacancy, [("female", "25-34", True, 1)])
    [record] = services.records(Application.objects.all(), ("gender",))
    assert record.groups == {"gender": "female"}


def test_an_empty_scope_has_one_conclusion() -> None:
    built = services.build_report(services.Scope())
    with translation.override("en"):
        assert report.conclusions(built) == ["There are no applications in this selection yet."]


def test_the_report_names_its_scope() -> None:
    with translation.override("en"):
        assert report.scope_label({"vacancy": "Lasser"}) == "vacancy “Lasser”"


def test_an_unscoped_report_says_so() -> None:
    with translation.override("en"):
        assert report.scope_label({}) == "all vacancies, all time"


def test_an_own_questions_answer_reads_in_the_language_asked() -> None:
    GroupQuestion.objects.create(
        key="born",
        question_nl="Geboren in",
        question_en="Born in",
        options=[{"code": "o1", "nl": "Nederland", "en": "the Netherlands"}],
    )
    with translation.override("nl"):
        assert report.group_label({"born": "o1"}) == "Nederland"


def test_the_available_attributes_include_switched_off_questions() -> None:
    GroupQuestion.objects.create(
        key="born", question_nl="a", question_en="b", options=[], active=False
    )
    assert services.available_attributes() == ["gender", "age_band", "born"]


def test_only_hr_or_the_register_owner_handle_an_alert(vacancy, users) -> None:
    with pytest.raises(PermissionDenied):
        services.do_handle_alert(_alert(vacancy), users["recruiter"], "bekeken")


def test_handling_an_alert_needs_what_was_done(vacancy, users) -> None:
    with pytest.raises(ServiceError):
        services.do_handle_alert(_alert(vacancy), users["hr"], "  ")


def test_a_handled_alert_is_on_the_record(vacancy, users) -> None:
    alert = services.do_handle_alert(_alert(vacancy), users["hr"], "Criteria herzien")
    entry = AuditEntry.objects.filter(content__event="bias_alert_handled").get()
    assert entry.payload.data == {"alert": alert.pk, "action": "Criteria herzien"}


def test_an_alert_is_handled_once(vacancy, users) -> None:
    alert = services.do_handle_alert(_alert(vacancy), users["hr"], "Criteria herzien")
    with pytest.raises(ServiceError):
        services.do_handle_alert(alert, users["hr"], "nogmaals")


def test_the_register_owner_hears_of_alerts(vacancy, users) -> None:
    # the vacancy fixture makes the director the owner of CV screening
    assert users["director"].email in services.alert_recipients()


def test_a_published_audit_is_recorded_with_the_hash_of_its_figures(vacancy, users) -> None:
    candidates(vacancy, [("female", "25-34", True, 1)])
    audit = services.do_publish_audit(services.Scope(vacancy=vacancy), users["hr"])
    digest = hashlib.sha256(json.dumps(audit.data, sort_keys=True).encode()).hexdigest()
    assert audit.entry.payload.data["hash"] == digest


def test_checks_paused_pauses_only_inside() -> None:
    with services.checks_paused():
        assert services.CHECKS_PAUSED.get() is True
    assert services.CHECKS_PAUSED.get() is False


def test_the_page_leads_with_at_most_three_conclusions(client, users, monkeypatch) -> None:
    from mensenwerk.bias import views

    urgent = [f"urgent {n}" for n in range(5)]
    monkeypatch.setattr(views.wording, "conclusions_split", lambda report: (urgent, ["rest"]))
    client.force_login(users["hr"])
    page = client.get(reverse("bias:fairness"))
    assert page.context["conclusions"] == urgent[:3]
    assert page.context["more_conclusions"] == [*urgent[3:], "rest"]
