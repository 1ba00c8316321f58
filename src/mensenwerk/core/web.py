"""Helpers every app's views share (apps never import each other's views)."""

from __future__ import annotations

from django.http import HttpRequest


def document_language(request: HttpRequest) -> str:
    """The language of a generated document: ?lang=nl|en, else the page's language."""
    wanted = request.GET.get("lang") or request.LANGUAGE_CODE
    return "en" if wanted == "en" else "nl"
