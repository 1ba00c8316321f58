"""Recruitment's items on the start page: candidates waiting for a decision, per vacancy."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import ngettext

from mensenwerk.core.actions import Action, Urgency
from mensenwerk.core.models import User
from mensenwerk.core.roles import RECRUITMENT_REVIEWERS
from mensenwerk.recruitment.models import Application, Vacancy


def for_user(user: User) -> list[Action]:
    if not user.has_role(*RECRUITMENT_REVIEWERS):
        return []
    vacancies = (
        Vacancy.objects.visible_to(user)
        .exclude(status=Vacancy.Status.CLOSED)
        .annotate(
            waiting=Count(
                "applications", filter=Q(applications__stage__in=Application.AWAITING_DECISION)
            ),
            hidden=Count(
                "applications",
                filter=Q(
                    applications__stage__in=Application.SHORTLIST,
                    applications__revealed_at__isnull=True,
                ),
            ),
        )
    )
    out = []
    for vacancy in vacancies:
        candidates = reverse("recruitment:candidates", args=[vacancy.pk])
        if vacancy.waiting:
            text = ngettext(
                "%(n)s candidate waits for a decision",
                "%(n)s candidates wait for a decision",
                vacancy.waiting,
            ) % {"n": vacancy.waiting}
            out.append(
                Action(
                    text, f"{candidates}?view=open", Urgency.SOON, vacancy.waiting, vacancy.title
                )
            )
        if vacancy.hidden:
            text = ngettext(
                "%(n)s advanced candidate whose identity you may reveal",
                "%(n)s advanced candidates whose identity you may reveal",
                vacancy.hidden,
            ) % {"n": vacancy.hidden}
            out.append(
                Action(
                    text,
                    f"{candidates}?view=advanced",
                    Urgency.LATER,
                    vacancy.hidden,
                    vacancy.title,
                )
            )
    return out
