"""Django settings. Every knob comes from an environment variable via :mod:`mensenwerk.config`."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from mensenwerk import config

CONFIG = config.load()
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = CONFIG.data_dir
config.secure_data_dir(DATA_DIR)  # owner-only: CVs, the SQLite database, keys
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
DEMO = CONFIG.demo
MENSENWERK_BASE_URL = CONFIG.base_url  # '' when unset: the digest refuses to send
MENSENWERK_LLM = CONFIG.llm  # None: the assistant answers with extractive quotes only
MENSENWERK_ASSISTANT = CONFIG.assistant  # meaning-based search on/off, its decline threshold

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "mensenwerk.core",
    "mensenwerk.governance",
    "mensenwerk.recruitment",
    "mensenwerk.bias",
    "mensenwerk.assistant",
    "mensenwerk.adoption",
    "mensenwerk.drafting",
    "mensenwerk.onboarding",
    "mensenwerk.skills",
    "mensenwerk.analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mensenwerk.core.middleware.RequestSizeLimitMiddleware",
    "mensenwerk.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "mensenwerk.core.middleware.OrganisationLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mensenwerk.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mensenwerk.governance.middleware.ActivationGateMiddleware",
]

ROOT_URLCONF = "mensenwerk.urls"
WSGI_APPLICATION = "mensenwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mensenwerk.core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {"default": CONFIG.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
# single sign-on (OpenID Connect) when MENSENWERK_OIDC_ISSUER is set: docs/operations.md
MENSENWERK_SSO = CONFIG.sso
PASSWORD_LOGIN = CONFIG.password_login
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "mensenwerk.core.sso.SignInBackend",
]
LOGIN_REDIRECT_URL = "core:start"
LOGOUT_REDIRECT_URL = "login"
LOGIN_MAX_FAILURES = CONFIG.login_max_failures
LOGIN_LOCKOUT_MINUTES = CONFIG.login_lockout_minutes
LOGIN_MAX_FAILURES_PER_ADDRESS = CONFIG.login_max_failures_per_address
APPLY_PER_ADDRESS_PER_HOUR = CONFIG.apply_per_address_per_hour
APPLY_PER_VACANCY_PER_HOUR = CONFIG.apply_per_vacancy_per_hour
PASSWORD_RESET_TIMEOUT = 2 * 24 * 3600  # a set-your-password link works for two days

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# only for operators whose reverse proxy serves static files (`mensenwerk manage collectstatic`)
STATIC_ROOT = DATA_DIR / "static" if CONFIG.collect_static else None
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# WhiteNoise serves straight from the package's static folders: no collectstatic step,
# and nothing is ever fetched from a CDN.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "files"

MAX_UPLOAD_BYTES = CONFIG.max_upload_mb * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

# Security baseline. Cookies are Secure and HSTS is sent when served over TLS
# (MENSENWERK_TLS=1, behind a reverse proxy that sets X-Forwarded-Proto).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if CONFIG.tls:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # preloading is hard to undo, so it is the operator's explicit choice, not a default
    SECURE_HSTS_PRELOAD = CONFIG.hsts_preload
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host != "*"]
    # the health check must answer plain HTTP from the proxy or an orchestrator
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# the language switch sets the choice for a year
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

EMAIL_BACKEND = CONFIG.email_backend
DEFAULT_FROM_EMAIL = CONFIG.default_from_email

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # a refused request (403, 404) is one line, not a traceback; server errors keep theirs
    "filters": {"no_client_tracebacks": {"()": "mensenwerk.core.logs.NoClientErrorTracebacks"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_client_tracebacks"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"mensenwerk": {"level": "INFO"}, "django_tasks": {"level": "INFO"}},
}

NINJA_PAGINATION_PER_PAGE = 50
