from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


def _delete_cv_file(sender: type, instance: object, **kwargs: object) -> None:
    """A deleted application (erasure, retention, withdrawal clean-up) takes its CV file along."""
    from mensenwerk.recruitment.intake import cv_dir

    stored = getattr(instance, "stored_name", "")
    if stored:
        (cv_dir() / stored).unlink(missing_ok=True)


class RecruitmentConfig(AppConfig):
    name = "mensenwerk.recruitment"
    label = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self) -> None:
        from mensenwerk.core.actions import ACTION_SOURCES
        from mensenwerk.core.job_messages import JOB_MESSAGES
        from mensenwerk.core.jobs import ORPHAN_CLEANERS
        from mensenwerk.governance.rights import SUBJECT_DATA, SUBJECT_ERASERS, SUBJECT_FINDERS
        from mensenwerk.recruitment import actions, intake, subjects
        from mensenwerk.recruitment.models import Application

        SUBJECT_DATA["applications"] = subjects.subject_applications
        SUBJECT_ERASERS["upload_traces"] = subjects.erase_candidate_traces
        SUBJECT_FINDERS["application_pseudonym"] = subjects.people_by_application_pseudonym
        ORPHAN_CLEANERS["cv-uploads"] = intake.delete_orphan_uploads
        ACTION_SOURCES["recruitment"] = actions.for_user
        JOB_MESSAGES["cv_upload_done"] = lambda p: intake.uploaded(p["added"], p["failed"])
        post_delete.connect(_delete_cv_file, sender=Application, dispatch_uid="recruitment-cv-file")
