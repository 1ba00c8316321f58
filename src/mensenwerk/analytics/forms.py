from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mensenwerk.analytics import questions
from mensenwerk.analytics.models import RiskScore
from mensenwerk.core.validators import upload_size

NONE = [("", _("— none —"))]


class _FileForm(forms.Form):
    file = forms.FileField(label=_("Export file (CSV or XLSX)"), validators=[upload_size])


class SurveyUploadForm(_FileForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    field_order = ["title", "held_on", "file"]


class SurveyMappingForm(forms.Form):
    """Which column is which; only the columns chosen here are kept."""

    def __init__(self, headers: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [(h, h) for h in headers]
        labels = {
            "department": _("Department"),
            "team": _("Team"),
            "enps": _("Recommend question (0-10, for eNPS)"),
            "comments": _("Open comments"),
        }
        for name, label in labels.items():
            self.fields[name] = forms.ChoiceField(
                label=label, choices=NONE + columns, required=False
            )
        self.fields["items"] = forms.MultipleChoiceField(
            label=_("Questions (scores)"),
            choices=columns,
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "Questions that share a name before their number (Werkdruk1, Werkdruk2) form "
                "a theme. Columns not chosen here, such as names or e-mail addresses, are not "
                "kept."
            ),
        )


class OpenSurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


AGREE = [(n, str(n)) for n in range(1, 6)]
RECOMMEND = [(n, str(n)) for n in range(11)]


class AnswerForm(forms.Form):
    """The short survey: every statement 1-5, the recommend question 0-10, one open question."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, text in questions.STATEMENTS:
            self.fields[name] = forms.TypedChoiceField(
                label=text, choices=AGREE, coerce=int, widget=forms.RadioSelect
            )
        self.fields[questions.RECOMMEND] = forms.TypedChoiceField(
            label=_("How likely are you to recommend this organisation as an employer? (0-10)"),
            choices=RECOMMEND,
            coerce=int,
            widget=forms.RadioSelect,
        )
        self.fields["comment"] = forms.CharField(
            label=_("What would make working here better? (optional)"),
            max_length=2000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "Names, e-mail addresses and phone numbers are masked before anyone reads it."
            ),
        )


class HistoryUploadForm(_FileForm):
    pass


class RunMappingForm(forms.Form):
    def __init__(self, headers: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [(h, h) for h in headers]
        self.fields["id"] = forms.ChoiceField(label=_("Employee number"), choices=columns)
        self.fields["target"] = forms.ChoiceField(
            label=_("Who left (two values: yes/no, 1/0)"), choices=columns
        )
        self.fields["team"] = forms.ChoiceField(
            label=_("Team or department"), choices=NONE + columns, required=False
        )
        self.fields["duration"] = forms.ChoiceField(
            label=_("Years employed (for the time to leaving)"),
            choices=NONE + columns,
            required=False,
        )
        self.fields["protected"] = forms.MultipleChoiceField(
            label=_("Protected columns: never learnt from, only used to check the alerts"),
            choices=columns,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("The columns the DPIA names are always ticked and cannot be used."),
        )


class SettingsForm(forms.Form):
    protected = forms.CharField(
        label=_("Protected columns (comma-separated column names)"),
        max_length=1000,
        help_text=_("For example gender, age, nationality, absence: as the DPIA decided."),
    )
    alert_at = forms.FloatField(
        label=_("Alert from an estimated risk of"),
        min_value=0.05,
        max_value=0.95,
        help_text=_("A share from 0.05 to 0.95; 0.3 means three in ten."),
    )

    def clean_protected(self) -> list[str]:
        names = [n.strip().lower() for n in self.cleaned_data["protected"].split(",")]
        return list(dict.fromkeys(n for n in names if n))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you look at this person's risk?"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded on the audit trail with your name."),
    )


class StayForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (RiskScore.Stay.PLANNED, _("Plan a stay interview")),
            (RiskScore.Stay.NONE, _("No conversation")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when deciding against the alert)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
