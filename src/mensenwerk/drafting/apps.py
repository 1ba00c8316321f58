from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftingConfig(AppConfig):
    name = "mensenwerk.drafting"
    label = "drafting"
    verbose_name = _("Drafting")

    def ready(self) -> None:
        from mensenwerk.core.actions import ACTION_SOURCES
        from mensenwerk.core.sections import PERSON_SECTIONS
        from mensenwerk.drafting import actions, services
        from mensenwerk.governance.rights import SUBJECT_DATA

        PERSON_SECTIONS["drafting"] = services.person_section
        SUBJECT_DATA["drafted_documents"] = services.subject_documents
        ACTION_SOURCES["drafting"] = actions.for_user
