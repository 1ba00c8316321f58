from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.core.models import Person
from mensenwerk.core.permissions import allow
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.drafting import requests, services
from mensenwerk.drafting.forms import FORMS, CommentForm, EditForm, InputForm
from mensenwerk.drafting.models import Document, InputRequest
from mensenwerk.governance.errors import ApplicationInactive


@allow(Role.HR)
def new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    if kind not in FORMS:
        raise Http404
    given = requests.latest_answer(person)
    initial = {"tasks": given.tasks, "achievements": given.achievements} if given else {}
    if request.GET.get("role"):  # from the hired application: the vacancy's title
        initial["role"] = request.GET["role"][:200]
    form = FORMS[kind](request.POST or None, initial=initial)  # type: ignore[index]
    if request.method == "POST" and form.is_valid():
        signatory = request.user.get_full_name() or request.user.username  # type: ignore[union-attr]
        try:
            document = services.do_draft(
                person,
                kind,
                form.facts(signatory),
                form.cleaned_data["language"],
                request.user,  # type: ignore[arg-type]
            )
        except ApplicationInactive:
            messages.error(request, _("Drafting is switched off in the AI register."))
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("drafting:document", pk=document.pk)
    return render(
        request,
        "drafting/new.html",
        {
            "form": form,
            "person": person,
            "kind": Document.Kind(kind),
            "record": services.record_facts(person),
        },
    )


def _readable(request: HttpRequest, pk: int) -> Document:
    document = get_object_or_404(Document.objects.select_related("person"), pk=pk)
    if not services.may_read(request.user, document):  # type: ignore[arg-type]
        raise Http404  # do not confirm that someone else's document exists
    return document


@allow(Role.HR, Role.EMPLOYEE)
def document(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _readable(request, pk)
    hr = request.user.has_role(Role.HR)  # type: ignore[union-attr]
    edit = EditForm(initial={"text": doc.text}) if hr else None
    comment = None
    if request.user.person_id == doc.person_id and doc.status == Document.Status.DRAFT:  # type: ignore[union-attr]
        comment = CommentForm(initial={"comment": doc.employee_comment})
    if request.method == "POST":
        try:
            if hr and "text" in request.POST:
                edit = EditForm(request.POST)
                if edit.is_valid():
                    services.do_edit(doc, edit.cleaned_data["text"], request.user)  # type: ignore[arg-type]
                    messages.success(request, _("Saved."))
                    return redirect("drafting:document", pk=doc.pk)
            elif comment is not None and "comment" in request.POST:
                comment = CommentForm(request.POST)
                if comment.is_valid():
                    services.do_comment(doc, request.user, comment.cleaned_data["comment"])  # type: ignore[arg-type]
                    messages.success(request, _("Your comment is with HR."))
                    return redirect("drafting:document", pk=doc.pk)
            else:
                raise PermissionDenied
        except ServiceError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "drafting/document.html",
        {
            "doc": doc,
            "hr": hr,
            "edit": edit,
            "comment": comment,
            "warnings": [services.warning_text(w) for w in doc.warnings],
        },
    )


@allow(Role.HR)
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _readable(request, pk)
    try:
        services.do_approve(doc, request.user)  # type: ignore[arg-type]
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Approved: the document can now be downloaded and signed."))
    return redirect("drafting:document", pk=doc.pk)


@allow(Role.HR, Role.EMPLOYEE)
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    doc = _readable(request, pk)
    if doc.status != Document.Status.APPROVED:
        messages.error(request, _("Only an approved document can be downloaded."))
        return redirect("drafting:document", pk=doc.pk)
    if fmt == "pdf":
        body, kind = services.pdf(doc), "application/pdf"
    elif fmt == "docx":
        body = services.docx(doc)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{services.file_name(doc, fmt)}"'
    return response


@allow(Role.HR)
@require_POST
def ask_manager(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    try:
        asked = requests.do_ask_manager(person, request.user)  # type: ignore[arg-type]
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        name = asked.manager.get_full_name() or asked.manager.username
        messages.success(
            request, _("%(name)s is asked for the tasks and achievements.") % {"name": name}
        )
    return redirect("core:person", pk=person.pk)


@allow(Role.MANAGER)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    asked = get_object_or_404(
        InputRequest.objects.select_related("person"), pk=pk, manager=request.user
    )  # another manager's request: 404, not a hint that it exists
    form = InputForm(
        request.POST or None, initial={"tasks": asked.tasks, "achievements": asked.achievements}
    )
    if request.method == "POST" and form.is_valid():
        try:
            requests.do_answer(
                asked, request.user, form.cleaned_data["tasks"], form.cleaned_data["achievements"]
            )  # type: ignore[arg-type]
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you: HR drafts the reference with your input."))
            return redirect("core:start")
    return render(request, "drafting/answer.html", {"asked": asked, "form": form})
