"""Logging filters."""

from __future__ import annotations

import logging


class NoClientErrorTracebacks(logging.Filter):
    """Django logs a PermissionDenied (403) with the exception's traceback, which fills the
    log with stack traces for what is an ordinary refusal. Keep the line, drop the traceback,
    for every response below 500."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if record.exc_info and status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
