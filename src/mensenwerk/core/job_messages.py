"""A background job's message is stored as a code with its parameters and worded when it is
read, in the reader's language (a worker has no reader, so no language of its own).

Apps register their codes in ``ready()``: ``JOB_MESSAGES["cv_upload_done"] = fn(params)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

JOB_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {}


def worded(code: str, params: dict[str, Any], fallback: str = "") -> str:
    """The message in the active language; an unknown code (an app that is gone) as stored."""
    word = JOB_MESSAGES.get(code)
    return word(params) if word else fallback or code
