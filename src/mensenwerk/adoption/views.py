from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.adoption import forms as f
from mensenwerk.adoption import mailing, metrics, reports, services
from mensenwerk.adoption import models as m
from mensenwerk.core.permissions import ANY_USER, allow
from mensenwerk.core.roles import COCKPIT_EDITORS, COCKPIT_OR_READERS, COCKPIT_READERS
from mensenwerk.core.sections import literacy_sections
from mensenwerk.core.web import document_language
from mensenwerk.engines import adoption as engine
from mensenwerk.engines import documents as docs

EDIT, READ, OR_READ = COCKPIT_EDITORS, COCKPIT_READERS, COCKPIT_OR_READERS


def _can_edit(request: HttpRequest) -> bool:
    return request.user.has_role(*EDIT)  # type: ignore[union-attr]


def _sees_costs(request: HttpRequest) -> bool:
    return request.user.has_role(*READ)  # type: ignore[union-attr]


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"can_edit": _can_edit(request), "sees_costs": _sees_costs(request), **extra}


def _scatter(
    points: list[tuple[str, int, int]], x: str, y: str, quick: bool, numbered: bool = False
) -> dict[str, Any]:
    """A scatter with every point labelled on the chart itself: by its row number in the table
    beside it (``numbered``) or by its name. Points on the same spot share one label ("1, 3")
    instead of hiding each other; the names are in the tooltip."""
    spots: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for n, (label, px, py) in enumerate(points, start=1):
        spots.setdefault((px, py), []).append((n, label))
    datasets: list[dict[str, Any]] = [
        {
            "label": " / ".join(label for _n, label in group),
            "pointLabel": ", ".join(str(n) if numbered else label for n, label in group),
            "data": [{"x": px, "y": py}],
            "pointRadius": 7,
        }
        for (px, py), group in spots.items()
    ]
    guide = {
        "type": "line",
        "showLine": True,
        "pointRadius": 0,
        "colour": "#999",
        "borderDash": [4, 4],
        "label": _("quick-win border") if quick else _("middle"),
    }
    datasets.append({**guide, "data": [{"x": 5.5, "y": 0}, {"x": 5.5, "y": 11}]})
    datasets.append({**guide, "data": [{"x": 0, "y": 5.5}, {"x": 11, "y": 5.5}], "label": ""})
    axis = {"min": 0, "max": 11, "ticks": {"stepSize": 1}}
    return {
        "type": "scatter",
        "labels": [],
        "pointLabels": True,
        "datasets": datasets,
        "options": {
            "plugins": {"legend": {"display": False}},
            "scales": {
                "x": {**axis, "title": {"display": True, "text": x}},
                "y": {**axis, "title": {"display": True, "text": y}},
            },
        },
    }


# --- overview -----------------------------------------------------------------------------


@allow(*OR_READ)
def cockpit(request: HttpRequest) -> HttpResponse:
    project = services.ensure_defaults()
    month = timezone.localdate().replace(day=1)
    with metrics.snapshot():
        figures = metrics.measure_month(month)
        roi = services.roi_summary(project)["roi"] if _sees_costs(request) else None
    kpis = {k.measure: k for k in m.Kpi.objects.exclude(measure="")}
    headline = [
        {"kpi": kpis.get(key), "figure": figures[key]}
        for key in (
            "adoption_assistant",
            "adoption_screening",
            "acceptance_rate",
            "assistant_deflection",
            "screening_hours_saved",
            "literacy_coverage",
        )
        if key in kpis
    ]
    plan = services.schedule(project)
    today = timezone.localdate()
    upcoming = [p for p in plan if p["plan"].end >= today][:3]
    return render(
        request,
        "adoption/cockpit.html",
        _ctx(
            request,
            project=project,
            chosen=project.use_cases.select_related("application"),
            trust=services.trust_progress(project),
            headline=headline,
            upcoming=upcoming,
            labels=services.phase_labels(),
            roi=roi,
            open_objections=m.Objection.objects.exclude(status="closed").count(),
            subscriptions=mailing.topics_for(request.user),  # type: ignore[arg-type]
        ),
    )


# --- use cases ----------------------------------------------------------------------------


@allow(*READ)
def use_cases(request: HttpRequest) -> HttpResponse:
    project = services.ensure_defaults()
    config = m.Settings.current()
    ranked = services.ranked_use_cases(config.weights())
    chart = _scatter(
        [(r["case"].name, r["case"].effort, r["case"].impact) for r in ranked],
        _("implementation effort"),
        _("business impact"),
        quick=True,
        numbered=True,
    )
    return render(
        request,
        "adoption/use_cases.html",
        _ctx(
            request,
            project=project,
            ranked=ranked,
            chosen={c.pk for c in project.use_cases.all()},
            weights_form=f.WeightsForm(instance=config),
            chart=chart,
        ),
    )


@allow(*EDIT)
@require_POST
def weights(request: HttpRequest) -> HttpResponse:
    form = f.WeightsForm(request.POST, instance=m.Settings.current())
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect("adoption:use_cases")


@allow(*READ)
def use_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(m.UseCase.objects.select_related("application"), pk=pk)
    form = f.ReadinessForm(request.POST or None, case=case)
    if request.method == "POST":
        if not _can_edit(request):
            raise PermissionDenied
        if form.is_valid():
            form.apply().save(update_fields=["data_audit", "process"])
            messages.success(request, _("Saved."))
            return redirect("adoption:use_case", pk=case.pk)
    scores = case.scores()
    return render(
        request,
        "adoption/use_case.html",
        _ctx(
            request,
            case=case,
            form=form,
            score=engine.priority(scores, m.Settings.current().weights()),
            quick_win=engine.is_quick_win(scores),
            data_light=engine.traffic_light(case.data_audit.values()),
            process_light=engine.traffic_light(v.get("light", "") for v in case.process.values()),
            dimensions=[
                (label, case.data_audit.get(k, "")) for k, label in f.DATA_DIMENSIONS.items()
            ],
            process=[(label, case.process.get(k, {})) for k, label in f.PROCESS_ITEMS.items()],
        ),
    )


# --- stakeholders, TRUST, communication ---------------------------------------------------


@allow(*OR_READ)
def stakeholders(request: HttpRequest) -> HttpResponse:
    project = services.ensure_defaults()
    groups = list(m.Stakeholder.objects.all())
    chart = _scatter(
        [(s.name, s.interest, s.influence) for s in groups], _("interest"), _("influence"), False
    )
    roi = services.roi_summary(project)["roi"] if _sees_costs(request) else None
    objections = list(m.Objection.objects.all())
    for o in objections:
        o.suggested = services.objection_answer(o.key, project, roi)  # type: ignore[attr-defined]
    return render(
        request,
        "adoption/stakeholders.html",
        _ctx(
            request,
            groups=groups,
            chart=chart,
            communication=m.Communication.objects.select_related("stakeholder"),
            objections=objections,
        ),
    )


@allow(*OR_READ)
def trust(request: HttpRequest) -> HttpResponse:
    project = services.ensure_defaults()
    return render(
        request,
        "adoption/trust.html",
        _ctx(request, project=project, steps=services.trust_progress(project)),
    )


@allow(*READ)
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(m.TrustItem, pk=pk, evidence__isnull=False)
    response = HttpResponse(bytes(item.evidence), content_type="application/octet-stream")
    name = item.evidence_name.replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- roadmap, resources, budget -----------------------------------------------------------


@allow(*READ)
def roadmap(request: HttpRequest) -> HttpResponse:
    project = services.ensure_defaults()
    plan = services.schedule(project)
    labels = services.phase_labels()
    start = project.start_date

    def week(day: Any) -> float:
        return round((day - start).days / 7, 1)

    gantt = {
        "type": "bar",
        "labels": [labels[p["plan"].key] for p in plan],
        "datasets": [
            {
                "label": _("planned"),
                "data": [
                    [week(p["plan"].start), week(p["plan"].end) - p["plan"].buffer_weeks]
                    for p in plan
                ],
                "grouped": False,
            },
            {
                "label": _("buffer"),
                "colour": "#c2571a",
                "data": [
                    [week(p["plan"].end) - p["plan"].buffer_weeks, week(p["plan"].end)]
                    for p in plan
                ],
                "grouped": False,
            },
        ],
        "options": {
            "indexAxis": "y",
            "scales": {"x": {"title": {"display": True, "text": _("weeks from the start")}}},
        },
    }
    resources = list(project.resources.all())
    budget = list(project.budget.all())
    return render(
        request,
        "adoption/roadmap.html",
        _ctx(
            request,
            project=project,
            plan=plan,
            labels=labels,
            gantt=gantt,
            resources=resources,
            days_internal=sum(r.person_days for r in resources if r.internal),
            days_external=sum(r.person_days for r in resources if not r.internal),
            budget=budget,
            costs=services.costs(project),
        ),
    )


# --- KPIs and the pulse survey ------------------------------------------------------------


@allow(*OR_READ)
def kpis(request: HttpRequest) -> HttpResponse:
    services.ensure_defaults()
    months = metrics.last_months(6)
    table = metrics.measure_table(months)
    rows = []
    for kpi in m.Kpi.objects.prefetch_related("values"):
        series = metrics.kpi_series(kpi, months, table)
        chart = {
            "type": "line",
            "labels": [s["month"] for s in series],
            "datasets": [{"label": kpi.name, "data": [s["value"] for s in series]}],
        }
        for name, value, colour in (
            (_("baseline"), kpi.baseline, "#999"),
            (_("target"), kpi.target, "#2e8b57"),
        ):
            if value is not None:
                chart["datasets"].append(
                    {
                        "label": name,
                        "data": [float(value)] * len(series),
                        "colour": colour,
                        "pointRadius": 0,
                        "borderDash": [6, 4],
                    }
                )
        rows.append(
            {
                "kpi": kpi,
                "series": series,
                "current": series[-1],
                "chart": chart,
                "chart_id": f"kpi-chart-{kpi.pk}",
            }
        )
    groups = [
        (label, [r for r in rows if r["kpi"].group == key]) for key, label in m.Kpi.Group.choices
    ]
    return render(
        request,
        "adoption/kpis.html",
        _ctx(
            request,
            groups=groups,
            pulse=services.pulse_results(),
            value_form=f.KpiValueForm(initial={"date": timezone.localdate()}),
        ),
    )


@allow(*EDIT)
@require_POST
def kpi_value(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = get_object_or_404(m.Kpi, pk=pk, measure="")
    form = f.KpiValueForm(request.POST, instance=m.KpiValue(kpi=kpi, entered_by=request.user))
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect(reverse("adoption:kpis") + f"#kpi-{kpi.pk}")


@allow(ANY_USER)
def pulse(request: HttpRequest) -> HttpResponse:
    form = f.PulseForm(request.POST or None, initial={"feature": request.GET.get("tool", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.do_pulse(request.user, data["feature"], data["score"], data["comment"])  # type: ignore[arg-type]
        messages.success(request, _("Thank you. Your answer is counted anonymously."))
        return redirect("adoption:pulse")
    return render(request, "adoption/pulse.html", {"form": form})


# --- ROI ----------------------------------------------------------------------------------


@allow(*READ)
def roi(request: HttpRequest) -> HttpResponse:
    project = services.ensure_defaults()
    return render(
        request,
        "adoption/roi.html",
        _ctx(request, project=project, s=services.roi_summary(project)),
    )


# --- literacy and champions ---------------------------------------------------------------


@allow(*READ)
def literacy(request: HttpRequest) -> HttpResponse:
    services.ensure_defaults()
    return render(
        request,
        "adoption/literacy.html",
        _ctx(
            request,
            lit=services.literacy(),
            offers=m.TrainingOffer.objects.prefetch_related("sessions__attendees"),
            sections=literacy_sections(request),
        ),
    )


@allow(*READ)
def champions(request: HttpRequest) -> HttpResponse:
    candidates = []
    for c in m.ChampionCandidate.objects.select_related("user"):
        a = c.assessment()
        candidates.append(
            {
                "c": c,
                "levels": [a.levels[k] for k in engine.CHAMPION_CRITERIA],
                "shortlisted": a.shortlisted,
            }
        )
    network = m.Champion.objects.select_related("user", "buddy__user").annotate(
        n_activities=Count("activities"), reached=Sum("activities__participants")
    )
    return render(
        request,
        "adoption/champions.html",
        _ctx(
            request,
            candidates=candidates,
            network=network,
            advice=services.champion_advice(),
            minimum=engine.MIN_CHAMPION_TIME,
            activities=m.ChampionActivity.objects.select_related("champion__user")[:50],
        ),
    )


# --- reports ------------------------------------------------------------------------------


def _report(request: HttpRequest, kind: str) -> HttpResponse:
    project = services.ensure_defaults()
    lang = document_language(request)
    title, text = reports.build(kind, project, lang)
    if request.GET.get("format") == "html":
        return render(
            request,
            "adoption/report.html",
            {"title": title, "body": docs.to_html(text), "lang": lang, "kind": kind},
        )
    pdf = docs.to_pdf(text, title, f"Mensenwerk — {title}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{kind}-{timezone.localdate():%Y-%m}-{lang}.pdf"'
    )
    return response


@allow(*READ)
def report(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ("business-case", "management"):
        raise Http404
    return _report(request, kind)


@allow(*OR_READ)
def works_council_report(request: HttpRequest) -> HttpResponse:
    return _report(request, "works-council")


@allow(*OR_READ)
@require_POST
def report_subscription(request: HttpRequest) -> HttpResponse:
    """Switch one's own monthly report e-mail on or off."""
    topic = request.POST.get("topic", "")
    if topic not in mailing.MONTHLY_REPORTS:
        return HttpResponseBadRequest()
    on = request.POST.get("on") == "1"
    mailing.do_subscribe(request.user, topic, on)  # type: ignore[arg-type]
    if on and not request.user.email:  # type: ignore[union-attr]
        messages.warning(request, _("Your account has no e-mail address; ask IT to add one."))
    else:
        messages.success(
            request,
            _("You get this report by e-mail each month.")
            if on
            else _("The monthly e-mail of this report is off."),
        )
    return redirect("adoption:cockpit")


# --- one editor for every cockpit record --------------------------------------------------


@dataclass(frozen=True)
class Editor:
    model: type[models.Model]
    form: type[forms.ModelForm]  # type: ignore[type-arg]
    back: str
    project: bool = False  # the record belongs to the current project


EDITORS = {
    "use-case": Editor(m.UseCase, f.UseCaseForm, "adoption:use_cases"),
    "project": Editor(m.Project, f.ProjectForm, "adoption:cockpit"),
    "phase": Editor(m.Phase, f.PhaseForm, "adoption:roadmap"),
    "trust-item": Editor(m.TrustItem, f.TrustItemForm, "adoption:trust", project=True),
    "stakeholder": Editor(m.Stakeholder, f.StakeholderForm, "adoption:stakeholders"),
    "communication": Editor(m.Communication, f.CommunicationForm, "adoption:stakeholders"),
    "objection": Editor(m.Objection, f.ObjectionForm, "adoption:stakeholders"),
    "resource": Editor(m.ResourceLine, f.ResourceForm, "adoption:roadmap", project=True),
    "budget": Editor(m.BudgetLine, f.BudgetForm, "adoption:roadmap", project=True),
    "benefit": Editor(m.Benefit, f.BenefitForm, "adoption:roi", project=True),
    "kpi": Editor(m.Kpi, f.KpiForm, "adoption:kpis"),
    "offer": Editor(m.TrainingOffer, f.OfferForm, "adoption:literacy"),
    "session": Editor(m.TrainingSession, f.SessionForm, "adoption:literacy"),
    "candidate": Editor(m.ChampionCandidate, f.CandidateForm, "adoption:champions"),
    "champion": Editor(m.Champion, f.ChampionForm, "adoption:champions"),
    "activity": Editor(m.ChampionActivity, f.ActivityForm, "adoption:champions"),
}
NEW_NOT_ALLOWED = {"phase"}  # the six phases are fixed


def _editor(kind: str) -> Editor:
    editor = EDITORS.get(kind)
    if editor is None:
        raise Http404
    return editor


@allow(*EDIT)
def edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    editor = _editor(kind)
    project = services.ensure_defaults()
    if pk is None:
        if kind in NEW_NOT_ALLOWED or kind == "project":
            raise Http404
        instance = editor.model(project=project) if editor.project else editor.model()
    else:
        instance = get_object_or_404(editor.model, pk=pk)
    form = editor.form(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()  # plain CRUD: the form holds the rules (wave size, ranges, file size)
        messages.success(request, _("Saved."))
        return redirect(editor.back)
    return render(
        request,
        "adoption/edit.html",
        {
            "form": form,
            "kind": kind,
            "instance": instance,
            "back": reverse(editor.back),
            "deletable": pk is not None and kind not in NEW_NOT_ALLOWED and kind != "project",
        },
    )


@allow(*EDIT)
@require_POST
def delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    editor = _editor(kind)
    if kind in NEW_NOT_ALLOWED or kind == "project":
        raise Http404
    get_object_or_404(editor.model, pk=pk).delete()
    messages.success(request, _("Deleted."))
    return redirect(editor.back)
