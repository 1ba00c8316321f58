from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.bias import report as wording
from mensenwerk.bias import services
from mensenwerk.bias.forms import AlertActionForm, ScopeForm
from mensenwerk.bias.models import BiasAlert, BiasAudit
from mensenwerk.core.permissions import allow
from mensenwerk.core.roles import FAIRNESS_VIEWERS, Role
from mensenwerk.core.services import ServiceError
from mensenwerk.core.web import document_language
from mensenwerk.engines import documents as docs
from mensenwerk.recruitment import intake
from mensenwerk.recruitment.forms import GroupQuestionForm
from mensenwerk.recruitment.models import GroupQuestion

# aggregated figures: HR, and those who oversee (works council, DPO, management);
# recruiters and hiring managers decide on the candidates, so they do not get group figures
VIEWERS = FAIRNESS_VIEWERS
LEADING_CONCLUSIONS = 3


def _charts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One chart per attribute: the screening impact ratio of each reportable group, the AI's
    suggestion beside the people's decision, with the four-fifths line — where a gap arises.
    Too-small groups have no bar (their ratio is not reported)."""
    words = report["labels"]
    short = {"ai_screening": _("AI suggestion"), "human_screening": _("Human decision")}
    charts = []
    for index, attribute in enumerate(report["attributes"]):
        axis: list[str] = []
        series = []
        for measure in report["measures"]:
            if measure["key"] not in short or not measure["tables"]:
                continue
            rows = {
                wording.group_label(r["group"], words): r["impact_ratio"]
                for r in measure["tables"][index]["rows"]
                if r["status"] != "too_small"
            }
            if not rows:
                continue
            axis.extend(label for label in rows if label not in axis)
            series.append((short[measure["key"]], rows))
        if not series:
            continue
        datasets: list[dict[str, Any]] = [
            {"label": name, "data": [rows.get(label) for label in axis]} for name, rows in series
        ]
        datasets.append(
            {
                "type": "line",
                "label": _("four-fifths (0.8)"),
                "data": [0.8] * len(axis),
                "colour": "#b00020",
                "pointRadius": 0,
                "borderDash": [6, 4],
            }
        )
        charts.append(
            {
                "id": f"chart-{attribute}",
                "title": wording.attribute_label(attribute, words),
                "spec": {
                    "type": "bar",
                    "labels": axis,
                    "datasets": datasets,
                    "options": {"scales": {"y": {"min": 0, "suggestedMax": 1.2}}},
                },
            }
        )
    return charts


@allow(*VIEWERS)
def fairness(request: HttpRequest) -> HttpResponse:
    form = ScopeForm(request.GET or None)
    scope = form.scope() if form.is_valid() else services.Scope()
    report = services.build_report(scope)
    first, rest = wording.conclusions_split(report)
    # lead with at most three that need action; the others fold, the urgent ones first
    first, rest = first[:LEADING_CONCLUSIONS], first[LEADING_CONCLUSIONS:] + rest
    alerts = list(BiasAlert.objects.select_related("handled_by")[:50])
    for alert in alerts:
        alert.measure_label = wording.MEASURE_LABELS[alert.measure]  # type: ignore[attr-defined]
        alert.group_label = wording.group_label(alert.group)  # type: ignore[attr-defined]
        alert.scope_text = wording.alert_scope(alert)  # type: ignore[attr-defined]
    audits = list(BiasAudit.objects.all()[:20])
    for published in audits:
        published.scope_label = wording.scope_label(published.data["scope"])  # type: ignore[attr-defined]
    return render(
        request,
        "bias/fairness.html",
        {
            "form": form,
            "report": report,
            "scope_label": wording.scope_label(report["scope"]),
            "sections": _sections(report),
            "conclusions": first,
            "more_conclusions": rest,
            "charts": _charts(report),
            "alerts": alerts,
            "alert_form": AlertActionForm(),
            "can_handle": services.can_handle(request.user),  # type: ignore[arg-type]
            "can_publish": request.user.has_role(Role.HR),  # type: ignore[union-attr]
            "audits": audits,
            "query": request.GET.urlencode(),
        },
    )


def _sections(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The measures with display labels, grouped into the AI's side and the people's side."""
    labels = report["labels"]
    out = []
    for measure in report["measures"]:
        tables = [
            {
                "label": wording.attributes_label(t["attributes"], labels),
                "unknown": t["unknown"],
                "reference_rate": t["reference_rate"],
                "rows": [
                    {**r, "label": wording.group_label(r["group"], labels)} for r in t["rows"]
                ],
            }
            for t in measure["tables"]
        ]
        out.append({**measure, "label": wording.MEASURE_LABELS[measure["key"]], "tables": tables})
    overrides = [
        {
            "label": wording.attributes_label(t["attributes"], labels),
            "unknown": t["unknown"],
            "rows": [{**r, "label": wording.group_label(r["group"], labels)} for r in t["rows"]],
        }
        for t in report["overrides"]["tables"]
    ]
    return [
        {"title": _("The AI's suggestions"), "measures": [m for m in out if m["source"] == "ai"]},
        {
            "title": _("The people's decisions"),
            "measures": [m for m in out if m["source"] == "human"],
            "overrides": overrides,
        },
    ]


@allow(Role.HR)
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    form = ScopeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid selection first."))
        return redirect("bias:fairness")
    audit = services.do_publish_audit(form.scope(), request.user)  # type: ignore[arg-type]
    messages.success(request, _("The bias-audit report is published and on the record."))
    return redirect("bias:audit", pk=audit.pk)


@allow(*VIEWERS)
def audit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(BiasAudit, pk=pk)
    lang = document_language(request)
    return render(
        request,
        "bias/audit.html",
        {
            "audit": report,
            "body": docs.to_html(wording.audit_text(report, lang)),
            "lang": lang,
            "pdf": reverse("bias:audit_pdf", args=[report.pk]) + f"?lang={lang}",
        },
    )


@allow(*VIEWERS)
def audit_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(BiasAudit, pk=pk)
    lang = document_language(request)
    title = "Bias audit" if lang == "en" else "Bias-audit"
    pdf = docs.to_pdf(wording.audit_text(report, lang), title, f"Mensenwerk — {title}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="bias-audit-{report.created_at:%Y-%m-%d}-{report.pk}-{lang}.pdf"'
    )
    return response


@allow(*VIEWERS)
@require_POST
def alert_handle(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(BiasAlert, pk=pk)
    form = AlertActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Describe what was done about this alert."))
    else:
        try:
            services.do_handle_alert(alert, request.user, form.cleaned_data["action"])  # type: ignore[arg-type]
            messages.success(request, _("Recorded in the audit trail."))
        except ServiceError as exc:
            messages.error(request, str(exc))
    return redirect(reverse("bias:fairness") + "#alerts")


@allow(Role.HR)
def questions(request: HttpRequest) -> HttpResponse:
    """The organisation's own voluntary self-identification questions (besides gender and age
    group), asked on the application page and reported in aggregate only."""
    form = GroupQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intake.do_add_group_question(data["question_nl"], data["question_en"], data["options"])
        except ServiceError as exc:
            form.add_error("options", str(exc))
        else:
            messages.success(request, _("The question is added to the application page."))
            return redirect("bias:questions")
    lang = "nl" if request.LANGUAGE_CODE == "nl" else "en"
    rows = [
        {"q": q, "text": q.text(lang), "answers": [label for _c, label in q.choices(lang)]}
        for q in GroupQuestion.objects.all()
    ]
    return render(request, "bias/questions.html", {"form": form, "rows": rows})


@allow(Role.HR)
@require_POST
def question_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(GroupQuestion, pk=pk)
    intake.do_set_group_question_active(question, not question.active)
    return redirect("bias:questions")
