"""Test settings: the production settings module, loaded with a test environment.

pytest-django loads settings before any conftest runs, so the environment is prepared here.
DATABASE_URL is kept from the caller: CI runs the suite on SQLite and on PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("MENSENWERK_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ["MENSENWERK_DATA_DIR"] = tempfile.mkdtemp(prefix="mensenwerk-test-")
os.environ["MENSENWERK_EMAIL"] = "memory"
os.environ.pop("MENSENWERK_DEMO", None)
os.environ.pop("MENSENWERK_TLS", None)

from mensenwerk.settings import *  # noqa: F403

# tasks run inline in tests; tests/core/test_worker.py runs the real database worker
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# many tests apply from the same test client; tests/recruitment/test_public_page.py sets the
# production default (5 per address per hour) where it tests the limit itself
APPLY_PER_ADDRESS_PER_HOUR = 1000
