"""Cockpit forms. The rules a user can break live here, so every page says them in its language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mensenwerk.adoption import models as m
from mensenwerk.adoption.services import MAX_EVIDENCE_BYTES, MAX_WAVE, PULSE_FEATURES
from mensenwerk.core.forms import UserChoice, UsersChoice
from mensenwerk.core.models import User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ROWS = {"rows": 3}

DATA_DIMENSIONS = {
    "completeness": _("Completeness"),
    "accuracy": _("Accuracy"),
    "consistency": _("Consistency"),
    "timeliness": _("Timeliness"),
    "access": _("Access and exportability"),
    "structure": _("Structure"),
    "volume": _("Volume"),
}
PROCESS_ITEMS = {
    "roles": _("Roles"),
    "activities": _("Activities"),
    "tools": _("Tools"),
    "data_flows": _("Data flows"),
    "pain_points": _("Pain points"),
}
LIGHT_CHOICES = [("", _("not rated")), *m.Light.choices]


def _users() -> Any:
    return User.objects.filter(is_active=True).order_by("last_name", "first_name", "username")


class WeightsForm(forms.ModelForm):
    class Meta:
        model = m.Settings
        fields = [
            "weight_impact",
            "weight_effort",
            "weight_data",
            "weight_change",
            "screen_minutes",
            "answer_minutes",
            "hourly_rate",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        weights = [data.get(f) or 0 for f in self.Meta.fields[:4]]
        if sum(weights) == 0:
            raise forms.ValidationError(_("At least one weight must be above zero."))
        rate = data.get("hourly_rate")
        if rate is not None and rate < 0:
            self.add_error("hourly_rate", _("The hourly rate cannot be negative."))
        return data


class UseCaseForm(forms.ModelForm):
    class Meta:
        model = m.UseCase
        fields = [
            "name",
            "current_process",
            "pain_points",
            "target_process",
            "benefits",
            "impact",
            "effort",
            "data_readiness",
            "change_need",
            "application",
        ]
        widgets = {
            f: forms.Textarea(attrs=ROWS)
            for f in ("current_process", "pain_points", "target_process", "benefits")
        }


class ReadinessForm(forms.Form):
    """Data audit (seven dimensions) and process inventory (five items), each with a light."""

    def __init__(self, *args: Any, case: m.UseCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        for key, label in DATA_DIMENSIONS.items():
            self.fields[f"data_{key}"] = forms.ChoiceField(
                label=label,
                choices=LIGHT_CHOICES,
                required=False,
                initial=case.data_audit.get(key, ""),
            )
        for key, label in PROCESS_ITEMS.items():
            item = case.process.get(key, {})
            self.fields[f"process_{key}"] = forms.CharField(
                label=label,
                required=False,
                max_length=2000,
                initial=item.get("text", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"light_{key}"] = forms.ChoiceField(
                label=_("%(item)s: rating") % {"item": label},
                choices=LIGHT_CHOICES,
                required=False,
                initial=item.get("light", ""),
            )

    def apply(self) -> m.UseCase:
        data = self.cleaned_data
        self.case.data_audit = {k: data[f"data_{k}"] for k in DATA_DIMENSIONS if data[f"data_{k}"]}
        self.case.process = {
            k: {"text": data[f"process_{k}"], "light": data[f"light_{k}"]} for k in PROCESS_ITEMS
        }
        return self.case


class ProjectForm(forms.ModelForm):
    class Meta:
        model = m.Project
        fields = ["name", "goal", "use_cases", "start_date", "buffer_pct"]
        widgets = {
            "start_date": DATE,
            "use_cases": forms.CheckboxSelectMultiple,
            "goal": forms.Textarea(attrs=ROWS),
        }

    def clean_use_cases(self) -> Any:
        chosen = self.cleaned_data["use_cases"]
        if len(chosen) > MAX_WAVE:
            raise forms.ValidationError(
                _("Choose at most %(n)d use cases for one wave.") % {"n": MAX_WAVE}
            )
        return chosen

    def clean_buffer_pct(self) -> int:
        value = self.cleaned_data["buffer_pct"]
        if value > 100:
            raise forms.ValidationError(_("The buffer is a percentage from 0 to 100."))
        return value


class PhaseForm(forms.ModelForm):
    class Meta:
        model = m.Phase
        fields = ["weeks", "start_override", "status", "gate", "gate_note"]
        widgets = {"start_override": DATE}


class TrustItemForm(forms.ModelForm):
    evidence_file = forms.FileField(label=_("evidence (file, at most 5 MB)"), required=False)
    evidence_link = forms.URLField(
        label=_("evidence (link)"), required=False, assume_scheme="https"
    )

    class Meta:
        model = m.TrustItem
        fields = ["step", "label", "status", "owner", "due", "evidence_link"]
        widgets = {"due": DATE}

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload is not None and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("The evidence file is larger than 5 MB."))
        if upload is not None and upload.size == 0:
            raise forms.ValidationError(_("The evidence file is empty."))
        return upload

    def save(self, commit: bool = True) -> m.TrustItem:
        item = super().save(commit=False)
        upload = self.cleaned_data.get("evidence_file")
        if upload is not None:
            item.attach(upload.name, upload.read())
        if commit:
            item.save()
        return item


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = m.Stakeholder
        fields = [
            "name",
            "motivation",
            "concern",
            "weight",
            "basis",
            "influence",
            "interest",
            "strategy",
            "owner",
        ]
        widgets = {f: forms.Textarea(attrs=ROWS) for f in ("motivation", "concern", "strategy")}


class CommunicationForm(forms.ModelForm):
    class Meta:
        model = m.Communication
        fields = ["stakeholder", "content", "channel", "frequency", "next_date"]
        widgets = {"next_date": DATE, "content": forms.Textarea(attrs=ROWS)}


class ObjectionForm(forms.ModelForm):
    class Meta:
        model = m.Objection
        fields = ["text", "raised_by", "raised_on", "response", "status"]
        widgets = {"raised_on": DATE, "response": forms.Textarea(attrs=ROWS)}


class ResourceForm(forms.ModelForm):
    class Meta:
        model = m.ResourceLine
        fields = ["role", "person_days", "internal", "note"]


class BudgetForm(forms.ModelForm):
    class Meta:
        model = m.BudgetLine
        fields = ["category", "one_off", "yearly", "note"]


class BenefitForm(forms.ModelForm):
    class Meta:
        model = m.Benefit
        fields = ["description", "yearly", "basis", "estimate"]
        widgets = {"basis": forms.Textarea(attrs=ROWS)}


class KpiForm(forms.ModelForm):
    class Meta:
        model = m.Kpi
        fields = ["name", "group", "unit", "goal", "baseline", "target", "target_date", "direction"]
        widgets = {"target_date": DATE, "goal": forms.Textarea(attrs=ROWS)}


class KpiValueForm(forms.ModelForm):
    class Meta:
        model = m.KpiValue
        fields = ["date", "value", "source"]
        widgets = {"date": DATE}


class OfferForm(forms.ModelForm):
    class Meta:
        model = m.TrainingOffer
        fields = ["group", "title", "form"]


class SessionForm(forms.ModelForm):
    attendees = UsersChoice(
        label=_("completed by"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = m.TrainingSession
        fields = ["offer", "date", "attendees"]
        widgets = {"date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _users()  # type: ignore[attr-defined]


class CandidateForm(forms.ModelForm):
    user = UserChoice(label=_("colleague"), queryset=User.objects.none())

    class Meta:
        model = m.ChampionCandidate
        fields = [
            "user",
            "years_hr",
            "tech_affinity",
            "communication",
            "change_readiness",
            "motivation",
        ]
        widgets = {"motivation": forms.Textarea(attrs=ROWS)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _users()  # type: ignore[attr-defined]


class ChampionForm(forms.ModelForm):
    user = UserChoice(label=_("colleague"), queryset=User.objects.none())

    class Meta:
        model = m.Champion
        fields = ["user", "specialism", "time_pct", "buddy", "since"]
        widgets = {"since": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _users()  # type: ignore[attr-defined]
        buddies = m.Champion.objects.select_related("user")
        if self.instance.pk:
            buddies = buddies.exclude(pk=self.instance.pk)
        self.fields["buddy"].queryset = buddies  # type: ignore[attr-defined]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = m.ChampionActivity
        fields = ["champion", "kind", "date", "participants", "note"]
        widgets = {"date": DATE}


class PulseForm(forms.Form):
    feature = forms.ChoiceField(
        label=_("Tool"),
        choices=[("assistant", _("HR assistant")), ("screening", _("CV screening"))],
    )
    score = forms.TypedChoiceField(
        label=_("How likely are you to recommend this tool to a colleague?"),
        choices=[(str(i), str(i)) for i in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Give a score from 0 to 10.")},
    )
    comment = forms.CharField(
        label=_("What would make it better? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )

    def clean_feature(self) -> str:
        value = self.cleaned_data["feature"]
        if value not in PULSE_FEATURES:
            raise forms.ValidationError(_("Unknown tool."))
        return value
