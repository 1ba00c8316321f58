from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.validators import SHORT_TEXT, TEXT
from mensenwerk.drafting.models import Document

LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# the browser's date picker wants ISO dates, whatever the page's language
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class _Common(forms.Form):
    language = forms.ChoiceField(label=_("Language of the document"), choices=LANGUAGES)
    place = forms.CharField(label=_("Place of signing"), max_length=100, required=False)
    date = forms.DateField(
        label=_("Date of signing"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    signatory_title = forms.CharField(label=_("Your title under the signature"), max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    def facts(self, signatory_name: str) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "place": data["place"],
            "date": data["date"],
            "signatory": {"name": signatory_name, "title": data["signatory_title"]},
        }


class ReferenceForm(_Common):
    """What the record does not hold: the tasks, achievements and the two switches."""

    role = forms.CharField(label=_("Job role"), max_length=200, required=False)
    end_date = forms.DateField(
        label=_("Last day of employment"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    pronoun = forms.ChoiceField(
        label=_("Refer to the employee by"),
        choices=[
            ("name", _("their name")),
            ("zij", _("she / zij")),
            ("hij", _("he / hij")),
            ("hen", _("they / hen")),
        ],
        help_text=_("As the employee chooses; their name is the default."),
    )
    tasks = forms.CharField(
        label=_("Tasks"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, as the manager and the employee describe them."),
    )  # fmt: skip
    achievements = forms.CharField(
        label=_("Achievements (optional)"), max_length=SHORT_TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line; only facts."),
    )  # fmt: skip
    include_performance = forms.BooleanField(
        label=_("The employee asked for the manner of performance"), required=False
    )
    performance = forms.ChoiceField(
        label=_("Manner of performance"), required=False,
        choices=[("", "—"), ("excellent", _("excellent")), ("good", _("good")),
                 ("satisfactory", _("satisfactory"))],
    )  # fmt: skip
    include_reason = forms.BooleanField(
        label=_("The employee asked for the reason for leaving"), required=False
    )
    reason_for_leaving = forms.CharField(
        label=_("Reason for leaving"), max_length=200, required=False
    )

    def facts(self, signatory_name: str) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **super().facts(signatory_name),
            "role": data["role"],
            "end_date": data["end_date"],
            "pronoun": data["pronoun"],
            "tasks": _lines(data["tasks"]),
            "achievements": _lines(data["achievements"]),
            "include_performance": data["include_performance"],
            "performance": data["performance"],
            "include_reason": data["include_reason"],
            "reason_for_leaving": data["reason_for_leaving"],
        }


class _Contract(forms.Form):
    contract = forms.ChoiceField(
        label=_("Contract"),
        choices=[("permanent", _("permanent")), ("temporary", _("temporary"))],
    )
    end_date = forms.DateField(
        label=_("End date of a temporary contract"), required=False, widget=DAY
    )


class StatementForm(_Common, _Contract):
    """The pay and contract fields of the standard statement; a field that does not apply is
    0 or 'no', never left for the software to guess."""

    will_continue = forms.ChoiceField(
        label=_("Will a temporary contract be continued?"),
        required=False,
        choices=[("", "—"), ("yes", _("yes")), ("no", _("no"))],
    )
    salary = forms.DecimalField(label=_("Gross yearly salary (EUR)"), min_value=0, max_digits=10)
    holiday_pay = forms.DecimalField(label=_("Holiday pay per year (EUR)"), min_value=0,
                                     max_digits=10)  # fmt: skip
    end_of_year_payment = forms.DecimalField(
        label=_("End-of-year payment per year (EUR)"), min_value=0, max_digits=10
    )
    irregular_allowance = forms.DecimalField(
        label=_("Fixed irregular-hours allowance per year (EUR)"), min_value=0, max_digits=10
    )
    probation = forms.BooleanField(label=_("In probation"), required=False)

    def facts(self, signatory_name: str) -> dict[str, Any]:
        data = self.cleaned_data
        continued = {"yes": True, "no": False}.get(data["will_continue"])
        return {
            **super().facts(signatory_name),
            "contract": data["contract"],
            "end_date": data["end_date"],
            "will_continue": continued,
            "salary": data["salary"],
            "holiday_pay": data["holiday_pay"],
            "end_of_year_payment": data["end_of_year_payment"],
            "irregular_allowance": data["irregular_allowance"],
            "probation": data["probation"],
        }


class OfferForm(_Common, _Contract):
    """An offer to the person to be hired: what the vacancy and the negotiation settled."""

    role = forms.CharField(label=_("Job role"), max_length=200)
    start_date = forms.DateField(
        label=_("First working day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), min_value=1, max_value=80, max_digits=4, required=False
    )
    salary = forms.DecimalField(label=_("Salary (gross a month)"), min_value=0, max_digits=8)
    conditions = forms.CharField(
        label=_("Employment conditions"), max_length=SHORT_TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    reply_by = forms.DateField(label=_("Answer before"), widget=DAY)

    def facts(self, signatory_name: str) -> dict[str, Any]:
        data = self.cleaned_data
        keys = ("role", "start_date", "contract", "end_date", "hours_per_week", "salary")
        return {
            **super().facts(signatory_name),
            **{k: data[k] for k in keys},
            "reply_by": data["reply_by"],
            "conditions": _lines(data["conditions"]),
        }


FORMS = {
    Document.Kind.REFERENCE: ReferenceForm,
    Document.Kind.STATEMENT: StatementForm,
    Document.Kind.OFFER: OfferForm,
}


class EditForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 24})
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment for HR"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class InputForm(forms.Form):
    tasks = forms.CharField(
        label=_("Tasks"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: what the employee did, in plain words."),
    )
    achievements = forms.CharField(
        label=_("Achievements (optional)"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; only facts you can stand behind."),
    )
