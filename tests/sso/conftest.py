"""A real OpenID Connect provider (panva/oidc-provider on Node.js), started on loopback once
per session, and a way to sign in through it as a browser would (redirects, forms, cookies).

`./dev test` installs it with `npm ci` in this folder; CI fails when it cannot start."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import requests

HERE = Path(__file__).resolve().parent
CLIENT_ID, CLIENT_SECRET = "mensenwerk", "test-client-secret-0123456789"

# who can sign in at the provider: login name -> the claims it gives
ACCOUNTS = {
    "anna": {
        "email": "anna.devries@voorbeeld.nl",
        "email_verified": True,
        "given_name": "Anna",
        "family_name": "de Vries",
        "groups": ["Medewerkers"],
    },
    "henk": {
        "email": "Henk.Bos@Voorbeeld.nl",
        "email_verified": True,
        "name": "Henk Bos",
        "groups": ["Medewerkers", "HR-team"],
    },
    "unverified": {"email": "iemand@voorbeeld.nl", "email_verified": False},
    "stranger": {"email": "someone@elsewhere.example", "email_verified": True},
    "noemail": {"name": "Zonder Adres"},
    "hostile": {
        "email": "eve@voorbeeld.nl",
        "email_verified": True,
        "given_name": "<script>alert(1)</script>",
        "family_name": "x" * 400,
        "groups": "HR-team",
    },
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def provider(live_server) -> Iterator[str]:
    """The provider's issuer URL; it sends people back to the live server's callback."""
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
        message = "Node.js or tests/sso/node_modules missing (run `npm ci` in tests/sso)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URIS": f"{live_server.url}/accounts/sso/callback/",
        "OIDC_ACCOUNTS": json.dumps(ACCOUNTS),
    }
    process = subprocess.Popen(
        [node, str(HERE / "provider.mjs")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if line.strip() != "ready":
            pytest.fail(f"the OpenID provider did not start: {line!r}")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def sso_settings(issuer: str, **overrides: object) -> dict[str, object]:
    return {
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "name": "Voorbeeld ID",
        "scopes": "openid email profile groups",
        "sign_algo": "RS256",
        "create_users": False,
        "domains": ["voorbeeld.nl"],
        "group_roles": {},
        "groups_claim": "groups",
        "timeout": 10,
        **overrides,
    }


def _form_action(html: str, prompt: str) -> str | None:
    if f'name="prompt" value="{prompt}"' not in html:
        return None
    match = re.search(r'<form[^>]*action="([^"]+)"', html)
    return match.group(1) if match else None


@pytest.fixture
def sign_in(live_server, provider) -> Callable[..., tuple[requests.Session, requests.Response]]:
    """Follow the whole flow as a browser: Mensenwerk -> provider's log-in and consent forms ->
    back to Mensenwerk's callback. Returns the session and the last page."""

    def flow(login: str, start: str = "/accounts/sso/") -> tuple[requests.Session, Any]:
        session = requests.Session()
        session.headers["Accept-Language"] = "nl"
        page = session.get(f"{live_server.url}{start}", timeout=20)
        for prompt, data in (("login", {"login": login, "password": "any"}), ("consent", {})):
            action = _form_action(page.text, prompt)
            if action is None:
                continue
            page = session.post(
                urljoin(page.url, action), data={"prompt": prompt, **data}, timeout=20
            )
        return session, page

    return flow
