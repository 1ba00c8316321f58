from __future__ import annotations

import pytest
from django.urls import reverse

from mensenwerk.core import services
from mensenwerk.core.models import ApiToken


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.django_db
def test_it_shows_a_new_token_once_and_stores_only_its_hash(client, users) -> None:
    client.force_login(users["hr"])
    response = client.post(reverse("core:tokens"), {"name": "Intranet"})
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith("mw_")
    assert secret in response.content.decode()
    assert secret not in (token.key_hash, token.prefix)
    assert len(token.key_hash) == 64
    again = client.get(reverse("core:tokens")).content.decode()
    assert secret not in again
    assert token.prefix in again
    me = client.get("/api/v1/me", headers=_bearer(secret))
    assert me.json()["username"] == "hr"


@pytest.mark.django_db
def test_it_refuses_revoked_unknown_and_malformed_tokens(client, users) -> None:
    token, secret = services.do_create_api_token(users["hr"], "t", users["hr"])
    assert client.get("/api/v1/people", headers=_bearer(secret)).status_code == 200
    client.force_login(users["it"])
    client.post(reverse("core:token_revoke", args=[token.pk]))
    client.logout()
    for bad in (secret, "mw_" + "x" * 43, "garbage", "mw_" + "x" * 5000, ""):
        assert client.get("/api/v1/people", headers=_bearer(bad)).status_code == 401


@pytest.mark.django_db
def test_it_refuses_a_token_of_a_deactivated_user(client, users) -> None:
    _token, secret = services.do_create_api_token(users["hr"], "t", None)
    users["hr"].is_active = False
    users["hr"].save()
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 401


@pytest.mark.django_db
def test_it_limits_a_manager_to_their_team_in_the_api(client, users, team) -> None:
    _token, secret = services.do_create_api_token(users["manager"], "t", None)
    people = client.get("/api/v1/people", headers=_bearer(secret)).json()
    numbers = {p["employee_number"] for p in people["items"]}
    assert numbers == {"100", "101"}
    outsider = client.get(f"/api/v1/people/{team['outsider'].pk}", headers=_bearer(secret))
    assert outsider.status_code == 404


@pytest.mark.django_db
def test_it_lets_an_employee_read_only_their_own_record(client, users, team) -> None:
    _token, secret = services.do_create_api_token(users["employee"], "t", None)
    own = client.get(f"/api/v1/people/{team['report'].pk}", headers=_bearer(secret))
    assert own.status_code == 200
    assert own.json()["first_name"] == "Daan"
    boss = client.get(f"/api/v1/people/{team['boss'].pk}", headers=_bearer(secret))
    assert boss.status_code == 404


@pytest.mark.django_db
def test_it_serves_the_openapi_schema_and_offline_docs(client, users) -> None:
    client.force_login(users["it"])
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Mensenwerk API"
    assert "/api/v1/people" in schema["paths"]
    docs = client.get("/api/v1/docs")
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in docs["Content-Security-Policy"]
