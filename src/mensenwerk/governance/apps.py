from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _register_builtins(sender: AppConfig, **kwargs: object) -> None:
    from mensenwerk.governance.builtin import ensure_builtin_applications

    ensure_builtin_applications()


class GovernanceConfig(AppConfig):
    name = "mensenwerk.governance"
    label = "governance"
    verbose_name = _("Trust layer")

    def ready(self) -> None:
        post_migrate.connect(_register_builtins, sender=self)
