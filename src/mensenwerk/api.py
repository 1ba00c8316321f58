"""The REST API root: django-ninja under /api/v1/, OpenAPI schema at /api/v1/openapi.json."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from mensenwerk import __version__
from mensenwerk.analytics.api import router as analytics_router
from mensenwerk.assistant.api import router as assistant_router
from mensenwerk.bias.api import router as bias_router
from mensenwerk.core.api import router as core_router
from mensenwerk.core.permissions import ANY_USER, allow
from mensenwerk.governance.api import router as register_router
from mensenwerk.governance.services import ApplicationInactive
from mensenwerk.onboarding.api import router as onboarding_router
from mensenwerk.recruitment.api import router as recruitment_router
from mensenwerk.skills.api import router as skills_router

api = NinjaAPI(
    title="Mensenwerk API",
    version="1.0.0",
    description="Same permission rules as the pages. Authenticate with `Authorization: "
    "Bearer <token>` (tokens are created by the IT admin) or a browser session.",
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=allow(ANY_USER),
    openapi_extra={"info": {"x-mensenwerk-version": __version__}},
)
api.add_router("/", core_router)
api.add_router("/", register_router)
api.add_router("/", recruitment_router)
api.add_router("/", bias_router)
api.add_router("/", assistant_router)
api.add_router("/", onboarding_router)
api.add_router("/", skills_router)
api.add_router("/", analytics_router)


@api.exception_handler(ApplicationInactive)
def application_inactive(request: HttpRequest, exc: ApplicationInactive) -> HttpResponse:
    """Every use-case endpoint answers the same way when its AI feature is switched off."""
    return api.create_response(
        request,
        {
            "error": "application_inactive",
            "application": exc.slug,
            "detail": str(exc),
            "missing": [
                {"code": g.code, "message": str(g.message), "fixer": str(g.fixer)} for g in exc.gaps
            ],
        },
        status=409,
    )
