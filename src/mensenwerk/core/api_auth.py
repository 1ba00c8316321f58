"""API authentication: personal tokens (Bearer) or the browser session, with the page rules."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from mensenwerk.core import services
from mensenwerk.core.permissions import AccessRule, rule_for


class TokenAuth(HttpBearer):
    def __init__(self, rule: AccessRule) -> None:
        super().__init__()
        self.rule = rule

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.authenticate_token(token)
        if user is None:
            return None
        request.user = user
        if not self.rule.permits(user):
            raise HttpError(403, "Your role does not give access to this resource.")
        return user


class RoleSessionAuth(SessionAuth):
    def __init__(self, rule: AccessRule) -> None:
        super().__init__()
        self.rule = rule

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and not self.rule.permits(user):
            raise HttpError(403, "Your role does not give access to this resource.")
        return user


def roles(*who: str) -> list[Any]:
    """The ``auth=`` value for an endpoint: who may call it, checked on the server."""
    rule = rule_for(*who)
    return [TokenAuth(rule), RoleSessionAuth(rule)]
