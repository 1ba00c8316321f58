"""The job-ad draft of a vacancy: a form, a checked draft to edit, and using it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.core.permissions import allow
from mensenwerk.core.roles import RECRUITMENT_EDITORS
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import jobad
from mensenwerk.governance.errors import ApplicationInactive
from mensenwerk.recruitment import adwriter
from mensenwerk.recruitment.forms import JobAdDraftForm, UseJobAdForm
from mensenwerk.recruitment.models import Vacancy


def _editable(request: HttpRequest, pk: int) -> Vacancy:
    vacancy = get_object_or_404(Vacancy.objects.visible_to(request.user), pk=pk)  # type: ignore[arg-type]
    if not vacancy.editable_by(request.user):  # type: ignore[arg-type]
        raise Http404  # as the vacancy's other editing pages
    return vacancy


@allow(*RECRUITMENT_EDITORS)
def draft_ad(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _editable(request, pk)
    form = JobAdDraftForm(request.POST or None)
    context: dict[str, object] = {"vacancy": vacancy, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            text, entry = adwriter.do_draft_ad(vacancy, form.facts(), request.user)  # type: ignore[arg-type]
        except ApplicationInactive:
            messages.error(request, _("Drafting is switched off in the AI register."))
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            report = jobad.check(vacancy.title, text, vacancy.language)
            context |= {
                "use": UseJobAdForm(initial={"output": entry.pk, "text": text}),
                "findings": [f for f in report.findings if f.kind in jobad.BLOCKING],
            }
    return render(request, "recruitment/draft_ad.html", context)


@allow(*RECRUITMENT_EDITORS)
@require_POST
def use_ad(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _editable(request, pk)
    form = UseJobAdForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The text is empty."))
        return redirect("recruitment:vacancy_draft_ad", pk=vacancy.pk)
    try:
        adwriter.do_use_ad(
            vacancy, form.cleaned_data["output"], form.cleaned_data["text"], request.user
        )  # type: ignore[arg-type]
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("recruitment:vacancy_draft_ad", pk=vacancy.pk)
    messages.success(request, _("The job ad text is in the vacancy and has been checked."))
    return redirect("recruitment:vacancy", pk=vacancy.pk)
