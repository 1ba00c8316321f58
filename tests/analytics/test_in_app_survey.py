"""The short survey run in Mensenwerk: HR opens it, employees answer once from their start
page, nobody's answer can be traced back, and closing analyses it as an import."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mensenwerk.analytics import questions, surveys
from mensenwerk.analytics.models import Survey, SurveyAnswer, SurveyRespondent
from mensenwerk.core import services as core
from mensenwerk.core.models import Department, Person
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _scores(value: int = 4) -> dict[str, int]:
    return {**{n: value for n, _t in questions.STATEMENTS}, questions.RECOMMEND: 9}


def _staff(count: int, department: str) -> list:
    dept, _created = Department.objects.get_or_create(name=department)
    return [
        core.do_create_user(
            f"{department.lower()}{i}",
            PASSWORD,
            [Role.EMPLOYEE],
            person=Person.objects.create(first_name=f"P{i}", last_name="X", department=dept),
        )
        for i in range(count)
    ]


def test_employees_answer_once_and_closing_analyses_without_names(client, users) -> None:
    survey = surveys.do_open("Pulse december", users["hr"])
    staff = _staff(6, "Productie")
    for i, user in enumerate(staff):
        comment = "Bel Piet op 06-12345678 over de roosters" if i == 0 else ""
        surveys.do_answer(survey, user, _scores(3 + i % 3), comment)
    with pytest.raises(ServiceError):
        surveys.do_answer(survey, staff[0], _scores(), "")
    survey.refresh_from_db()
    assert len(survey.pending) == 6 and survey.respondents.count() == 6
    surveys.do_close(survey, users["hr"])
    survey.refresh_from_db()
    assert survey.status == "ready" and survey.pending == []
    assert not SurveyRespondent.objects.exists()  # who answered is gone
    productie = next(g for g in survey.result["top"]["groups"] if g["group"] == "Productie")
    assert productie["n"] == 6 and not productie["withheld"]
    assert set(survey.result["top"]["themes"]) == {
        "Werkdruk", "Leiding", "Ontwikkeling", "Samenwerking"
    }  # fmt: skip
    masked = SurveyAnswer.objects.get(comment__contains="roosters").comment
    assert "06-12345678" not in masked and "Piet" not in masked


def test_the_start_page_asks_and_the_form_records_one_answer(client, users) -> None:
    survey = surveys.do_open("Pulse december", users["hr"])
    client.force_login(users["employee"])
    start = client.get(reverse("core:start")).content.decode()
    assert reverse("analytics:survey_answer", args=[survey.pk]) in start
    url = reverse("analytics:survey_answer", args=[survey.pk])
    assert client.get(url).status_code == 200
    incomplete = client.post(url, {"Werkdruk1": "4"})
    assert incomplete.status_code == 200 and not Survey.objects.get().pending
    data = {**{k: str(v) for k, v in _scores().items()}, "comment": "<script>x</script>"}
    assert client.post(url, data).status_code == 302
    assert len(Survey.objects.get().pending) == 1
    assert client.get(url).status_code == 302  # answered: back to the start page
    assert (
        reverse("analytics:survey_answer", args=[survey.pk])
        not in client.get(reverse("core:start")).content.decode()
    )


def test_who_cannot_answer(users) -> None:
    survey = surveys.do_open("Pulse", users["hr"])
    assert not surveys.may_answer(survey, users["it"])  # no personnel record
    with pytest.raises(ServiceError):
        surveys.do_answer(survey, users["it"], _scores(), "")
    staff = _staff(1, "Logistiek")
    with pytest.raises(ServiceError):  # not every question answered
        surveys.do_answer(survey, staff[0], {"Werkdruk1": 3}, "")
    with pytest.raises(ServiceError):  # nobody answered: nothing to close
        surveys.do_close(survey, users["hr"])


def test_only_hr_opens_and_closes(client, users) -> None:
    client.force_login(users["manager"])
    assert client.post(reverse("analytics:survey_open"), {"open-title": "x"}).status_code == 403
    client.force_login(users["hr"])
    client.post(reverse("analytics:survey_open"), {"open-title": "Pulse"})
    survey = Survey.objects.get(status="open")
    assert survey.in_app
    client.force_login(users["manager"])
    assert client.post(reverse("analytics:survey_close", args=[survey.pk])).status_code == 403
