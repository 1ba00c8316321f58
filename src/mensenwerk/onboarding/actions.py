"""Onboarding on the start page: tasks assigned to you that are due within two weeks or late,
proposals waiting for HR, and HRIS employees starting soon without a plan."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mensenwerk.core.actions import Action, Urgency, urgency_of
from mensenwerk.core.formats import long_date
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role
from mensenwerk.onboarding import hires
from mensenwerk.onboarding.models import Plan, PlanTask

HORIZON_DAYS = 14


def for_user(user: User) -> list[Action]:
    today = timezone.localdate()
    tasks = PlanTask.objects.filter(
        assignee=user,
        plan__status=Plan.Status.ACTIVE,
        closed=False,
        done_at__isnull=True,
        due_date__lte=today + timedelta(days=HORIZON_DAYS),
    ).select_related("plan__person")
    found = [
        Action(
            t.title,
            reverse("onboarding:plan", args=[t.plan_id]),
            urgency_of(t.due_date),
            1,
            t.plan.person.full_name,
            _("due %(date)s") % {"date": long_date(t.due_date)}
            if t.due_date >= today
            else _("%(days)s days overdue") % {"days": (today - t.due_date).days},
        )
        for t in tasks[:20]
    ]
    if user.has_role(Role.HR):
        waiting = Plan.objects.filter(status=Plan.Status.PROPOSED).count()
        if waiting:
            found.append(
                Action(
                    ngettext(
                        "%(n)s onboarding proposal waits for your decision",
                        "%(n)s onboarding proposals wait for your decision",
                        waiting,
                    )
                    % {"n": waiting},
                    reverse("onboarding:overview"),
                    Urgency.SOON,
                    waiting,
                )
            )
        new = hires.hris_without_plan().count()
        if new:
            found.append(
                Action(
                    ngettext(
                        "%(n)s new colleague from the HRIS has no onboarding plan",
                        "%(n)s new colleagues from the HRIS have no onboarding plan",
                        new,
                    )
                    % {"n": new},
                    reverse("onboarding:overview"),
                    Urgency.SOON,
                    new,
                )
            )
    return found
