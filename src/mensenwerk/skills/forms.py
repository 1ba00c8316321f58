from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mensenwerk.skills.models import SKILL_TEXT, EmployeeGroups

LEVELS = [(n, str(n)) for n in range(1, 6)]
LEVEL_HELP = _("1 = knows the basics, 3 = works independently, 5 = teaches others.")


class SkillForm(forms.Form):
    text = forms.CharField(label=_("Skill"), max_length=SKILL_TEXT)
    level = forms.TypedChoiceField(
        label=_("Level"), choices=LEVELS, coerce=int, initial=2, help_text=LEVEL_HELP
    )


class CvForm(forms.Form):
    file = forms.FileField(label=_("Your CV or certificate (PDF, DOCX or text)"))
    consent = forms.BooleanField(
        label=_(
            "I agree that this file is read for skills. The file is not kept; each skill keeps "
            "the line it was found on, and I can remove it."
        ),
        required=False,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Agree the plan")), ("reject", _("Reject the proposal"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when rejecting or leaving courses out)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Course list (CSV or Excel)"))


class AliasForm(forms.Form):
    text = forms.CharField(label=_("Word as written"), max_length=SKILL_TEXT)
    means = forms.CharField(
        label=_("Means the skill"),
        max_length=SKILL_TEXT,
        help_text=_("Any name the taxonomy or a role profile knows, in Dutch or English."),
    )


class ProfileForm(forms.Form):
    description = forms.CharField(
        label=_("Description of the role"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GroupsForm(forms.Form):
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("I prefer not to say")), *EmployeeGroups.Gender.choices],
        required=False,
    )
    age_band = forms.ChoiceField(
        label=_("Age group"),
        choices=[("", _("I prefer not to say")), *EmployeeGroups.AgeBand.choices],
        required=False,
    )


class BudgetForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Training budget this year (EUR)"), min_value=0, max_digits=11, decimal_places=2
    )
    per_person = forms.DecimalField(
        label=_("Guideline per person (EUR)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        required=False,
    )
