"""Every write to core data goes through here (named ``do_*`` actions, as in Zulip)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mensenwerk.core.models import (
    ApiToken,
    LoginFailure,
    Organisation,
    Person,
    RateBucket,
    RoleAssignment,
    User,
)
from mensenwerk.core.roles import Role

log = logging.getLogger("mensenwerk.core")
TOKEN_PREFIX = "mw_"  # noqa: S105 - a public marker, not a secret


class ServiceError(Exception):
    """A refused action; the message is already translated for the user."""


# --- the trail, without importing it --------------------------------------------------------

# The trust layer appends account events to the audit trail. It registers its recorder here in
# its ready(): governance depends on core, never the reverse. recorder(event, actor, payload).
EVENT_RECORDERS: list[Callable[[str, User | None, dict[str, Any]], None]] = []


def _account_event(event: str, actor: User | None, **payload: Any) -> None:
    for record in EVENT_RECORDERS:
        record(event, actor, payload)


def _user_ref(user: User) -> str:
    return f"user:{user.pk}"


# --- log-in lock-out ---------------------------------------------------------------------


def _login_key(username: str) -> str:
    return username.strip().lower()[:150]


def _address_key(address: str) -> str:
    return f"addr:{address}"[:150]


def client_address(request: Any) -> str:
    """The client's IP address, for the per-address limits. REMOTE_ADDR only: behind a reverse
    proxy, ``mensenwerk serve`` (waitress, ``MENSENWERK_TRUSTED_PROXY``) has already set it from
    that proxy's X-Forwarded-For and drops the header from anyone else, so a client cannot
    claim another address."""
    return (request.META.get("REMOTE_ADDR", "") or "unknown")[:64]


def _locked(key: str, now: datetime) -> bool:
    row = LoginFailure.objects.filter(username=key).first()
    return bool(row and row.locked_until and row.locked_until > now)


def is_locked_out(username: str, address: str | None = None) -> bool:
    now = timezone.now()
    if address and _locked(_address_key(address), now):
        return True
    return _locked(_login_key(username), now)


def _count_failure(key: str, limit: int, now: datetime) -> bool:
    """Count one failure against ``key``; True when this failure starts a lock-out.

    A lock-out ends at the time it was set, whatever is tried meanwhile: failures during it
    are not counted, so one request per period cannot keep a user locked out for ever."""
    window = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    row, _created = LoginFailure.objects.select_for_update().get_or_create(username=key)
    if row.locked_until and row.locked_until > now:
        return False
    if row.locked_until or now - row.last_failure_at > window:
        row.failures, row.locked_until = 0, None  # a past lock-out or old failures: start anew
    row.failures += 1
    row.last_failure_at = now
    started = row.failures >= limit
    if started:
        row.locked_until = now + window
    row.save()
    return started


def do_record_login_failure(username: str, address: str | None = None) -> None:
    key = _login_key(username)
    now = timezone.now()
    with transaction.atomic():
        if _count_failure(key, settings.LOGIN_MAX_FAILURES, now):
            log.warning("log-in locked for a user name after repeated failures")
            user = User.objects.filter(username__iexact=key).first()
            _account_event(
                "account_locked", None, user=_user_ref(user) if user else None, by="user name"
            )
        if address and _count_failure(
            _address_key(address), settings.LOGIN_MAX_FAILURES_PER_ADDRESS, now
        ):
            log.warning("log-in locked for an address after too many failures")
            _account_event("account_locked", None, user=None, by="address")


def do_clear_login_failures(username: str) -> None:
    LoginFailure.objects.filter(username=_login_key(username)).delete()


def do_unlock_user(user: User, actor: User) -> bool:
    """HR or IT lifts a lock-out; returns whether one was in force."""
    with transaction.atomic():
        now = timezone.now()
        was_locked = _locked(_login_key(user.username), now)
        LoginFailure.objects.filter(username=_login_key(user.username)).delete()
        _account_event("account_unlocked", actor, user=_user_ref(user), was_locked=was_locked)
    return was_locked


# --- users, roles and API tokens ------------------------------------------------------------

# Roles that open personal data: only an HR admin grants them (IT manages accounts, not access
# to people's records).
PERSONAL_DATA_ROLES = frozenset(
    {
        Role.HR,
        Role.RECRUITER,
        Role.MANAGER,
        Role.DPO,
        Role.WORKS_COUNCIL,
        Role.DIRECTOR,
    }
)


def keyed_id(purpose: str, user: User) -> str:
    """A stable keyed hash of a user for one purpose (hex): logs that must not hold the
    account (assistant questions, pulse answers) store this; without the secret key nobody can
    tell whose it is, and different purposes cannot be linked to each other."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{purpose}:{user.pk}".encode(), hashlib.sha256
    ).hexdigest()


def do_create_user(
    username: str,
    password: str | None,
    roles: list[str],
    *,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    person: Person | None = None,
    superuser: bool = False,
    is_service: bool = False,
    actor: User | None = None,
    via: str = "",
) -> User:
    """Create an account. ``actor`` None is the command line or the demo (the operator), or
    a first single sign-on (``via="sso"``); through the web the actor is checked like any role
    change."""
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            person=person,
            is_superuser=superuser,
            is_staff=superuser,
            is_service=is_service,
        )
        if password and not is_service:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        _account_event(
            "account_created",
            actor,
            user=_user_ref(user),
            service=is_service,
            linked_person=person is not None,
            **({"via": via} if via else {}),
        )
        do_set_roles(user, roles, actor, via=via)
    return user


def do_set_roles(
    user: User, roles: list[str] | set[str], actor: User | None = None, via: str = ""
) -> None:
    """Grant and remove roles. Nobody grants roles to themselves; a role that opens personal
    data is granted only by an HR admin (removing access is never an escalation). Each change
    is an event in the trail; ``via="sso"`` marks a change that follows a group mapping."""
    wanted = set(roles)
    current = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    added, removed = wanted - current, current - wanted
    if actor is not None:
        if added and actor.pk == user.pk:
            raise ServiceError(_("Nobody can grant roles to themselves."))
        if Role.IT in removed and actor.pk == user.pk:
            raise ServiceError(_("You cannot take the IT admin role from yourself."))
        sensitive = added & PERSONAL_DATA_ROLES
        if sensitive and not actor.has_role(Role.HR):
            names = ", ".join(str(Role(r).label) for r in sorted(sensitive))
            raise ServiceError(
                _("Only an HR admin can grant a role that opens personal data (%(roles)s).")
                % {"roles": names}
            )
    extra = {"via": via} if via else {}
    with transaction.atomic():
        RoleAssignment.objects.filter(user=user, role__in=removed).delete()
        for role in sorted(added):
            RoleAssignment.objects.create(user=user, role=role)
            _account_event("role_granted", actor, user=_user_ref(user), role=role, **extra)
        for role in sorted(removed):
            _account_event("role_removed", actor, user=_user_ref(user), role=role, **extra)
    user.__dict__.pop("role_set", None)


def do_update_user(
    user: User,
    *,
    email: str,
    first_name: str,
    last_name: str,
    is_active: bool,
    roles: list[str],
    person: Person | None,
    actor: User | None = None,
) -> User:
    if (
        actor is not None
        and email != user.email
        and user.role_set & PERSONAL_DATA_ROLES
        and not actor.has_role(Role.HR)
    ):
        # the password link goes to this address: whoever sets it could take the account over
        raise ServiceError(
            _(
                "Only an HR admin can change the e-mail address of an account with access to "
                "personal data."
            )
        )
    with transaction.atomic():
        deactivated = user.is_active and not is_active
        reactivated = not user.is_active and is_active
        user.email, user.first_name, user.last_name = email, first_name, last_name
        user.is_active = is_active
        user.person = person
        user.save()
        if deactivated or reactivated:
            event = "account_deactivated" if deactivated else "account_reactivated"
            _account_event(event, actor, user=_user_ref(user))
        do_set_roles(user, roles, actor)
    return user


def do_send_password_link(user: User, actor: User | None, base_url: str) -> str:
    """Mail the user a one-time link to set their own password (Django's reset tokens): the
    IT admin never sets, and so never knows, a password. Returns the address it went to."""
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    if user.is_service:
        raise ServiceError(_("A service account has no password; it uses API tokens."))
    if not settings.PASSWORD_LOGIN:
        raise ServiceError(
            _("Password log-in is switched off: people sign in with single sign-on.")
        )
    # the user's own address: for an account linked to a personnel record, the one HR keeps
    # there, so the IT admin cannot send someone's link to an address of its own choosing
    address = user.person.email if user.person_id else user.email
    if not address:
        raise ServiceError(_("This account has no e-mail address to send the link to."))
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = base_url.rstrip("/") + reverse(
        "password_reset_confirm", args=[uid, default_token_generator.make_token(user)]
    )
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    with transaction.atomic():
        _account_event("password_link_sent", actor, user=_user_ref(user))
        send_mail(
            "Mensenwerk: kies je wachtwoord / choose your password",
            f"Via deze link kies je een (nieuw) wachtwoord voor {user.username}; hij werkt "
            f"{hours} uur en één keer:\n{link}\n\n"
            f"Use this link to choose a (new) password for {user.username}; it works for "
            f"{hours} hours and once:\n{link}\n",
            None,
            [address],
        )
    return address


def record_password_set(user: User) -> None:
    """The user chose a password through their link."""
    do_clear_login_failures(user.username)
    _account_event("password_reset", user, user=_user_ref(user))


def _hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def do_create_api_token(user: User, name: str, created_by: User | None) -> tuple[ApiToken, str]:
    """Return the token and its secret; the secret is not stored and cannot be shown again.

    A token acts for the user who created it; an IT admin may also create one for a service
    account (an integration with only the roles HR granted it). ``created_by`` None is the
    command line."""
    for_other = created_by is not None and created_by.pk != user.pk
    if for_other and not (user.is_service and created_by.has_role(Role.IT)):  # type: ignore[union-attr]
        raise ServiceError(
            _("A token acts for the person who creates it, or for a service account.")
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            key_hash=_hash_token(secret),
            created_by=created_by,
        )
        _account_event("token_created", created_by, user=_user_ref(user), token=token.pk)
    log.info("API token %s created for user %s", token.pk, user.pk)
    return token, secret


def do_revoke_api_token(token: ApiToken, actor: User | None = None) -> None:
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            _account_event("token_revoked", actor, user=_user_ref(token.user), token=token.pk)


def authenticate_token(secret: str) -> User | None:
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # write at most once a minute: the API must not turn every read into a write
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- limits on public pages ------------------------------------------------------------------


def _bucket(scope: str, client: str, window: timedelta) -> tuple[str, datetime]:
    seconds = int(window.total_seconds())
    now = int(timezone.now().timestamp())
    start = datetime.fromtimestamp(now // seconds * seconds, tz=UTC)
    key = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}:{client}".encode(), hashlib.sha256
    ).hexdigest()
    return key, start


def limit_reached(scope: str, client: str, limit: int, window: timedelta) -> bool:
    """Has ``client`` used up ``limit`` in ``scope`` in the current fixed window?"""
    key, start = _bucket(scope, client, window)
    row = RateBucket.objects.filter(scope=scope, key=key, window_start=start).first()
    return row is not None and row.count >= limit


def count_hit(scope: str, client: str, window: timedelta) -> None:
    """Count one accepted request. The client is stored as a keyed hash, never as given;
    windows that ended are deleted on the way."""
    key, start = _bucket(scope, client, window)
    with transaction.atomic():
        RateBucket.objects.filter(scope=scope, window_start__lt=start).delete()
        bucket, _created = RateBucket.objects.select_for_update().get_or_create(
            scope=scope, key=key, window_start=start
        )
        bucket.count += 1
        bucket.save(update_fields=["count"])


# --- organisation ---------------------------------------------------------------------------


def do_update_organisation(org: Organisation, **fields: object) -> Organisation:
    for name, value in fields.items():
        setattr(org, name, value)
    org.full_clean()
    org.save()
    return org
