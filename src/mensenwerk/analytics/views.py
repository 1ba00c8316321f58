"""People analytics pages. Surveys: HR imports; HR, the works council, management and
managers read the same protected figures. Retention: behind the activation gate (a closed gate
shows what is missing, 409); the team view for HR, the works council and the DPO; a person's
score only for the HR users the register names, each view with a reason on the trail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.analytics import report, services, surveys
from mensenwerk.analytics.forms import (
    AnswerForm,
    HistoryUploadForm,
    OpenSurveyForm,
    ReasonForm,
    RunMappingForm,
    SettingsForm,
    StayForm,
    SurveyMappingForm,
    SurveyUploadForm,
)
from mensenwerk.analytics.models import RetentionRun, RetentionSettings, RiskScore, Survey
from mensenwerk.core.models import User
from mensenwerk.core.permissions import ANY_USER, allow
from mensenwerk.core.roles import RETENTION_READERS, Role
from mensenwerk.core.roles import SURVEY_READERS as READERS
from mensenwerk.core.services import ServiceError
from mensenwerk.core.web import document_language, table_error
from mensenwerk.engines import documents
from mensenwerk.engines.tabular import TableError
from mensenwerk.governance import services as trust


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@allow(*READERS)
def surveys_page(request: HttpRequest, form: SurveyUploadForm | None = None) -> HttpResponse:
    hr = _user(request).has_role(Role.HR)
    shown = Survey.objects.all() if hr else Survey.objects.filter(status=Survey.Status.READY)
    context = {
        "surveys": shown,
        "hr": hr,
        "form": form or SurveyUploadForm(),
        "open_form": OpenSurveyForm(prefix="open"),
    }
    return render(request, "analytics/surveys.html", context)


@allow(Role.HR)
@require_POST
def survey_upload(request: HttpRequest) -> HttpResponse:
    form = SurveyUploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            survey = surveys.do_upload(
                data["file"].read(), data["file"].name, data["title"], data["held_on"],
                _user(request),
            )  # fmt: skip
        except TableError as exc:
            form.add_error("file", table_error(exc))
        else:
            return redirect("analytics:survey_map", pk=survey.pk)
    return surveys_page(request, form=form)


@allow(Role.HR)
def survey_map(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk, status=Survey.Status.DRAFT)
    form = SurveyMappingForm(survey.headers, request.POST or None, initial=survey.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            surveys.do_apply(survey, form.cleaned_data, _user(request))
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The survey is imported."))
            return redirect("analytics:survey", pk=survey.pk)
    sample = survey.pending[:3]
    return render(
        request, "analytics/survey_map.html", {"survey": survey, "form": form, "sample": sample}
    )


@allow(*READERS)
def survey_page(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk, status=Survey.Status.READY)
    department = request.GET.get("department", "")
    result = survey.result["top"]
    if department:
        result = survey.result["teams"].get(department)
        if result is None:  # withheld, or no teams: nothing to show, and no hint why
            raise Http404
    rates = surveys.response_rates(survey) if not department else {}
    context: dict[str, Any] = {
        "survey": survey,
        "department": department,
        "level": "team" if department else survey.result["level"],
        "result": result,
        "rows": surveys.rows(result, rates),
        "items": surveys.items(result),
        "with_teams": set(survey.result["teams"]) if not department else set(),
        "signals": surveys.early_signals(survey),
        "trend": surveys.trend(survey, department),
        "rates": rates,
    }
    return render(request, "analytics/survey.html", context)


@allow(*READERS)
def survey_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey's report as PDF for the works council and management (?lang=nl|en)."""
    survey = get_object_or_404(Survey, pk=pk, status=Survey.Status.READY)
    lang = document_language(request)
    pdf = documents.to_pdf(report.survey_text(survey, lang), survey.title, "Mensenwerk")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="onderzoek-{survey.pk}-{lang}.pdf"'
    return response


@allow(Role.HR)
@require_POST
def survey_open(request: HttpRequest) -> HttpResponse:
    form = OpenSurveyForm(request.POST, prefix="open")
    if form.is_valid():
        surveys.do_open(form.cleaned_data["title"], _user(request))
        messages.success(request, _("The survey is open: employees find it on their start page."))
    return redirect("analytics:surveys")


@allow(Role.HR)
@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk, status=Survey.Status.OPEN)
    try:
        surveys.do_close(survey, _user(request))
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("analytics:surveys")
    return redirect("analytics:survey", pk=survey.pk)


@allow(ANY_USER)
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk, status=Survey.Status.OPEN)
    user = _user(request)
    if not surveys.may_answer(survey, user):
        messages.info(request, _("You have answered this survey, or it is not meant for you."))
        return redirect("core:start")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        comment = data.pop("comment")
        try:
            surveys.do_answer(survey, user, data, comment)
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you. Your answer is counted anonymously."))
        return redirect("core:start")
    return render(request, "analytics/answer.html", {"survey": survey, "form": form})


# --- retention ------------------------------------------------------------------------------


@allow(*RETENTION_READERS)
def retention(request: HttpRequest, form: HistoryUploadForm | None = None) -> HttpResponse:
    trust.require_active(services.RETENTION_RISK)  # closed: the gate's page, 409
    user = _user(request)
    context = {
        "run": services.latest_run(),
        "runs": RetentionRun.objects.all()[:10] if user.has_role(Role.HR) else [],
        "hr": user.has_role(Role.HR),
        "named": services.may_see_people(user),
        "form": form or HistoryUploadForm(),
        "settings": RetentionSettings.current(),
    }
    return render(request, "analytics/retention.html", context)


@allow(Role.HR)
@require_POST
def retention_upload(request: HttpRequest) -> HttpResponse:
    form = HistoryUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = services.do_upload(upload.read(), upload.name, _user(request))
        except TableError as exc:
            form.add_error("file", table_error(exc))
        else:
            return redirect("analytics:retention_map", pk=run.pk)
    return retention(request, form=form)


@allow(Role.HR)
def retention_map(request: HttpRequest, pk: int) -> HttpResponse:
    trust.require_active(services.RETENTION_RISK)
    run = get_object_or_404(RetentionRun, pk=pk, status=RetentionRun.Status.DRAFT)
    form = RunMappingForm(run.headers, request.POST or None, initial=run.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_start(run, dict(form.cleaned_data), _user(request))
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("analytics:retention")
    return render(request, "analytics/retention_map.html", {"run": run, "form": form})


@allow(Role.HR, Role.DPO)
def retention_settings(request: HttpRequest) -> HttpResponse:
    current = RetentionSettings.current()
    initial = {"protected": ", ".join(current.protected), "alert_at": current.alert_at}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.do_save_settings(current, form.cleaned_data, _user(request))
        messages.success(request, _("Saved."))
        return redirect("analytics:retention_settings")
    return render(request, "analytics/settings.html", {"form": form, "current": current})


def _named(request: HttpRequest) -> User:
    trust.require_active(services.RETENTION_RISK)
    user = _user(request)
    if not services.may_see_people(user):
        raise PermissionDenied
    return user


@allow(Role.HR)
def people(request: HttpRequest) -> HttpResponse:
    """The alerts of the latest run, by name and team, without their scores: a score is shown
    one person at a time, with a reason."""
    _named(request)
    run = services.latest_run()
    alerts = (
        run.alerts().select_related("person").order_by("team", "person__last_name")
        if run
        else RiskScore.objects.none()
    )
    return render(request, "analytics/people.html", {"run": run, "alerts": alerts})


@allow(Role.HR)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    user = _named(request)
    score = get_object_or_404(RiskScore.objects.select_related("person", "run"), pk=pk)
    form = ReasonForm(request.POST or None)
    shown = False
    if request.method == "POST" and form.is_valid():
        try:
            services.do_view_person(score, user, form.cleaned_data["reason"])
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            shown = True
    context = {
        "score": score,
        "form": form,
        "shown": shown,
        "alert": services.alert(score),
        "stay_form": StayForm(),
    }
    return render(request, "analytics/person.html", context)


@allow(Role.HR)
@require_POST
def stay(request: HttpRequest, pk: int) -> HttpResponse:
    user = _named(request)
    score = get_object_or_404(RiskScore.objects.select_related("run"), pk=pk)
    form = StayForm(request.POST)
    if form.is_valid():
        try:
            services.do_stay_decision(
                score, user, form.cleaned_data["decision"], form.cleaned_data["reason"]
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your decision is recorded."))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("analytics:people")
