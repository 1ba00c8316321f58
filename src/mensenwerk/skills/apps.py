from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "mensenwerk.skills"
    label = "skills"
    verbose_name = _("Skills and learning")

    def ready(self) -> None:
        from mensenwerk.core.actions import ACTION_SOURCES
        from mensenwerk.core.sections import LITERACY_SECTIONS
        from mensenwerk.governance.documents import SUBJECT_REPORT_LINES
        from mensenwerk.governance.retention import RETENTION
        from mensenwerk.governance.rights import SUBJECT_DATA, SUBJECT_ERASERS
        from mensenwerk.skills import actions, explain, sections, services

        ACTION_SOURCES["skills"] = actions.for_user
        LITERACY_SECTIONS["skills"] = sections.hr_competences
        SUBJECT_DATA["skills"] = services.subject_skills
        SUBJECT_REPORT_LINES["skills"] = explain.report_lines
        RETENTION["skills"] = services.retention
        SUBJECT_ERASERS["skills"] = services.erase_skills
