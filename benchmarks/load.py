"""Load: concurrent recruiters, employees asking the HR assistant and HR admins, on loopback.

    .venv/bin/python benchmarks/load.py       # PostgreSQL: 50 users, 2 web processes, 2 workers
    .venv/bin/python benchmarks/load.py --db sqlite --users 10 --web 1 --workers 1

It sets up the demo organisation in a fresh database (PostgreSQL: a throw-away cluster it
starts itself, as `./dev test` does, unless DATABASE_URL is set), starts `mensenwerk serve`
processes and `mensenwerk worker` processes, then runs a bounded client: every virtual user
logs in once (not timed; the timed requests start when all have) and makes a fixed number
of requests with a think time between them (default 1-5 s: a person reads a page before the
next; --think 0.1-0.5 for a stress run),
spread round-robin over the web processes as a load balancer would. A third of the users are
recruiters (vacancy, candidate list, an application), a third employees (the assistant page
and a question asked, which writes the question and an audit-trail entry), a third HR admins
(people, register, Fairness, cockpit). It reports p50/p95/max per role and overall, the
errors (HTTP >= 400 or no answer) and whether any server log says "database is locked".
Only loopback addresses are used; the run stops by itself.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
QUESTIONS = [
    "Hoeveel vakantiedagen heb ik?",
    "Hoe meld ik me ziek?",
    "Krijg ik reiskostenvergoeding?",
    "Wanneer wordt het salaris betaald?",
    "Hoe vraag ik ouderschapsverlof aan?",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_postgres() -> tuple[str, Path, Path]:
    """A throw-away cluster on 127.0.0.1 (fsync off: a benchmark, not a bank)."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not bins:
        sys.exit("PostgreSQL is not installed (apt-get install postgresql), or pass --db sqlite")
    bin_dir = bins[-1].parent
    root = Path(tempfile.mkdtemp(prefix="mw-load-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [
            *as_user,
            str(bin_dir / "initdb"),
            "-D",
            str(root / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=200"
    subprocess.run(
        [
            *as_user,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(root / "data"),
            "-l",
            str(root / "server.log"),
            "-w",
            "-o",
            options,
            "start",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_user,
            str(bin_dir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "mensenwerk",
        ],
        check=True,
        capture_output=True,
    )
    return f"postgres://postgres@127.0.0.1:{port}/mensenwerk", root, bin_dir


def stop_postgres(root: Path, bin_dir: Path) -> None:
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [*as_user, str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "stop"],
        capture_output=True,
    )
    shutil.rmtree(root, ignore_errors=True)


class User:
    """One virtual user: its own session (cookies), its role's pages."""

    def __init__(self, role: str, ports: list[int], index: int) -> None:
        self.role, self.ports, self.index = role, ports, index
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.calls = 0

    def base(self) -> str:
        self.calls += 1
        return f"http://127.0.0.1:{self.ports[(self.index + self.calls) % len(self.ports)]}"

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, float]:
        url = self.base() + path
        body = None
        headers = {"Accept-Language": "nl"}
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
            headers["Referer"] = url
        started = time.perf_counter()
        try:
            with self.opener.open(urllib.request.Request(url, body, headers), timeout=30) as r:
                r.read()
                status = r.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except OSError:
            status = 0
        return status, time.perf_counter() - started

    def login(self) -> bool:
        self.request("/accounts/login/")
        status, _seconds = self.request(
            "/accounts/login/", {"username": self.role, "password": "demo"}
        )
        return status == 200 and any(c.name == "sessionid" for c in self.jar)


def pages(role: str, ids: dict[str, int]) -> list[tuple[str, dict[str, str] | None]]:
    if role == "recruiter":
        return [
            ("/vacancies/", None),
            (f"/vacancies/{ids['vacancy']}/", None),
            (f"/vacancies/{ids['vacancy']}/candidates", None),
            (f"/applications/{ids['application']}/", None),
        ]
    if role == "employee":
        return [
            ("/assistant/", None),
            ("/assistant/", {"question": random.choice(QUESTIONS)}),
            ("/start/", None),
        ]
    return [
        ("/people/", None),
        ("/register/", None),
        ("/fairness/", None),
        ("/cockpit/", None),
    ]


def run_users(
    count: int, requests: int, ports: list[int], ids: dict[str, int], think: tuple[float, float]
) -> dict[str, list[tuple[int, float]]]:
    roles = ["recruiter", "employee", "hr"]
    results: dict[str, list[tuple[int, float]]] = {r: [] for r in roles}
    lock = threading.Lock()
    failed_logins: list[str] = []

    # everybody logs in first (argon2 hashing is deliberately slow and is not what is measured),
    # then the timed requests start together
    ready = threading.Barrier(count)

    def one(index: int) -> None:
        role = roles[index % 3]
        user = User(role, ports, index)
        logged_in = user.login()
        ready.wait()
        if not logged_in:
            failed_logins.append(role)
            return
        rng = random.Random(index)
        time.sleep(rng.uniform(*think))  # arrivals spread over one think time
        mine = []
        for n in range(requests):
            path, data = pages(role, ids)[n % len(pages(role, ids))]
            mine.append(user.request(path, data))
            time.sleep(rng.uniform(*think))
        with lock:
            results[role].extend(mine)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    if failed_logins:
        print(f"log-in failed for {len(failed_logins)} users", file=sys.stderr)
    return results


def demo_ids(env: dict[str, str]) -> dict[str, int]:
    code = (
        "import django, json; django.setup()\n"
        "from mensenwerk.recruitment.models import Application, Vacancy\n"
        "v = Vacancy.objects.filter(status='open').order_by('pk').first()\n"
        "a = v.applications.order_by('pk').first()\n"
        "print(json.dumps({'vacancy': v.pk, 'application': a.pk}))\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=REPO
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def summary(label: str, rows: list[tuple[int, float]]) -> dict[str, object]:
    times = sorted(seconds * 1000 for _status, seconds in rows)
    errors = sum(1 for status, _seconds in rows if status == 0 or status >= 400)
    return {
        "who": label,
        "requests": len(rows),
        "errors": errors,
        "p50_ms": round(statistics.median(times), 1) if times else None,
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1) if times else None,
        "max_ms": round(times[-1], 1) if times else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per user")
    parser.add_argument("--web", type=int, default=2, help="web processes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think", default="1-5", help="seconds between a user's requests")
    opts = parser.parse_args()
    low, high = (float(x) for x in opts.think.split("-"))

    data = Path(tempfile.mkdtemp(prefix="mw-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENSENWERK_", "DJANGO_"))}
    env.update(
        MENSENWERK_DATA_DIR=str(data),
        MENSENWERK_SECRET_KEY="load-benchmark-" + "x" * 40,
        MENSENWERK_EMAIL="memory",
        MENSENWERK_DEMO_PASSWORD="demo",
        DJANGO_SETTINGS_MODULE="mensenwerk.settings",
    )
    env.pop("DATABASE_URL", None)
    pg = None
    if opts.db == "postgres":
        if os.environ.get("DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        else:
            url, root, bin_dir = start_postgres()
            env["DATABASE_URL"], pg = url, (root, bin_dir)
    processes: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []
    try:
        started = time.perf_counter()
        setup = subprocess.run(
            [PYTHON, "-m", "mensenwerk", "demo", "--setup-only", "--data-dir", str(data)],
            env=env,
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        if setup.returncode:
            sys.exit(setup.stderr)
        print(f"demo set up in {time.perf_counter() - started:.1f} s ({opts.db})")
        ids = demo_ids(env)
        ports = [free_port() for _ in range(opts.web)]
        for name, argv in [(f"web{p}", ["serve", "--port", str(p)]) for p in ports] + [
            (f"worker{n}", ["worker"]) for n in range(opts.workers)
        ]:
            log = data / f"{name}.log"
            logs.append(log)
            processes.append(
                subprocess.Popen(
                    [PYTHON, "-m", "mensenwerk", *argv],
                    env=env,
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                    cwd=REPO,
                )
            )
        for port in ports:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        sys.exit(f"web process on {port} did not start")
                    time.sleep(0.3)
        started = time.perf_counter()
        results = run_users(opts.users, opts.requests, ports, ids, (low, high))
        elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if pg:
            stop_postgres(*pg)
    everything = [row for rows in results.values() for row in rows]
    report = {
        "database": opts.db,
        "users": opts.users,
        "web_processes": opts.web,
        "workers": opts.workers,
        "think_seconds": opts.think,
        "seconds": round(elapsed, 1),
        "requests_per_second": round(len(everything) / elapsed, 1),
        "rows": [summary(role, rows) for role, rows in results.items()]
        + [summary("all", everything)],
        "database_is_locked": sum(
            len(re.findall("database is locked", log.read_text(errors="replace"))) for log in logs
        ),
    }
    print(f"{'who':<10} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for row in report["rows"]:  # type: ignore[union-attr]
        print(
            f"{row['who']:<10} {row['requests']:>8} {row['errors']:>6} {row['p50_ms']:>8} "
            f"{row['p95_ms']:>8} {row['max_ms']:>8}"
        )
    print(
        f"{report['requests_per_second']} requests/s over {report['seconds']} s; "
        f"'database is locked' in the server logs: {report['database_is_locked']}"
    )
    print(json.dumps(report))
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
