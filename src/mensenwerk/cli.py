"""The ``mensenwerk`` command: a thin, friendly front for Django's management commands."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

from mensenwerk import __version__


@dataclass(frozen=True)
class Command:
    summary: str
    run: Callable[[list[str]], int]
    needs_db: bool = True
    needs_django: bool = True


def _setup(demo: bool = False) -> None:
    """Load settings (strictly) and Django. Raises ConfigError with a one-line message."""
    if demo:
        os.environ["MENSENWERK_DEMO"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenwerk.settings")
    import django

    django.setup()


def _check_database() -> None:
    from django.db import OperationalError, connection

    from mensenwerk.config import ConfigError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        settings = connection.settings_dict
        where = settings["NAME"]
        if settings.get("HOST") or settings.get("PORT"):
            where = f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}/{where}"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"DATABASE_URL: cannot reach the database {where}: {reason}") from None


def _manage(*args: str) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mensenwerk", *args])
    return 0


def cmd_migrate(argv: list[str]) -> int:
    return _manage("migrate", *argv)


def cmd_worker(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="mensenwerk worker", description=COMMANDS["worker"].summary
    )
    parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
    args = parser.parse_args(argv)
    extra = ["--batch"] if args.batch else []
    return _manage("worker", "--queue-name", "*", "--no-reload", "--no-startup-delay", *extra)


def cmd_serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mensenwerk serve", description=COMMANDS["serve"].summary)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=_port, default=8000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)
    return _serve(args.host, args.port, args.threads)


def _serve(host: str, port: int, threads: int) -> int:
    from waitress import serve

    from mensenwerk.wsgi import application

    options: dict[str, object] = {"clear_untrusted_proxy_headers": True}
    proxy = os.environ.get("MENSENWERK_TRUSTED_PROXY", "").strip()
    if proxy:
        # behind a reverse proxy: believe its X-Forwarded-* headers, and only its
        options.update(
            trusted_proxy=proxy,
            trusted_proxy_headers={"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"},
        )
    print(f"Mensenwerk {__version__} on http://{host}:{port}/  (Ctrl-C stops)", flush=True)
    serve(application, host=host, port=port, threads=threads, ident="Mensenwerk", **options)
    return 0


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1-65535, got {port}")
    return port


def cmd_demo(argv: list[str]) -> int:
    # arguments were parsed (and the environment set) before Django was loaded; see main()
    args = _demo_parser().parse_args(argv)  # exits on --help before Django is touched
    from django.conf import settings
    from django.core.management import call_command

    from mensenwerk.demo import build_demo

    call_command("migrate", verbosity=0, interactive=False)
    password = os.environ.get("MENSENWERK_DEMO_PASSWORD", "demo")
    logins = build_demo(password)
    if args.works_council_consent:
        from mensenwerk.analytics.demo import consent_demo

        run = consent_demo()
        print(f"Works council consent recorded; retention model {run.get_status_display()}.")
    print(f"\nMensenwerk demo — data in {settings.DATA_DIR}")
    print(f"Open http://127.0.0.1:{args.port}/ and log in as one of these users.")
    print(f"Every demo user has the password {password}\n")
    print(f"  {'user':<10} {'role':<28} person")
    for username, role_label, name in logins:
        print(f"  {username:<10} {role_label:<28} {name}")
    if args.setup_only:
        return 0
    worker = subprocess.Popen([sys.executable, "-m", "mensenwerk", "worker"], env=os.environ.copy())
    # SIGTERM (a service manager, `kill`) must also stop the worker: turn it into SystemExit so
    # the finally below runs, as it does for Ctrl-C
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        # the demo listens on the loopback address only: it has a known password
        return _serve("127.0.0.1", args.port, 8)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _demo_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mensenwerk demo", description=COMMANDS["demo"].summary)
    parser.add_argument("--port", type=_port, default=8000)
    parser.add_argument(
        "--data-dir", help="folder for the SQLite database and files (default ./data)"
    )
    parser.add_argument(
        "--setup-only",
        action="store_true",
        help="migrate and load the demo data, print the logins, do not serve",
    )
    parser.add_argument(
        "--works-council-consent",
        action="store_true",
        help="the second demo step: record the works council's consent for retention risk, "
        "switch it on and run the model on the demo history",
    )
    return parser


def cmd_createadmin(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="mensenwerk createadmin", description=COMMANDS["createadmin"].summary
    )
    parser.add_argument("--username", default="admin")
    parser.add_argument("--email", default="")
    args = parser.parse_args(argv)
    return _manage("createadmin", "--username", args.username, "--email", args.email)


def cmd_check(argv: list[str]) -> int:
    return _manage("check", *argv)


def _passthrough(command: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        return _manage(command, *argv)

    return run


def cmd_fairness(argv: list[str]) -> int:
    from mensenwerk.commands.fairness import run

    return run(argv)


def cmd_screen(argv: list[str]) -> int:
    from mensenwerk.commands.screen import run

    return run(argv)


def cmd_ask(argv: list[str]) -> int:
    from mensenwerk.commands.ask import run

    return run(argv)


def cmd_draft(argv: list[str]) -> int:
    from mensenwerk.commands.draft import run

    return run(argv)


def cmd_roi(argv: list[str]) -> int:
    from mensenwerk.commands.roi import run

    return run(argv)


def cmd_skills(argv: list[str]) -> int:
    from mensenwerk.commands.skills import run

    return run(argv)


def _analytics(command: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        from mensenwerk.commands.analytics import run as analytics

        return analytics(command, argv)

    return run


def cmd_taxonomy(argv: list[str]) -> int:
    from mensenwerk.commands.taxonomy import run

    return run(argv)


def cmd_manage(argv: list[str]) -> int:
    if not argv:
        return _manage("help")
    return _manage(*argv)


COMMANDS: dict[str, Command] = {
    "demo": Command(
        "set up and start the demo (SQLite, demo organisation, server and worker)", cmd_demo
    ),
    "serve": Command("start the web server (waitress)", cmd_serve),
    "worker": Command("run background jobs (imports, screening, indexing)", cmd_worker),
    "migrate": Command("create or upgrade the database tables", cmd_migrate),
    "createadmin": Command(
        "create an administrator account (HR admin and IT admin)", cmd_createadmin
    ),
    "audit": Command(
        "verify | checkpoint --key F --out F | export the AI audit trail", _passthrough("audit")
    ),
    "register": Command("export the AI register (--format yaml|json)", _passthrough("register")),
    "retention": Command(
        "run [--dry-run]: erase what is past its retention period", _passthrough("retention")
    ),
    "subject": Command(
        "export | erase --person ID: GDPR access and erasure", _passthrough("subject")
    ),
    "fairness": Command(
        "selection rates and impact ratios of any CSV (no server needed)",
        cmd_fairness,
        needs_db=False,
        needs_django=False,
    ),
    "screen": Command(
        "rank a folder of CVs against a vacancy file, blind and explained (no server)",
        cmd_screen,
        needs_db=False,
        needs_django=False,
    ),
    "ask": Command(
        "answer a question from a folder of documents, with citations (no server)",
        cmd_ask,
        needs_db=False,
        needs_django=False,
    ),
    "draft": Command(
        "reference|statement|jobad --facts F.yaml: a reference letter, employer's statement "
        "or job ad from facts, nothing invented (no server)",
        cmd_draft,
        needs_db=False,
        needs_django=False,
    ),
    "digest": Command(
        "e-mail each person their waiting actions (--dry-run, --format json); weekly from cron",
        _passthrough("digest"),
    ),
    "reports": Command(
        "e-mail the monthly management and works-council reports to their subscribers "
        "(--month YYYY-MM, --dry-run); monthly from cron",
        _passthrough("reports"),
    ),
    "onboarding": Command(
        "remind [--dry-run] [--format json]: e-mail onboarding tasks that are due; daily from cron",
        _passthrough("onboarding"),
    ),
    "kpis": Command(
        "the measured KPIs of a month (--month YYYY-MM --format json|table)", _passthrough("kpis")
    ),
    "roi": Command(
        "ROI and payback of hours saved (no server)", cmd_roi, needs_db=False, needs_django=False
    ),
    "skills": Command(
        "gap --people P.csv --requirements R.csv [--courses C.csv]: skill gaps, team heatmap "
        "and the shortest learning paths (no server)",
        cmd_skills,
        needs_db=False,
        needs_django=False,
    ),
    "attrition": Command(
        "--csv F --target COL: retention risk, cross-validated, with each person's factors "
        "(no server)",
        _analytics("attrition"),
        needs_db=False,
        needs_django=False,
    ),
    "survival": Command(
        "--csv F --duration COL --event COL: time to leaving, concordance and hazard ratios "
        "(no server)",
        _analytics("survival"),
        needs_db=False,
        needs_django=False,
    ),
    "survey": Command(
        "--csv F --group COL [--enps COL]: survey scores per group, small groups withheld "
        "(no server)",
        _analytics("survey"),
        needs_db=False,
        needs_django=False,
    ),
    "taxonomy": Command(
        "import-esco DIR: extend the skills taxonomy with the ESCO CSV download",
        cmd_taxonomy,
        needs_db=False,
        needs_django=False,
    ),
    "check": Command(
        "check the installation (add --deploy for production checks)", cmd_check, False
    ),
    "manage": Command(
        "run any Django management command, e.g. `mensenwerk manage shell`", cmd_manage, False
    ),
}


def print_help() -> None:
    print(f"mensenwerk {__version__} — AI for HR, not instead of HR\n")
    print("usage: mensenwerk COMMAND [options]   (mensenwerk COMMAND --help for its options)\n")
    print("commands:")
    for name, command in COMMANDS.items():
        print(f"  {name:<12} {command.summary}")
    print("\nSettings come from environment variables: DATABASE_URL, MENSENWERK_SECRET_KEY,")
    print(
        "MENSENWERK_DATA_DIR, MENSENWERK_ALLOWED_HOSTS, MENSENWERK_TLS, … (see docs/operations.md)"
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print_help()
        return 0
    if argv[0] == "--version":
        print(__version__)
        return 0
    name, rest = argv[0], argv[1:]
    command = COMMANDS.get(name)
    if command is None:
        print(f"mensenwerk: unknown command {name!r}\n", file=sys.stderr)
        print_help()
        return 2
    if not command.needs_django:
        return command.run(rest)
    if name in ("demo", "serve", "worker", "createadmin") and {"-h", "--help"} & set(rest):
        # help must work before any setting is configured
        return command.run(rest)
    if name == "demo":
        args = _demo_parser().parse_args(rest)
        if args.data_dir:
            os.environ["MENSENWERK_DATA_DIR"] = args.data_dir
    from mensenwerk.config import ConfigError

    try:
        _setup(demo=name == "demo")
        if command.needs_db:
            _check_database()
    except ConfigError as exc:
        print(f"mensenwerk: configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        return command.run(rest)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
