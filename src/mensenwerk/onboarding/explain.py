"""The words of a plan: why a task is in it, why a section is on the reading list, who a
colleague is to the new hire, and what a change did. Stored as codes, said in the reader's
language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mensenwerk.core.formats import long_date

FIELDS = {
    "department": gettext_lazy("the department"),
    "job_role": gettext_lazy("the job role"),
    "location": gettext_lazy("the location"),
    "contract": gettext_lazy("the contract"),
    "language": gettext_lazy("the language"),
}
READING = {
    "first_day": gettext_lazy("what to bring and expect on the first day"),
    "sick": gettext_lazy("every new colleague should know how to report sick"),
    "hours": gettext_lazy("working hours and breaks apply from day one"),
    "conduct": gettext_lazy("the code of conduct and whom to turn to"),
    "travel": gettext_lazy("commuting costs are claimed from the first month"),
    "role": gettext_lazy("the handbook mentions the job role"),
}
RELATIONS = {
    "buddy": gettext_lazy("your buddy"),
    "manager": gettext_lazy("your manager"),
    "same_role": gettext_lazy("has the same job role"),
    "same_team": gettext_lazy("works in the same team"),
}


def task_reason(reason: list[Any] | tuple[Any, ...]) -> str:
    code, params = (reason[0], reason[1]) if len(reason) == 2 else ("always", {})
    if code == "hr":
        return _("added by HR")
    if code == "condition" and params.get("field"):
        return _("because %(field)s is %(value)s") % {
            "field": FIELDS.get(params["field"], params["field"]),
            "value": params.get("value", ""),
        }
    return _("in the template for every new colleague")


def skipped_reason(params: dict[str, str]) -> str:
    return _("not included: %(field)s is “%(value)s”, the task is for %(accepted)s") % {
        "field": FIELDS.get(params.get("field", ""), params.get("field", "")),
        "value": params.get("value") or "—",
        "accepted": params.get("accepted", ""),
    }


def reading_reason(why: str) -> str:
    return str(READING.get(why, why))


def relation(code: str) -> str:
    return str(RELATIONS.get(code, code))


def change_text(change: str, detail: dict[str, Any]) -> str:
    texts = {
        "accepted": _("accepted the plan"),
        "rejected": _("rejected the proposal: %(reason)s"),
        "cancelled": _("cancelled the plan: %(reason)s"),
        "start_moved": _("moved the start date from %(from)s to %(to)s"),
        "buddy": _("set the buddy: %(buddy)s"),
        "task_changed": _("changed the task %(task)s"),
        "task_added": _("added the task %(task)s"),
        "task_removed": _("removed the task %(task)s"),
        "done": _("ticked off %(task)s"),
        "reopened": _("reopened %(task)s"),
        "link": _("made a new personal link"),
    }
    values = {k: ("—" if v is None else v) for k, v in detail.items()}
    for key in ("from", "to"):  # stored ISO, read in the reader's language
        if isinstance(values.get(key), str):
            values[key] = long_date(date.fromisoformat(values[key]))
    if change == "cancelled" and detail.get("reason") == "left":
        return _("cancelled the plan: the person left or will not start")
    try:
        return texts.get(change, change) % values
    except (KeyError, TypeError, ValueError):
        return texts.get(change, change)


STATUSES = {
    "proposed": gettext_lazy("proposed, waiting for HR"),
    "active": gettext_lazy("active"),
    "cancelled": gettext_lazy("cancelled"),
}


def report_lines(plans: list[dict[str, Any]], lang: str) -> list[str]:
    """The onboarding part of the readable access report, in the person's language."""
    with translation.override(lang):
        lines = [_("## Onboarding")]
        for plan in plans:
            done = sum(1 for t in plan["tasks"] if t["done"])
            lines.append(
                _("- Plan from %(start)s (%(status)s): %(done)s of %(total)s tasks done")
                % {
                    "start": long_date(date.fromisoformat(plan["start_date"])),
                    "status": str(STATUSES.get(plan["status"], plan["status"])),
                    "done": done,
                    "total": len(plan["tasks"]),
                }
            )
            lines += [
                f"  - {t['title']} ({long_date(date.fromisoformat(t['due_date']))})"
                for t in plan["tasks"]
            ]
        return lines
