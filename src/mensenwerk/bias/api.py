"""Read-only bias-monitoring API: the same aggregated figures as the Fairness page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from mensenwerk.bias import services
from mensenwerk.core.api_auth import roles
from mensenwerk.core.models import Department
from mensenwerk.core.roles import FAIRNESS_VIEWERS as VIEWERS
from mensenwerk.recruitment.models import Vacancy

router = Router(tags=["bias monitoring"])


@router.get("/fairness", auth=roles(*VIEWERS))
def fairness_report(
    request: HttpRequest,
    vacancy_id: int | None = None,
    department_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> dict[str, Any]:
    """Rates, impact ratios, significance and overrides per group and stage; small groups are
    reported by size only. Same JSON as a published bias-audit report."""
    if date_from and date_to and date_from > date_to:
        raise HttpError(400, "date_from is after date_to")
    scope = services.Scope(date_from=date_from, date_to=date_to)
    if vacancy_id is not None:
        scope.vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
        if scope.vacancy is None:
            raise HttpError(404, "no such vacancy")
    if department_id is not None:
        scope.department = Department.objects.filter(pk=department_id).first()
        if scope.department is None:
            raise HttpError(404, "no such department")
    return services.build_report(scope)
