"""People analytics on the start page: an open survey you have not answered yet; for the HR
users the register names, the alerts of the latest retention run that wait for a decision on
a stay interview (a count, never names)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mensenwerk.analytics import services, surveys
from mensenwerk.analytics.models import RiskScore
from mensenwerk.core.actions import Action, Urgency
from mensenwerk.core.models import User


def for_user(user: User) -> list[Action]:
    found = [
        Action(
            _("An engagement survey waits for your answer (about three minutes, anonymous)"),
            reverse("analytics:survey_answer", args=[survey.pk]),
            Urgency.SOON,
            context=survey.title,
        )
        for survey in surveys.open_for(user)
    ]
    return found + _alerts(user)


def _alerts(user: User) -> list[Action]:
    run = services.latest_run()
    if run is None or not services.may_see_people(user):
        return []
    waiting = run.alerts().filter(stay=RiskScore.Stay.OPEN).count()
    if not waiting:
        return []
    text = ngettext(
        "%(n)s retention alert waits for a decision on a stay interview",
        "%(n)s retention alerts wait for a decision on a stay interview",
        waiting,
    ) % {"n": waiting}
    return [Action(text, reverse("analytics:people"), Urgency.LATER, waiting)]
