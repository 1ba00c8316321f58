from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from mensenwerk.core.api_auth import roles
from mensenwerk.core.permissions import ANY_USER
from mensenwerk.governance import services
from mensenwerk.governance.cards import system_card
from mensenwerk.governance.models import AIApplication

router = Router(tags=["register"])


class GapOut(Schema):
    code: str
    message: str
    fixer: str


class EntryOut(Schema):
    slug: str
    name: str
    active: bool
    risk_class: str
    missing: list[GapOut]
    card: dict[str, Any]


def _entry(app: AIApplication) -> dict[str, Any]:
    gaps = [] if app.active else services.activation_gaps(app)
    return {
        "slug": app.slug,
        "name": app.name,
        "active": app.active,
        "risk_class": app.risk_class,
        "card": system_card(app),
        "missing": [
            {"code": g.code, "message": str(g.message), "fixer": str(g.fixer)} for g in gaps
        ],
    }


@router.get("/register", response=list[EntryOut], auth=roles(ANY_USER))
def list_register(request: HttpRequest) -> list[dict[str, Any]]:
    return [_entry(app) for app in AIApplication.objects.all()]


@router.get("/register/{slug}", response=EntryOut, auth=roles(ANY_USER))
def get_register_entry(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _entry(get_object_or_404(AIApplication, slug=slug))
