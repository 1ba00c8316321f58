from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdoptionConfig(AppConfig):
    name = "mensenwerk.adoption"
    label = "adoption"
    verbose_name = _("Adoption cockpit")

    def ready(self) -> None:
        from mensenwerk.adoption import actions
        from mensenwerk.core.actions import ACTION_SOURCES

        ACTION_SOURCES["adoption"] = actions.for_user
