from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from mensenwerk.core.models import User
from mensenwerk.core.permissions import allow
from mensenwerk.core.roles import RECRUITMENT_EDITORS, RECRUITMENT_REVIEWERS, Role
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import interview
from mensenwerk.engines.jobad import JobAdReport
from mensenwerk.engines.matching import CREDIT
from mensenwerk.governance.services import ApplicationInactive, TrustError
from mensenwerk.recruitment import intake, services
from mensenwerk.recruitment import messages as candidate_mail
from mensenwerk.recruitment.forms import (
    DecisionForm,
    MoveForm,
    ScorecardForm,
    SuggestionForm,
    TemplateForm,
    UploadForm,
    VacancyEditor,
    VacancyFileForm,
)
from mensenwerk.recruitment.models import (
    Application,
    MessageTemplate,
    Scorecard,
    Upload,
    Vacancy,
)

EDITORS = RECRUITMENT_EDITORS
REVIEWERS = RECRUITMENT_REVIEWERS
STATUS_TEXT = {
    "met": gettext_lazy("met"),
    "partly_met": gettext_lazy("unclear"),
    "not_met": gettext_lazy("not met"),
}
NICE_STATUS_TEXT = {
    "met": gettext_lazy("met"),
    "partly_met": gettext_lazy("partly met (only in a list)"),
    "not_met": gettext_lazy("not met"),
}
# why a qualification (diploma, licence, certificate) is not simply met: the recruiter's reason
# to ask the candidate, never a reason the software rejects anyone
DETAIL_TEXT = {
    "expires_soon": gettext_lazy("held; expires within three months"),
    "expired": gettext_lazy("held, but expired"),
    "lower_category": gettext_lazy("a lower or other category, level or field"),
    "named": gettext_lazy("named in work experience; not stated as held"),
    "list_only": gettext_lazy("only in a skills list; not stated as held"),
    "wanted": gettext_lazy("wanted or in training; not held yet"),
}
# the same reasons, short, for the ranked list: what to ask before inviting the candidate
CHECK_TEXT = {
    "expires_soon": gettext_lazy("expires soon"),
    "expired": gettext_lazy("expired"),
    "lower_category": gettext_lazy("lower category"),
    "named": gettext_lazy("not stated as held"),
    "list_only": gettext_lazy("only in a list"),
}
FLAG_TEXT = {
    "hidden_text": gettext_lazy("hidden text found"),
    "needs_manual_review": gettext_lazy("needs manual review"),
    "duplicate": gettext_lazy("duplicate"),
}
FINDING_TEXT = {
    "masculine": gettext_lazy("Masculine-coded word: consider a neutral alternative."),
    "feminine": gettext_lazy("Feminine-coded word: fine in moderation; keep the ad balanced."),
    "exclusionary": gettext_lazy(
        "May exclude or put off candidates (age, language, appearance, physical demands, "
        "jargon, pressure): ask only for what the job really needs."
    ),
    "title": gettext_lazy("Job title: use a neutral title or add (m/v/x)."),
    "readability": gettext_lazy("Hard to read: use shorter sentences and simpler words."),
    "length": gettext_lazy("Length: aim for 250–700 words."),
    "missing": gettext_lazy("Missing: add this section."),
}
SECTION_TEXT = {
    "salary": gettext_lazy("salary range"),
    "tasks": gettext_lazy("tasks"),
    "requirements": gettext_lazy("requirements"),
    "apply": gettext_lazy("how to apply"),
}


def _vacancies(request: HttpRequest) -> QuerySet[Vacancy]:
    return Vacancy.objects.visible_to(request.user)


def _vacancy(request: HttpRequest, pk: int) -> Vacancy:
    return get_object_or_404(_vacancies(request), pk=pk)


def _application(request: HttpRequest, pk: int) -> Application:
    rows = Application.objects.select_related("vacancy", "person").filter(
        vacancy__in=_vacancies(request)
    )
    return get_object_or_404(rows, pk=pk)


def _may_edit(user: User, vacancy: Vacancy) -> bool:
    return vacancy.editable_by(user)


def _editable(request: HttpRequest, pk: int) -> Vacancy:
    vacancy = _vacancy(request, pk)
    if not _may_edit(request.user, vacancy):
        raise Http404
    return vacancy


@allow(*REVIEWERS)
def vacancies(request: HttpRequest) -> HttpResponse:
    rows = _vacancies(request).select_related("department").annotate(n=Count("applications"))
    return render(
        request,
        "recruitment/vacancies.html",
        {"vacancies": rows, "may_create": request.user.has_role(*EDITORS)},
    )


@allow(*EDITORS)
def vacancy_new(request: HttpRequest) -> HttpResponse:
    return _vacancy_form(request, Vacancy())


@allow(*EDITORS)
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _vacancy_form(request, _editable(request, pk))


def _vacancy_form(request: HttpRequest, vacancy: Vacancy) -> HttpResponse:
    editor = VacancyEditor(request.POST or None, vacancy)
    if request.method == "POST" and editor.is_valid():
        form = editor.form
        recruiters = list(form.cleaned_data["recruiters"])
        if request.user.has_role(Role.RECRUITER) and request.user not in recruiters:
            recruiters.append(request.user)  # a recruiter keeps access to what they create
        try:
            vacancy = services.do_save_vacancy(
                form.save(commit=False), editor.criteria(), recruiters, request.user
            )
            if vacancy.applications.exists():
                count = services.do_rescreen(vacancy, request.user)
                messages.info(
                    request,
                    ngettext(
                        "%(n)s candidate scored again.", "%(n)s candidates scored again.", count
                    )
                    % {"n": count},
                )
        except ServiceError as exc:
            editor.errors.append(str(exc))
        except ApplicationInactive:
            messages.info(request, _("Saved. CV screening is switched off, so nobody was scored."))
            return redirect("recruitment:vacancy", pk=vacancy.pk)
        else:
            messages.success(request, _("Vacancy saved."))
            return redirect("recruitment:vacancy", pk=vacancy.pk)
    return render(
        request,
        "recruitment/vacancy_form.html",
        {"form": editor.form, "editor": editor, "vacancy": vacancy},
    )


@allow(*EDITORS)
def vacancy_import(request: HttpRequest) -> HttpResponse:
    form = VacancyFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > 256 * 1024:
                raise ServiceError(_("The vacancy file is too large."))
            text = upload.read().decode("utf-8")
            vacancy = services.do_import_vacancy_file(text, request.user)
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        except ServiceError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Vacancy created from the file. Check it, then publish."))
            return redirect("recruitment:vacancy", pk=vacancy.pk)
    return render(request, "recruitment/vacancy_import.html", {"form": form})


def _report_rows(stored: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for finding in JobAdReport.from_dict(stored).findings:
        text = finding.text
        if finding.kind == "missing":
            text = SECTION_TEXT.get(finding.detail, finding.detail)
        rows.append(
            {
                "kind": finding.kind,
                "text": text,
                "advice": FINDING_TEXT.get(finding.kind, ""),
                "alternative": finding.alternative,
            }
        )
    return rows


@allow(*REVIEWERS)
def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk)
    may_edit = _may_edit(request.user, vacancy)
    suggestions = services.suggested_criteria(vacancy) if may_edit else []
    stages = dict(
        vacancy.applications.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    return render(
        request,
        "recruitment/vacancy.html",
        {
            "vacancy": vacancy,
            "criteria": vacancy.criteria.all(),
            "may_edit": may_edit,
            "report": vacancy.job_ad_report,
            "report_rows": _report_rows(vacancy.job_ad_report),
            "open_findings": services.open_findings(vacancy),
            "suggestion_form": SuggestionForm(suggestions=suggestions) if suggestions else None,
            "stages": [(label, stages.get(value, 0)) for value, label in Application.Stage.choices],
            "time_to_hire": services.time_to_hire_days(vacancy),
            "apply_url": request.build_absolute_uri(
                reverse("recruitment:apply", args=[vacancy.public_id])
            ),
            "screening_active": services.screening_active(),
        },
    )


@allow(*REVIEWERS)
def vacancy_file(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk)
    response = HttpResponse(services.vacancy_file(vacancy), content_type="application/yaml")
    response["Content-Disposition"] = f'attachment; filename="vacancy-{vacancy.pk}.yaml"'
    return response


@allow(*EDITORS)
@require_POST
def vacancy_check(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _editable(request, pk)
    services.do_check_job_ad(vacancy, request.user)
    messages.success(request, _("Job ad checked: see the results below."))
    return redirect("recruitment:vacancy", pk=vacancy.pk)


@allow(*EDITORS)
@require_POST
def vacancy_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _editable(request, pk)
    form = SuggestionForm(request.POST, suggestions=services.suggested_criteria(vacancy))
    if form.is_valid():
        added = services.do_add_criteria(
            vacancy, form.cleaned_data["names"], form.cleaned_data["kind"]
        )
        messages.success(request, _("%(n)s criteria added.") % {"n": added})
    else:
        messages.error(request, _("Choose at least one suggested criterion."))
    return redirect("recruitment:vacancy", pk=vacancy.pk)


@allow(*EDITORS)
@require_POST
def vacancy_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    vacancy = _editable(request, pk)
    try:
        if action == "publish":
            despite = request.POST.get("confirm") == "1"
            services.do_publish(vacancy, request.user, despite_findings=despite)
            messages.success(request, _("The vacancy is open for applications."))
        elif action == "close" and request.POST.get("confirm") != "1":
            messages.error(request, _("Confirm that the vacancy should be closed."))
        elif action == "close":
            services.do_close(vacancy, request.user)
            messages.success(request, _("The vacancy is closed."))
        elif action == "rescreen":
            count = services.do_rescreen(vacancy, request.user)
            messages.success(
                request,
                ngettext("%(n)s candidate scored again.", "%(n)s candidates scored again.", count)
                % {"n": count},
            )
        else:
            raise Http404
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("recruitment:vacancy", pk=vacancy.pk)


FILTERS = {
    "all": {},
    "open": {"stage__in": Application.AWAITING_DECISION},
    "advanced": {"stage__in": Application.SHORTLIST},
    "rejected": {"stage": Application.Stage.REJECTED},
}


@allow(*REVIEWERS)
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk)
    view = request.GET.get("view", "open")
    flag = request.GET.get("flag", "")
    rows = list(vacancy.applications.filter(**FILTERS.get(view, {})).select_related("person"))
    if flag in FLAG_TEXT:
        rows = [a for a in rows if flag in a.flags]
    if request.GET.get("knockout") == "1":
        rows = [a for a in rows if not _knockouts(a)]
    rows = services.ranked(rows)
    return render(
        request,
        "recruitment/candidates.html",
        {
            "vacancy": vacancy,
            "rows": [_row(a) for a in rows],
            "view": view,
            "flag": flag,
            "knockout": request.GET.get("knockout") == "1",
            "views": [
                ("open", _("To decide")),
                ("advanced", _("Advanced")),
                ("rejected", _("Rejected")),
                ("all", _("All")),
            ],
            "flags": list(FLAG_TEXT.items()),
            "screening_active": services.screening_active(),
        },
    )


def _knockouts(application: Application) -> list[str]:
    match = application.match
    return match.knockouts if match else []


def _row(application: Application) -> dict[str, Any]:
    match = application.match
    must = match.must_haves if match else []
    return {
        "app": application,
        "must_met": sum(1 for c in must if c.status == "met"),
        "must_total": len(must),
        "knockouts": match.knockouts if match else [],
        "to_check": [
            f"{c.criterion} ({CHECK_TEXT[c.detail]})" for c in must if c.detail in CHECK_TEXT
        ],
        "flags": [FLAG_TEXT.get(f, f) for f in application.flags],
    }


@allow(*REVIEWERS)
def application(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_application(request, _application(request, pk))


def _render_application(
    request: HttpRequest,
    app: Application,
    decision_form: DecisionForm | None = None,
    move_form: MoveForm | None = None,
) -> HttpResponse:
    """The application page, or only its panel for HTMX; a refused form comes back bound,
    with its error next to the field and the person's choice kept."""
    criteria = app.match.criteria if app.match else []
    evidence = {c.evidence for c in criteria if c.evidence}
    lines = [
        {"text": line, "evidence": line.strip() in evidence or line.strip()[:300] in evidence}
        for line in app.blind_text.split("\n")
    ]
    move_stages = app.next_stages()
    context = {
        "app": app,
        "vacancy": app.vacancy,
        "criteria": [
            {
                **asdict(c),
                "status_text": (STATUS_TEXT if c.kind == "must_have" else NICE_STATUS_TEXT)[
                    c.status
                ],
                "points": CREDIT[c.status],
                "detail_text": DETAIL_TEXT.get(c.detail, ""),
            }
            for c in criteria
        ],
        "lines": lines,
        "flags": [FLAG_TEXT.get(f, f) for f in app.flags],
        "hidden": intake.hidden_text_findings(app.hidden_text[:10]),
        "decision_form": decision_form or (DecisionForm() if app.can_decide() else None),
        "move_form": move_form or (MoveForm(stages=move_stages) if move_stages else None),
        "may_reveal": app.decided and not app.revealed_at,
        "may_draft_offer": request.user.has_role(Role.HR)  # type: ignore[union-attr]
        and app.revealed_at is not None
        and app.stage in (Application.Stage.OFFER, Application.Stage.HIRED),
        "events": app.events.select_related("actor"),
        "messages_sent": app.messages.all(),
        "scorecards": app.scorecards.select_related("interviewer"),
        "duplicates": app.duplicates.all(),
        "panel": bool(request.headers.get("HX-Request")),
    }
    template = (
        "recruitment/_application.html" if context["panel"] else "recruitment/application.html"
    )
    return render(request, template, context)


@allow(*REVIEWERS)
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    app = _application(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.do_decide(
                app,
                request.user,
                form.cleaned_data["decision"],
                form.cleaned_data["reason"],
                notify=form.cleaned_data["notify"],
            )
        except (ServiceError, TrustError) as exc:
            form.add_error("reason", str(exc))
    if form.errors:
        return _render_application(request, app, decision_form=form)
    if request.headers.get("HX-Request"):  # the panel shows the new stage itself
        app.refresh_from_db()
        return _render_application(request, app)
    messages.success(request, _("Decision recorded."))
    return redirect("recruitment:application", pk=app.pk)


@allow(*REVIEWERS)
@require_POST
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    app = _application(request, pk)
    form = MoveForm(request.POST, stages=app.next_stages())
    if not form.is_valid():
        messages.error(request, _("This step is not possible from the current stage."))
        return redirect("recruitment:application", pk=app.pk)
    try:
        services.do_move(
            app,
            request.user,
            form.cleaned_data["stage"],
            form.cleaned_data["reason"],
            notify=form.cleaned_data["notify"],
        )
        messages.success(request, _("Stage updated."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("recruitment:application", pk=app.pk)


@allow(*REVIEWERS)
@require_POST
def application_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    app = _application(request, pk)
    try:
        services.do_reveal(app, request.user)
        messages.success(request, _("Identity revealed. This is recorded in the audit trail."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("recruitment:application", pk=app.pk)


@allow(*EDITORS)
@require_POST
def application_screen(request: HttpRequest, pk: int) -> HttpResponse:
    app = _application(request, pk)
    if app.stage in Application.UNSCREENED_OR_UNDECIDED:
        services.screen(app, request.user)  # ApplicationInactive -> the gate's 409 page
        messages.success(request, _("Candidate scored."))
    return redirect("recruitment:application", pk=app.pk)


@allow(*REVIEWERS)
def interview_kit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk)
    engine = services.engine_vacancy(vacancy)
    return render(
        request,
        "recruitment/interview_kit.html",
        {
            "vacancy": vacancy,
            "questions": interview.kit(engine),
            "anchors": sorted(interview.anchors(vacancy.language).items()),
        },
    )


@allow(*REVIEWERS)
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    app = _application(request, pk)
    questions = interview.kit(services.engine_vacancy(app.vacancy))
    anchors = interview.anchors(app.vacancy.language)
    existing = Scorecard.objects.filter(application=app, interviewer=request.user).first()
    initial: dict[str, Any] = {}
    if existing:
        initial["notes"] = existing.notes
        for q in questions:
            if (q.criterion or q.key) in existing.ratings:
                initial[f"q_{q.key}"] = existing.ratings[q.criterion or q.key]
    form = ScorecardForm(
        request.POST or None, questions=questions, anchors=anchors, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.do_save_scorecard(
                app, request.user, form.ratings(), form.cleaned_data["notes"]
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Scorecard saved."))
            return redirect("recruitment:application", pk=app.pk)
    return render(
        request,
        "recruitment/scorecard.html",
        {"app": app, "form": form, "questions": form.question_fields},
    )


@allow(*EDITORS)
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _editable(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        batch = intake.do_start_upload(vacancy, files, request.user)
        return redirect("recruitment:upload_detail", pk=batch.pk)
    return render(
        request,
        "recruitment/upload.html",
        {"vacancy": vacancy, "form": form, "uploads": vacancy.uploads.select_related("job")[:10]},
    )


@allow(*EDITORS)
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(
        Upload.objects.select_related("job", "vacancy").filter(vacancy__in=_vacancies(request)),
        pk=pk,
    )
    results = [{**r, "error": "" if r["ok"] else intake.result_error(r)} for r in batch.results]
    return render(request, "recruitment/upload_detail.html", {"batch": batch, "results": results})


@allow(*EDITORS)
def templates(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "kind": kind,
            "label": label,
            "language": language,
            "subject": candidate_mail.message_template(kind, language)[0],
            "custom": MessageTemplate.objects.filter(kind=kind, language=language).exists(),
        }
        for kind, label in MessageTemplate.Kind.choices
        for language in ("nl", "en")
    ]
    return render(request, "recruitment/templates.html", {"rows": rows})


@allow(*EDITORS)
def template_edit(request: HttpRequest, kind: str, lang: str) -> HttpResponse:
    if kind not in MessageTemplate.Kind.values or lang not in ("nl", "en"):
        raise Http404
    subject, body = candidate_mail.message_template(kind, lang)
    form = TemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST" and form.is_valid():
        candidate_mail.do_save_template(
            kind, lang, form.cleaned_data["subject"], form.cleaned_data["body"]
        )
        messages.success(request, _("Message saved."))
        return redirect("recruitment:templates")
    return render(
        request,
        "recruitment/template_form.html",
        {"form": form, "kind": MessageTemplate.Kind(kind).label, "lang": lang},
    )


# --- public: candidates have no account -----------------------------------------------------
