from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from mensenwerk.core.navigation import visible_entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items = visible_entries(user) if user is not None and user.is_authenticated else []
    current = request.resolver_match.view_name if request.resolver_match else ""
    return {"nav_items": items, "nav_current": current, "demo_mode": settings.DEMO}
