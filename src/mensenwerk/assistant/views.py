from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.assistant import search, services
from mensenwerk.assistant.forms import (
    AskForm,
    DocumentForm,
    EscalateForm,
    RateForm,
    ReplyForm,
    UploadForm,
    VersionForm,
)
from mensenwerk.assistant.models import Escalation, KnowledgeDocument, Passage, Question
from mensenwerk.core.models import Job
from mensenwerk.core.permissions import ANY_USER, allow
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.governance.models import AIApplication
from mensenwerk.governance.services import ApplicationInactive
from mensenwerk.recruitment.intake import hidden_text_findings

# What a new colleague asks in the first weeks; each one is a button on the welcome page.
STARTER_QUESTIONS = {
    "nl": [
        "Wat moet ik meenemen op mijn eerste werkdag?",
        "Wie is mijn buddy en wat doet die?",
        "Hoe lang duurt de proeftijd?",
        "Hoe meld ik me ziek?",
        "Waar vind ik mijn loonstrook?",
        "Hoeveel vakantiedagen krijg ik?",
        "Mag ik thuiswerken?",
        "Hoe declareer ik onkosten?",
    ],
    "en": [
        "What should I bring on my first day?",
        "Who is my buddy?",
        "How long is the probation period?",
        "How do I report sick?",
        "Where do I find my payslip?",
        "How many holiday days do I get?",
        "Can I work from home?",
        "How do I claim expenses?",
    ],
}
KIND_TEXT = {
    "not_found": gettext_lazy(
        "That is not in the documents I know. You can send your question to HR."
    ),
    "personal": gettext_lazy(
        "This is about your own data, which only HR or the employee portal knows. "
        "Ask HR below, or look it up in the employee portal."
    ),
}


def _notice() -> str:
    app = AIApplication.objects.filter(slug=services.APPLICATION).first()
    if app is None:
        return ""
    return app.notice_nl if get_language() == "nl" else (app.notice_en or app.notice_nl)


def _ask_page(request: HttpRequest, template: str, via: str, extra: dict) -> HttpResponse:
    form = AskForm(request.POST or None)
    inactive = None
    if request.method == "POST" and form.is_valid():
        try:
            question = services.ask(request.user, form.cleaned_data["question"], via)
            return redirect(f"{reverse('assistant:chat')}#q-{question.pk}")
        except ServiceError as exc:
            form.add_error("question", str(exc))
        except ApplicationInactive as exc:
            inactive = exc
    if (
        inactive is None
        and not AIApplication.objects.filter(slug=services.APPLICATION, active=True).exists()
    ):
        inactive = True
    questions = services.own_questions(request.user)
    return render(
        request,
        template,
        {
            "form": form,
            "inactive": inactive,
            "notice": _notice(),
            "questions": questions,
            "kind_text": KIND_TEXT,
            "rate_form": RateForm(),
            "escalate_form": EscalateForm(),
            **extra,
        },
        status=409 if inactive and request.method == "POST" else 200,
    )


@allow(ANY_USER)
def chat(request: HttpRequest) -> HttpResponse:
    return _ask_page(request, "assistant/chat.html", Question.Via.CHAT, {})


@allow(ANY_USER)
def welcome(request: HttpRequest) -> HttpResponse:
    language = "nl" if get_language() == "nl" else "en"
    starters = {"starters": STARTER_QUESTIONS[language]}
    return _ask_page(request, "assistant/welcome.html", Question.Via.NEW_HIRE, starters)


def _own(request: HttpRequest, pk: int) -> Question:
    try:
        return services.own_question(request.user, pk)
    except ServiceError:
        raise Http404 from None


@allow(ANY_USER)
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    question = _own(request, pk)
    form = RateForm(request.POST)
    if form.is_valid():
        services.do_rate(question, form.cleaned_data["helpful"], form.cleaned_data["comment"])
        messages.success(request, _("Thank you for your feedback."))
    else:
        messages.error(request, _("Choose helpful or not helpful."))
    return redirect(f"{reverse('assistant:chat')}#q-{question.pk}")


@allow(ANY_USER)
@require_POST
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    question = _own(request, pk)
    form = EscalateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("HR can only answer you if you agree that they see who asked."))
    else:
        try:
            services.do_escalate(question, request.user, True)
            messages.success(request, _("Your question is with HR. Their reply appears here."))
        except ServiceError as exc:
            messages.error(request, str(exc))
    return redirect(f"{reverse('assistant:chat')}#q-{question.pk}")


@allow(ANY_USER)
def passage(request: HttpRequest, pk: int) -> HttpResponse:
    """A cited passage in its document, for anyone allowed to read that document."""
    found = get_object_or_404(
        Passage.objects.select_related("version__document").filter(
            version__document__audience__in=services.audiences(request.user)
        ),
        pk=pk,
    )
    return render(request, "assistant/passage.html", services.passage_page(found))


# --- HR ---------------------------------------------------------------------------------------


@allow(Role.HR)
def documents(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        files = [(f.name, f.read()) for f in data["files"]]
        meta = services.DocumentMeta(
            audience=data["audience"],
            language=data["language"],
            effective_date=data["effective_date"],
            review_date=data["review_date"],
            owner=request.user,
            title=data["title"],
        )
        job = services.do_upload(files, meta, request.user)
        messages.success(request, _("The documents are being indexed."))
        return redirect(f"{reverse('assistant:documents')}?job={job.pk}")
    job = None
    if request.GET.get("job", "").isdigit():
        job = Job.objects.filter(pk=int(request.GET["job"]), kind="kb_index").first()
    docs = KnowledgeDocument.objects.select_related("current", "owner").prefetch_related("versions")
    return render(
        request,
        "assistant/documents.html",
        {"form": form, "documents": docs, "job": job, "search": search.search_status()},
    )


@allow(Role.HR)
def document(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(KnowledgeDocument, pk=pk)
    meta_form = DocumentForm(instance=doc, prefix="meta")
    version_form = VersionForm(prefix="version")
    if request.method == "POST" and "meta-title" in request.POST:
        meta_form = DocumentForm(request.POST, instance=doc, prefix="meta")
        if meta_form.is_valid():
            meta_form.save()
            messages.success(request, _("Saved."))
            return redirect("assistant:document", pk=doc.pk)
    elif request.method == "POST":
        version_form = VersionForm(request.POST, request.FILES, prefix="version")
        if version_form.is_valid():
            upload = version_form.cleaned_data["file"]
            services.do_new_version(
                doc,
                upload.name,
                upload.read(),
                version_form.cleaned_data["effective_date"],
                request.user,
            )
            messages.success(request, _("The new version is being indexed."))
            return redirect("assistant:document", pk=doc.pk)
    versions = doc.versions.select_related("uploaded_by", "job")
    latest = versions.first()
    return render(
        request,
        "assistant/document.html",
        {
            "document": doc,
            "versions": versions,
            "meta_form": meta_form,
            "version_form": version_form,
            "job": latest.job if latest else None,
            "hidden_text": [
                (v, hidden_text_findings(v.hidden_text)) for v in versions if v.hidden_text
            ],
            "passages": doc.current.passages.all()[:200] if doc.current else [],
        },
    )


def _escalations(request: HttpRequest):
    """HR answers every question sent on; a recruiter the candidates' questions."""
    rows = Escalation.objects.select_related("question", "asked_by__person", "replied_by")
    if request.user.has_role(Role.HR):  # type: ignore[union-attr]
        return rows
    return rows.filter(question__via=Question.Via.CANDIDATE)


@allow(Role.HR, Role.RECRUITER)
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "assistant/inbox.html", {"escalations": _escalations(request)})


@allow(Role.HR, Role.RECRUITER)
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = get_object_or_404(_escalations(request), pk=pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # only HR adds to the knowledge base; a recruiter answers the candidate
            to_kb = form.cleaned_data["add_to_kb"] and request.user.has_role(Role.HR)  # type: ignore[union-attr]
            services.do_reply(escalation, request.user, form.cleaned_data["reply"], to_kb)
            messages.success(request, _("Your reply has been sent."))
            return redirect("assistant:inbox")
        except ServiceError as exc:
            form.add_error(None, str(exc))
    return render(request, "assistant/reply.html", {"escalation": escalation, "form": form})


@allow(Role.HR)
def gaps(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assistant/gaps.html",
        {"clusters": services.gaps(), "months": services.monthly_figures()},
    )
