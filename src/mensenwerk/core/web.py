"""Helpers every app's views share (apps never import each other's views)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mensenwerk.engines.tabular import TableError


def document_language(request: HttpRequest) -> str:
    """The language of a generated document: ?lang=nl|en, else the page's language."""
    wanted = request.GET.get("lang") or request.LANGUAGE_CODE
    return "en" if wanted == "en" else "nl"


# why an uploaded CSV/XLSX cannot be read (engines.tabular's codes), for every import page
TABLE_ERROR_TEXT = {
    "empty": gettext_lazy("the file is empty"),
    "too_large": gettext_lazy("the file is larger than %(mb)s MB"),
    "zip_named_csv": gettext_lazy("the file is named .csv but is an Excel or ZIP file"),
    "not_xlsx": gettext_lazy("the file is named .xlsx but is not an Excel workbook"),
    "old_xls": gettext_lazy("old .xls files are not supported; save as .xlsx or CSV"),
    "not_text": gettext_lazy("the file is not a text (CSV) file"),
    "no_separator": gettext_lazy("no column separator (; , tab or |) in the first line"),
    "malformed_csv": gettext_lazy("the CSV is malformed (%(detail)s)"),
    "bad_workbook": gettext_lazy("not a readable Excel workbook (%(detail)s)"),
    "too_many_rows": gettext_lazy("more than %(limit)s rows"),
    "too_many_columns": gettext_lazy("more than %(limit)s columns"),
    "no_rows": gettext_lazy("the file has no rows"),
    "duplicate_header": gettext_lazy("column “%(column)s” appears twice in the header row"),
}


def table_error(exc: TableError) -> str:
    """The sentence for a file-level error of ``engines.tabular``, as an import form says it."""
    reason = TABLE_ERROR_TEXT[exc.code] % exc.params
    return str(_("This file cannot be read: %(reason)s.") % {"reason": reason})
