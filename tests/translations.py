"""What the code asks gettext for while a test runs, and which of it has no Dutch translation.
A catalogue check alone misses strings that never reached the catalogue (gettext cannot read
them inside an f-string)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

PO = Path(__file__).resolve().parents[1] / "src/mensenwerk/locale/nl/LC_MESSAGES/django.po"


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The msgids the code asks for while the test runs."""
    seen: list[str] = []
    translation.gettext("x")  # Django binds its backend's functions on first use
    translation.ngettext("x", "y", 1)
    real, real_n = translation._trans.gettext, translation._trans.ngettext

    def gettext(message: str) -> str:
        seen.append(str(message))
        return real(message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        seen.append(str(singular))
        return real_n(singular, plural, n)

    monkeypatch.setattr(translation._trans, "gettext", gettext)
    monkeypatch.setattr(translation._trans, "ngettext", ngettext)
    return seen


def untranslated(asked: list[str]) -> list[str]:
    asked = list(asked)  # the check below asks gettext too: look at what rendering asked
    ours = {e.msgid: e.msgstr for e in polib.pofile(str(PO)) if e.msgstr}
    with translation.override("nl"):
        return sorted(
            {m for m in asked if m.strip() and translation.gettext(m) == m and m not in ours}
        )
