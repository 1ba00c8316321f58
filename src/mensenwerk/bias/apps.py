from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from mensenwerk.recruitment.models import StageEvent


def _after_stage_event(sender: type, instance: StageEvent, created: bool, **kwargs: object) -> None:
    """A person decided or moved a candidate: check the figures once the change is committed.
    Intake ('received') is skipped, so a bulk upload of 500 CVs does not queue 500 checks."""
    from mensenwerk.bias.services import CHECKS_PAUSED
    from mensenwerk.bias.tasks import check_bias
    from mensenwerk.recruitment.models import Application

    if not created or instance.stage == Application.Stage.RECEIVED or CHECKS_PAUSED.get():
        return

    vacancy_id = instance.application.vacancy_id
    transaction.on_commit(lambda: check_bias.enqueue(vacancy_id))


class BiasConfig(AppConfig):
    name = "mensenwerk.bias"
    label = "bias"
    verbose_name = _("Bias monitoring")

    def ready(self) -> None:
        from mensenwerk.bias import actions
        from mensenwerk.core.actions import ACTION_SOURCES
        from mensenwerk.recruitment.models import StageEvent

        ACTION_SOURCES["bias"] = actions.for_user
        post_save.connect(_after_stage_event, sender=StageEvent, dispatch_uid="bias-check")
