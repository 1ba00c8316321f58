"""Two writers at the same moment never fork the chain (real threads, real connections)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from mensenwerk.governance import services, trail
from mensenwerk.governance.models import AuditEntry


@pytest.mark.django_db(transaction=True)
def test_it_serialises_concurrent_writers(users) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers with its database lock; this tests row locks")
    errors: list[BaseException] = []
    start = threading.Barrier(4)
    before = AuditEntry.objects.count()  # the users fixture's account events

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(25):
                services.record_event("concurrency", None, payload={"writer": n, "i": i})
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, before + 101))
    assert trail.verify_trail().ok
