from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.forms import UserChoice
from mensenwerk.core.models import User
from mensenwerk.governance.models import AIApplication, RightsRequest, VendorAssessment


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = AIApplication
        fields = [
            "name",
            "purpose",
            "hr_process",
            "owner",
            "provider",
            "version",
            "risk_class",
            "risk_reason",
            "collaboration",
            "ai_alone",
            "ai_recommends",
            "human_decides",
            "personal_data",
            "processes_personal_data",
            "legal_basis",
            "gdpr_art88",
            "balancing_test",
            "retention",
            "dpia_status",
            "dpia_date",
            "monitoring_wor",
            "works_council_status",
            "works_council_date",
            "works_council_document",
            "cao39_informed_on",
            "cao39_consulted_on",
            "notice_nl",
            "notice_en",
            "monitoring_plan",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "purpose",
                "risk_reason",
                "ai_alone",
                "ai_recommends",
                "human_decides",
                "personal_data",
                "balancing_test",
                "retention",
                "notice_nl",
                "notice_en",
                "monitoring_plan",
            )
        } | {
            name: forms.DateInput(attrs={"type": "date"})
            for name in (
                "dpia_date",
                "works_council_date",
                "cao39_informed_on",
                "cao39_consulted_on",
            )
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        owner = self.fields["owner"]  # type: ignore[attr-defined]
        self.fields["owner"] = UserChoice(  # type: ignore[attr-defined]
            label=owner.label,
            queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name"),
            required=owner.required,
            help_text=owner.help_text,
        )


class NewApplicationForm(ApplicationForm):
    slug = forms.SlugField(
        label=_("Short name (for exports)"),
        max_length=50,
        help_text=_("Lower-case letters, digits and hyphens, e.g. 'vendor-ats'."),
    )

    class Meta(ApplicationForm.Meta):
        fields = ["slug", *ApplicationForm.Meta.fields]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if AIApplication.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This short name is taken."))
        return slug


class VendorForm(forms.Form):
    """One rating and evidence field per criterion of the vendor assessment; for an HR admin
    also whether the criterion is critical and, where it is rated insufficient, the risk HR
    accepts (without one, a critical "insufficient" blocks activation)."""

    def __init__(
        self, *args: object, rows: list[VendorAssessment], hr: bool, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.rows, self.hr = rows, hr
        for row in rows:
            label = row.get_criterion_display()
            self.fields[f"rating_{row.criterion}"] = forms.ChoiceField(
                label=label,
                choices=VendorAssessment.Rating.choices,
                required=False,
                initial=row.rating,
            )
            self.fields[f"evidence_{row.criterion}"] = forms.CharField(
                label=_("Evidence: %(criterion)s") % {"criterion": label},
                required=False,
                max_length=2000,
                initial=row.evidence,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if hr:
                self.fields[f"critical_{row.criterion}"] = forms.BooleanField(
                    label=_("%(criterion)s is critical") % {"criterion": label},
                    required=False,
                    initial=row.critical,
                )
                self.fields[f"accepted_{row.criterion}"] = forms.CharField(
                    label=_("Risk accepted by HR: %(criterion)s") % {"criterion": label},
                    required=False,
                    max_length=2000,
                    initial=row.accepted_risk,
                    help_text=_("Only when it is rated insufficient: why the risk is acceptable."),
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def changes(self) -> dict[str, dict[str, object]]:
        data = self.cleaned_data
        out: dict[str, dict[str, object]] = {}
        for row in self.rows:
            c = row.criterion
            out[c] = {"rating": data[f"rating_{c}"], "evidence": data[f"evidence_{c}"]}
            if self.hr:
                out[c]["critical"] = data[f"critical_{c}"]
                out[c]["accepted_risk"] = data[f"accepted_{c}"]
        return out


class DpiaExemptionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why no DPIA is needed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with your name in the register and the audit trail."),
    )


class OverseerForm(forms.Form):
    user = UserChoice(
        label=_("Overseer"),
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name"),
    )
    briefed_at = forms.DateField(
        label=_("AI-literacy briefing completed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    briefing_note = forms.CharField(label=_("Briefing"), max_length=300, required=False)


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


SUBJECT_HELP = _("Employee number, e-mail address, pseudonym or name.")


class RightsRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RightsRequest.Kind.choices)
    subject = forms.CharField(
        label=_("Who"),
        max_length=200,
        help_text=_(
            "Employee number, e-mail address, pseudonym or name of the employee or candidate."
        ),
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SubjectForm(forms.Form):
    subject = forms.CharField(label=_("Who"), max_length=200, help_text=SUBJECT_HELP)
    language = forms.ChoiceField(
        label=_("Language of the report"), choices=[("nl", _("Dutch")), ("en", _("English"))]
    )


class DocumentForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=200_000, widget=forms.Textarea(attrs={"rows": 24})
    )
