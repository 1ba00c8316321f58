"""The recruitment tests read the English texts (the vacancy fixture is in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english(client) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # assertions read the English texts
