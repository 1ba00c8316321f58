"""The e-mails to candidates: templates per kind and language, filled with the documented
placeholders only, and each sent message kept with its application."""

from __future__ import annotations

import logging
import re

from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from mensenwerk.core.models import Organisation, User
from mensenwerk.recruitment.models import (
    Application,
    CandidateMessage,
    MessageTemplate,
)

log = logging.getLogger("mensenwerk.recruitment")

DEFAULT_TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    ("received", "nl"): (
        "Je sollicitatie voor {vacancy}",
        "Beste {candidate},\n\nBedankt voor je sollicitatie voor {vacancy} bij {organisation}. "
        "Wij hebben je cv ontvangen. Software vergelijkt je cv zonder je naam met de eisen van de "
        "vacature; een recruiter beslist. Je kunt de stand van zaken volgen via {status_link}.\n\n"
        "Met vriendelijke groet,\n{organisation}",
    ),
    ("received", "en"): (
        "Your application for {vacancy}",
        "Dear {candidate},\n\nThank you for applying for {vacancy} at {organisation}. We have "
        "received your CV. Software compares your CV, without your name, with the requirements of "
        "the vacancy; a recruiter decides. You can follow your application at {status_link}.\n\n"
        "Kind regards,\n{organisation}",
    ),
    ("rejected", "nl"): (
        "Je sollicitatie voor {vacancy}",
        "Beste {candidate},\n\nBedankt voor je interesse in {vacancy}. Wij hebben besloten niet "
        "verder te gaan met je sollicitatie. De reden: {reason}\n\nWil je weten hoe dit besluit "
        "tot stand kwam? Je hebt recht op uitleg; antwoord op deze e-mail.\n\n"
        "Met vriendelijke groet,\n{organisation}",
    ),
    ("rejected", "en"): (
        "Your application for {vacancy}",
        "Dear {candidate},\n\nThank you for your interest in {vacancy}. We have decided not to "
        "continue with your application. The reason: {reason}\n\nWould you like to know how this "
        "decision was made? You have a right to an explanation; reply to this e-mail.\n\n"
        "Kind regards,\n{organisation}",
    ),
    ("invited", "nl"): (
        "Uitnodiging voor een gesprek: {vacancy}",
        "Beste {candidate},\n\nWij nodigen je graag uit voor een gesprek over {vacancy}. Wij nemen "
        "contact met je op om een moment af te spreken.\n\nMet vriendelijke groet,\n{organisation}",
    ),
    ("invited", "en"): (
        "Invitation to an interview: {vacancy}",
        "Dear {candidate},\n\nWe would like to invite you to an interview about {vacancy}. We will "
        "contact you to arrange a time.\n\nKind regards,\n{organisation}",
    ),
}


PLACEHOLDER = re.compile(r"\{(candidate|vacancy|organisation|reason|status_link)\}(\.?)")


def message_template(kind: str, language: str) -> tuple[str, str]:
    row = MessageTemplate.objects.filter(kind=kind, language=language).first()
    if row is not None:
        return row.subject, row.body
    return DEFAULT_TEMPLATES[(kind, language if language in ("nl", "en") else "en")]


def do_save_template(kind: str, language: str, subject: str, body: str) -> MessageTemplate:
    row, _created = MessageTemplate.objects.update_or_create(
        kind=kind, language=language, defaults={"subject": subject, "body": body}
    )
    return row


def fill(template: str, values: dict[str, str]) -> str:
    """Only the documented placeholders are replaced; nothing else in a template is code. A
    value that ends a sentence with its own full stop ("… B.V.") takes the template's place."""

    def value(match: re.Match[str]) -> str:
        name, dot = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        text = values[name]
        return text if dot and text.endswith(".") else text + dot

    return PLACEHOLDER.sub(value, template)


def send_candidate_message(
    application: Application, kind: str, actor: User | None, link: str = ""
) -> CandidateMessage | None:
    person = application.person
    if not person.email:
        return None
    language = application.vacancy.language
    subject, body = message_template(kind, language)
    with override(language):
        values = {
            "candidate": person.full_name or _("candidate"),
            "vacancy": application.vacancy.title,
            "organisation": Organisation.current().name,
            "reason": application.decision_reason or "-",
            "status_link": link or _("the link in your first e-mail"),
        }
    subject, body = fill(subject, values)[:200], fill(body, values)
    send_mail(subject, body, None, [person.email], fail_silently=False)
    return CandidateMessage.objects.create(
        application=application, kind=kind, subject=subject, body=body, sent_by=actor
    )
