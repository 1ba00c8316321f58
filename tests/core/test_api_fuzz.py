"""Schemathesis against the OpenAPI schema: generated valid and invalid requests to every API
operation, as HR (who may call nearly all of them), must never produce a server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from mensenwerk.api import api
from mensenwerk.core import services
from mensenwerk.recruitment.models import Vacancy
from mensenwerk.wsgi import application

EXAMPLES = 25  # per operation and mode; derandomised, so every run sends the same requests


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gets_a_server_error(users, team, mode) -> None:
    Vacancy.objects.create(title="Lasser", description="Lassen", hiring_manager=users["manager"])
    _token, secret = services.do_create_api_token(users["hr"], "fuzz", None)
    auth = {"Authorization": f"Bearer {secret}"}
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = application
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    # called as a WSGI app, each request would close the test's database connection at its
    # end (PostgreSQL then fails the next query); Django's test client unhooks this too
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        for operation in operations:
            _fuzz(operation, mode, auth, failures)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert failures == []


def _fuzz(operation, mode, auth: dict[str, str], failures: list[str]) -> None:
    """Up to EXAMPLES generated requests to one operation; server errors are collected."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case) -> None:
        response = case.call(headers=auth)
        if response.status_code >= 500:
            failures.append(
                f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}"
            )

    call()
