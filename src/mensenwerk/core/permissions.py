"""Server-side access rules. Every view carries one; the role-by-route test fails on a view without.

``@allow(Role.HR, Role.MANAGER)`` lets those roles in; ``@allow(PUBLIC)`` lets anyone in;
``@allow(ANY_USER)`` lets in any logged-in user. Per-object checks (a manager sees only their
own team) live in the querysets the views use, e.g. ``Person.objects.visible_to(user)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from mensenwerk.core.roles import Role

PUBLIC = "public"
ANY_USER = "any_user"


@dataclass(frozen=True)
class AccessRule:
    public: bool
    any_user: bool
    roles: frozenset[str]

    def permits(self, user: Any) -> bool:
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        return self.any_user or user.has_role(*self.roles)


def rule_for(*who: str) -> AccessRule:
    roles = frozenset(w for w in who if w not in (PUBLIC, ANY_USER))
    unknown = roles - set(Role.values)
    if unknown:
        raise ValueError(f"unknown roles in access rule: {sorted(unknown)}")
    if not who:
        raise ValueError("an access rule needs at least one role, PUBLIC or ANY_USER")
    return AccessRule(public=PUBLIC in who, any_user=ANY_USER in who, roles=roles)


def allow(*who: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    rule = rule_for(*who)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not rule.public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule.permits(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        guarded.access_rule = rule  # type: ignore[attr-defined]
        return guarded

    return decorate
