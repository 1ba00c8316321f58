"""The REST API root: django-ninja under /api/v1/, OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from mensenwerk import __version__
from mensenwerk.core.api import router as core_router
from mensenwerk.core.permissions import ANY_USER, allow

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
