from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


def _delete_cv_file(sender: type, instance: object, **kwargs: object) -> None:
    """A deleted application (erasure, retention, withdrawal clean-up) takes its CV file along."""
    from mensenwerk.recruitment.services import cv_dir

    stored = getattr(instance, "stored_name", "")
    if stored:
        (cv_dir() / stored).unlink(missing_ok=True)


class RecruitmentConfig(AppConfig):
    name = "mensenwerk.recruitment"
    label = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self) -> None:
        from mensenwerk.governance.services import SUBJECT_DATA
        from mensenwerk.recruitment.models import Application
        from mensenwerk.recruitment.services import subject_applications

        SUBJECT_DATA["applications"] = subject_applications
        post_delete.connect(_delete_cv_file, sender=Application, dispatch_uid="recruitment-cv-file")
