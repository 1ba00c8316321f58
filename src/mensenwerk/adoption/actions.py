"""The cockpit's items on the start page: TRUST actions and messages due, and go/no-go
decisions at the end of a phase, for those who plan the introduction."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mensenwerk.adoption import services
from mensenwerk.adoption.models import Communication, Phase, Project, TrustItem
from mensenwerk.core.actions import Action, urgency_of
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role

AHEAD = timedelta(days=14)  # what is due in the coming two weeks


def for_user(user: User) -> list[Action]:
    if not user.has_role(Role.HR, Role.CHAMPION):
        return []
    horizon = timezone.localdate() + AHEAD
    out = []
    items = TrustItem.objects.exclude(status=TrustItem.Status.DONE).filter(due__lte=horizon)
    for item in items:
        text = _("TRUST action due: %(label)s") % {"label": item.label}
        out.append(Action(text, reverse("adoption:trust"), urgency_of(item.due), 1, item.owner))
    messages = Communication.objects.filter(next_date__lte=horizon).select_related("stakeholder")
    for message in messages:
        text = _("Message to %(group)s due") % {"group": message.stakeholder.name}
        url = reverse("adoption:stakeholders")
        out.append(Action(text, url, urgency_of(message.next_date), 1, message.channel))
    project = Project.objects.first()
    if project is not None:
        out += _gates(project, horizon)
    return out


def _gates(project: Project, horizon: date) -> list[Action]:
    labels = services.phase_labels()
    out = []
    for row in services.schedule(project):
        plan, phase = row["plan"], row["phase"]
        if phase is None or not plan.gate or phase.gate != Phase.Gate.PENDING:
            continue
        if plan.end <= horizon:
            text = _("Go/no-go decision at the end of: %(phase)s") % {"phase": labels[plan.key]}
            out.append(Action(text, reverse("adoption:roadmap"), urgency_of(plan.end), 1))
    return out
