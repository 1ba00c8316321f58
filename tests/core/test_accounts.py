"""Accounts, roles, tokens and lock-out as an attacker with the IT admin role would try them."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mensenwerk.core import services
from mensenwerk.core.models import ApiToken, LoginFailure, User
from mensenwerk.governance import labels
from mensenwerk.governance.models import AuditEntry


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _events(name: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(content__event=name).select_related("payload"))


def _login(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


@pytest.mark.django_db
def test_the_it_admin_cannot_create_a_token_for_another_person(client, users) -> None:
    client.force_login(users["it"])
    response = client.post(reverse("core:tokens"), {"user": users["hr"].pk, "name": "x"})
    assert response.status_code == 200
    assert not ApiToken.objects.filter(user=users["hr"]).exists()  # not a service account
    with pytest.raises(services.ServiceError):
        services.do_create_api_token(users["hr"], "x", users["it"])
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_service_token_has_only_the_roles_hr_granted(client, users, team) -> None:
    client.force_login(users["it"])
    client.post(reverse("core:service_new"), {"username": "intranet"})
    service = User.objects.get(username="intranet")
    assert service.is_service
    assert not service.has_usable_password()
    assert service.role_set == set()
    created = client.post(reverse("core:tokens"), {"user": service.pk, "name": "Intranet"})
    secret = created.context["secret"]
    assert client.get("/api/v1/people", headers=_bearer(secret)).status_code == 403
    # the IT admin cannot give it the HR role ...
    client.post(reverse("core:user_edit", args=[service.pk]), {"roles": ["hr"], "is_active": "on"})
    assert User.objects.get(pk=service.pk).role_set == set()
    # ... an HR admin can
    client.force_login(users["hr"])
    client.post(reverse("core:user_edit", args=[service.pk]), {"roles": ["hr"]})
    assert User.objects.get(pk=service.pk).role_set == {"hr"}
    client.logout()
    assert client.get("/api/v1/people", headers=_bearer(secret)).status_code == 200
    grants = [e.payload.data for e in _events("role_granted")]
    assert [g["role"] for g in grants if g["user"] == f"user:{service.pk}"] == ["hr"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr", "dpo", "recruiter", "manager", "or", "director"])
def test_the_it_admin_cannot_grant_a_role_that_opens_personal_data(client, users, role) -> None:
    it, target = users["it"], users["employee"]
    client.force_login(it)
    granted_before = len(_events("role_granted"))
    own = client.post(
        reverse("core:user_edit", args=[it.pk]), {"roles": ["it", role], "is_active": "on"}
    )
    assert own.status_code == 302  # its own roles are not an editable field: nothing changes
    assert User.objects.get(pk=it.pk).role_set == {"it"}
    other = client.post(
        reverse("core:user_edit", args=[target.pk]),
        {"roles": ["employee", role], "is_active": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert other.status_code == 200
    assert "Only an HR admin can grant" in other.content.decode()
    assert User.objects.get(pk=target.pk).role_set == {"employee"}
    for who in (it, target):
        with pytest.raises(services.ServiceError):
            services.do_set_roles(who, [*who.role_set, role], it)
    assert len(_events("role_granted")) == granted_before


@pytest.mark.django_db
def test_nobody_grants_roles_to_themselves_not_even_hr(client, users) -> None:
    with pytest.raises(services.ServiceError):
        services.do_set_roles(users["hr"], ["hr", "dpo"], users["hr"])
    client.force_login(users["hr"])
    client.post(reverse("core:user_edit", args=[users["hr"].pk]), {"roles": ["hr", "dpo"]})
    assert User.objects.get(pk=users["hr"].pk).role_set == {"hr"}
    client.post(reverse("core:user_edit", args=[users["employee"].pk]), {"roles": ["dpo"]})
    assert User.objects.get(pk=users["employee"].pk).role_set == {"dpo"}


@pytest.mark.django_db
def test_hr_grants_roles_but_cannot_change_the_account_itself(client, users) -> None:
    client.force_login(users["hr"])
    client.post(
        reverse("core:user_edit", args=[users["employee"].pk]),
        {"roles": ["employee", "champion"], "email": "nieuw@example.nl", "is_active": ""},
    )
    employee = User.objects.get(pk=users["employee"].pk)
    assert employee.role_set == {"employee", "champion"}
    assert employee.is_active  # (de)activating is the IT admin's
    assert employee.email == "nieuw@example.nl"  # the address the password link goes to
    assert client.get(reverse("core:user_new")).status_code == 403


def test_the_it_admin_cannot_take_over_an_account_through_its_e_mail(
    client, users, team, mailoutbox
) -> None:
    """Change the HR admin's address to one of its own, then send the password link: refused.
    A linked account's link goes to the address HR keeps on the personnel record."""
    hr = users["hr"]
    hr.email = "hr@molen.example"
    hr.save()
    client.force_login(users["it"])
    client.post(
        reverse("core:user_edit", args=[hr.pk]),
        {"email": "it-owned@evil.example", "roles": ["hr"], "is_active": "on"},
    )
    assert User.objects.get(pk=hr.pk).email == "hr@molen.example"
    with pytest.raises(services.ServiceError):
        services.do_update_user(
            hr,
            email="it-owned@evil.example",
            first_name="",
            last_name="",
            is_active=True,
            roles=["hr"],
            person=None,
            actor=users["it"],
        )
    # an account the IT admin creates for someone else's personnel record: the link goes to
    # that person's own address, not to the one the IT admin typed
    team["boss"].email = "peter.jansen@molen.example"
    team["boss"].save()
    users["manager"].person = None
    users["manager"].save()
    client.post(
        reverse("core:user_new"),
        {
            "username": "peter2",
            "email": "it-owned@evil.example",
            "roles": ["employee"],
            "employee_number": "100",
            "is_active": "on",
        },
    )
    assert mailoutbox[-1].to == ["peter.jansen@molen.example"]
    # a personnel record without an address: no account, so no link to any other address
    response = client.post(
        reverse("core:user_new"),
        {"username": "fatma2", "email": "x@evil.example", "roles": ["employee"]}
        | {"employee_number": "200", "is_active": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "has no e-mail address" in response.content.decode()
    assert not User.objects.filter(username="fatma2").exists()


@pytest.mark.django_db
def test_the_it_admin_never_sets_a_password_it_knows(client, users, team, mailoutbox) -> None:
    team["outsider"].email = "fatma@example.nl"  # the link goes to the personnel record's
    team["outsider"].save()
    client.force_login(users["it"])
    response = client.post(
        reverse("core:user_new"),
        {
            "username": "fatma",
            "email": "fatma.account@example.nl",
            "roles": ["employee"],
            "employee_number": "200",
            "password": "chosen by it 12345",  # not a field any more: ignored
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    fatma = User.objects.get(username="fatma")
    assert not fatma.has_usable_password()
    assert fatma.person == team["outsider"]
    client.logout()
    assert _login(client, "fatma", "chosen by it 12345").status_code == 200  # no log-in
    assert mailoutbox[-1].to == ["fatma@example.nl"]
    link = re.search(r"http://testserver(/accounts/set-password/\S+/)", mailoutbox[-1].body)
    assert link is not None
    # the user follows the link (Django redirects to a URL without the token) and chooses
    step = client.get(link.group(1))
    page = client.get(step["Location"])
    assert page.status_code == 200
    assert page.context["validlink"]
    new = "Fatma kiest zelf 2026!"
    done = client.post(step["Location"], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert _login(client, "fatma", new).status_code == 302
    client.logout()
    again = client.get(link.group(1), follow=True)
    assert again.context["validlink"] is False  # the link works once
    # a forgotten password: IT sends a new link, never a password
    client.force_login(users["it"])
    client.post(reverse("core:user_send_link", args=[fatma.pk]))
    assert len(mailoutbox) == 2
    kinds = [e.content["event"] for e in AuditEntry.objects.filter(kind="event").order_by("seq")]
    for event in ("account_created", "role_granted", "password_link_sent", "password_reset"):
        assert event in kinds


@pytest.mark.django_db
def test_a_new_account_needs_an_address_for_its_link(client, users) -> None:
    client.force_login(users["it"])
    response = client.post(
        reverse("core:user_new"),
        {"username": "zonder", "roles": ["employee"], "is_active": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="zonder").exists()


@pytest.mark.django_db
def test_every_account_event_is_in_the_trail_and_the_dpo_sees_it(client, users) -> None:
    it, hr = users["it"], users["hr"]
    token, _secret = services.do_create_api_token(it, "mine", it)
    services.do_revoke_api_token(token, it)
    services.do_update_user(
        users["employee"],
        email="",
        first_name="",
        last_name="",
        is_active=False,
        roles=["employee"],
        person=users["employee"].person,
        actor=it,
    )
    services.do_set_roles(users["champion"], [], hr)
    services.do_unlock_user(users["employee"], hr)
    expected = {
        "token_created",
        "token_revoked",
        "account_deactivated",
        "role_removed",
        "account_unlocked",
    }
    recorded = {e.content["event"]: e for e in AuditEntry.objects.filter(kind="event")}
    assert expected <= set(recorded)
    assert recorded["token_created"].actor == f"user:{it.pk}"
    assert recorded["role_removed"].payload.data == {
        "user": f"user:{users['champion'].pk}",
        "role": "champion",
    }
    client.force_login(users["dpo"])
    page = client.get(reverse("governance:trail"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for event in expected:  # in words (governance/labels.py), not as codes
        assert html.escape(str(labels.EVENTS[event])) in page


@pytest.mark.django_db
def test_a_lock_out_ends_at_its_set_time_whatever_is_tried_meanwhile(
    client, users, settings, monkeypatch
) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_LOCKOUT_MINUTES = 15
    start = timezone.now()
    clock = {"now": start}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    for _ in range(3):
        _login(client, "hr", "wrong")
    locked_until = LoginFailure.objects.get(username="hr").locked_until
    assert locked_until == start + timedelta(minutes=15)
    # an attacker tries once a minute to keep the account locked
    for minute in range(1, 15):
        clock["now"] = start + timedelta(minutes=minute)
        _login(client, "hr", "wrong", address=f"10.0.1.{minute}")
    assert LoginFailure.objects.get(username="hr").locked_until == locked_until
    clock["now"] = start + timedelta(minutes=15, seconds=1)
    assert _login(client, "hr", "correct horse battery staple").status_code == 302
    assert len(_events("account_locked")) == 1


@pytest.mark.django_db
def test_one_address_trying_many_names_is_locked_out(client, users, settings) -> None:
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    for n in range(4):
        _login(client, f"guess{n}", "wrong", address="192.0.2.9")
    assert services.is_locked_out("hr", "192.0.2.9")
    refused = _login(client, "hr", "correct horse battery staple", address="192.0.2.9")
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert (
        _login(client, "hr", "correct horse battery staple", address="192.0.2.10").status_code
        == 302
    )


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_dodge_the_address_limit(
    client, users, settings
) -> None:
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    for n in range(2):
        client.post(
            reverse("login"),
            {"username": f"x{n}", "password": "y"},
            REMOTE_ADDR="192.0.2.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert services.is_locked_out("anyone", "192.0.2.7")


@pytest.mark.django_db
def test_hr_or_it_can_unlock_a_user_and_it_is_recorded(client, users, settings) -> None:
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        _login(client, "employee", "wrong")
    assert services.is_locked_out("employee")
    client.force_login(users["hr"])
    page = client.get(reverse("core:users")).content.decode()
    assert reverse("core:user_unlock", args=[users["employee"].pk]) in page
    client.post(reverse("core:user_unlock", args=[users["employee"].pk]))
    assert not services.is_locked_out("employee")
    unlocked = _events("account_unlocked")
    assert unlocked[0].actor == f"user:{users['hr'].pk}"
    assert unlocked[0].payload.data["was_locked"] is True
