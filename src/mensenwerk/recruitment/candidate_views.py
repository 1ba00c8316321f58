"""The pages a candidate sees: the public application form (rate-limited, GDPR art. 13 notice)
and the status page behind the candidate's own link, where they can withdraw."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mensenwerk.core import services as core_services
from mensenwerk.core.models import Organisation
from mensenwerk.core.permissions import PUBLIC, allow
from mensenwerk.recruitment import intake, services
from mensenwerk.recruitment.forms import (
    ApplyForm,
)
from mensenwerk.recruitment.models import (
    Application,
    MessageTemplate,
    Vacancy,
)

HOUR = timedelta(hours=1)


@allow(PUBLIC)
def apply(request: HttpRequest, public_id: str) -> HttpResponse:
    vacancy = get_object_or_404(
        Vacancy, public_id=public_id, status__in=[Vacancy.Status.OPEN, Vacancy.Status.CLOSED]
    )
    organisation = Organisation.current()
    if vacancy.status == Vacancy.Status.CLOSED:
        context = {"vacancy": vacancy, "organisation": organisation}
        return render(request, "recruitment/apply_closed.html", context, status=410)
    form = ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and _too_many_applications(request, vacancy):
        context = {"vacancy": vacancy, "organisation": organisation}
        return render(request, "recruitment/apply_limited.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _app, key = intake.do_apply(
                vacancy,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                data=data["cv"].read(),
                filename=data["cv"].name,
                consent=data["keep"] == "year",
                gender=data["gender"],
                age_band=data["age_band"],
                extra=form.extra_answers(),
                status_url=request.build_absolute_uri(
                    reverse("recruitment:apply_status", args=["KEY"])
                ),
            )
        except intake.IntakeError as exc:
            form.add_error("cv", str(exc))
        else:
            _count_application(request, vacancy)
            return redirect("recruitment:apply_status", key=key)
    return render(
        request,
        "recruitment/apply.html",
        {
            "vacancy": vacancy,
            "form": form,
            "organisation": organisation,
            "notice": services.screening_notice(request.LANGUAGE_CODE),
        },
    )


APPLY_LIMITS = (
    ("apply-address", "APPLY_PER_ADDRESS_PER_HOUR"),
    ("apply-vacancy", "APPLY_PER_VACANCY_PER_HOUR"),
)


def _apply_clients(request: HttpRequest, vacancy: Vacancy) -> dict[str, str]:
    return {
        "apply-address": core_services.client_address(request),
        "apply-vacancy": vacancy.public_id,
    }


def _too_many_applications(request: HttpRequest, vacancy: Vacancy) -> bool:
    """Per address and per vacancy per hour: one address cannot flood HR, nor make the
    organisation send its confirmation e-mail to any address it likes. Only accepted
    applications count, so a candidate retrying a file that could not be read is not blocked."""
    clients = _apply_clients(request, vacancy)
    return any(
        core_services.limit_reached(scope, clients[scope], getattr(settings, name), HOUR)
        for scope, name in APPLY_LIMITS
    )


def _count_application(request: HttpRequest, vacancy: Vacancy) -> None:
    for scope, client in _apply_clients(request, vacancy).items():
        core_services.count_hit(scope, client, HOUR)


CANDIDATE_STAGE = {
    Application.Stage.RECEIVED: gettext_lazy("Received — a recruiter will look at it."),
    Application.Stage.SCREENED: gettext_lazy("In review — a recruiter will look at it."),
    Application.Stage.HOLD: gettext_lazy("In review."),
    Application.Stage.ADVANCED: gettext_lazy("Selected for the next round."),
    Application.Stage.INTERVIEW: gettext_lazy("Invited for an interview."),
    Application.Stage.OFFER: gettext_lazy("Offer."),
    Application.Stage.HIRED: gettext_lazy("Hired. Welcome!"),
    Application.Stage.REJECTED: gettext_lazy("Not selected."),
    Application.Stage.WITHDRAWN: gettext_lazy("Withdrawn."),
}


@allow(PUBLIC)
def apply_status(request: HttpRequest, key: str) -> HttpResponse:
    app = services.application_for_key(key)
    if app is None:
        raise Http404
    if request.method == "POST" and request.POST.get("withdraw") == "1":
        services.do_withdraw(app)
        messages.success(request, _("Your application is withdrawn."))
        return redirect("recruitment:apply_status", key=key)
    response = render(
        request,
        "recruitment/apply_status.html",
        {
            "app": app,
            "stage_text": CANDIDATE_STAGE[app.stage],
            # the reason is the candidate's only when a person chose to send it to them
            "reason": app.decision_reason
            if app.stage == Application.Stage.REJECTED
            and app.messages.filter(kind=MessageTemplate.Kind.REJECTED).exists()
            else "",
            "notice": services.screening_notice(request.LANGUAGE_CODE),
        },
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"  # the key is in the URL
    return response
