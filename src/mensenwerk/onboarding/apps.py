from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "mensenwerk.onboarding"
    label = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self) -> None:
        from mensenwerk.core.actions import ACTION_SOURCES
        from mensenwerk.core.sections import PERSON_SECTIONS
        from mensenwerk.governance.documents import SUBJECT_REPORT_LINES
        from mensenwerk.governance.retention import RETENTION
        from mensenwerk.governance.rights import SUBJECT_DATA, SUBJECT_ERASERS
        from mensenwerk.onboarding import actions, explain, pulse, sections, services

        ACTION_SOURCES["onboarding"] = actions.for_user
        PERSON_SECTIONS["onboarding"] = sections.person_section
        SUBJECT_DATA["onboarding"] = services.subject_plans
        SUBJECT_ERASERS["onboarding"] = services.erase_plans
        RETENTION["onboarding"] = pulse.retention
        SUBJECT_REPORT_LINES["onboarding"] = explain.report_lines
