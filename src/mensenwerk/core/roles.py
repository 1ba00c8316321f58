"""The roles of ARCHITECTURE.md. A user may hold several (an HR admin can also be a champion)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR = "hr", _("HR admin")
    RECRUITER = "recruiter", _("Recruiter")
    MANAGER = "manager", _("Hiring manager")
    EMPLOYEE = "employee", _("Employee")
    WORKS_COUNCIL = "or", _("Works council")
    DPO = "dpo", _("Data protection officer")
    DIRECTOR = "director", _("Management")
    IT = "it", _("IT admin")
    CHAMPION = "champion", _("AI champion")


ROLE_DESCRIPTIONS = {
    Role.HR: _("All HR data and settings of the organisation."),
    Role.RECRUITER: _("The vacancies and applications you are assigned to."),
    Role.MANAGER: _("Your own vacancies and your own team."),
    Role.EMPLOYEE: _("Your own data, the HR assistant, your own onboarding and learning."),
    Role.WORKS_COUNCIL: _("The AI register, documents and aggregated reports; no personal data."),
    Role.DPO: _(
        "The AI register, DPIAs, rights requests, retention and the pseudonymous audit trail."
    ),
    Role.DIRECTOR: _("The adoption cockpit, KPIs and ROI, aggregated."),
    Role.IT: _("Users, API tokens, integrations and settings; no HR personal data."),
    Role.CHAMPION: _("Contributions to the adoption cockpit."),
}

# Who may open a use case's pages and API alike (views and api modules read these).
RECRUITMENT_EDITORS = (Role.HR, Role.RECRUITER)
RECRUITMENT_REVIEWERS = (Role.HR, Role.RECRUITER, Role.MANAGER)
FAIRNESS_VIEWERS = (Role.HR, Role.WORKS_COUNCIL, Role.DPO, Role.DIRECTOR)
COCKPIT_EDITORS = (Role.HR, Role.CHAMPION)
COCKPIT_READERS = (*COCKPIT_EDITORS, Role.DIRECTOR)  # costs and the business case too
# the works council reads stakeholders, the TRUST plan and the KPIs: no costs, no names
COCKPIT_OR_READERS = (*COCKPIT_READERS, Role.WORKS_COUNCIL)
# survey results (anonymity-protected aggregates); retention risk's team view (no manager)
SURVEY_READERS = (Role.HR, Role.WORKS_COUNCIL, Role.DIRECTOR, Role.MANAGER)
RETENTION_READERS = (Role.HR, Role.WORKS_COUNCIL, Role.DPO)
