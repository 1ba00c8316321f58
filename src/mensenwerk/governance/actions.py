"""The trust layer's items on the start page: rights requests with their days left, register
entries that cannot be switched on and what they miss, overseers without their briefing."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mensenwerk.core.actions import Action, Urgency, urgency_of
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role
from mensenwerk.governance.gate import activation_gaps
from mensenwerk.governance.models import AIApplication, Overseer, RightsRequest


def for_user(user: User) -> list[Action]:
    out: list[Action] = []
    if user.has_role(Role.DPO, Role.HR):
        out += _rights_requests()
    if user.has_role(Role.HR):
        out += _blocked_entries() + _unbriefed_overseers()
    return out


def _rights_requests() -> list[Action]:
    out = []
    today = timezone.localdate()
    for item in RightsRequest.objects.filter(status=RightsRequest.Status.OPEN).order_by("due_on"):
        left = (item.due_on - today).days
        detail = (
            ngettext("%(n)s day left", "%(n)s days left", left) % {"n": left}
            if left >= 0
            else ngettext("%(n)s day overdue", "%(n)s days overdue", -left) % {"n": -left}
        )
        text = _("Rights request to answer: %(kind)s") % {"kind": item.get_kind_display()}
        out.append(
            Action(
                text, reverse("governance:rights"), urgency_of(item.due_on), 1, item.subject, detail
            )
        )
    return out


def _blocked_entries() -> list[Action]:
    out = []
    for app in AIApplication.objects.filter(active=False).order_by("name"):
        gaps = activation_gaps(app)
        if not gaps:
            continue  # complete and switched off on purpose: nothing to do
        text = ngettext(
            "%(n)s requirement missing before it can be switched on",
            "%(n)s requirements missing before it can be switched on",
            len(gaps),
        ) % {"n": len(gaps)}
        detail = _("Still needed: %(list)s") % {"list": " ".join(str(g.message) for g in gaps)}
        url = reverse("governance:application", args=[app.slug])
        out.append(Action(text, url, Urgency.LATER, len(gaps), app.name, detail))
    return out


def _unbriefed_overseers() -> list[Action]:
    out = []
    rows = Overseer.objects.filter(briefed_at__isnull=True).select_related("application", "user")
    for overseer in rows:
        app = overseer.application
        name = overseer.user.get_full_name() or overseer.user.username
        text = _("%(name)s oversees it without the AI-literacy briefing") % {"name": name}
        url = reverse("governance:application", args=[app.slug])
        out.append(Action(text, url, Urgency.SOON, 1, app.name))
    return out
