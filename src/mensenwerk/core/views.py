from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from mensenwerk.core import imports, services
from mensenwerk.core.actions import actions_for, may_open
from mensenwerk.core.digest import do_set_weekly_digest
from mensenwerk.core.forms import (
    FIELD_LABELS,
    ImportMappingForm,
    ImportUploadForm,
    LoginForm,
    OrganisationForm,
    ServiceAccountForm,
    TokenForm,
    UserForm,
)
from mensenwerk.core.models import (
    ApiToken,
    Department,
    EmployeeImport,
    Job,
    LoginFailure,
    Organisation,
    Person,
    User,
)
from mensenwerk.core.permissions import ANY_USER, PUBLIC, allow
from mensenwerk.core.roles import ROLE_DESCRIPTIONS, Role
from mensenwerk.core.sections import person_sections
from mensenwerk.core.web import table_error
from mensenwerk.engines.tabular import TableError


class LoginView(auth_views.LoginView):
    """The password form, the single sign-on button, or both (MENSENWERK_PASSWORD_LOGIN)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sso = settings.MENSENWERK_SSO
        return super().get_context_data(
            sso_name=sso["name"] if sso else None,
            password_login=settings.PASSWORD_LOGIN,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.PASSWORD_LOGIN:
            messages.error(request, _("Password log-in is switched off here."))
            return redirect("login")
        return super().post(request, *args, **kwargs)


login = allow(PUBLIC)(LoginView.as_view())
logout = allow(PUBLIC)(auth_views.LogoutView.as_view())
set_language = allow(PUBLIC)(django_set_language)


@allow(PUBLIC)
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the reverse proxy and monitoring: is the app up and the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "error", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


@allow(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    return redirect("core:start" if request.user.is_authenticated else "login")


@allow(ANY_USER)
def start(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = [(Role(role).label, ROLE_DESCRIPTIONS[Role(role)]) for role in sorted(user.role_set)]
    return render(
        request,
        "core/start.html",
        {
            "roles": roles,
            "actions": actions_for(user),
            "assistant": may_open(user, reverse("assistant:chat")),
            "organisation": Organisation.current(),
        },
    )


@allow(ANY_USER)
@require_POST
def digest_toggle(request: HttpRequest) -> HttpResponse:
    """A person switches their own weekly e-mail on or off."""
    on = request.POST.get("on") == "1"
    do_set_weekly_digest(request.user, on)
    messages.success(
        request,
        _("You will get the weekly e-mail.") if on else _("The weekly e-mail is switched off."),
    )
    return redirect("core:start")


@allow(Role.HR, Role.MANAGER)
def people(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    people = Person.objects.employees().visible_to(request.user)
    people = people.select_related("department", "job_role", "manager")
    if query:
        people = people.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(employee_number__icontains=query)
            | Q(department__name__icontains=query)
        )
    return render(
        request, "core/people.html", {"people": people[:500], "q": query, "total": people.count()}
    )


@allow(Role.HR, Role.MANAGER, Role.EMPLOYEE)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    # 404, not 403, for someone outside the user's scope: do not confirm the record exists
    visible = Person.objects.visible_to(request.user).select_related(
        "department", "job_role", "manager"
    )
    obj = get_object_or_404(visible, pk=pk)
    sections = person_sections(request, obj)
    return render(request, "core/person.html", {"person": obj, "sections": sections})


@allow(ANY_USER)
def me(request: HttpRequest) -> HttpResponse:
    if request.user.person_id:
        return redirect("core:person", pk=request.user.person_id)
    messages.info(request, _("Your account is not linked to a personnel record."))
    return redirect("core:start")


@allow(Role.HR, Role.IT, Role.DPO)
def organisation(request: HttpRequest) -> HttpResponse:
    org = Organisation.current()
    can_edit = request.user.has_role(Role.HR)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = OrganisationForm(request.POST, instance=org)
        if form.is_valid():
            services.do_update_organisation(org, **form.cleaned_data)
            messages.success(request, _("Settings saved."))
            return redirect("core:organisation")
    else:
        form = OrganisationForm(instance=org)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    return render(request, "core/organisation.html", {"form": form, "can_edit": can_edit})


@allow(Role.HR, Role.DIRECTOR)
def departments(request: HttpRequest) -> HttpResponse:
    rows = Department.objects.select_related("manager").with_headcount()
    return render(request, "core/departments.html", {"departments": rows})


@allow(Role.HR)
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = imports.do_upload_employee_import(upload.read(), upload.name, request.user)
        except TableError as exc:
            form.add_error("file", table_error(exc))
        else:
            return redirect("core:import_map", pk=record.pk)
    recent = EmployeeImport.objects.select_related("job")[:20]
    return render(request, "core/import_upload.html", {"form": form, "imports": recent})


@allow(Role.HR)
def import_map(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(EmployeeImport, pk=pk)
    if record.status != EmployeeImport.Status.UPLOADED:
        return redirect("core:import_detail", pk=record.pk)
    form = ImportMappingForm(request.POST or None, record=record)
    if request.method == "POST" and form.is_valid():
        imports.do_start_employee_import(
            record,
            form.mapping(),
            form.cleaned_data["mode"],
            form.cleaned_data["profile_name"].strip(),
            request.user,
        )
        return redirect("core:import_detail", pk=record.pk)
    return render(request, "core/import_map.html", {"form": form, "record": record})


ERROR_TEXT = {
    "missing": gettext_lazy("is empty but required"),
    "too_long": gettext_lazy("is too long"),
    "bad_email": gettext_lazy("is not a valid e-mail address"),
    "bad_date": gettext_lazy("is not a date (use YYYY-MM-DD or DD-MM-YYYY)"),
    "bad_hours": gettext_lazy("is not a number of hours between 0 and 60"),
    "end_before_start": gettext_lazy("is before the start date"),
    "duplicate": gettext_lazy("appears more than once in the file"),
    "own_manager": gettext_lazy("is the employee's own number"),
    "unknown_manager": gettext_lazy("is not an employee in the file or in Mensenwerk"),
    "manager_rejected": gettext_lazy("points at a row that has errors itself"),
    "unmapped": gettext_lazy("is required but no column was chosen for it"),
}


@allow(Role.HR)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(EmployeeImport.objects.select_related("job"), pk=pk)
    errors = [
        {
            "row": e["row"],
            "column": FIELD_LABELS.get(e["column"], e["column"])
            if e["code"] == "unmapped"
            else e["column"],
            "value": e["value"],
            "reason": ERROR_TEXT.get(e["code"], e["code"]),
        }
        for e in record.errors
    ]
    rejected_rows = len({e["row"] for e in record.errors if e["code"] != "unmapped"})
    return render(
        request,
        "core/import_detail.html",
        {"record": record, "errors": errors, "rejected_rows": rejected_rows},
    )


@allow(ANY_USER)
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The polling status component (HTMX swaps this fragment every second until done)."""
    jobs = Job.objects.all()
    if not request.user.has_role(Role.HR, Role.IT):
        jobs = jobs.filter(created_by=request.user)
    job = get_object_or_404(jobs, pk=pk)
    response = render(request, "core/_job_status.html", {"job": job})
    if job.finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # reload once so the page shows the job's result
    return response


@allow(Role.IT, Role.HR)
def users(request: HttpRequest) -> HttpResponse:
    rows = User.objects.prefetch_related("role_assignments").order_by("username")
    locked = {row.username for row in LoginFailure.objects.filter(locked_until__gt=timezone.now())}
    context = {"users": rows, "locked": locked, "can_manage": request.user.has_role(Role.IT)}
    return render(request, "core/users.html", context)


@allow(Role.IT, Role.HR)
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(User, pk=pk) if pk is not None else None
    if instance is None and not request.user.has_role(Role.IT):
        raise PermissionDenied  # HR grants roles; creating accounts is the IT admin's
    form = UserForm(request.POST or None, instance=instance, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if instance is None:
                with transaction.atomic():  # no account without its password link
                    user = services.do_create_user(
                        data["username"],
                        None,
                        data["roles"],
                        email=data["email"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        person=data["employee_number"],
                        actor=request.user,
                    )
                    address = services.do_send_password_link(
                        user, request.user, request.build_absolute_uri("/")
                    )
                messages.success(
                    request,
                    _("User created. A link to choose a password was sent to %(email)s.")
                    % {"email": address},
                )
            else:
                services.do_update_user(
                    instance,
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    is_active=data["is_active"],
                    roles=data["roles"],
                    person=data["employee_number"],
                    actor=request.user,
                )
                messages.success(request, _("User saved."))
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("core:users")
    can_send_link = request.user.has_role(Role.IT) and instance is not None
    context = {"form": form, "obj": instance, "can_send_link": can_send_link}
    return render(request, "core/user_form.html", context)


@allow(Role.IT)
@require_POST
def user_send_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    try:
        services.do_send_password_link(user, request.user, request.build_absolute_uri("/"))
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("A link to choose a password was sent to the user."))
    return redirect("core:user_edit", pk=user.pk)


@allow(Role.IT, Role.HR)
@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    services.do_unlock_user(user, request.user)
    messages.success(request, _("The account is unlocked."))
    return redirect("core:users")


@allow(Role.IT)
def service_new(request: HttpRequest) -> HttpResponse:
    form = ServiceAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.do_create_user(
            form.cleaned_data["username"], None, [], is_service=True, actor=request.user
        )
        messages.success(
            request, _("Service account created. An HR admin grants it the roles it needs.")
        )
        return redirect("core:user_edit", pk=user.pk)
    return render(request, "core/service_form.html", {"form": form})


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The one-time link from the e-mail: the user chooses their own password."""

    success_url = reverse_lazy("login")
    template_name = "registration/password_set.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_set(form.user)
        messages.success(self.request, _("Your password is set. You can log in now."))
        return response


password_set = allow(PUBLIC)(PasswordSetView.as_view())


@allow(ANY_USER)
def tokens(request: HttpRequest) -> HttpResponse:
    """Personal API tokens; the IT admin also sees every token and serves service accounts."""
    form = TokenForm(request.POST or None, actor=request.user)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.do_create_api_token(
                form.owner(), form.cleaned_data["name"], request.user
            )
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            form = TokenForm(actor=request.user)
    rows = _visible_tokens(request.user).select_related("user", "created_by")
    response = render(request, "core/tokens.html", {"form": form, "tokens": rows, "secret": secret})
    response["Cache-Control"] = "no-store"  # the secret must not linger in a cache
    return response


def _visible_tokens(user: User) -> QuerySet[ApiToken]:
    if user.has_role(Role.IT):
        return ApiToken.objects.all()
    return ApiToken.objects.filter(user=user)


@allow(ANY_USER)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(_visible_tokens(request.user), pk=pk)
    services.do_revoke_api_token(token, request.user)
    messages.success(request, _("Token revoked."))
    return redirect("core:tokens")
