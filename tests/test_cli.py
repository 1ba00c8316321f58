"""The `mensenwerk` command as a user runs it: in a subprocess with a real environment."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mensenwerk.core.roles import Role
from tests.cli import mensenwerk

run = mensenwerk


def test_it_lists_every_command_with_one_line() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("demo", "serve", "worker", "migrate", "createadmin"):
        assert f"  {command} " in result.stdout


def test_it_shows_command_help_without_any_settings() -> None:
    for command in ("demo", "serve", "worker", "createadmin"):
        result = run(command, "--help")
        assert result.returncode == 0, command
        assert "usage: mensenwerk" in result.stdout, command


def test_it_refuses_an_unknown_command() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "unknown command" in result.stderr


def test_it_stops_with_one_line_when_the_secret_key_is_missing(tmp_path: Path) -> None:
    result = run("migrate", env={"MENSENWERK_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.strip().startswith(
        "mensenwerk: configuration error: MENSENWERK_SECRET_KEY"
    )
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_it_stops_with_one_line_on_a_bad_setting(tmp_path: Path) -> None:
    env = {
        "MENSENWERK_SECRET_KEY": "k" * 40,
        "MENSENWERK_DEBUG": "perhaps",
        "MENSENWERK_DATA_DIR": str(tmp_path),
    }
    result = run("serve", env=env)
    assert result.returncode == 2
    assert "MENSENWERK_DEBUG" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_stops_with_one_line_when_the_database_is_unreachable(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        "MENSENWERK_SECRET_KEY": "k" * 40,
        "MENSENWERK_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://mw:secretpw@127.0.0.1:{port}/mensenwerk",
    }
    result = run("migrate", env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DATABASE_URL: cannot reach the database" in lines[0]
    assert "secretpw" not in result.stderr


def test_it_sets_up_the_demo_twice_without_duplicating(tmp_path: Path) -> None:
    env = {"MENSENWERK_DEMO_PASSWORD": "probeer-het"}
    first = run("demo", "--setup-only", "--data-dir", str(tmp_path), env=env)
    assert first.returncode == 0, first.stderr
    assert "the password probeer-het" in first.stdout
    for username in (*(role.value for role in Role), "nieuw"):
        assert f"  {username} " in first.stdout
    second = run("demo", "--setup-only", "--data-dir", str(tmp_path), env=env)
    assert second.returncode == 0
    assert second.stdout == first.stdout
    import sqlite3

    with sqlite3.connect(tmp_path / "mensenwerk.sqlite3") as db:
        kinds = dict(db.execute("select kind, count(*) from core_person group by kind"))
        assert kinds == {"employee": 140 + 2, "candidate": 6 + 96}  # + the two onboarding starters
        # ten logins (one per role and the new colleague), and department heads' accounts
        # without a password (the cockpit's screening adoption needs realistic eligible users)
        users = db.execute("select username, password from core_user").fetchall()
        assert len([u for u, p in users if not p.startswith("!")]) == 10
        assert len(users) == 13
        # the cockpit's first wave: loaded once, two use cases, TRUST plan half done
        assert db.execute("select count(*) from adoption_project").fetchone()[0] == 1
        assert db.execute("select count(*) from adoption_project_use_cases").fetchone()[0] == 2
        done = db.execute("select count(*) from adoption_trustitem where status='done'")
        assert done.fetchone()[0] == 8
        assert db.execute("select count(*) from adoption_usecase").fetchone()[0] == 10
        assert db.execute("select count(*) from recruitment_application").fetchone()[0] == 102
        # the closed vacancy's history shows the human age gap on the Fairness page
        alerts = db.execute('select measure, "group" from bias_biasalert').fetchall()
        assert alerts
        assert {m for m, _g in alerts} == {"human_screening"}
        assert all("age_band" in g for _m, g in alerts)


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_it_refuses_a_bad_port(port: str, tmp_path: Path) -> None:
    result = run("demo", "--port", port, "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "port" in result.stderr


def test_it_creates_an_admin_from_the_environment(tmp_path: Path) -> None:
    env = {"MENSENWERK_SECRET_KEY": "k" * 40, "MENSENWERK_DATA_DIR": str(tmp_path)}
    assert run("migrate", env=env).returncode == 0
    weak = run(
        "createadmin", "--username", "beheer", env={**env, "MENSENWERK_ADMIN_PASSWORD": "123"}
    )
    assert weak.returncode != 0
    assert "too short" in weak.stderr
    ok = run(
        "createadmin",
        "--username",
        "beheer",
        env={**env, "MENSENWERK_ADMIN_PASSWORD": "een lang wachtwoord 2026"},
    )
    assert ok.returncode == 0
    assert "created" in ok.stdout
    again = run(
        "createadmin",
        "--username",
        "beheer",
        env={**env, "MENSENWERK_ADMIN_PASSWORD": "een lang wachtwoord 2026"},
    )
    assert again.returncode != 0
    assert "exists already" in again.stderr


def test_it_passes_the_django_deploy_checks_with_production_settings(tmp_path: Path) -> None:
    env = {
        "MENSENWERK_SECRET_KEY": "Zq8" + "x7-Pm2_rT9" * 6,
        "MENSENWERK_TLS": "1",
        "MENSENWERK_ALLOWED_HOSTS": "hr.example.nl",
        "MENSENWERK_DATA_DIR": str(tmp_path),
    }
    result = run("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_serves_the_demo_with_its_worker_on_loopback(tmp_path: Path) -> None:
    import signal
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MENSENWERK_", "DJANGO_")) and k != "DATABASE_URL"
    }
    demo = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mensenwerk",
            "demo",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path),
        ],
        env=base,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    assert b'"ok"' in r.read()
                    break
            except OSError:
                assert demo.poll() is None, demo.stdout.read() if demo.stdout else ""
                assert time.monotonic() < deadline, "the demo did not start within 60 s"
                time.sleep(0.5)
        children = subprocess.run(
            ["ps", "-o", "pid=,args=", "--ppid", str(demo.pid)], capture_output=True, text=True
        ).stdout
        assert "mensenwerk worker" in children
        worker = int(next(line for line in children.splitlines() if "worker" in line).split()[0])
        # the data folder and what is in it are the owner's only
        assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700
        for path in tmp_path.rglob("*"):
            expected = 0o700 if path.is_dir() else 0o600
            assert stat.S_IMODE(path.stat().st_mode) == expected, path
        # SIGTERM to the demo alone (as a service manager sends it) also stops its worker
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=20)
        deadline = time.monotonic() + 15
        while _alive(worker):
            assert time.monotonic() < deadline, "the worker outlived the demo"
            time.sleep(0.2)
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGTERM)
            demo.wait(timeout=20)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; its parent is gone and init reaps it
