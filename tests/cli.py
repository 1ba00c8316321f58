"""Run the `mensenwerk` command in a subprocess, as a user would, without the test settings."""

from __future__ import annotations

import os
import subprocess
import sys


def mensenwerk(
    *args: str, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MENSENWERK_", "DJANGO_")) and k != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "-m", "mensenwerk", *args],
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
