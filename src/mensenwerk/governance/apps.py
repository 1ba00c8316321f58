from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _register_builtins(sender: AppConfig, **kwargs: object) -> None:
    from mensenwerk.governance.builtin import ensure_builtin_applications

    ensure_builtin_applications()


def _record_account_event(event: str, actor: object, payload: dict[str, object]) -> None:
    from mensenwerk.governance.services import record_event

    record_event(event, actor, payload=payload)  # type: ignore[arg-type]


class GovernanceConfig(AppConfig):
    name = "mensenwerk.governance"
    label = "governance"
    verbose_name = _("Trust layer")

    def ready(self) -> None:
        from mensenwerk.core import services as core
        from mensenwerk.core.actions import ACTION_SOURCES
        from mensenwerk.governance import actions

        ACTION_SOURCES["governance"] = actions.for_user
        post_migrate.connect(_register_builtins, sender=self)
        if _record_account_event not in core.EVENT_RECORDERS:
            core.EVENT_RECORDERS.append(_record_account_event)
