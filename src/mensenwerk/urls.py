from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path

from mensenwerk.api import api
from mensenwerk.core import sso
from mensenwerk.core import views as core_views
from mensenwerk.core.permissions import ANY_USER, PUBLIC, allow


@allow(ANY_USER)
def api_root(request: HttpRequest) -> HttpResponse:
    return redirect("api-1.0.0:openapi-view")


# ninja's own api-root view carries no access rule; ours does the same with one
api_patterns, api_app, api_namespace = api.urls
api_patterns = [
    path("", api_root, name="api-root") if getattr(p, "name", None) == "api-root" else p
    for p in api_patterns
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/login/", core_views.login, name="login"),
    path("accounts/logout/", core_views.logout, name="logout"),
    path("accounts/sso/", allow(PUBLIC)(sso.StartView.as_view()), name="sso_start"),
    path("accounts/sso/callback/", allow(PUBLIC)(sso.CallbackView.as_view()), name="sso_callback"),
    path(
        "accounts/set-password/<uidb64>/<token>/",
        core_views.password_set,
        name="password_reset_confirm",
    ),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("api/v1/", include((api_patterns, api_app), namespace=api_namespace)),
    path("", include("mensenwerk.core.urls")),
    path("", include("mensenwerk.governance.urls")),
    path("", include("mensenwerk.recruitment.urls")),
    path("", include("mensenwerk.bias.urls")),
    path("", include("mensenwerk.assistant.urls")),
    path("", include("mensenwerk.adoption.urls")),
    path("", include("mensenwerk.drafting.urls")),
    path("", include("mensenwerk.onboarding.urls")),
    path("", include("mensenwerk.skills.urls")),
    path("", include("mensenwerk.analytics.urls")),
]

handler403 = "mensenwerk.core.errors.permission_denied"
handler404 = "mensenwerk.core.errors.not_found"
handler500 = "mensenwerk.core.errors.server_error"
