"""Security headers: Content-Security-Policy without inline scripts (Django 5.2 has no
built-in CSP), no caching of personal data, and the request-size and language middleware."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Swagger UI (django-ninja's vendored copy) sets inline styles; scripts stay 'self' only.
DOCS_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path.startswith("/api/v1/docs")
            response["Content-Security-Policy"] = DOCS_POLICY if docs else POLICY
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RequestSizeLimitMiddleware:
    """Refuse an oversized request from its Content-Length, before Django spools the body.

    The form still checks the file itself; this stops 50 MB of junk from ever being read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        # one megabyte of room for the other form fields and the multipart framing
        if length > settings.MAX_UPLOAD_BYTES + 1024 * 1024:
            limit = settings.MAX_UPLOAD_BYTES // 2**20
            return HttpResponse(
                f"Het bestand is te groot (maximaal {limit} MB). / "
                f"The file is too large (at most {limit} MB).",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class OrganisationLanguageMiddleware:
    """With no language cookie and no Accept-Language header, speak the organisation's
    language (Organisation.language) instead of the installation default."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and not request.META.get(
            "HTTP_ACCEPT_LANGUAGE"
        ):
            from mensenwerk.core.models import Organisation

            language = Organisation.objects.values_list("language", flat=True).first()
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for a logged-in user, the API and the public application pages hold personal
    data: no browser or proxy may keep a copy (``Cache-Control: no-store``). Static files
    (served before this by WhiteNoise) and responses that set their own policy keep theirs."""

    PUBLIC_WITH_PERSONAL_DATA = ("/apply/", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" in response:
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(
            self.PUBLIC_WITH_PERSONAL_DATA
        ):
            response["Cache-Control"] = "no-store"
        return response
