"""The assistant's knowledge-base fixture: the demo personeelsgids for everyone and a short
managers-only document, indexed through the real upload path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mensenwerk.assistant import services
from mensenwerk.assistant.models import KnowledgeDocument
from tests.trust import activate

DEMO = Path(services.__file__).resolve().parent / "demo_data"
GUIDE = (DEMO / "personeelsgids.md").read_bytes()
MANAGERS = (
    b"# Gids\n\n## Verzuimgesprek\n\nBij drie ziekmeldingen in een jaar voer je een "
    b"verzuimgesprek met de medewerker.\n"
)


@pytest.fixture
def kb(db, users, django_capture_on_commit_callbacks):
    activate("hr-assistant", users["hr"])
    meta = services.DocumentMeta("everyone", "nl", date(2026, 1, 1), None, users["hr"], "Gids")
    with django_capture_on_commit_callbacks(execute=True):
        services.do_upload([("personeelsgids.md", GUIDE)], meta, users["hr"])
        services.do_upload(
            [("verzuim.md", MANAGERS)],
            services.DocumentMeta("managers", "nl", None, None, users["hr"], "Verzuim"),
            users["hr"],
        )
    return KnowledgeDocument.objects.get(title="Gids")


@pytest.fixture
def en(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
