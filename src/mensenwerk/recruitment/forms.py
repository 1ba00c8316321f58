from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.forms import UserChoice, UsersChoice
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role
from mensenwerk.core.validators import SHORT_TEXT, TEXT, phone_number, plain_name
from mensenwerk.recruitment.models import (
    Application,
    GroupQuestion,
    MessageTemplate,
    SelfIdentification,
    Vacancy,
)
from mensenwerk.recruitment.services import CriteriaInput

LANGUAGE_LINE = re.compile(r"^([a-z]{2})(?:\s+([ABC][12]|native|moedertaal))?$", re.IGNORECASE)
WEIGHTED = re.compile(r"^(.+?)\s*\|\s*(\d+(?:[.,]\d+)?)$")


def _users_with(*roles: str) -> Any:
    active = User.objects.filter(role_assignments__role__in=roles, is_active=True).distinct()
    return active.order_by("last_name", "first_name", "username")


class VacancyForm(forms.ModelForm):
    must_have = forms.CharField(
        label=_("Must-have criteria"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "One per line. Shown per candidate as met, unclear or not met — never an automatic "
            "rejection. 'A or B' accepts either."
        ),
    )
    nice_to_have = forms.CharField(
        label=_("Nice-to-have criteria"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line; add a weight with a bar, e.g. 'Heidenhain | 2' (default 1)."),
    )
    languages = forms.CharField(
        label=_("Required languages"),
        max_length=200,
        required=False,
        help_text=_("Language codes with an optional level, separated by commas: 'nl C1, en B1'."),
    )
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
        vacancy = self.instance
        if vacancy.pk and not self.is_bound:
            criteria = list(vacancy.criteria.all())
            self.initial["must_have"] = "\n".join(c.name for c in criteria if c.kind == "must_have")
            self.initial["nice_to_have"] = "\n".join(
                c.name if c.weight == 1 else f"{c.name} | {c.weight:g}"
                for c in criteria
                if c.kind == "nice_to_have"
            )
            self.initial["languages"] = ", ".join(
                f"{c.name} {c.level}".strip() for c in criteria if c.kind == "language"
            )
            self.initial["recruiters"] = list(vacancy.recruiters.all())

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

    def clean_nice_to_have(self) -> list[tuple[str, float]]:
        items = []
        for line in _lines(self.cleaned_data["nice_to_have"]):
            match = WEIGHTED.match(line)
            name, weight = (
                (match.group(1), float(match.group(2).replace(",", "."))) if match else (line, 1.0)
            )
            if not 0 < weight <= 10:
                raise forms.ValidationError(
                    _("A weight must be between 0 and 10: %(line)s") % {"line": line}
                )
            items.append((name[:200], weight))
        return items

    def clean_must_have(self) -> list[str]:
        return [line[:200] for line in _lines(self.cleaned_data["must_have"])]

    def clean_languages(self) -> list[tuple[str, str]]:
        out = []
        for part in self.cleaned_data["languages"].split(","):
            part = part.strip()
            if not part:
                continue
            match = LANGUAGE_LINE.match(part)
            if not match:
                raise forms.ValidationError(
                    _("Not a language code with a level: %(part)s") % {"part": part}
                )
            out.append((match.group(1).lower(), (match.group(2) or "").upper()))
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("must_have") and not data.get("nice_to_have") and not self.errors:
            raise forms.ValidationError(_("Give at least one must-have or nice-to-have criterion."))
        return data

    def criteria(self) -> CriteriaInput:
        data = self.cleaned_data
        return CriteriaInput(data["must_have"], data["nice_to_have"], data["languages"])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][:40]


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

    def clean_cv(self) -> Any:
        cv = self.cleaned_data["cv"]
        if cv.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_BYTES // 2**20}
            )
        return cv


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
