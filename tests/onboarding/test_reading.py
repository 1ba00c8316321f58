"""The reading list: the assistant's search over the organisation's own handbook, cited by
section, never from a document the new colleague may not read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mensenwerk.onboarding import services
from tests.assistant.conftest import kb  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_plan_cites_handbook_sections_for_week_one(kb, newcomer, users, client) -> None:  # noqa: F811
    plan = services.do_create_plan(newcomer, users["hr"])
    sections = {r["section"]: r for r in plan.proposal["reading"]}
    assert any("eerste werkdag" in s.lower() for s in sections), sections
    assert any("ziekmelden" in s.lower() for s in sections), sections
    assert all(r["title"] == "Gids" for r in sections.values())  # never the managers-only one
    assert all(r["url"].startswith("/assistant/passages/") for r in sections.values())
    client.force_login(users["hr"])
    page = client.get(reverse("onboarding:plan", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert (
        "Reading for week one" in text
        and "every new colleague should know how to report sick" in text
    )


def test_without_documents_the_plan_says_so(newcomer, users, client) -> None:
    plan = services.do_create_plan(newcomer, users["hr"])
    assert plan.proposal["reading"] == []
    client.force_login(users["hr"])
    page = client.get(reverse("onboarding:plan", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "The staff handbook gave no sections" in page.content.decode()
