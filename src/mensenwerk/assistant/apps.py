from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "mensenwerk.assistant"
    label = "assistant"
    verbose_name = _("HR assistant")

    def ready(self) -> None:
        from mensenwerk.assistant import actions, candidates, services
        from mensenwerk.core.actions import ACTION_SOURCES
        from mensenwerk.core.job_messages import JOB_MESSAGES
        from mensenwerk.core.knowledge import HANDBOOK_SEARCH, PUBLIC_TEXTS
        from mensenwerk.governance import retention, rights

        rights.SUBJECT_DATA["assistant_questions"] = services.subject_questions
        rights.SUBJECT_ERASERS["assistant_questions"] = services.erase_questions
        retention.RETENTION["assistant_questions"] = services.question_retention
        ACTION_SOURCES["assistant"] = actions.for_user
        JOB_MESSAGES["kb_indexed"] = services.indexed_message
        HANDBOOK_SEARCH["assistant"] = services.handbook_sections
        PUBLIC_TEXTS["assistant"] = (candidates.publish_text, candidates.withdraw_text)
