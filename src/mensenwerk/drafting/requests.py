"""The manager supplies the facts only they know (tasks, achievements); HR drafts from them."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mensenwerk.core.models import Organisation, Person, User
from mensenwerk.core.services import ServiceError
from mensenwerk.drafting.models import InputRequest
from mensenwerk.governance.services import record_event


def manager_of(person: Person) -> User | None:
    """The account of the person's manager (the record's manager, else the department's)."""
    boss = person.manager or (person.department.manager if person.department else None)
    account = getattr(boss, "user", None) if boss else None
    return account if account is not None and account.is_active else None


def do_ask_manager(person: Person, actor: User, notify: bool = True) -> InputRequest:
    """Ask; ``notify`` False leaves out the e-mail (the demo: its setup prints no mail)."""
    manager = manager_of(person)
    if manager is None:
        raise ServiceError(_("This person has no manager with an account to ask."))
    if InputRequest.objects.filter(person=person, answered_at__isnull=True).exists():
        raise ServiceError(_("The manager has already been asked and has not answered yet."))
    with transaction.atomic():
        request = InputRequest.objects.create(person=person, manager=manager, asked_by=actor)
        record_event(
            "draft_input_requested",
            actor,
            application="drafting",
            payload={"request": request.pk, "manager": f"user:{manager.pk}"},
        )
    if notify and manager.email:
        with translation.override(Organisation.current().language):
            link = f"{settings.MENSENWERK_BASE_URL}{reverse('drafting:answer', args=[request.pk])}"
            send_mail(
                _("Mensenwerk: HR asks for the tasks of %(name)s") % {"name": person.full_name},
                _(
                    "HR is writing a reference for %(name)s and asks you for the tasks and the "
                    "achievements it should state. Only facts: the reference names nothing "
                    "else.\n\n%(link)s"
                )
                % {"name": person.full_name, "link": link},
                None,
                [manager.email],
            )
    return request


def do_answer(request: InputRequest, user: User, tasks: str, achievements: str) -> InputRequest:
    if user.pk != request.manager_id:
        raise ServiceError(_("Only the manager who was asked can answer."))
    if request.answered_at is not None:
        raise ServiceError(_("This request has been answered already."))
    request.tasks, request.achievements = tasks.strip(), achievements.strip()
    request.answered_at = timezone.now()
    request.save(update_fields=["tasks", "achievements", "answered_at"])
    return request


def latest_answer(person: Person) -> InputRequest | None:
    return InputRequest.objects.filter(person=person, answered_at__isnull=False).first()
