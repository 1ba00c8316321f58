from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from mensenwerk.core import services
from mensenwerk.core.models import EmployeeImport, Organisation, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.core.validators import plain_name, upload_size
from mensenwerk.engines import hris

FIELD_LABELS = {
    "employee_number": _("Employee number"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "email": _("E-mail"),
    "department": _("Department"),
    "job_title": _("Job title"),
    "manager_number": _("Employee number of the manager"),
    "contract_hours": _("Contract hours per week"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
}


# People are picked by their name (user name in brackets, to tell namesakes apart).
class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return _person_label(obj)


class UsersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return _person_label(obj)


def _person_label(user: User) -> str:
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


class LoginForm(AuthenticationForm):
    """Same message for a wrong password, an unknown name and a locked account."""

    # a bounded password: hashing a megabyte with argon2 is work an attacker should not get
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Wrong user name or password, or the account is temporarily locked after "
            "too many attempts."
        ),
        "inactive": _("This account is inactive."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = services.client_address(self.request) if self.request else None
        if username and services.is_locked_out(username, address):
            services.do_record_login_failure(username, address)
            raise self.get_invalid_login_error()
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                services.do_record_login_failure(username, address)
            raise
        services.do_clear_login_failures(username)
        return cleaned


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "address",
            "privacy_email",
            "dpo_contact",
            "country",
            "language",
            "candidate_retention_weeks",
            "candidate_consent_retention_months",
            "former_employee_retention_months",
            "audit_retention_months",
            "bias_min_group",
        ]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Export file (CSV or XLSX)"),
        help_text=_("An employee export from your HR system, with a header row."),
        validators=[upload_size],
    )


class ImportMappingForm(forms.Form):
    """One choice per target field, listing the file's columns."""

    mode = forms.ChoiceField(
        label=_("When rows have errors"),
        choices=EmployeeImport.Mode.choices,
        widget=forms.RadioSelect,
        initial=EmployeeImport.Mode.VALID_ROWS,
    )
    profile_name = forms.CharField(
        label=_("Remember this mapping as"),
        required=False,
        max_length=100,
        help_text=_("For example AFAS, Nmbrs, Personio or Visma. Leave empty to not remember."),
    )

    def __init__(self, *args: Any, record: EmployeeImport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in this file —"))] + [(h, h) for h in record.headers if h]
        for target, (required, _aliases) in hris.FIELDS.items():
            self.fields[f"map_{target}"] = forms.ChoiceField(
                label=FIELD_LABELS[target],
                choices=choices,
                required=required,
                initial=record.mapping.get(target, ""),
            )
        if record.profile:
            self.fields["profile_name"].initial = record.profile.name
        self.order_fields([f"map_{t}" for t in hris.FIELDS] + ["mode", "profile_name"])

    def mapping(self) -> dict[str, str]:
        return {
            target: self.cleaned_data[f"map_{target}"]
            for target in hris.FIELDS
            if self.cleaned_data.get(f"map_{target}")
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        used = [value for key, value in cleaned.items() if key.startswith("map_") and value]
        if len(used) != len(set(used)):
            raise forms.ValidationError(_("Each column can be used for one field only."))
        return cleaned


class UserForm(forms.Form):
    """An account as the IT admin manages it, or the roles as HR grants them.

    No password field: a new user, or one who forgot, gets a one-time link by e-mail. Roles the
    editor may not grant are shown but disabled (the service refuses them anyway)."""

    username = forms.RegexField(
        label=_("User name"),
        regex=r"^[\w.@+-]{2,150}$",
        max_length=150,
        error_messages={"invalid": _("Use 2–150 letters, digits and . @ + - _ only.")},
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=150, required=False, validators=[plain_name]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, required=False, validators=[plain_name]
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("The link to choose a password is sent here."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    employee_number = forms.CharField(
        label=_("Employee number"),
        max_length=40,
        required=False,
        help_text=_("Links the account to the personnel record, so the user sees their own data."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    ACCOUNT_FIELDS = (
        "username",
        "first_name",
        "last_name",
        "email",
        "employee_number",
        "is_active",
    )

    def __init__(
        self, *args: Any, instance: User | None = None, actor: User, **kwargs: Any
    ) -> None:
        self.instance, self.actor = instance, actor
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "username": instance.username,
                    "first_name": instance.first_name,
                    "last_name": instance.last_name,
                    "email": instance.email,
                    "roles": sorted(instance.role_set),
                    "employee_number": instance.person.employee_number if instance.person else "",
                    "is_active": instance.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["username"].disabled = True
        else:
            self.fields["email"].required = True
        if not actor.has_role(Role.IT):  # HR grants roles; IT manages the account itself
            for name in self.ACCOUNT_FIELDS:
                self.fields[name].disabled = name != "email" or instance is None
        elif (
            instance is not None
            and not actor.has_role(Role.HR)
            and instance.role_set & services.PERSONAL_DATA_ROLES
        ):
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "The password link goes to this address: for an account with access to "
                "personal data only an HR admin changes it."
            )
        if instance is not None and instance.pk == actor.pk:
            self.fields["roles"].disabled = True
            self.fields["roles"].help_text = _("Nobody can change their own roles.")
        elif not actor.has_role(Role.HR):
            self.fields["roles"].help_text = _(
                "Roles that open personal data (HR admin, recruiter, hiring manager, works "
                "council, DPO, management) are granted by an HR admin."
            )

    def clean_roles(self) -> list[str]:
        roles = set(self.cleaned_data["roles"])
        before = set(self.instance.role_set) if self.instance else set()
        added = roles - before
        if added and not self.actor.has_role(Role.HR) and added & services.PERSONAL_DATA_ROLES:
            raise forms.ValidationError(
                _("Only an HR admin can grant a role that opens personal data.")
            )
        return sorted(roles)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        taken = User.objects.filter(username__iexact=username)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username

    def clean_employee_number(self) -> Person | None:
        number = self.cleaned_data["employee_number"]
        if isinstance(number, Person) or number is None:  # disabled: the initial value
            number = (
                self.instance.person.employee_number
                if self.instance and self.instance.person
                else ""
            )
        number = number.strip()
        if not number:
            return None
        person = Person.objects.filter(employee_number=number).first()
        if person is None:
            raise forms.ValidationError(_("No employee has this number."))
        linked = User.objects.filter(person=person)
        if self.instance is not None:
            linked = linked.exclude(pk=self.instance.pk)
        if linked.exists():
            raise forms.ValidationError(_("This employee is already linked to another account."))
        if not person.email and (self.instance is None or self.instance.person_id != person.pk):
            # the password link goes to the address on the personnel record
            raise forms.ValidationError(
                _("This personnel record has no e-mail address; HR adds it first.")
            )
        return person


class ServiceAccountForm(forms.Form):
    username = forms.RegexField(
        label=_("Name of the integration"),
        regex=r"^[\w.@+-]{2,150}$",
        max_length=150,
        error_messages={"invalid": _("Use 2–150 letters, digits and . @ + - _ only.")},
        help_text=_("For example 'intranet' or 'payroll-sync'. HR grants its roles."),
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username


class TokenForm(forms.Form):
    """A token for yourself, or (IT admin) for a service account."""

    user = forms.ModelChoiceField(label=_("For"), queryset=User.objects.none(), required=False)
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. 'Intranet'.")
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        if actor.has_role(Role.IT):
            self.fields["user"].queryset = User.objects.filter(is_active=True, is_service=True)
            self.fields["user"].empty_label = _("— myself —")
            self.fields["user"].help_text = _(
                "A token acts for the one who creates it, or for a service account."
            )
        else:
            del self.fields["user"]

    def owner(self) -> User:
        return self.cleaned_data.get("user") or self.actor
