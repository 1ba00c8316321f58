"""Settings from environment variables, parsed strictly.

Start-up stops with one line naming the variable when a value is wrong: a typo in
production must never silently fall back to a default.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A setting has a bad value; the message names the variable."""


def env_bool(name: str, default: bool, environ: dict[str, str] | None = None) -> bool:
    raw = (environ if environ is not None else os.environ).get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ConfigError(f"{name}: expected one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def env_int(
    name: str,
    default: int,
    minimum: int,
    maximum: int,
    environ: dict[str, str] | None = None,
) -> int:
    raw = (environ if environ is not None else os.environ).get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}: expected a whole number, got {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ConfigError(f"{name}: must be between {minimum} and {maximum}, got {value}")
    return value


def env_list(name: str, default: list[str], environ: dict[str, str] | None = None) -> list[str]:
    raw = (environ if environ is not None else os.environ).get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ConfigError(f"{name}: is set but empty; give a comma-separated list")
    return items


def parse_database_url(url: str, name: str = "DATABASE_URL") -> dict[str, object]:
    """Turn ``sqlite:///path`` or ``postgres://user:pass@host:port/db`` into Django's dict."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative.db or sqlite:////absolute/path.db (four slashes)
        if not url.strip().startswith("sqlite:///") or len(url.strip()) == len("sqlite:///"):
            raise ConfigError(
                f"{name}: sqlite URL needs a file path, e.g. sqlite:////srv/mw/db.sqlite3"
            )
        path = url.strip()[len("sqlite:///") :]
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if scheme in ("postgres", "postgresql", "pgsql"):
        database = unquote(parts.path.lstrip("/"))
        if not database:
            raise ConfigError(f"{name}: PostgreSQL URL needs a database name after the host")
        try:
            port = parts.port
        except ValueError:
            raise ConfigError(f"{name}: the port is not a number") from None
        options: dict[str, str] = {}
        for pair in filter(None, parts.query.split("&")):
            key, _, value = pair.partition("=")
            if key != "sslmode":
                raise ConfigError(f"{name}: unsupported option {key!r} (only sslmode)")
            options["sslmode"] = unquote(value)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": database,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            # an empty host means the local Unix socket; a path-like host is a socket dir
            "HOST": unquote(parts.hostname or ""),
            "PORT": str(port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ConfigError(
        f"{name}: unsupported scheme {parts.scheme!r}; use sqlite:///PATH or postgres://USER@HOST/DB"
    )


@dataclass(frozen=True)
class Config:
    demo: bool
    debug: bool
    data_dir: Path
    secret_key: str
    allowed_hosts: list[str]
    database: dict[str, object]
    tls: bool
    max_upload_mb: int
    login_max_failures: int
    login_lockout_minutes: int
    login_max_failures_per_address: int
    apply_per_address_per_hour: int
    apply_per_vacancy_per_hour: int
    email_backend: str
    default_from_email: str
    collect_static: bool
    hsts_preload: bool
    llm: dict[str, object] | None = None  # the optional OpenAI-compatible endpoint
    base_url: str = ""  # how people reach the site, for links in e-mails sent from cron
    sso: dict[str, object] | None = None  # OpenID Connect sign-in, when an issuer is set
    # the HR assistant: meaning-based search on or off, and the similarity it declines below
    # (None: the engine's default, fitted on the development questions)
    assistant: dict[str, object] = field(default_factory=dict)
    password_login: bool = True


def _base_url(env: dict[str, str], demo: bool) -> str:
    url = env.get("MENSENWERK_BASE_URL", "").strip().rstrip("/")
    if not url:
        return "http://127.0.0.1:8000" if demo else ""
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"MENSENWERK_BASE_URL: expected an http(s) URL; got {url!r}")
    return url


def _llm(env: dict[str, str]) -> dict[str, object] | None:
    url = env.get("MENSENWERK_LLM_URL", "").strip()
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"MENSENWERK_LLM_URL: expected an http(s) URL; got {url!r}")
    model = env.get("MENSENWERK_LLM_MODEL", "").strip()
    if not model:
        raise ConfigError("MENSENWERK_LLM_MODEL: required when MENSENWERK_LLM_URL is set")
    return {
        "url": url.rstrip("/"),
        "model": model,
        "key": env.get("MENSENWERK_LLM_KEY", "").strip(),
        "timeout": env_int("MENSENWERK_LLM_TIMEOUT", 20, 1, 300, env),
        # the model also re-orders the assistant's ten best passages (a second call per question)
        "rerank": env_bool("MENSENWERK_LLM_RERANK", False, env),
    }


def _group_roles(env: dict[str, str]) -> dict[str, list[str]]:
    """``hr=HR-team;manager=Leidinggevenden,Teamleiders``: the identity provider's groups that
    grant a role. Only roles named here ever come from the provider."""
    from mensenwerk.core.roles import Role  # plain enum module: no Django app is loaded

    raw = env.get("MENSENWERK_OIDC_GROUP_ROLES", "").strip()
    mapping: dict[str, list[str]] = {}
    for part in filter(None, (p.strip() for p in raw.split(";"))):
        role, sep, groups = part.partition("=")
        role = role.strip()
        names = [g.strip() for g in groups.split(",") if g.strip()]
        if not sep or not names:
            raise ConfigError(
                f"MENSENWERK_OIDC_GROUP_ROLES: expected role=group[,group];…, got {part!r}"
            )
        if role not in Role.values:
            raise ConfigError(
                f"MENSENWERK_OIDC_GROUP_ROLES: unknown role {role!r}; "
                f"use one of {', '.join(Role.values)}"
            )
        mapping[role] = names
    return mapping


def _sso(env: dict[str, str]) -> dict[str, object] | None:
    issuer = env.get("MENSENWERK_OIDC_ISSUER", "").strip().rstrip("/")
    if not issuer:
        return None
    if not issuer.startswith(("https://", "http://")):
        raise ConfigError(f"MENSENWERK_OIDC_ISSUER: expected an https URL; got {issuer!r}")
    client_id = env.get("MENSENWERK_OIDC_CLIENT_ID", "").strip()
    secret = env.get("MENSENWERK_OIDC_CLIENT_SECRET", "").strip()
    if not client_id or not secret:
        raise ConfigError(
            "MENSENWERK_OIDC_CLIENT_ID and MENSENWERK_OIDC_CLIENT_SECRET: required when "
            "MENSENWERK_OIDC_ISSUER is set"
        )
    create = env_bool("MENSENWERK_OIDC_CREATE_USERS", False, env)
    domains = [d.lower().lstrip("@") for d in env_list("MENSENWERK_OIDC_DOMAINS", [], env)]
    if create and not domains:
        # a multi-tenant provider (Google, Entra "common") signs in anyone in the world
        raise ConfigError(
            "MENSENWERK_OIDC_DOMAINS: required with MENSENWERK_OIDC_CREATE_USERS=1; name the "
            "e-mail domains whose people may get an account, e.g. voorbeeld.nl"
        )
    algo = env.get("MENSENWERK_OIDC_SIGN_ALGO", "RS256").strip()
    if algo not in {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256"}:
        raise ConfigError(f"MENSENWERK_OIDC_SIGN_ALGO: expected RS256, ES256, …; got {algo!r}")
    return {
        "issuer": issuer,
        "client_id": client_id,
        "client_secret": secret,
        "name": env.get("MENSENWERK_OIDC_NAME", "").strip() or "SSO",
        "scopes": env.get("MENSENWERK_OIDC_SCOPES", "").strip() or "openid email profile",
        "sign_algo": algo,
        "create_users": create,
        "domains": domains,
        "group_roles": _group_roles(env),
        "groups_claim": env.get("MENSENWERK_OIDC_GROUPS_CLAIM", "").strip() or "groups",
        "timeout": env_int("MENSENWERK_OIDC_TIMEOUT", 10, 1, 120, env),
    }


def load(environ: dict[str, str] | None = None) -> Config:
    env = environ if environ is not None else dict(os.environ)
    demo = env_bool("MENSENWERK_DEMO", False, env)
    raw_dir = env.get("MENSENWERK_DATA_DIR", "").strip()
    data_dir = Path(raw_dir or "data").expanduser().resolve()
    if not demo and _is_demo_folder(env, data_dir):
        demo = True  # `mensenwerk kpis` and the rest run on the demo's data without settings

    secret = _secret(env, demo, data_dir)
    database = _database(env, data_dir)
    default_hosts = ["127.0.0.1", "localhost"]
    sso = _sso(env)
    password_login = env_bool("MENSENWERK_PASSWORD_LOGIN", True, env)
    if not password_login and sso is None:
        raise ConfigError(
            "MENSENWERK_PASSWORD_LOGIN: password login can only be switched off when single "
            "sign-on is set up (MENSENWERK_OIDC_ISSUER); nobody could log in"
        )
    return Config(
        demo=demo,
        debug=env_bool("MENSENWERK_DEBUG", False, env),
        data_dir=data_dir,
        secret_key=secret,
        allowed_hosts=env_list("MENSENWERK_ALLOWED_HOSTS", default_hosts, env),
        database=database,
        tls=env_bool("MENSENWERK_TLS", False, env),
        max_upload_mb=env_int("MENSENWERK_MAX_UPLOAD_MB", 20, 1, 1024, env),
        login_max_failures=env_int("MENSENWERK_LOGIN_MAX_FAILURES", 5, 1, 100, env),
        login_lockout_minutes=env_int("MENSENWERK_LOGIN_LOCKOUT_MINUTES", 15, 1, 1440, env),
        login_max_failures_per_address=env_int(
            "MENSENWERK_LOGIN_MAX_FAILURES_PER_ADDRESS", 30, 1, 10000, env
        ),
        apply_per_address_per_hour=env_int(
            "MENSENWERK_APPLY_PER_ADDRESS_PER_HOUR", 5, 1, 1000, env
        ),
        apply_per_vacancy_per_hour=env_int(
            "MENSENWERK_APPLY_PER_VACANCY_PER_HOUR", 200, 1, 100000, env
        ),
        email_backend=_email_backend(env, demo),
        default_from_email=env.get("MENSENWERK_FROM_EMAIL", "hr@localhost").strip(),
        collect_static=env_bool("MENSENWERK_COLLECT_STATIC", False, env),
        hsts_preload=env_bool("MENSENWERK_HSTS_PRELOAD", False, env),
        llm=_llm(env),
        base_url=_base_url(env, demo),
        sso=sso,
        password_login=password_login,
        assistant=_assistant(env),
    )


def _assistant(env: dict[str, str]) -> dict[str, object]:
    raw = env.get("MENSENWERK_ASSISTANT_SIMILARITY", "").strip()
    similarity = None
    if raw:
        try:
            similarity = float(raw.replace(",", "."))
        except ValueError:
            similarity = -1.0
        if not 0.5 <= similarity <= 0.99:
            raise ConfigError(
                f"MENSENWERK_ASSISTANT_SIMILARITY: expected a number from 0.5 to 0.99; got {raw!r}"
            )
    return {
        "dense": env_bool("MENSENWERK_ASSISTANT_DENSE", True, env),
        "similarity": similarity,
    }


def _secret(env: dict[str, str], demo: bool, data_dir: Path) -> str:
    secret = env.get("MENSENWERK_SECRET_KEY", "").strip()
    if not secret:
        if not demo:
            raise ConfigError(
                "MENSENWERK_SECRET_KEY: not set; generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`"
            )
        return _demo_secret(data_dir)
    elif len(secret) < 32:
        raise ConfigError("MENSENWERK_SECRET_KEY: too short; use at least 32 random characters")
    return secret


def _database(env: dict[str, str], data_dir: Path) -> dict[str, object]:
    db_url = env.get("DATABASE_URL", "").strip()
    if db_url:
        database = parse_database_url(db_url)
    else:
        database = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(data_dir / "mensenwerk.sqlite3"),
        }
    if database["ENGINE"].endswith("sqlite3"):  # type: ignore[union-attr]
        # WAL lets the worker write while the web server reads; the timeout absorbs short locks
        database["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # secure_delete: an erased person's text is overwritten, not left in free pages
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA secure_delete=ON;",
        }
    return database


def _email_backend(env: dict[str, str], demo: bool) -> str:
    choice = env.get("MENSENWERK_EMAIL", "console" if demo else "smtp").strip().lower()
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "memory": "django.core.mail.backends.locmem.EmailBackend",
    }
    if choice not in backends:
        raise ConfigError(f"MENSENWERK_EMAIL: expected console, smtp or memory; got {choice!r}")
    return backends[choice]


DEMO_KEY_FILE = "demo-secret-key"


def _is_demo_folder(env: dict[str, str], data_dir: Path) -> bool:
    """A data folder the demo made (its key file is there) and no production setting given:
    no secret key and no database URL. A real installation sets both, so it never is one."""
    if env.get("MENSENWERK_SECRET_KEY", "").strip() or env.get("DATABASE_URL", "").strip():
        return False
    return (data_dir / DEMO_KEY_FILE).is_file()


def _demo_secret(data_dir: Path) -> str:
    """A demo keeps its random key in its data folder so sessions survive restarts."""
    key_file = data_dir / DEMO_KEY_FILE
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def secure_data_dir(data_dir: Path) -> None:
    """The data folder holds CVs, the database and keys: the owner only. Sets the process's
    umask so whatever it writes next is 0600 / 0700, and tightens what an earlier version or
    a careless copy left readable (folders 0700, files 0600)."""
    os.umask(0o077)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    for root, dirs, files in os.walk(data_dir):
        for name, mode in [(root, 0o700)] + [(os.path.join(root, f), 0o600) for f in files]:
            try:
                if os.lstat(name).st_mode & 0o777 != mode and not os.path.islink(name):
                    os.chmod(name, mode)
            except OSError:
                continue  # a file deleted meanwhile, or not ours: leave it
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
