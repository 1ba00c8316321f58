from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "mensenwerk.analytics"
    label = "analytics"
    verbose_name = _("People analytics")

    def ready(self) -> None:
        from mensenwerk.analytics import actions, explain, services
        from mensenwerk.core.actions import ACTION_SOURCES
        from mensenwerk.governance.documents import SUBJECT_REPORT_LINES
        from mensenwerk.governance.retention import RETENTION
        from mensenwerk.governance.rights import SUBJECT_DATA, SUBJECT_ERASERS

        ACTION_SOURCES["analytics"] = actions.for_user
        SUBJECT_DATA["analytics"] = services.subject_scores
        SUBJECT_REPORT_LINES["analytics"] = explain.report_lines
        SUBJECT_ERASERS["analytics"] = services.erase_scores
        RETENTION["analytics"] = services.retention
