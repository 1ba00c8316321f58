"""Single sign-on with OpenID Connect: Microsoft Entra ID, Google Workspace, Keycloak, …

mozilla-django-oidc runs the authorisation-code flow (with PKCE and a nonce); this module
configures it from ``MENSENWERK_OIDC_*`` (see docs/operations.md), finds the provider's
endpoints through its discovery document, and decides who gets in:

- an account whose e-mail address matches the provider's address (not one the provider marks
  unverified); an inactive account stays out;
- with ``MENSENWERK_OIDC_CREATE_USERS``, a new account for an address in one of
  ``MENSENWERK_OIDC_DOMAINS``, with the employee role only;
- roles come from the provider only for the groups HR mapped in
  ``MENSENWERK_OIDC_GROUP_ROLES``; every other role stays as HR set it.

The ID token's signature, issuer, audience and nonce are checked; the userinfo must belong to
the same subject. Every account created and every role changed is on the audit trail.
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from mensenwerk.core import services
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role

log = logging.getLogger("mensenwerk.sso")

# the provider's endpoints, per issuer, looked up once per process
_DISCOVERY: dict[str, dict[str, Any]] = {}
_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class ProviderError(Exception):
    """The identity provider could not be reached or answered something unusable."""


def config() -> dict[str, Any] | None:
    return settings.MENSENWERK_SSO


def discovery(sso: dict[str, Any]) -> dict[str, Any]:
    issuer = sso["issuer"]
    if issuer not in _DISCOVERY:
        try:
            response = requests.get(
                f"{issuer}/.well-known/openid-configuration", timeout=sso["timeout"]
            )
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderError(f"discovery failed: {exc}") from exc
        # the document must speak for the issuer we trust (OpenID Connect Discovery 4.3)
        if str(document.get("issuer", "")).rstrip("/") != issuer:
            raise ProviderError(f"discovery names issuer {document.get('issuer')!r}")
        if any(not document.get(key) for key in _ENDPOINTS.values()):
            raise ProviderError("discovery lacks an endpoint")
        _DISCOVERY[issuer] = document
    return _DISCOVERY[issuer]


def setting(attr: str, *default: Any) -> Any:
    """What mozilla-django-oidc asks for, answered from MENSENWERK_OIDC_* and discovery."""
    sso = config()
    if sso is None:
        raise ImproperlyConfigured("single sign-on is not set up (MENSENWERK_OIDC_ISSUER)")
    if attr in _ENDPOINTS:
        return discovery(sso)[_ENDPOINTS[attr]]
    ours = {
        "OIDC_RP_CLIENT_ID": sso["client_id"],
        "OIDC_RP_CLIENT_SECRET": sso["client_secret"],
        "OIDC_RP_SCOPES": sso["scopes"],
        "OIDC_RP_SIGN_ALGO": sso["sign_algo"],
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_TIMEOUT": sso["timeout"],
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso_callback",
        "LOGIN_REDIRECT_URL": "core:start",
    }
    if attr in ours:
        return ours[attr]
    return import_from_settings(attr, *default)


# --- who gets in ------------------------------------------------------------------------


def _refuse(request: HttpRequest, code: str) -> NoReturn:
    request.sso_refusal = code  # type: ignore[attr-defined]
    raise SuspiciousOperation(f"single sign-on refused: {code}")


def _verified_email(request: HttpRequest, claims: dict[str, Any]) -> str:
    email = str(claims.get("email") or "").strip()
    if not email or "@" not in email:
        _refuse(request, "no_email")
    # Entra ID sends no email_verified; a provider that says "not verified" is believed
    if str(claims.get("email_verified", True)).lower() in {"false", "0"}:
        _refuse(request, "unverified")
    return email


def _provider_roles(sso: dict[str, Any], claims: dict[str, Any]) -> set[str]:
    groups = claims.get(sso["groups_claim"]) or []
    if isinstance(groups, str):
        groups = [groups]
    names = {str(group) for group in groups}
    return {role for role, mapped in sso["group_roles"].items() if names & set(mapped)}


def _free_username(email: str) -> str:
    base = email.lower()[:140]
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


def do_create_signed_in_user(sso: dict[str, Any], email: str, claims: dict[str, Any]) -> User:
    """A first sign-in: an account with the employee role, plus the roles of mapped groups."""
    first, last = claims.get("given_name") or "", claims.get("family_name") or ""
    if not first and not last and claims.get("name"):
        first, _sep, last = str(claims["name"]).partition(" ")
    with transaction.atomic():
        return services.do_create_user(
            _free_username(email),
            None,
            sorted({Role.EMPLOYEE.value} | _provider_roles(sso, claims)),
            email=email,
            first_name=str(first)[:150],
            last_name=str(last)[:150],
            via="sso",
        )


def do_sync_provider_roles(sso: dict[str, Any], user: User, claims: dict[str, Any]) -> None:
    """Only the mapped roles follow the provider's groups; the rest stay as HR set them."""
    mapped = set(sso["group_roles"])
    if not mapped:
        return
    wanted = (set(user.role_set) - mapped) | _provider_roles(sso, claims)
    if wanted != set(user.role_set):
        services.do_set_roles(user, wanted, None, via="sso")


class SignInBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, configured per sign-in and stricter about tokens."""

    get_settings = staticmethod(setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # the settings are read when someone signs in, not when Django loads the backends
        # (a password log-in also passes through here, with SSO set up or not)
        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if config() is None or request is None or "code" not in request.GET:
            return None
        try:
            for attr in ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT"):
                setattr(self, attr, setting(attr))
            self.OIDC_OP_JWKS_ENDPOINT = setting("OIDC_OP_JWKS_ENDPOINT")
            self.OIDC_RP_CLIENT_ID = setting("OIDC_RP_CLIENT_ID")
            self.OIDC_RP_CLIENT_SECRET = setting("OIDC_RP_CLIENT_SECRET")
            self.OIDC_RP_SIGN_ALGO = setting("OIDC_RP_SIGN_ALGO")
            self.OIDC_RP_IDP_SIGN_KEY = None
            return super().authenticate(request, **kwargs)
        except (ProviderError, requests.RequestException, ValueError) as exc:
            log.warning("single sign-on: provider error: %s", exc)
            request.sso_refusal = "provider"  # type: ignore[attr-defined]
        except (SuspiciousOperation, jwt.PyJWTError) as exc:
            log.warning("single sign-on refused: %s", exc)
            if not hasattr(request, "sso_refusal"):
                request.sso_refusal = "token"  # type: ignore[attr-defined]
        return None

    def get_payload_data(self, token: bytes | str, key: Any) -> dict[str, Any]:
        """The signature with the configured algorithm only, and the issuer and audience too
        (the library leaves the audience unchecked)."""
        sso = config() or {}
        return jwt.decode(
            token,
            key,
            algorithms=[sso["sign_algo"]],
            audience=sso["client_id"],
            issuer=sso["issuer"],
            leeway=60,
        )

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = super().get_userinfo(access_token, id_token, payload)
        if not isinstance(claims, dict) or claims.get("sub") != payload.get("sub"):
            _refuse(self.request, "token")  # OpenID Connect Core 5.3.2
        return claims

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        sso = config() or {}
        claims = self.get_userinfo(access_token, id_token, payload)
        email = _verified_email(self.request, claims)
        users = list(
            self.UserModel.objects.filter(email__iexact=email, is_service=False).order_by("pk")[:2]
        )
        if len(users) > 1:
            _refuse(self.request, "ambiguous")
        if users:
            user = users[0]
        elif not sso["create_users"]:
            _refuse(self.request, "no_account")
        elif email.rsplit("@", 1)[1].lower() not in sso["domains"]:
            _refuse(self.request, "domain")
        else:
            return do_create_signed_in_user(sso, email, claims)
        if user.is_active:
            do_sync_provider_roles(sso, user, claims)
        return user


# --- the two pages the provider sends people between --------------------------------------


def refusal_message(code: str) -> str:
    name = (config() or {}).get("name", "SSO")
    texts = {
        "no_account": _(
            "You signed in with %(name)s, but there is no Mensenwerk account with that e-mail "
            "address. Ask HR or IT to add you."
        ),
        "domain": _(
            "You signed in with %(name)s, but accounts are only made for the organisation's "
            "own e-mail addresses."
        ),
        "inactive": _("Your Mensenwerk account is switched off. Ask HR or IT."),
        "ambiguous": _(
            "More than one account has this e-mail address; ask IT to correct that first."
        ),
        "no_email": _("%(name)s did not tell us your e-mail address, so we cannot find you."),
        "unverified": _("%(name)s says your e-mail address is not verified."),
        "provider": _("%(name)s cannot be reached just now. Try again in a moment."),
        "cancelled": _("Signing in with %(name)s was cancelled."),
    }
    text = texts.get(code, _("Signing in with %(name)s did not succeed. Try again."))
    return text % {"name": name}


class StartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with state, nonce and a PKCE challenge."""

    get_settings = staticmethod(setting)

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # endpoints come from discovery, per request

    def get(self, request: HttpRequest) -> HttpResponse:
        sso = config()
        if sso is None:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderError as exc:
            log.warning("single sign-on: %s", exc)
            messages.error(request, refusal_message("provider"))
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = sso["client_id"]
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back; a refusal says why on the log-in page."""

    get_settings = staticmethod(setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if config() is None:
            raise Http404
        return super().get(request)

    def login_failure(self) -> HttpResponse:
        request = self.request
        user = getattr(self, "user", None)
        if request.GET.get("error"):
            code = "cancelled"
        elif user is not None and not user.is_active:
            code = "inactive"
        else:
            code = getattr(request, "sso_refusal", "failed")
        messages.error(request, refusal_message(code))
        return redirect("login")
