"""Validators for what people type into forms that others will read or receive by e-mail."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# How much a person may type (characters): a reason or comment, a text such as a register
# entry or an objection, and a job ad. Past these a field is refused, not cut.
SHORT_TEXT = 2_000
TEXT = 10_000
LONG_TEXT = 20_000

# a letter, a dot and two more letters with no space between: a domain ("evil.example"),
# where initials are "J.P." or "J. P."
_DOMAIN_LIKE = re.compile(r"[^\W\d_]\.[^\W\d_]{2,}")
_NAME_PUNCTUATION = set(" '’-.")


def plain_name(value: str) -> None:
    """A person's name: letters of any script with their accents, spaces, apostrophes,
    hyphens and the dots of initials. Refuses links, markup, digits and control characters,
    since a name is greeted in the organisation's own e-mails (a phishing vector)."""
    for char in value:
        category = unicodedata.category(char)
        if category[0] in "LM" or char in _NAME_PUNCTUATION:
            continue
        raise ValidationError(
            _("A name may only hold letters, spaces, apostrophes, hyphens and dots."),
            code="not_a_name",
        )
    if _DOMAIN_LIKE.search(value):
        raise ValidationError(_("A name may not hold a web address."), code="link_in_name")


_PHONE = re.compile(r"^\+?[0-9 ()./-]{6,40}$")


def phone_number(value: str) -> None:
    if value and not _PHONE.match(value):
        raise ValidationError(
            _("Use digits, spaces and + ( ) - only, e.g. +31 6 1234 5678."), code="bad_phone"
        )


def no_control_characters(value: str) -> None:
    """Free text: new lines and tabs are fine; NUL and other control characters are not (they
    break PostgreSQL and hide text from a reader)."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs") and char not in "\n\r\t":
            raise ValidationError(
                _("The text holds a control character that cannot be stored."),
                code="control_character",
            )


def upload_size(upload: object) -> None:
    """An uploaded file within the instance's limit (``MAX_UPLOAD_BYTES``), for every form's
    file field."""
    if getattr(upload, "size", 0) > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_BYTES // 2**20}
        )
