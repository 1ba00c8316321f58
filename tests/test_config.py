from __future__ import annotations

from pathlib import Path

import pytest

from mensenwerk.config import ConfigError, load, parse_database_url

BASE = {"MENSENWERK_SECRET_KEY": "k" * 40, "MENSENWERK_DATA_DIR": "/tmp/mw-config-test"}


def test_it_parses_database_urls() -> None:
    assert parse_database_url("sqlite:////srv/mw/db.sqlite3")["NAME"] == "/srv/mw/db.sqlite3"
    assert parse_database_url("sqlite:///rel.db")["NAME"] == "rel.db"
    pg = parse_database_url("postgres://mw:p%40ss@db.local:5433/mensenwerk?sslmode=require")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "mw",
        "p@ss",
        "db.local",
        "5433",
        "mensenwerk",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    assert parse_database_url("postgresql://mw@/mensenwerk")["HOST"] == ""


@pytest.mark.parametrize(
    "url",
    [
        "mysql://x@y/z",
        "postgres://x@y/",
        "postgres://x@y:port/db",
        "sqlite://",
        "sqlite:///",
        "postgres://x@y/db?foo=bar",
        "nonsense",
    ],
)
def test_it_refuses_bad_database_urls_naming_the_variable(url: str) -> None:
    with pytest.raises(ConfigError, match=r"^DATABASE_URL: "):
        parse_database_url(url)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MENSENWERK_DEBUG", "maybe"),
        ("MENSENWERK_TLS", "2"),
        ("MENSENWERK_MAX_UPLOAD_MB", "lots"),
        ("MENSENWERK_MAX_UPLOAD_MB", "0"),
        ("MENSENWERK_LOGIN_MAX_FAILURES", "-3"),
        ("MENSENWERK_ALLOWED_HOSTS", " , "),
        ("MENSENWERK_EMAIL", "pigeon"),
        ("MENSENWERK_SECRET_KEY", "short"),
        ("MENSENWERK_ASSISTANT_SIMILARITY", "high"),
        ("MENSENWERK_ASSISTANT_SIMILARITY", "1.5"),
        ("MENSENWERK_ASSISTANT_SIMILARITY", "0.2"),
        ("MENSENWERK_ASSISTANT_SIMILARITY", "nan"),
        ("MENSENWERK_ASSISTANT_DENSE", "sometimes"),
    ],
)
def test_it_stops_on_a_bad_value_naming_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{name}: "):
        load({**BASE, name: value})


def test_the_assistant_searches_by_meaning_unless_switched_off() -> None:
    assert load(BASE).assistant == {"dense": True, "similarity": None}
    custom = {**BASE, "MENSENWERK_ASSISTANT_DENSE": "0", "MENSENWERK_ASSISTANT_SIMILARITY": "0,9"}
    assert load(custom).assistant == {"dense": False, "similarity": 0.9}


def test_it_requires_a_secret_key_outside_the_demo() -> None:
    with pytest.raises(ConfigError, match=r"^MENSENWERK_SECRET_KEY: not set"):
        load({"MENSENWERK_DATA_DIR": "/tmp/x"})


def test_it_keeps_a_demo_secret_key_in_the_data_folder(tmp_path: Path) -> None:
    env = {"MENSENWERK_DEMO": "1", "MENSENWERK_DATA_DIR": str(tmp_path)}
    first, second = load(env), load(env)
    assert first.secret_key == second.secret_key
    assert len(first.secret_key) > 40
    assert (tmp_path / "demo-secret-key").stat().st_mode & 0o077 == 0


def test_commands_run_on_the_demos_data_folder_without_settings(tmp_path: Path) -> None:
    demo = load({"MENSENWERK_DEMO": "1", "MENSENWERK_DATA_DIR": str(tmp_path)})
    command = load({"MENSENWERK_DATA_DIR": str(tmp_path)})
    assert command.demo is True
    assert command.secret_key == demo.secret_key


def test_a_folder_without_the_demos_key_still_needs_a_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^MENSENWERK_SECRET_KEY: not set"):
        load({"MENSENWERK_DATA_DIR": str(tmp_path)})


def test_a_production_setting_is_never_taken_for_the_demo(tmp_path: Path) -> None:
    load({"MENSENWERK_DEMO": "1", "MENSENWERK_DATA_DIR": str(tmp_path)})
    config = load({**BASE, "MENSENWERK_DATA_DIR": str(tmp_path)})
    assert config.demo is False


def test_it_defaults_to_sqlite_in_the_data_folder_with_debug_off() -> None:
    config = load(BASE)
    assert config.database["NAME"] == "/tmp/mw-config-test/mensenwerk.sqlite3"
    assert config.debug is False
    assert config.allowed_hosts == ["127.0.0.1", "localhost"]


SSO = {
    **BASE,
    "MENSENWERK_OIDC_ISSUER": "https://login.microsoftonline.com/tenant/v2.0/",
    "MENSENWERK_OIDC_CLIENT_ID": "mensenwerk",
    "MENSENWERK_OIDC_CLIENT_SECRET": "s3cret",
}


def test_single_sign_on_is_off_unless_an_issuer_is_set() -> None:
    assert load(BASE).sso is None
    sso = load({**SSO, "MENSENWERK_OIDC_GROUP_ROLES": "hr=HR-team; manager=Leiding,Teamleiders"})
    assert sso.sso is not None and sso.password_login
    assert sso.sso["issuer"] == "https://login.microsoftonline.com/tenant/v2.0"
    assert sso.sso["group_roles"] == {"hr": ["HR-team"], "manager": ["Leiding", "Teamleiders"]}
    assert sso.sso["create_users"] is False


@pytest.mark.parametrize(
    ("extra", "names"),
    [
        ({"MENSENWERK_PASSWORD_LOGIN": "0"}, "MENSENWERK_PASSWORD_LOGIN"),
        ({"MENSENWERK_OIDC_ISSUER": "login.example.nl"}, "MENSENWERK_OIDC_ISSUER"),
        ({"MENSENWERK_OIDC_ISSUER": "https://id.example.nl"}, "MENSENWERK_OIDC_CLIENT_ID"),
    ],
)
def test_it_refuses_an_incomplete_sign_on_setup(extra: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError, match=names):
        load({**BASE, **extra})


@pytest.mark.parametrize(
    ("extra", "names"),
    [
        ({"MENSENWERK_OIDC_CREATE_USERS": "1"}, "MENSENWERK_OIDC_DOMAINS"),
        ({"MENSENWERK_OIDC_GROUP_ROLES": "boss=Directie"}, "unknown role 'boss'"),
        ({"MENSENWERK_OIDC_GROUP_ROLES": "hr"}, "MENSENWERK_OIDC_GROUP_ROLES"),
        ({"MENSENWERK_OIDC_SIGN_ALGO": "none"}, "MENSENWERK_OIDC_SIGN_ALGO"),
    ],
)
def test_it_refuses_a_risky_or_wrong_sign_on_setting(extra: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError, match=names):
        load({**SSO, **extra})
    assert load({**SSO, "MENSENWERK_PASSWORD_LOGIN": "0"}).password_login is False


def test_the_language_model_re_ranks_only_when_turned_on() -> None:
    env = {**BASE, "MENSENWERK_LLM_URL": "http://127.0.0.1:8080/v1", "MENSENWERK_LLM_MODEL": "m"}
    assert load(env).llm["rerank"] is False
    assert load({**env, "MENSENWERK_LLM_RERANK": "on"}).llm["rerank"] is True
    with pytest.raises(ConfigError, match="MENSENWERK_LLM_RERANK"):
        load({**env, "MENSENWERK_LLM_RERANK": "sometimes"})
