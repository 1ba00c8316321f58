from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from mensenwerk.core import services
from mensenwerk.core.models import LoginFailure
from tests.conftest import PASSWORD

GENERIC = "Wrong user name or password"


def _post_login(client, username: str, password: str):
    return client.post(
        reverse("login"), {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="en"
    )


@pytest.mark.django_db
def test_it_logs_in_and_lands_on_the_start_page(client, users) -> None:
    response = _post_login(client, "hr", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:start")
    page = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="en")
    assert "HR admin" in page.content.decode()


@pytest.mark.django_db
def test_it_gives_the_same_message_for_unknown_user_and_wrong_password(client, users) -> None:
    wrong = _post_login(client, "hr", "nope").content.decode()
    unknown = _post_login(client, "nobody-here", "nope").content.decode()
    assert GENERIC in wrong
    assert GENERIC in unknown


@pytest.mark.django_db
def test_it_locks_out_after_repeated_failures_even_with_the_right_password(
    client,
    users,
    settings,
) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _post_login(client, "hr", "wrong")
    assert services.is_locked_out("HR")  # case does not help an attacker
    response = _post_login(client, "hr", PASSWORD)
    assert response.status_code == 200
    assert GENERIC in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_it_forgets_failures_after_a_successful_login(client, users) -> None:
    _post_login(client, "hr", "wrong")
    assert LoginFailure.objects.get(username="hr").failures == 1
    _post_login(client, "hr", PASSWORD)
    assert not LoginFailure.objects.filter(username="hr").exists()


@pytest.mark.django_db
def test_it_throttles_unknown_user_names_too(client, db, settings) -> None:
    settings.LOGIN_MAX_FAILURES = 2
    _post_login(client, "ghost", "a")
    _post_login(client, "ghost", "b")
    assert services.is_locked_out("ghost")


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_it_stores_passwords_with_argon2(db) -> None:
    from django.conf import settings as live

    from mensenwerk.settings import PASSWORD_HASHERS

    assert PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = services.do_create_user("argon", "a long enough password", [], email="")
    assert user.password.startswith("argon2")
    assert live.PASSWORD_HASHERS


@pytest.mark.django_db
def test_it_logs_out_only_by_post(client, users) -> None:
    client.force_login(users["hr"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("core:start")).status_code == 302


@pytest.mark.django_db
def test_it_requires_csrf_on_forms(users) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "hr", "password": PASSWORD})
    assert response.status_code == 403
    strict.force_login(users["hr"])
    assert strict.post(reverse("core:organisation"), {"name": "X"}).status_code == 403
