"""Every user-facing string has a Dutch translation, and the compiled catalogue is current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "mensenwerk"
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_it_translates_every_entry_in_the_catalogue() -> None:
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_it_ships_a_compiled_catalogue_matching_the_source() -> None:
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(PO.with_suffix(".mo")))
    }
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(PO))
        if e.translated()
    }
    assert {k: v for k, v in compiled.items() if k[1]} == source


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext not installed")
def test_it_has_every_string_of_the_code_in_the_catalogue(tmp_path: Path) -> None:
    """Extract the strings anew from a copy of the package: nothing may be missing."""
    copy = tmp_path / "mensenwerk"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "nl",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PYTHONPATH": str(PACKAGE.parents[1]),
            "PATH": "/usr/bin:/bin",
        },
    )
    fresh = polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.translated()]
    assert missing == [], f"strings without a Dutch translation: {missing}"


# "je" for employees and candidates: the formal "u" and "uw" nowhere.
FORMAL = re.compile(r"\b(u|uw|uzelf|uwe)\b", re.IGNORECASE)


def _formal(texts: dict[str, str]) -> dict[str, str]:
    return {key: text for key, text in texts.items() if FORMAL.search(text)}


def test_the_dutch_catalogue_says_je_not_u() -> None:
    catalogue = polib.pofile(str(PO))
    texts = {e.msgid: e.msgstr for e in catalogue if not e.obsolete}
    texts |= {f"{e.msgid} [{n}]": s for e in catalogue for n, s in e.msgstr_plural.items()}
    assert _formal(texts) == {}


def test_the_dutch_texts_in_the_code_say_je_not_u() -> None:
    from mensenwerk.governance.builtin import BUILTIN
    from mensenwerk.recruitment.messages import DEFAULT_TEMPLATES

    texts = {
        f"{kind} e-mail": f"{subject}\n{body}"
        for (kind, lang), (subject, body) in DEFAULT_TEMPLATES.items()
        if lang == "nl"
    }
    texts |= {f"{spec['slug']} notice": spec.get("notice_nl", "") for spec in BUILTIN}
    assert _formal(texts) == {}


@pytest.mark.django_db
def test_the_dutch_documents_say_je_not_u(team) -> None:
    from mensenwerk.governance import rights
    from mensenwerk.governance.documents import notice, subject_report
    from mensenwerk.governance.models import AIApplication

    texts = {f"notice {app.slug}": notice(app, "nl") for app in AIApplication.objects.all()}
    texts["access report"] = subject_report(rights.subject_export(team["report"]), "nl")
    assert _formal(texts) == {}
