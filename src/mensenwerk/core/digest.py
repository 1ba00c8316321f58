"""The weekly e-mail of "Mijn acties" (`mensenwerk digest`, from cron on Monday mornings).

Each active person with an e-mail address who did not switch it off gets the same list as
their start page, in the organisation's language, with links made absolute from
``MENSENWERK_BASE_URL``. Nothing waiting: no e-mail. A dry run sends nothing and reports what
would go.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mensenwerk.core.actions import Action, actions_for
from mensenwerk.core.models import Organisation, User


class DigestError(Exception):
    """Sending is not possible; ``str()`` says what to set."""


@dataclass(frozen=True)
class Sent:
    user: str
    email: str
    actions: int


def send_digests(dry_run: bool = False) -> list[Sent]:
    base = settings.MENSENWERK_BASE_URL
    if not base:
        raise DigestError("MENSENWERK_BASE_URL: not set; the e-mails need links to the site")
    language = Organisation.current().language
    sent = []
    people = User.objects.filter(is_active=True, is_service=False, weekly_digest=True)
    for user in people.exclude(email="").order_by("username"):
        with translation.override(language):
            actions = actions_for(user)
            if not actions:
                continue
            subject, body = _message(user, actions, base)
        if not dry_run:
            send_mail(subject, body, None, [user.email])
        sent.append(Sent(user.username, user.email, len(actions)))
    return sent


def _message(user: User, actions: list[Action], base: str) -> tuple[str, str]:
    n = len(actions)
    subject = ngettext(
        "Mensenwerk: %(n)s action waits for you", "Mensenwerk: %(n)s actions wait for you", n
    ) % {"n": n}
    lines = [_("Hello %(name)s,") % {"name": user.first_name or user.username}, ""]
    for action in actions:
        head = f"{action.context}: {action.text}" if action.context else action.text
        lines.append(f"- {head}")
        if action.detail:
            lines.append(f"  {action.detail}")
        lines.append(f"  {base}{action.url}")
    lines += [
        "",
        _("You get this e-mail on Monday mornings. Switch it off on your start page: %(url)s")
        % {"url": f"{base}/start/"},
    ]
    return subject, "\n".join(lines)


@transaction.atomic
def do_set_weekly_digest(user: User, on: bool) -> None:
    """A person's own choice; nobody else sets it."""
    user.weekly_digest = on
    user.save(update_fields=["weekly_digest"])
