"""Any page whose AI feature is switched off shows what is missing and who can fix it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mensenwerk.governance.services import ApplicationInactive


class ActivationGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationInactive):
            return None
        return render(
            request,
            "governance/inactive.html",
            {"app": exception.application, "slug": exception.slug, "gaps": exception.gaps},
            status=409,
        )
