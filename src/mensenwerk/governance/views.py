from __future__ import annotations

import json
import re
from datetime import date

import yaml
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.core.models import Person
from mensenwerk.core.permissions import ANY_USER, allow
from mensenwerk.core.roles import Role
from mensenwerk.engines import documents as docs
from mensenwerk.governance import labels, services
from mensenwerk.governance import rights as subject_rights
from mensenwerk.governance import trail as audit_trail
from mensenwerk.governance.cards import system_cards
from mensenwerk.governance.documents import KINDS, generate, register_text, subject_report
from mensenwerk.governance.forms import (
    ApplicationForm,
    DeactivateForm,
    DocumentForm,
    DpiaExemptionForm,
    NewApplicationForm,
    OverseerForm,
    RightsRequestForm,
    SubjectForm,
    VendorForm,
)
from mensenwerk.governance.models import (
    AIApplication,
    AuditEntry,
    RightsRequest,
)

DOCUMENT_READERS = (Role.HR, Role.DPO, Role.WORKS_COUNCIL, Role.DIRECTOR)


@allow(ANY_USER)
def register(request: HttpRequest) -> HttpResponse:
    """The register is open to every employee: knowing what AI is used is their right."""
    apps = AIApplication.objects.select_related("owner")
    rows = [
        {"app": app, "gaps": [] if app.active else services.activation_gaps(app)} for app in apps
    ]
    return render(
        request,
        "governance/register.html",
        {"rows": rows, "can_register": request.user.has_role(Role.HR)},
    )


@allow(ANY_USER)
def application(request: HttpRequest, slug: str) -> HttpResponse:
    app = get_object_or_404(AIApplication.objects.select_related("owner"), slug=slug)
    return render(
        request,
        "governance/application.html",
        {
            "app": app,
            "gaps": [] if app.active else services.activation_gaps(app),
            "overseers": app.overseers.select_related("user"),
            "vendor": app.vendor_assessments.all(),
            "can_edit": request.user.has_role(Role.HR),
            "can_assess": request.user.has_role(Role.HR, Role.DPO),
            "is_dpo": request.user.has_role(Role.DPO),
            "overseer_form": OverseerForm(),
            "deactivate_form": DeactivateForm(),
            "documents": KINDS if request.user.has_role(*DOCUMENT_READERS) else (),
        },
    )


@allow(Role.HR)
def application_edit(request: HttpRequest, slug: str) -> HttpResponse:
    app = get_object_or_404(AIApplication, slug=slug)
    form = ApplicationForm(request.POST or None, instance=app)
    if request.method == "POST" and form.is_valid():
        switched_off = services.do_update_application(
            form.save(commit=False), sorted(form.changed_data), request.user
        )
        if switched_off:
            messages.warning(
                request,
                _("The change removed a requirement; the application has been switched off."),
            )
        messages.success(request, _("Register entry saved."))
        return redirect("governance:application", slug=app.slug)
    return render(request, "governance/application_form.html", {"form": form, "app": app})


@allow(Role.HR)
def application_new(request: HttpRequest) -> HttpResponse:
    """Register an external AI system (a vendor's ATS, a chatbot for job ads, …)."""
    form = NewApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        app = services.do_create_application(form.save(commit=False), request.user)
        messages.success(request, _("Register entry saved."))
        return redirect("governance:application", slug=app.slug)
    return render(request, "governance/application_form.html", {"form": form, "app": None})


@allow(Role.HR, Role.DPO)
def vendor_edit(request: HttpRequest, slug: str) -> HttpResponse:
    app = get_object_or_404(AIApplication, slug=slug)
    rows = list(app.vendor_assessments.all())
    form = VendorForm(request.POST or None, rows=rows, hr=request.user.has_role(Role.HR))
    if request.method == "POST" and form.is_valid():
        services.do_save_vendor_assessment(app, form.changes(), request.user)
        messages.success(request, _("Register entry saved."))
        return redirect("governance:application", slug=app.slug)
    return render(request, "governance/application_form.html", {"form": form, "app": app})


@allow(Role.DPO)
def dpia_exemption(request: HttpRequest, slug: str) -> HttpResponse:
    app = get_object_or_404(AIApplication, slug=slug)
    form = DpiaExemptionForm(request.POST or None, initial={"reason": app.dpia_exemption_reason})
    if request.method == "POST" and form.is_valid():
        services.do_record_dpia_exemption(app, form.cleaned_data["reason"], request.user)
        messages.success(request, _("Register entry saved."))
        return redirect("governance:application", slug=app.slug)
    return render(request, "governance/application_form.html", {"form": form, "app": app})


@allow(Role.HR)
@require_POST
def application_activate(request: HttpRequest, slug: str) -> HttpResponse:
    app = get_object_or_404(AIApplication, slug=slug)
    try:
        services.do_activate(app, request.user)
    except services.ApplicationInactive:
        messages.error(request, _("Not activated: complete the requirements listed below."))
    else:
        messages.success(request, _("The application is active."))
    return redirect("governance:application", slug=slug)


@allow(Role.HR)
@require_POST
def application_deactivate(request: HttpRequest, slug: str) -> HttpResponse:
    app = get_object_or_404(AIApplication, slug=slug)
    form = DeactivateForm(request.POST)
    if form.is_valid():
        services.do_deactivate(app, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The application is switched off."))
    else:
        messages.error(request, _("A reason is required to switch an AI application off."))
    return redirect("governance:application", slug=slug)


@allow(Role.HR)
@require_POST
def overseer_add(request: HttpRequest, slug: str) -> HttpResponse:
    app = get_object_or_404(AIApplication, slug=slug)
    form = OverseerForm(request.POST)
    if form.is_valid():
        services.do_assign_overseer(
            app,
            form.cleaned_data["user"],
            form.cleaned_data["briefed_at"],
            form.cleaned_data["briefing_note"],
            request.user,
        )
        messages.success(request, _("Overseer saved."))
    else:
        messages.error(request, _("Choose a user."))
    return redirect("governance:application", slug=slug)


@allow(ANY_USER)
def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        lang = "en" if request.LANGUAGE_CODE == "en" else "nl"
        pdf = docs.to_pdf(register_text(lang), "AI register", "Mensenwerk")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="ai-register.pdf"'
        return response
    cards = system_cards()
    if fmt == "json":
        response: HttpResponse = JsonResponse(
            cards, safe=False, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = HttpResponse(
            yaml.safe_dump(cards, allow_unicode=True, sort_keys=False),
            content_type="application/yaml; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="ai-register.{fmt}"'
    return response


@allow(Role.DPO, Role.HR, Role.WORKS_COUNCIL, Role.DIRECTOR)
def trail(request: HttpRequest) -> HttpResponse:
    """Verification status and figures for all four; the entries themselves only for the DPO."""
    verdict = audit_trail.verify_trail()
    entries = AuditEntry.objects.order_by("-seq")[:200] if request.user.has_role(Role.DPO) else []
    stats = audit_trail.decision_stats()
    rows = [
        {
            "entry": e,
            "what": labels.event(e.content["event"])
            if e.content.get("event")
            else labels.decision(e.content.get("decision", "")),
            "actor": labels.actor(e.actor),
        }
        for e in entries
    ]
    return render(
        request,
        "governance/trail.html",
        {"verdict": verdict, "entries": rows, "stats": stats},
    )


@allow(Role.DPO)
def trail_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """For auditors: optionally filtered by application (slug) and period (?since=YYYY-MM-DD)."""
    try:
        since = date.fromisoformat(request.GET["since"]) if request.GET.get("since") else None
    except ValueError:
        return HttpResponse(_("'since' must be a date as YYYY-MM-DD."), status=400)
    rows = audit_trail.export_trail(since, request.GET.get("application", "")[:50])
    if fmt == "csv":
        body, kind = audit_trail.trail_csv(rows), "text/csv; charset=utf-8"
    else:
        body, kind = json.dumps(rows, ensure_ascii=False, indent=1), "application/json"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="audit-trail.{fmt}"'
    return response


@allow(Role.DPO, Role.HR)
def rights(request: HttpRequest) -> HttpResponse:
    form = RightsRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person, problem = _one_person(data["subject"])
        if person is not None:
            subject = audit_trail.pseudonym_for(person)
        elif PSEUDONYM.match(data["subject"]):  # a person already erased: their pseudonym
            subject = data["subject"].upper()
        else:
            subject = ""
            form.add_error("subject", problem)
        if subject:
            subject_rights.do_log_rights_request(
                data["kind"], subject, data["received_on"], request.user, data["note"]
            )
            messages.success(request, _("Request logged."))
            return redirect("governance:rights")
    today = timezone.localdate()
    query = request.GET.get("find", "").strip()[:200]
    found = subject_rights.find_people(query) if query else []
    return render(
        request,
        "governance/rights.html",
        {
            "form": form,
            "requests": RightsRequest.objects.all(),
            "today": today,
            "subject_form": SubjectForm(initial={"subject": query}),
            "find": query,
            "found": [(p, audit_trail.pseudonym_for(p)) for p in found],
        },
    )


PSEUDONYM = re.compile(r"^S-[0-9A-F]{16}$", re.IGNORECASE)


def _one_person(query: str) -> tuple[Person | None, str]:
    """The one person a query names, or None and why not."""
    people = subject_rights.find_people(query)
    if len(people) == 1:
        return people[0], ""
    if not people:
        return None, _("Nobody matches; try the e-mail address or the pseudonym.")
    return None, _("%(n)s people match; use the e-mail address, employee number or pseudonym.") % {
        "n": len(people)
    }


@allow(Role.DPO, Role.HR)
@require_POST
def rights_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(RightsRequest, pk=pk)
    subject_rights.do_close_rights_request(item, request.user)
    return redirect("governance:rights")


def _subject(request: HttpRequest) -> tuple[Person | None, str, str]:
    """(person, report language, why not found) from the subject form."""
    form = SubjectForm(request.POST)
    if not form.is_valid():
        return None, "nl", _("Say who the request is about.")
    person, problem = _one_person(form.cleaned_data["subject"])
    return person, form.cleaned_data["language"], problem


@allow(Role.DPO, Role.HR)
@require_POST
def subject_export(request: HttpRequest, fmt: str) -> HttpResponse:
    person, lang, problem = _subject(request)
    if person is None:
        messages.error(request, problem)
        return redirect("governance:rights")
    data = subject_rights.do_export_subject(person, request.user, fmt)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        text = subject_report(data, lang)
        response = HttpResponse(
            docs.to_pdf(text, "Mensenwerk", data["organisation"]), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="access-{data["pseudonym"]}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@allow(Role.DPO, Role.HR)
@require_POST
def subject_erase(request: HttpRequest) -> HttpResponse:
    person, _lang, problem = _subject(request)
    if person is None:
        messages.error(request, problem + " " + _("(Already erased?)"))
        return redirect("governance:rights")
    if request.POST.get("confirm", "").strip().upper() != audit_trail.pseudonym_for(person):
        messages.error(request, _("Type the person's pseudonym to confirm the erasure."))
        return redirect(f"{reverse('governance:rights')}?find={audit_trail.pseudonym_for(person)}")
    result = subject_rights.erase_subject(person, request.user)
    messages.success(
        request, _("Erased. The audit trail keeps only pseudonym %(p)s.") % {"p": result.pseudonym}
    )
    return redirect("governance:rights")


@allow(*DOCUMENT_READERS)
def document(request: HttpRequest, slug: str, kind: str, lang: str) -> HttpResponse:
    app = get_object_or_404(AIApplication, slug=slug)
    if kind not in KINDS or lang not in ("nl", "en"):
        return HttpResponse(status=404)
    editable = request.user.has_role(Role.HR, Role.DPO)
    form = DocumentForm(request.POST or None, initial={"text": generate(kind, app, lang)})
    if request.method == "POST":
        if not editable:
            return HttpResponse(status=403)
        if form.is_valid():
            text = form.cleaned_data["text"]
            pdf = docs.to_pdf(text, f"{app.name} — {kind}", app.name)
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{kind}-{slug}-{lang}.pdf"'
            return response
    text = form.data.get("text") if form.is_bound else form.initial["text"]
    return render(
        request,
        "governance/document.html",
        {
            "app": app,
            "kind": kind,
            "lang": lang,
            "form": form,
            "editable": editable,
            "preview": docs.to_html(text or ""),
        },
    )
