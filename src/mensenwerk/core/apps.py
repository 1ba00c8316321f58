from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mensenwerk.core"
    label = "core"
    verbose_name = _("Organisation and people")

    def ready(self) -> None:
        from mensenwerk.core.imports import delete_orphan_imports
        from mensenwerk.core.jobs import ORPHAN_CLEANERS

        ORPHAN_CLEANERS["employee-imports"] = delete_orphan_imports
