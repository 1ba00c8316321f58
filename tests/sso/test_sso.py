"""Single sign-on against a real OpenID Connect provider on loopback (see conftest.py)."""

from __future__ import annotations

import time

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from mensenwerk.core import services, sso
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role
from mensenwerk.governance.models import AuditEntry
from tests.sso.conftest import sso_settings

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def configured(settings, provider):
    settings.MENSENWERK_SSO = sso_settings(provider)
    return settings


def _account(email: str, *roles: Role, active: bool = True) -> User:
    user = services.do_create_user(email.split("@")[0], None, list(roles), email=email)
    if not active:
        User.objects.filter(pk=user.pk).update(is_active=False)
    return user


def _signed_in_as(session, live_server) -> str | None:
    page = session.get(f"{live_server.url}/start/", timeout=20, allow_redirects=False)
    return page.text if page.status_code == 200 else None


def test_an_existing_account_signs_in_by_its_e_mail_address(configured, sign_in, live_server):
    _account("anna.devries@voorbeeld.nl", Role.EMPLOYEE)
    session, page = sign_in("anna")
    assert page.url == f"{live_server.url}/start/"
    assert "Mijn acties" in page.text
    assert "anna.devries" in (_signed_in_as(session, live_server) or "")
    assert User.objects.count() == 1  # nobody new


def test_the_address_matches_whatever_its_capitals(configured, sign_in, live_server):
    _account("henk.bos@voorbeeld.nl", Role.RECRUITER)
    _session, page = sign_in("henk")
    assert page.url == f"{live_server.url}/start/"


def test_an_unknown_address_is_refused_when_accounts_are_not_created(configured, sign_in):
    _session, page = sign_in("anna")
    assert page.url.endswith("/accounts/login/")
    assert "geen Mensenwerk-account" in page.text
    assert not User.objects.exists()


def test_first_sign_in_creates_an_employee_account_and_records_it(configured, sign_in):
    configured.MENSENWERK_SSO = {**configured.MENSENWERK_SSO, "create_users": True}
    _session, page = sign_in("henk")  # in the group "HR-team", which is not mapped
    assert page.url.endswith("/start/")
    user = User.objects.get()
    assert user.email == "Henk.Bos@Voorbeeld.nl"
    assert (user.first_name, user.last_name) == ("Henk", "Bos")
    assert user.role_set == {Role.EMPLOYEE.value}  # never a role from the provider unmapped
    assert not user.has_usable_password()
    created = AuditEntry.objects.select_related("payload").get(content__event="account_created")
    assert created.payload.data["via"] == "sso"


def test_accounts_are_created_only_for_the_organisations_domains(configured, sign_in):
    configured.MENSENWERK_SSO = {**configured.MENSENWERK_SSO, "create_users": True}
    _session, page = sign_in("stranger")
    assert page.url.endswith("/accounts/login/")
    assert "eigen e-mailadressen" in page.text
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("login", "says"),
    [("unverified", "niet geverifieerd"), ("noemail", "je e-mailadres niet doorgegeven")],
)
def test_an_address_the_provider_does_not_vouch_for_is_refused(configured, sign_in, login, says):
    configured.MENSENWERK_SSO = {**configured.MENSENWERK_SSO, "create_users": True}
    _account("iemand@voorbeeld.nl", Role.HR)
    _session, page = sign_in(login)
    assert page.url.endswith("/accounts/login/")
    assert says in page.text
    assert User.objects.count() == 1


def test_a_switched_off_account_stays_out(configured, sign_in, live_server):
    _account("anna.devries@voorbeeld.nl", Role.EMPLOYEE, active=False)
    session, page = sign_in("anna")
    assert page.url.endswith("/accounts/login/")
    assert "uitgeschakeld" in page.text
    assert _signed_in_as(session, live_server) is None


def test_mapped_groups_grant_and_take_only_their_own_roles(configured, sign_in):
    configured.MENSENWERK_SSO = {
        **configured.MENSENWERK_SSO,
        "group_roles": {"hr": ["HR-team"], "dpo": ["Privacy"]},
    }
    henk = _account("henk.bos@voorbeeld.nl", Role.EMPLOYEE, Role.CHAMPION)
    anna = _account("anna.devries@voorbeeld.nl", Role.EMPLOYEE, Role.DPO, Role.RECRUITER)
    sign_in("henk")
    sign_in("anna")
    assert User.objects.get(pk=henk.pk).role_set == {"employee", "champion", "hr"}
    # anna is not in "Privacy": the mapped role goes, the role HR gave her by hand stays
    assert User.objects.get(pk=anna.pk).role_set == {"employee", "recruiter"}
    events = AuditEntry.objects.filter(
        content__event__in=["role_granted", "role_removed"]
    ).select_related("payload")
    changes = {
        (e.content["event"], e.payload.data["role"], e.payload.data.get("via")) for e in events
    }
    assert ("role_granted", "hr", "sso") in changes
    assert ("role_removed", "dpo", "sso") in changes


def test_hostile_names_are_cut_and_shown_escaped(configured, sign_in, client, users):
    configured.MENSENWERK_SSO = {
        **configured.MENSENWERK_SSO,
        "create_users": True,
        "group_roles": {"hr": ["HR-team"]},
    }
    _session, page = sign_in("hostile")
    assert page.url.endswith("/start/")
    eve = User.objects.get(email="eve@voorbeeld.nl")
    assert len(eve.last_name) == 150
    assert eve.role_set == {"employee", "hr"}  # a single group as a string still counts
    client.force_login(users["it"])
    listing = client.get("/users/").content.decode()
    assert "<script>alert(1)</script>" not in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing


def test_the_page_asked_for_is_where_one_lands_but_never_another_site(
    configured, sign_in, live_server
):
    _account("anna.devries@voorbeeld.nl", Role.EMPLOYEE)
    _session, page = sign_in("anna", start="/accounts/sso/?next=/assistant/")
    assert page.url == f"{live_server.url}/assistant/"
    _session, page = sign_in("anna", start="/accounts/sso/?next=https://evil.example/")
    assert page.url == f"{live_server.url}/start/"


def test_a_callback_replayed_does_not_sign_in(configured, sign_in, live_server):
    _account("anna.devries@voorbeeld.nl", Role.EMPLOYEE)
    _session, page = sign_in("anna")
    callbacks = [r.url for r in page.history if "/accounts/sso/callback/" in r.url]
    assert callbacks
    stranger = requests.Session()
    replay = stranger.get(callbacks[-1], timeout=20)
    assert replay.url.endswith("/accounts/login/") or replay.status_code == 400
    assert _signed_in_as(stranger, live_server) is None


def test_an_unreachable_provider_gets_a_clear_message(settings, client):
    settings.MENSENWERK_SSO = sso_settings("http://127.0.0.1:9")  # nothing listens there
    page = client.get("/accounts/sso/", follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    assert page.redirect_chain[-1][0].endswith("/accounts/login/")
    assert "is nu niet bereikbaar" in page.content.decode()


def test_without_sso_there_is_no_button_and_no_route(settings, client):
    settings.MENSENWERK_SSO = None
    assert client.get("/accounts/sso/").status_code == 404
    assert client.get("/accounts/sso/callback/?code=x&state=y").status_code == 404
    assert "data-sso" not in client.get("/accounts/login/").content.decode()


def test_password_log_in_can_be_switched_off(settings, client, users):
    from tests.conftest import PASSWORD

    settings.MENSENWERK_SSO = sso_settings("http://127.0.0.1:9")
    settings.PASSWORD_LOGIN = False
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "data-sso" in page and 'name="password"' not in page
    refused = client.post("/accounts/login/", {"username": "hr", "password": PASSWORD}, follow=True)
    assert "_auth_user_id" not in client.session
    assert "Inloggen met een wachtwoord staat hier uit" in refused.content.decode()
    with pytest.raises(services.ServiceError):
        services.do_send_password_link(users["employee"], users["it"], "http://x")


def test_an_id_token_for_another_client_or_issuer_is_refused(settings):
    settings.MENSENWERK_SSO = sso_settings("https://id.voorbeeld.nl")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    backend = sso.SignInBackend()
    now = int(time.time())
    good = {"iss": "https://id.voorbeeld.nl", "aud": "mensenwerk", "sub": "1", "exp": now + 60}
    token = jwt.encode(good, key, algorithm="RS256")
    assert backend.get_payload_data(token, key.public_key())["sub"] == "1"
    for wrong in ({"aud": "another-app"}, {"iss": "https://evil.example"}, {"exp": now - 3600}):
        token = jwt.encode({**good, **wrong}, key, algorithm="RS256")
        with pytest.raises(jwt.PyJWTError):
            backend.get_payload_data(token, key.public_key())
    unsigned = jwt.encode(good, "shared-secret-of-at-least-32-bytes!!", algorithm="HS256")
    with pytest.raises(jwt.PyJWTError):
        backend.get_payload_data(unsigned, key.public_key())
