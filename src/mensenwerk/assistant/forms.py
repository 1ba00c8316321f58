from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mensenwerk.assistant.models import KnowledgeDocument
from mensenwerk.core.validators import TEXT
from mensenwerk.engines.retrieval import MAX_QUESTION
from mensenwerk.recruitment.forms import MultipleFileField


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_QUESTION}),
        error_messages={
            "required": _("Type a question."),
            "max_length": _("A question can be at most %(limit_value)d characters."),
        },
    )


class RateForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("1", _("Helpful")), ("0", _("Not helpful"))], coerce=lambda v: v == "1"
    )
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=1000)


class EscalateForm(forms.Form):
    consent = forms.BooleanField(
        label=_("Send my question to HR. HR will see that I asked it."),
        error_messages={"required": _("HR can only answer you if you agree to this.")},
    )


class CandidateEscalateForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=_(
            "Send my question to the recruiters. They may use my e-mail address to reply; it is "
            "deleted after the reply."
        ),
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    add_to_kb = forms.BooleanField(
        label=_("Add this question and reply to the knowledge base for everyone"),
        required=False,
    )


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Documents"),
        help_text=_("PDF, DOCX, Markdown, HTML or TXT; select one or many."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("For one file; with several files each gets its file name."),
    )
    audience = forms.ChoiceField(
        label=_("Who may read it"), choices=KnowledgeDocument.Audience.choices
    )
    language = forms.ChoiceField(label=_("Language"), choices=KnowledgeDocument.Language.choices)
    effective_date = forms.DateField(
        label=_("Effective date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    review_date = forms.DateField(
        label=_("Review date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("HR is warned when a document is past this date."),
    )

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > 200:
            raise forms.ValidationError(_("At most 200 files at a time."))
        too_big = [f.name for f in files if f.size > settings.MAX_UPLOAD_BYTES]
        if too_big:
            raise forms.ValidationError(
                _("Larger than the upload limit: %(names)s") % {"names": ", ".join(too_big)}
            )
        return files


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"), allow_empty_file=True)
    effective_date = forms.DateField(
        label=_("Effective date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class DocumentForm(forms.ModelForm):
    class Meta:
        model = KnowledgeDocument
        fields = ["title", "audience", "language", "review_date"]
        widgets = {"review_date": forms.DateInput(attrs={"type": "date"})}
