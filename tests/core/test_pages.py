"""What each role sees, per-object scope, both languages, and the security headers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mensenwerk.core.models import Organisation


@pytest.mark.django_db
def test_it_shows_each_role_only_the_navigation_it_may_use(client, users) -> None:
    client.force_login(users["or"])
    html = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Works council" in html
    assert reverse("core:people") not in html
    assert reverse("core:users") not in html
    client.force_login(users["it"])
    html = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("core:users") in html
    assert reverse("core:people") not in html


@pytest.mark.django_db
def test_it_limits_a_manager_to_their_own_team(client, users, team) -> None:
    client.force_login(users["manager"])
    html = client.get(reverse("core:people")).content.decode()
    assert "Daan Bakker" in html
    assert "Fatma" not in html
    assert client.get(reverse("core:person", args=[team["report"].pk])).status_code == 200
    assert client.get(reverse("core:person", args=[team["outsider"].pk])).status_code == 404


@pytest.mark.django_db
def test_it_sends_an_employee_to_their_own_record_only(client, users, team) -> None:
    client.force_login(users["employee"])
    response = client.get(reverse("core:me"))
    assert response["Location"] == reverse("core:person", args=[team["report"].pk])
    assert client.get(reverse("core:person", args=[team["boss"].pk])).status_code == 404


@pytest.mark.django_db
def test_it_speaks_dutch_or_english_as_the_browser_asks(client, users) -> None:
    client.force_login(users["hr"])
    nl = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    en = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Mijn acties" in nl.content.decode()
    assert 'lang="nl"' in nl.content.decode()
    assert "My actions" in en.content.decode()
    assert 'lang="en"' in en.content.decode()


@pytest.mark.django_db
def test_it_remembers_the_language_the_user_picks(client, users) -> None:
    client.force_login(users["hr"])
    client.post(reverse("set_language"), {"language": "en", "next": "/start/"})
    page = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "My actions" in page.content.decode()


@pytest.mark.django_db
def test_it_lets_only_hr_change_the_organisation(client, users) -> None:
    form = {
        "name": "Nieuw B.V.",
        "country": "BE",
        "language": "nl",
        "candidate_retention_weeks": 4,
        "candidate_consent_retention_months": 12,
        "former_employee_retention_months": 24,
        "audit_retention_months": 12,
        "bias_min_group": 10,
    }
    client.force_login(users["it"])
    page = client.get(reverse("core:organisation")).content.decode()
    assert "disabled" in page
    assert client.post(reverse("core:organisation"), form).status_code == 403
    client.force_login(users["hr"])
    assert client.post(reverse("core:organisation"), form).status_code == 302
    assert Organisation.current().country == "BE"
    too_short = {**form, "audit_retention_months": 3}
    response = client.post(reverse("core:organisation"), too_short, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "greater than or equal to 6" in response.content.decode()
    assert Organisation.current().bias_min_group == 10
    for bad in (1, 101, "<b>5</b>"):
        response = client.post(reverse("core:organisation"), {**form, "bias_min_group": bad})
        assert response.status_code == 200
        assert Organisation.current().bias_min_group == 10


@pytest.mark.django_db
def test_it_lets_it_create_users_with_roles_and_a_personnel_link(client, users, team) -> None:
    from mensenwerk.core.models import User

    team["outsider"].email = "fatma@example.nl"
    team["outsider"].save()
    client.force_login(users["it"])
    response = client.post(
        reverse("core:user_new"),
        {
            "username": "fatma",
            "email": "f@x.nl",
            "roles": ["champion", "employee"],
            "employee_number": "200",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    fatma = User.objects.get(username="fatma")
    assert fatma.role_set == {"champion", "employee"}
    assert fatma.person == team["outsider"]
    dup = client.post(
        reverse("core:user_new"),
        {"username": "FATMA", "roles": ["employee"], "email": "g@x.nl"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "This user name is taken" in dup.content.decode()
    own = client.get(reverse("core:user_edit", args=[users["it"].pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Nobody can change their own roles" in own.content.decode()
    client.post(
        reverse("core:user_edit", args=[users["it"].pk]), {"roles": ["hr"], "is_active": "on"}
    )
    assert User.objects.get(pk=users["it"].pk).role_set == {"it"}


@pytest.mark.django_db
def test_it_sends_security_headers_and_no_inline_script(client, users) -> None:
    client.force_login(users["hr"])
    for name in ("core:start", "core:people", "core:organisation", "core:import_upload"):
        response = client.get(reverse(name))
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script on {name}"
        assert not re.search(r"\son[a-z]+=\"", html), f"inline event handler on {name}"
        assert ' style="' not in html, f"inline style on {name}"


@pytest.mark.django_db
def test_it_falls_back_to_the_organisations_language(client, users) -> None:
    from mensenwerk.core.models import Organisation

    org = Organisation.current()
    org.language = "en"
    org.save()
    client.force_login(users["hr"])
    page = client.get(reverse("core:start"))  # no Accept-Language, no cookie
    assert "My actions" in page.content.decode()
    dutch = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Mijn acties" in dutch.content.decode()


@pytest.mark.django_db
def test_it_counts_only_current_employees_per_department_in_page_and_api(client, users, team):
    from datetime import date

    from mensenwerk.core import services

    team["outsider"].end_date = date(2020, 1, 1)  # left long ago
    team["outsider"].save()
    client.force_login(users["director"])
    html = client.get(reverse("core:departments")).content.decode()
    assert html.count('class="num">2<') == 1
    assert html.count('class="num">0<') == 1
    _token, secret = services.do_create_api_token(users["director"], "t", None)
    rows = client.get("/api/v1/departments", headers={"Authorization": f"Bearer {secret}"}).json()
    assert {r["name"]: r["headcount"] for r in rows} == {"Engineering": 2, "Productie": 0}
