from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.forms import UserChoice, UsersChoice
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role
from mensenwerk.core.validators import SHORT_TEXT, TEXT, phone_number, plain_name, upload_size
from mensenwerk.recruitment.models import (
    Application,
    Criterion,
    GroupQuestion,
    MessageTemplate,
    SelfIdentification,
    Vacancy,
)
from mensenwerk.recruitment.services import CriteriaInput


def _users_with(*roles: str) -> Any:
    active = User.objects.filter(role_assignments__role__in=roles, is_active=True).distinct()
    return active.order_by("last_name", "first_name", "username")


class VacancyForm(forms.ModelForm):
    recruiters = UsersChoice(
        label=_("Recruiters"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "department",
            "hiring_manager",
            "language",
            "description",
            "min_years_experience",
            "education",
            "shortlist_threshold",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hiring_manager"] = UserChoice(
            label=self.fields["hiring_manager"].label,
            queryset=_users_with(Role.MANAGER, Role.HR),
            required=self.fields["hiring_manager"].required,
        )
        self.fields["recruiters"].queryset = _users_with(Role.RECRUITER, Role.HR)
        if self.instance.pk and not self.is_bound:
            self.initial["recruiters"] = list(self.instance.recruiters.all())

    def clean_shortlist_threshold(self) -> float:
        value = self.cleaned_data["shortlist_threshold"]
        if not 0 < value < 1:
            raise forms.ValidationError(_("Give a number between 0 and 1, e.g. 0.6."))
        return value

    def clean_min_years_experience(self) -> int:
        value = self.cleaned_data["min_years_experience"]
        if value > 50:
            raise forms.ValidationError(_("At most 50 years."))
        return value


class CriterionRow(forms.Form):
    """One criterion of a vacancy: its own row, instead of a syntax to learn."""

    name = forms.CharField(
        label=_("Criterion"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"aria-label": _("Criterion")}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Criterion.Kind.MUST.value, _("must-have")),
            (Criterion.Kind.NICE.value, _("nice-to-have")),
        ],
        widget=forms.Select(attrs={"aria-label": _("Kind")}),
    )
    weight = forms.FloatField(
        label=_("Weight"),
        initial=1,
        min_value=0.1,
        max_value=10,
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "aria-label": _("Weight"), "size": 4}),
    )


class LanguageRow(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", "—"), *Criterion.LANGUAGES.items()],
        widget=forms.Select(attrs={"aria-label": _("Language")}),
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=list(Criterion.LEVELS.items()),
        widget=forms.Select(attrs={"aria-label": _("Level")}),
    )


CriterionRows = forms.formset_factory(
    CriterionRow, extra=3, max_num=40, absolute_max=40, validate_max=True
)
LanguageRows = forms.formset_factory(
    LanguageRow, extra=1, max_num=len(Criterion.LANGUAGES), absolute_max=10, validate_max=True
)


class VacancyEditor:
    """The vacancy form and its two tables of rows (criteria, languages), validated together."""

    def __init__(self, data: Any, vacancy: Vacancy) -> None:
        self.form = VacancyForm(data, instance=vacancy)
        initial_criteria: list[dict[str, Any]] = []
        initial_languages: list[dict[str, Any]] = []
        if vacancy.pk and data is None:
            for c in vacancy.criteria.all():
                if c.kind == Criterion.Kind.LANGUAGE:
                    initial_languages.append({"language": c.name, "level": c.level})
                else:
                    initial_criteria.append({"name": c.name, "kind": c.kind, "weight": c.weight})
        self.criteria_rows = CriterionRows(data, prefix="criteria", initial=initial_criteria)
        self.language_rows = LanguageRows(data, prefix="languages", initial=initial_languages)
        self.errors: list[str] = []

    def is_valid(self) -> bool:
        valid = all(
            [self.form.is_valid(), self.criteria_rows.is_valid(), self.language_rows.is_valid()]
        )
        if valid and not self.criteria().must_have and not self.criteria().nice_to_have:
            self.errors.append(str(_("Give at least one must-have or nice-to-have criterion.")))
            return False
        return valid

    def criteria(self) -> CriteriaInput:
        rows = [r for r in self.criteria_rows.cleaned_data if r.get("name", "").strip()]
        must = [r["name"].strip() for r in rows if r["kind"] == Criterion.Kind.MUST]
        nice = [
            (r["name"].strip(), r["weight"] or 1.0)
            for r in rows
            if r["kind"] == Criterion.Kind.NICE
        ]
        seen: dict[str, str] = {}
        for r in self.language_rows.cleaned_data:
            if r.get("language"):
                seen[r["language"]] = r["level"]  # a language named twice counts once
        return CriteriaInput(must, nice, list(seen.items()))


class VacancyFileForm(forms.Form):
    file = forms.FileField(label=_("Vacancy file (YAML)"))


class SuggestionForm(forms.Form):
    names = forms.MultipleChoiceField(
        label=_("Suggested criteria"), widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(
        label=_("Add as"),
        choices=[("must_have", _("Must-have")), ("nice_to_have", _("Nice-to-have"))],
        initial="nice_to_have",
    )

    def __init__(self, *args: Any, suggestions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["names"].choices = [(s, s) for s in suggestions]


class ApplyForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100, validators=[plain_name])
    last_name = forms.CharField(label=_("Last name"), max_length=150, validators=[plain_name])
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, validators=[phone_number]
    )
    cv = forms.FileField(
        label=_("CV"),
        help_text=_("PDF, DOCX or TXT, at most %(mb)s MB.")
        % {"mb": settings.MAX_UPLOAD_BYTES // 2**20},
        validators=[upload_size],
    )
    keep = forms.ChoiceField(
        label=_("How long may we keep your data?"),
        choices=[
            ("no", _("Only for this vacancy (deleted 4 weeks after it closes)")),
            ("year", _("Up to 1 year, so you can be considered for other vacancies")),
        ],
        initial="no",
        widget=forms.RadioSelect,
    )
    gender = forms.ChoiceField(
        label=_("Gender (voluntary)"),
        choices=[("", _("I prefer not to say")), *SelfIdentification.Gender.choices],
        required=False,
    )
    age_band = forms.ChoiceField(
        label=_("Age group (voluntary)"),
        choices=[("", _("I prefer not to say")), *SelfIdentification.AgeBand.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = "nl" if get_language() == "nl" else "en"
        self.questions = list(GroupQuestion.objects.filter(active=True))
        for question in self.questions:
            self.fields[f"q_{question.key}"] = forms.ChoiceField(
                label=_("%(question)s (voluntary)") % {"question": question.text(language)},
                choices=[("", _("I prefer not to say")), *question.choices(language)],
                required=False,
            )

    def extra_answers(self) -> dict[str, str]:
        return {
            q.key: self.cleaned_data[f"q_{q.key}"]
            for q in self.questions
            if self.cleaned_data.get(f"q_{q.key}")
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        kwargs.setdefault("allow_empty_file", True)  # reported per file, not for the batch
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("CV files or a ZIP"),
        help_text=_("Select several PDF, DOCX or TXT files, or one ZIP with them."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Application.Decision.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required to reject, and to go against the AI's suggestion."),
    )
    notify = forms.BooleanField(
        label=_("Send the candidate the rejection message with this reason"), required=False
    )


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Next step"), choices=[])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=SHORT_TEXT)
    notify = forms.BooleanField(label=_("Send the candidate the matching message"), required=False)

    def __init__(self, *args: Any, stages: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Application.Stage.choices)
        self.fields["stage"].choices = [(s, labels[s]) for s in stages]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class ScorecardForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=TEXT
    )

    def __init__(self, *args: Any, questions: list[Any], anchors: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(n), f"{n} — {text}") for n, text in anchors.items()]
        self.question_fields = []
        for question in questions:
            name = f"q_{question.key}"
            self.fields[name] = forms.TypedChoiceField(
                label=question.criterion or question.text,
                help_text=question.text if question.criterion else "",
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.question_fields.append((question, name))
        self.order_fields([name for _q, name in self.question_fields] + ["notes"])

    def ratings(self) -> dict[str, int]:
        return {
            question.criterion or question.key: self.cleaned_data[name]
            for question, name in self.question_fields
            if self.cleaned_data.get(name)
        }


class GroupQuestionForm(forms.Form):
    question_nl = forms.CharField(label=_("Question (Dutch)"), max_length=200)
    question_en = forms.CharField(label=_("Question (English)"), max_length=200)
    options = forms.CharField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_(
            "One answer per line, Dutch and English separated by a slash, for example: "
            "Nederland / the Netherlands. Two to twelve answers; 'I prefer not to say' is "
            "always added."
        ),
    )


class JobAdDraftForm(forms.Form):
    """What a job ad needs beyond the vacancy's criteria."""

    tasks = forms.CharField(
        label=_("What the person will do"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One task per line, in plain words: 'Je stelt de freesbank in'."),
    )
    location = forms.CharField(label=_("Place of work"), max_length=100, required=False)
    hours = forms.CharField(label=_("Hours per week"), max_length=40, required=False)
    salary_min = forms.DecimalField(
        label=_("Salary from (gross a month)"), min_value=0, max_digits=8, required=False
    )
    salary_max = forms.DecimalField(
        label=_("Salary to (gross a month)"), min_value=0, max_digits=8, required=False
    )
    conditions = forms.CharField(
        label=_("Employment conditions"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: holiday pay, pension, training budget, …"),
    )
    apply = forms.CharField(
        label=_("How to apply"),
        max_length=200,
        help_text=_("Completes 'Solliciteer via …': a web address or an e-mail address."),
    )

    def facts(self) -> dict[str, Any]:
        data = self.cleaned_data
        lines = lambda text: [x.strip() for x in text.splitlines() if x.strip()]  # noqa: E731
        return {
            **{k: data[k] for k in ("location", "hours", "salary_min", "salary_max", "apply")},
            "tasks": lines(data["tasks"]),
            "conditions": lines(data["conditions"]),
        }


class UseJobAdForm(forms.Form):
    output = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Job ad text"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 24})
    )
