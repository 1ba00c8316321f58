"""HR's onboarding templates: the tasks, their owners, days and conditions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mensenwerk.core.permissions import allow
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError
from mensenwerk.onboarding import services
from mensenwerk.onboarding.forms import CopyTemplateForm, TemplateTaskForm
from mensenwerk.onboarding.models import Template, TemplateTask


@allow(Role.HR)
def templates(request: HttpRequest) -> HttpResponse:
    services.ensure_default_template()
    form = CopyTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.do_copy_template(form.cleaned_data["source"], form.cleaned_data["name"])
        except ServiceError as exc:
            form.add_error("name", str(exc))
        else:
            return redirect("onboarding:template", pk=copy.pk)
    context = {"templates": Template.objects.all(), "form": form}
    return render(request, "onboarding/templates.html", context)


@allow(Role.HR)
def template(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Template, pk=pk)
    form = TemplateTaskForm(request.POST or None, instance=TemplateTask(template=found))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Task added."))
        return redirect("onboarding:template", pk=found.pk)
    unmatched = services.unmatched_conditions(found)
    rows = [(t, unmatched.get(t.pk)) for t in found.tasks.all()]
    return render(
        request, "onboarding/template.html", {"template": found, "rows": rows, "form": form}
    )


@allow(Role.HR)
def template_task(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(TemplateTask.objects.select_related("template"), pk=pk)
    form = TemplateTaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("onboarding:template", pk=task.template_id)
    return render(request, "onboarding/template_task.html", {"task": task, "form": form})


@allow(Role.HR)
@require_POST
def template_task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(TemplateTask, pk=pk)
    template_id = task.template_id
    task.delete()  # plans already made keep their own copy of the task
    messages.success(request, _("Task removed from the template."))
    return redirect("onboarding:template", pk=template_id)
