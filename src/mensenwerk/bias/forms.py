from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mensenwerk.bias.report import ATTRIBUTES, attribute_label
from mensenwerk.bias.services import Scope, available_attributes
from mensenwerk.core.models import Department
from mensenwerk.recruitment.models import Vacancy


class ScopeForm(forms.Form):
    """Which applications the figures cover: a vacancy, a department, a period, or all."""

    vacancy = forms.ModelChoiceField(
        label=_("Vacancy"), queryset=Vacancy.objects.order_by("title"), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.order_by("name"), required=False
    )
    date_from = forms.DateField(
        label=_("Applied from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Applied until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    attributes = forms.MultipleChoiceField(
        label=_("Groups by"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each one separately, and every combination of them."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attributes"]
        field.choices = [(a, attribute_label(a).capitalize()) for a in available_attributes()]
        field.initial = list(ATTRIBUTES)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(
            data.get("vacancy"),
            data.get("department"),
            data.get("date_from"),
            data.get("date_to"),
            tuple(data.get("attributes") or ATTRIBUTES),
        )


class AlertActionForm(forms.Form):
    action = forms.CharField(
        label=_("What was done"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: looked at the decisions with the hiring manager, changed a criterion."
        ),
    )
