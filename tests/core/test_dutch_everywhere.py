"""Every page and PDF a Dutch user reaches reads as Dutch: the whole demo, crawled by following
links as each role, in Dutch. On each page (and in each PDF's text) it looks for:

- a string the code asked gettext for that has no Dutch translation;
- a number with a decimal point ("14.4", "0.75"; "26.000" is a Dutch thousands separator);
- an ISO date or timestamp ("2026-11-30", "2026-11-30T09:00");
- an amount written "EUR 28100" instead of "€ 28.100".

It follows only GET links inside the site, visits at most two pages per route and role, and
skips what only changes state (log-out) or is not a page (the API)."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import polib
import pytest
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import trans_real

from mensenwerk.core.models import User
from tests.files import pdf_text
from tests.translations import PO, untranslated

pytestmark = pytest.mark.django_db

ROLES = ["hr", "director", "dpo", "or", "recruiter", "manager", "employee", "it", "champion"]
SKIP = re.compile(r"^/(accounts/logout|api/|i18n/|static/|healthz)|[?&]lang=en|/en/")
# quoted text (a handbook passage, an answer quoting one) is the organisation's, not ours
QUOTES = ("blockquote", "pre")
PER_ROUTE = 2
# a decimal point: digits, a point, then not exactly three digits (that is a thousands point)
DECIMAL_POINT = re.compile(r"(?<![\w.,/-])\d+\.(?:\d{1,2}|\d{4,})(?![\w.,/-]|\.\d)")
EUR_CODE = re.compile(r"\bEUR ?\d")  # amounts read "€ 26.000"
ISO_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?\b")


class _Page(HTMLParser):
    """The visible text of a page and the links it offers."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template", "title", *QUOTES):
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template", "title", *QUOTES):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def _problems(text: str) -> list[str]:
    found = [f"decimal point: …{text[max(0, m.start() - 30) : m.end() + 10]}…"
             for m in DECIMAL_POINT.finditer(text)]  # fmt: skip
    found += [f"ISO timestamp: {m.group()}" for m in ISO_TIMESTAMP.finditer(text)]
    found += [f"amount as EUR: {m.group()}" for m in EUR_CODE.finditer(text)]
    return found


def _english(asked: list[str]) -> list[str]:
    """Asked and not translated; Django's own Dutch that happens to equal its English ("jan",
    "nov"), punctuation, and text that already is Dutch do not count."""
    catalog = trans_real.translation("nl")._catalog
    dutch = {e.msgstr for e in polib.pofile(str(PO)) if e.msgstr}
    return [
        m
        for m in untranslated(asked)
        if re.search(r"[A-Za-z]", m) and m not in catalog and m not in dutch
    ]


def _crawl(client, role: str, asked: list[str]) -> dict[str, list[str]]:
    queue, seen, per_route = deque(["/start/"]), set(), {}
    problems: dict[str, list[str]] = {}
    while queue:
        url = queue.popleft()
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            continue
        if url in seen or per_route.get(match.view_name, 0) >= PER_ROUTE:
            continue
        seen.add(url)
        per_route[match.view_name] = per_route.get(match.view_name, 0) + 1
        asked.clear()
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if kind.startswith("application/pdf"):
            text = pdf_text(response.content)
        elif kind.startswith("text/html"):
            page = _Page()
            page.feed(response.content.decode())
            text = " ".join(page.text)
            for href in page.links:
                link = urldefrag(href)[0]
                if link.startswith("/") and not SKIP.search(link) and link not in seen:
                    queue.append(link)
        else:
            continue
        found = _problems(text) + [f"English: {m}" for m in _english(asked)]
        if found:
            problems[f"{role} {url}"] = found
    return problems


@pytest.mark.usefixtures("_fast_hashing")
def test_every_page_and_pdf_a_dutch_user_reaches_is_dutch(client, asked: list[str]) -> None:
    from mensenwerk.demo import build_demo

    build_demo("demo")
    problems: dict[str, list[str]] = {}
    with translation.override("nl"):
        for role in ROLES:
            client.force_login(User.objects.get(username=role))
            problems.update(_crawl(client, role, asked))
    report = "\n".join(f"{where}: {what}" for where, what in sorted(problems.items()))
    assert not problems, f"{len(problems)} pages are not fully Dutch:\n{report}"
