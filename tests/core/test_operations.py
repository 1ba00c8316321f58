"""Operations: an owner-only data folder, no caching of personal data, quiet refusals."""

from __future__ import annotations

import logging
import stat
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from mensenwerk.config import secure_data_dir
from mensenwerk.core.logs import NoClientErrorTracebacks
from mensenwerk.recruitment.models import Application
from tests.recruitment.helpers import apply, cv_pdf


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_it_tightens_a_data_folder_left_world_readable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "files" / "cv-uploads").mkdir(parents=True)
    cv = data / "files" / "cv-uploads" / "jan.pdf"
    cv.write_bytes(b"%PDF")
    for path, mode in ((data, 0o755), (data / "files", 0o755), (cv, 0o644)):
        path.chmod(mode)
    secure_data_dir(data)
    assert _mode(data) == 0o700
    assert _mode(data / "files") == 0o700
    assert _mode(cv) == 0o600
    new = data / "later.sqlite3"
    new.write_bytes(b"")  # the umask makes what the process writes next owner-only
    assert _mode(new) == 0o600


@pytest.mark.django_db
def test_an_uploaded_cv_is_stored_owner_only(client, vacancy) -> None:
    assert apply(client, vacancy, cv_pdf()).status_code == 302
    stored = next(Path(settings.DATA_DIR).rglob(Application.objects.get().stored_name))
    assert _mode(stored) == 0o600
    assert _mode(Path(settings.DATA_DIR)) == 0o700


@pytest.mark.django_db
def test_pages_and_api_answers_with_personal_data_are_not_cached(client, users, team) -> None:
    from mensenwerk.core import services

    client.force_login(users["hr"])
    for name, kwargs in (("core:people", {}), ("core:person", {"pk": team["report"].pk})):
        assert client.get(reverse(name, kwargs=kwargs))["Cache-Control"] == "no-store"
    client.logout()
    _token, secret = services.do_create_api_token(users["hr"], "t", None)
    api = client.get("/api/v1/people", headers={"Authorization": f"Bearer {secret}"})
    assert api["Cache-Control"] == "no-store"


def test_a_refusal_is_logged_as_one_line_a_server_error_with_its_traceback() -> None:
    filt = NoClientErrorTracebacks()
    try:
        raise PermissionError("forbidden")
    except PermissionError:
        exc = sys.exc_info()
    refused = logging.LogRecord("django.request", 30, __file__, 1, "Forbidden", (), exc)
    refused.status_code = 403
    assert filt.filter(refused)
    assert refused.exc_info is None
    failed = logging.LogRecord("django.request", 40, __file__, 1, "Server error", (), exc)
    failed.status_code = 500
    assert filt.filter(failed)
    assert failed.exc_info is not None
    # and it is the filter the console handler runs
    handlers = logging.getLogger().handlers
    assert any(any(isinstance(f, NoClientErrorTracebacks) for f in h.filters) for h in handlers)
