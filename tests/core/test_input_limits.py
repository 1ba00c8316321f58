"""Bad input gets a clear error: huge, NUL-bearing, out-of-range and bomb-shaped values."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import mensenwerk
from mensenwerk.assistant.models import Question
from mensenwerk.core import services as core_services
from mensenwerk.engines import safeyaml
from mensenwerk.recruitment.models import Application, Vacancy
from tests.recruitment.helpers import apply, cv_pdf
from tests.trust import activate

MEGABYTE = "x" * 1_000_000


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(mensenwerk.__path__, "mensenwerk."):
        if not module_info.name.endswith(".forms"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_text_field_a_person_types_into_has_a_length_limit() -> None:
    classes = _form_classes()
    assert len(classes) > 20
    unlimited = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if type(field) in (forms.CharField, forms.RegexField, forms.EmailField)
        and (field.max_length is None or field.max_length > 200_000)
    ]
    assert unlimited == []


@pytest.mark.django_db
def test_a_megabyte_decision_reason_is_refused(client, users, vacancy) -> None:
    apply(client, vacancy, cv_pdf())
    application = Application.objects.get()
    client.force_login(users["recruiter"])
    response = client.post(
        reverse("recruitment:application_decide", args=[application.pk]),
        {"decision": "reject", "reason": MEGABYTE},
    )
    assert response.status_code in (200, 302)
    application.refresh_from_db()
    assert application.stage != "rejected"
    assert application.decision_reason == ""


@pytest.mark.django_db
def test_a_megabyte_job_ad_is_refused_before_the_check_runs(client, users, vacancy) -> None:
    client.force_login(users["hr"])
    response = client.post(
        reverse("recruitment:vacancy_edit", args=[vacancy.pk]),
        {"title": "Lasser", "description": MEGABYTE, "language": "nl", "must_have": "Lassen"},
    )
    assert response.status_code == 200
    assert len(Vacancy.objects.get(pk=vacancy.pk).description) < 1000


@pytest.mark.django_db
def test_a_megabyte_objection_is_refused(client, users) -> None:
    from mensenwerk.adoption import services as adoption
    from mensenwerk.adoption.models import Objection

    adoption.ensure_defaults()
    before = Objection.objects.count()
    client.force_login(users["hr"])
    response = client.post(
        reverse("adoption:new", args=["objection"]),
        {"text": MEGABYTE, "stakeholder": "", "raised_on": "2026-11-01", "response": MEGABYTE},
    )
    assert response.status_code == 200
    assert Objection.objects.count() == before


@pytest.mark.django_db
def test_a_nul_byte_in_a_question_is_a_clear_error_not_a_crash(client, users) -> None:
    _token, secret = core_services.do_create_api_token(users["employee"], "t", None)
    response = client.post(
        "/api/v1/assistant/ask",
        {"question": "Hoeveel vakantie\x00dagen?"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}", "Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert "control character" in response.json()["detail"]
    activate("hr-assistant", users["hr"])
    client.force_login(users["employee"])
    page = client.post(
        reverse("assistant:chat"), {"question": "Vakantie\x00?"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_nul_byte_deep_in_a_txt_cv_is_dropped_and_the_cv_kept(client, vacancy) -> None:
    text = ("Werkervaring\n2016 - heden CNC-frezer bij Metaalwerk\n" * 200).encode()
    data = text + b"\x00\x00Heidenhain\x00\n"
    response = apply(client, vacancy, data, name="cv.txt")
    assert response.status_code == 302
    application = Application.objects.get()
    assert "\x00" not in application.blind_text
    assert "Heidenhain" in application.blind_text


@pytest.mark.django_db
@pytest.mark.parametrize("offset", ["9223372036854775808", "-1", "abc", "1e400"])
def test_an_out_of_range_offset_is_a_422(client, users, offset) -> None:
    _token, secret = core_services.do_create_api_token(users["hr"], "t", None)
    response = client.get(
        f"/api/v1/people?offset={offset}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 422


BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
title: *h
must_have: [x]
"""


@pytest.mark.parametrize(
    "text,code",
    [
        (BOMB, "too_many_nodes"),
        ("a: &a [*a]", "recursive"),
        ("x: " + "[" * 50 + "]" * 50, "too_deep"),
        ("k: " + ", ".join(["*a"] * 150) + "\n", "invalid"),  # undefined aliases
        ("a: &a 1\nb: [" + ", ".join(["*a"] * 150) + "]\n", "too_many_aliases"),
        ("x" * (300 * 1024), "too_large"),
        ("title: [unclosed", "invalid"),
    ],
)
def test_yaml_with_bombs_recursion_depth_and_size_is_refused(text: str, code: str) -> None:
    with pytest.raises(safeyaml.YamlError) as caught:
        safeyaml.load(text)
    assert caught.value.code == code


def test_ordinary_yaml_still_loads() -> None:
    assert safeyaml.load("title: Lasser\nmust_have: [lassen]\nx: &a 1\ny: *a\n") == {
        "title": "Lasser",
        "must_have": ["lassen"],
        "x": 1,
        "y": 1,
    }
    assert safeyaml.load("") is None


@pytest.mark.django_db
def test_the_vacancy_import_refuses_an_alias_bomb_without_echoing_it(client, users) -> None:
    import io

    client.force_login(users["hr"])
    upload = io.BytesIO(BOMB.encode())
    upload.name = "bomb.yaml"
    response = client.post(
        reverse("recruitment:vacancy_import"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert len(body) < 100_000
    assert "values once aliases are expanded" in body
    assert "lol" not in body
    assert not Vacancy.objects.exists()
