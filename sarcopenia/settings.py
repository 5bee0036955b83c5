"""Settings for the sarcopenia screening app: one module, read from the environment, failing closed.

Every variable is listed in `.env.example`. With DJANGO_DEBUG off (the default) the app refuses to
start without a real DJANGO_SECRET_KEY; `make run` turns debug on for the local demo.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from sarcopenia.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DJANGO_DEBUG", False)


def _private_var() -> None:
    """var/ holds the SQLite database, staged imports and cached reports: the app's user's alone."""
    VAR_DIR.mkdir(mode=0o700, exist_ok=True)
    VAR_DIR.chmod(0o700)


def _secret_key() -> str:
    """A real key in production; in debug, a per-checkout key kept in var/ (git-ignored)."""
    key = env_str("DJANGO_SECRET_KEY")
    if key:
        if not DEBUG and (len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure")):
            raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random string of 50+ characters.")
        return key
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    _private_var()
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "axes",
    "csp",
    "django_prometheus",
    "screening",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, before anything that reads the session
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "screening.accounts.middleware.SessionActivityMiddleware",
    "screening.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "screening.accounts.middleware.NoStoreMiddleware",  # pages and downloads of signed-in users: Cache-Control no-store
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "sarcopenia.urls"
WSGI_APPLICATION = "sarcopenia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if env_str("DATABASE_TEST_NAME"):  # lets parallel runs on one server use separate test databases
    DATABASES["default"]["TEST"] = {"NAME": env_str("DATABASE_TEST_NAME")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    _private_var()
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling and lockout
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
# Failures count per username and per username from one address: a lockout never shuts out every user of
# an address (a clinic, or every user behind a proxy, shares one).
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Proxies in front of the app that append to X-Forwarded-For (0: none, REMOTE_ADDR is the client). The
# client address for lockouts and the access log is resolved in screening/accounts/client_ip.py.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXIES", 1 if env_bool("DJANGO_BEHIND_PROXY") else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXIES must be 0 or more.")
AXES_CLIENT_IP_CALLABLE = "screening.accounts.client_ip.client_ip"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "screening:patient_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = env_str("DJANGO_LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured("DJANGO_LANGUAGE_CODE must be zh-hans or en.")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
FORMAT_MODULE_PATH = ["sarcopenia.formats"]  # ISO dates in both languages (admin lists read "2026-12-07")
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
# Production serves its own static files (WhiteNoise): `collectstatic` writes them to STATIC_ROOT with
# content-hashed names and gzip copies; WhiteNoise sends a hashed name with a far-future, immutable
# Cache-Control header (a changed file gets a new name). The test suite uses plain storage (tests/conftest.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: safe defaults that `check --deploy` accepts; HTTPS settings follow DJANGO_HTTPS.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_REFRESH_SECONDS = 60  # idle expiry: the age restarts when the session is saved, at most once a minute
# (screening.accounts.middleware.SessionActivityMiddleware; not on every request)
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {  # no inline script anywhere; styles may be inline (Bootstrap, admin)
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Clinic behaviour
REASSESSMENT_INTERVAL_DAYS = env_int("REASSESSMENT_INTERVAL_DAYS", 182)

METRICS_TOKEN = env_str("METRICS_TOKEN")  # bearer token for /metrics; empty: staff login only

# The project's own FHIR CodeSystem (codes = data-dictionary column names): one canonical URL per deployment.
FHIR_CODESYSTEM_URL = env_str(
    "FHIR_CODESYSTEM_URL", "https://sarcopenia.example.org/fhir/CodeSystem/sarcopenia-screening"
)
FHIR_API_REQUESTS_PER_MINUTE = env_int("FHIR_API_REQUESTS_PER_MINUTE", 120)  # per token (read-only FHIR API)
FHIR_IDENTIFIER_SYSTEM = env_str(
    "FHIR_IDENTIFIER_SYSTEM", "https://sarcopenia.example.org/fhir/sid/patient"
)  # + "/<site code>"

LOGGING = {  # one JSON object per line; never patient data (see sarcopenia/logs.py)
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "sarcopenia.logs.JsonFormatter"}, "plain": {"()": "sarcopenia.logs.PlainFormatter"}},
    "filters": {"no_phi": {"()": "sarcopenia.logs.NoPatientTextFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["no_phi"]},
        "server": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_phi"]},
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # runserver's request lines, in the same clock (TIME_ZONE, with offset) as the JSON lines
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Batch work (report ZIPs, rescreen, large imports) runs on Celery workers when a broker is set;
# otherwise synchronously in the web process (the embedded default).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or CELERY_BROKER_URL or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL

# Report PDFs: the disk cache (var/reports-cache) is pruned to this size, least recently used first, and
# of PDFs unused this many days (0 turns a cap off); ZIPs of many reports render in this many processes
# (0: one per CPU, at most four).
REPORT_CACHE_MAX_MB = env_int("REPORT_CACHE_MAX_MB", 1024)
REPORT_CACHE_MAX_DAYS = env_int("REPORT_CACHE_MAX_DAYS", 90)
REPORT_BATCH_WORKERS = env_int("REPORT_BATCH_WORKERS", 0)
if min(REPORT_CACHE_MAX_MB, REPORT_CACHE_MAX_DAYS, REPORT_BATCH_WORKERS) < 0:
    raise ImproperlyConfigured("REPORT_CACHE_MAX_MB, REPORT_CACHE_MAX_DAYS and REPORT_BATCH_WORKERS must be 0 or more.")

# Staged import uploads (var/imports) of previews never confirmed are deleted after this many hours by
# `manage.py purge_staged_imports` (cron) or the `screening.tasks.purge_staged_imports` task (Celery beat).
IMPORT_STAGING_MAX_HOURS = env_int("IMPORT_STAGING_MAX_HOURS", 24)
if IMPORT_STAGING_MAX_HOURS < 0:
    raise ImproperlyConfigured("IMPORT_STAGING_MAX_HOURS must be 0 or more.")
