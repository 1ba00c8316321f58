"""The assistant on the public vacancy pages: candidates ask without an account, get an answer
from the documents HR marked public (with citations they can open), or send the question to
the recruiters with their e-mail address. Rate-limited per address like the application form."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mensenwerk.assistant import candidates, services
from mensenwerk.assistant.forms import AskForm, CandidateEscalateForm
from mensenwerk.assistant.models import KnowledgeDocument, Passage, Question
from mensenwerk.core import services as core_services
from mensenwerk.core.permissions import PUBLIC, allow
from mensenwerk.core.services import ServiceError
from mensenwerk.governance.models import AIApplication
from mensenwerk.governance.services import ApplicationInactive

HOUR = timedelta(hours=1)
SCOPE = "ask-address"
SESSION = "candidate_asker"


def _asker(request: HttpRequest) -> str:
    if SESSION not in request.session:
        request.session[SESSION] = candidates.candidate_asker()
    return request.session[SESSION]


def _back(request: HttpRequest) -> str:
    """Where the candidate came from (a vacancy page of this site), else nothing."""
    target = request.GET.get("next") or request.POST.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe and target.startswith("/") else ""


def _source(request: HttpRequest) -> str:
    """The vacancy the candidate asks from ("vacancy:12"), so its own text is searched too."""
    raw = request.GET.get("vacancy") or request.POST.get("vacancy") or ""
    return f"vacancy:{int(raw)}" if raw.isdigit() and len(raw) < 10 else ""


def _limited(request: HttpRequest) -> bool:
    limit = getattr(settings, "PUBLIC_ASK_PER_ADDRESS_PER_HOUR", 30)
    return core_services.limit_reached(SCOPE, core_services.client_address(request), limit, HOUR)


@allow(PUBLIC)
def public_ask(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None)
    context = " ".join((request.GET.get("context") or request.POST.get("context") or "").split())
    app = AIApplication.objects.filter(slug=services.APPLICATION).first()
    inactive = app is None or not app.active
    status = 200
    if request.method == "POST" and form.is_valid() and not inactive:
        if _limited(request):
            form.add_error(None, _("Too many questions from your address. Try again in an hour."))
            status = 429
        else:
            try:
                candidates.ask_public(
                    form.cleaned_data["question"], _asker(request), _source(request)
                )
            except ServiceError as exc:
                form.add_error("question", str(exc))
            except ApplicationInactive:
                inactive = True
            else:
                core_services.count_hit(SCOPE, core_services.client_address(request), HOUR)
                return redirect(request.get_full_path())
    asked = (
        Question.objects.filter(asker=request.session[SESSION]).select_related("escalation")[:10]
        if SESSION in request.session
        else []
    )
    notice = (
        (app.notice_nl if get_language() == "nl" else app.notice_en or app.notice_nl) if app else ""
    )
    page = {
        "form": form,
        "questions": asked,
        "context": context[:200],
        "back": _back(request),
        "vacancy": _source(request).removeprefix("vacancy:"),
        "inactive": inactive,
        "notice": notice,
        "escalate_form": CandidateEscalateForm(),
    }
    return render(request, "assistant/public.html", page, status=status)


@allow(PUBLIC)
def public_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST" or SESSION not in request.session:
        return redirect("assistant:public")
    question = get_object_or_404(Question, pk=pk, asker=request.session[SESSION])
    form = CandidateEscalateForm(request.POST)
    if form.is_valid():
        try:
            candidates.do_escalate_public(
                question, form.cleaned_data["email"], form.cleaned_data["consent"],
                request.POST.get("context", ""),
            )  # fmt: skip
            messages.success(
                request, _("Your question is with our recruiters; they reply by e-mail.")
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Give your e-mail address and agree that we use it to reply."))
    query = urlencode(
        {
            "context": request.POST.get("context", "")[:200],
            "next": _back(request),
            "vacancy": _source(request).removeprefix("vacancy:"),
        }
    )
    return redirect(f"{reverse('assistant:public')}?{query}")


@allow(PUBLIC)
def public_passage(request: HttpRequest, pk: int) -> HttpResponse:
    """A cited passage of a public document, readable without an account."""
    found = get_object_or_404(
        Passage.objects.select_related("version__document").filter(
            version__document__audience=KnowledgeDocument.Audience.PUBLIC
        ),
        pk=pk,
    )
    page = {**services.passage_page(found), "public": True}
    return render(request, "assistant/passage.html", page)
