from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Department, JobRole, Person
from mensenwerk.core.validators import SHORT_TEXT, TEXT
from mensenwerk.engines import onboarding as engine
from mensenwerk.onboarding.models import Contract, Owner, Template, TemplateTask

LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the picker wants ISO


def employees():
    return Person.objects.employees().exclude(end_date__lt=timezone.localdate())


class _PlanOptions(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=Template.objects.all())
    buddy = forms.ModelChoiceField(label=_("Buddy"), queryset=Person.objects.none(), required=False)
    location = forms.CharField(label=_("Location"), max_length=120, required=False)
    contract = forms.ChoiceField(
        label=_("Contract"), choices=[("", "—"), *Contract.choices], required=False
    )
    language = forms.ChoiceField(label=_("Language of the plan"), choices=LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buddy"].queryset = employees()  # type: ignore[attr-defined]
        self.fields["template"].initial = Template.objects.filter(is_default=True).first()

    def options(self) -> dict[str, Any]:
        return {
            k: self.cleaned_data[k]
            for k in ("template", "buddy", "location", "contract", "language")
        }


class PlanForm(_PlanOptions):
    person = forms.ModelChoiceField(label=_("New colleague"), queryset=Person.objects.none())
    field_order = ["person", "template", "buddy", "location", "contract", "language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = employees().filter(start_date__isnull=False)  # type: ignore[attr-defined]
        self.fields["person"].help_text = _(
            "Employees with a start date. Someone new? Add them to the personnel records first."
        )


class HireForm(_PlanOptions):
    start_date = forms.DateField(label=_("Start date"), widget=DAY)
    job_role = forms.ModelChoiceField(
        label=_("Job role"), queryset=JobRole.objects.all(), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    manager = forms.ModelChoiceField(
        label=_("Manager"), queryset=Person.objects.none(), required=False
    )
    field_order = ["start_date", "job_role", "department", "manager", "template", "buddy"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = employees()  # type: ignore[attr-defined]

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start < timezone.localdate():
            raise forms.ValidationError(_("The start date has passed."))
        return start


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the plan")), ("reject", _("Reject the proposal"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        required=False,
        help_text=_("Required when you reject."),
    )


class StartForm(forms.Form):
    start_date = forms.DateField(label=_("New start date"), widget=DAY)


class BuddyForm(forms.Form):
    buddy = forms.ModelChoiceField(label=_("Buddy"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buddy"].queryset = employees()  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=SHORT_TEXT)


class TaskForm(forms.Form):
    """A task HR adds to a plan or changes."""

    title = forms.CharField(label=_("Task"), max_length=SHORT_TEXT)
    owner = forms.ChoiceField(label=_("Owner"), choices=Owner.choices)
    day = forms.IntegerField(
        label=_("Day"),
        min_value=engine.MIN_DAY,
        max_value=engine.MAX_DAY,
        help_text=_("Relative to the start date: -14 is two weeks before, 30 a month after."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CopyTemplateForm(forms.Form):
    name = forms.CharField(label=_("Name of the new template"), max_length=120)
    source = forms.ModelChoiceField(label=_("Start from"), queryset=Template.objects.all())


class TemplateTaskForm(forms.ModelForm):
    """A template task; conditions as lines "department: Productie, Logistiek"."""

    conditions_text = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            'One per line, e.g. "department: Productie, Logistiek". Fields: department, '
            "job_role, location, contract, language. Empty: the task is for everyone."
        ),
    )

    class Meta:
        model = TemplateTask
        fields = [
            "owner",
            "day",
            "title_nl",
            "title_en",
            "description_nl",
            "description_en",
            "link",
        ]
        widgets = {
            "description_nl": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"].min_value = engine.MIN_DAY  # type: ignore[attr-defined]
        conditions = self.instance.conditions or {}
        self.fields["conditions_text"].initial = "\n".join(
            f"{k}: {', '.join(v)}" for k, v in conditions.items()
        )

    def clean_link(self) -> str:
        """A web address or a path on this site: never a script or another scheme."""
        link = self.cleaned_data["link"].strip()
        if link and not (
            link.lower().startswith(("https://", "http://"))
            or (link.startswith("/") and not link.startswith("//"))
        ):
            raise forms.ValidationError(
                _("Give a web address (https://…) or a page of this site (/assistant/…).")
            )
        return link

    def clean_day(self) -> int:
        day = self.cleaned_data["day"]
        if not engine.MIN_DAY <= day <= engine.MAX_DAY:
            raise forms.ValidationError(
                _("Between %(low)s and %(high)s.") % {"low": engine.MIN_DAY, "high": engine.MAX_DAY}
            )
        return day

    def clean_conditions_text(self) -> dict[str, list[str]]:
        conditions: dict[str, list[str]] = {}
        for line in self.cleaned_data["conditions_text"].splitlines():
            if not line.strip():
                continue
            key, sep, values = line.partition(":")
            key = key.strip().lower()
            if not sep or key not in engine.CONDITION_KEYS:
                raise forms.ValidationError(
                    _('Not a condition: %(line)s. Write "field: value, value".')
                    % {"line": line[:80]}
                )
            found = [v.strip() for v in values.split(",") if v.strip()]
            if not found:
                raise forms.ValidationError(_("A condition needs at least one value."))
            conditions[key] = found
        return conditions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_nl") or "").strip() and not (data.get("title_en") or "").strip():
            raise forms.ValidationError(_("Give the task a title in Dutch or English."))
        return data

    def save(self, commit: bool = True) -> TemplateTask:
        task = super().save(commit=False)
        task.conditions = self.cleaned_data["conditions_text"]
        if not task.key:
            base = "task"
            existing = set(task.template.tasks.values_list("key", flat=True))
            n = len(existing) + 1
            while f"{base}-{n}" in existing:
                n += 1
            task.key = f"{base}-{n}"
        if commit:
            task.save()
        return task


class PulseForm(forms.Form):
    SCALE = [(i, str(i)) for i in range(1, 6)]
    welcome = forms.TypedChoiceField(
        label=_("How welcome do you feel? (1 = not at all, 5 = very)"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    clarity = forms.TypedChoiceField(
        label=_("How clear is what is expected of you?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    equipped = forms.TypedChoiceField(
        label=_("Do you have what you need to do your work?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    recommend = forms.TypedChoiceField(
        label=_("How likely are you to recommend working here to a friend? (0–10)"),
        choices=[(i, str(i)) for i in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
    )
