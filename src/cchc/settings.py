"""Django settings for cchc. Every value that varies by deployment comes from conf/env.py."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from cchc.conf.env import env_bool, env_int, env_list, env_str
from cchc.core import client_address, deployment

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

DEBUG = env_bool(
    "CCHC_DEBUG", False, "Development mode: detailed error pages, no HTTPS requirement."
)
_DEV_SECRET = "cchc-development-only-secret-key-never-use-in-production-0123456789"  # noqa: S105 (DEBUG only)
SECRET_KEY = env_str(
    "CCHC_SECRET_KEY",
    "",
    "Secret used to sign sessions and tokens. Required (50+ random characters) when DEBUG is off.",
)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("CCHC_SECRET_KEY must be set when CCHC_DEBUG is off.")
    SECRET_KEY = _DEV_SECRET

ALLOWED_HOSTS = env_list(
    "CCHC_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"],
    "Host names this server answers for, comma separated.",
)
HTTPS = env_bool(
    "CCHC_HTTPS",
    not DEBUG,
    "Served over HTTPS: secure-only cookies, HSTS and redirect to https. Turn off (`0`) only "
    "for a server on plain http at a private address, as `make demo` on 127.0.0.1 does: a "
    "browser never sends a secure-only cookie back over http, so sign-in would fail.",
    shown_default="on, off when `CCHC_DEBUG` is on",
)
PUBLIC_BASE_URL = env_str(
    "CCHC_PUBLIC_BASE_URL",
    "http://127.0.0.1:8000",
    "Public address of the portal, printed in QR codes on receipts (form 01).",
)
PROVINCE_CODE = env_str(
    "CCHC_PROVINCE_CODE", "H60", "The province's unit code on the national public-service portal."
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "django_htmx",
    "axes",
    "cchc.core",
    "cchc.accounts",
    "cchc.org",
    "cchc.workcalendar",
    "cchc.catalogue",
    "cchc.dossiers",
    "cchc.plan",
    "cchc.stats",
    "cchc.api",
    "cchc.portal",
    "cchc.office",
    "cchc.administration",
    "cchc.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cchc.core.middleware.BodySizeLimitMiddleware",
    "cchc.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cchc.core.idempotency.IdempotencyMiddleware",
    "cchc.core.middleware.DomainErrorMiddleware",
    # Last, as django-axes requires: locks out an address/account after repeated failures.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cchc.urls"
FORM_RENDERER = "cchc.core.forms.FormRenderer"
WSGI_APPLICATION = "cchc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "cchc.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATA_DIR = Path(
    env_str(
        "CCHC_DATA_DIR",
        str(PROJECT_DIR / "var"),
        "Folder for the SQLite file, collected static files and uploads.",
        shown_default="`var/` in the project folder",
    )
)
DATABASE_URL = env_str(
    "DATABASE_URL",
    f"sqlite:///{DATA_DIR / 'cchc.sqlite3'}",
    "Database to use; postgres://user@host:5432/name selects PostgreSQL (production). "
    "Default: an embedded SQLite file in WAL mode.",
    shown_default="`sqlite:///<CCHC_DATA_DIR>/cchc.sqlite3`",
)
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs 0.3–0.4 s on the queue counts and wins nothing on these short
    # queries (issue 16 §1).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env_str(
    "CCHC_REDIS_URL",
    "",
    "Redis for Django's cache (redis://host:6379/0): statistics results, sign-in throttle "
    "counters, shared by every process of every node. Empty: a cache per process (one node).",
)
CACHES = deployment.cache_config(REDIS_URL)

# --- Statistics ---------------------------------------------------------------------------
STATS_CACHE_SECONDS = int(
    env_str(
        "CCHC_STATS_CACHE_SECONDS",
        "0" if DEBUG else "60",
        "Seconds a computed statistic (766 index, ranking, plan values, leaders' dashboard) is "
        "kept in Django's cache; `0` turns the result cache off. Answers are also versioned: a "
        "rollup refresh makes the next read of its scope compute afresh (at once on a shared "
        "cache, within these seconds on the per-process default).",
        shown_default="`60`, `0` when `CCHC_DEBUG` is on",
    )
)

# --- Background work ------------------------------------------------------------------------
TASKS_IMMEDIATE = env_bool(
    "CCHC_TASKS_IMMEDIATE",
    False,
    "Run background tasks inline when their transaction commits (tests). Off: tasks are queued "
    "for the worker (`CCHC_TASKS_BACKEND`).",
)
TASKS_BACKEND = env_str(
    "CCHC_TASKS_BACKEND",
    "database",
    "Where background tasks are queued: `database` (run by `manage.py db_worker`) or `celery` "
    "(a broker, `CCHC_CELERY_BROKER_URL`; run by `celery -A cchc.core.celery_app worker`).",
)
CELERY_BROKER_URL = env_str(
    "CCHC_CELERY_BROKER_URL",
    "",
    "Celery broker with `CCHC_TASKS_BACKEND=celery`, e.g. amqp://user:password@host:5672//.",
)
TASKS = deployment.tasks_config(TASKS_BACKEND, TASKS_IMMEDIATE, CELERY_BROKER_URL)
# Celery workers take one task at a time and acknowledge it when done: a worker that dies
# mid-task leaves it to another. No result backend: the platform never reads task results.
CELERY_TASK_DEFAULT_QUEUE = env_str(
    "CCHC_CELERY_QUEUE",
    "cchc",
    "Broker queue of this installation's tasks (several installations may share a broker).",
)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
SILENCED_SYSTEM_CHECKS = ["django_tasks_celery.W001", "django_tasks_celery.W002"]

# --- Passwords, sessions, security ----------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cchc.accounts.backends.IdentityNumberBackend",
]
SIGNIN_PROVIDERS = env_list(
    "CCHC_SIGNIN_PROVIDERS",
    [],
    "External sign-in providers (e.g. a VNeID OpenID Connect plugin), as dotted class paths.",
)
# Messages live in the session, so signing out (or in as somebody else) clears them.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:after-login"
LOGOUT_REDIRECT_URL = "home"
# django-axes: web sign-in throttling (the API token endpoint has its own DRF throttle).
AXES_FAILURE_LIMIT = env_int(
    "CCHC_LOGIN_FAILURE_LIMIT", 5, "Failed sign-ins before an account/address pair is locked."
)
AXES_COOLOFF_TIME = (
    env_int("CCHC_LOGIN_LOCKOUT_MINUTES", 15, "Minutes a locked sign-in stays locked.") / 60
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Office hours (DOMAIN.md §3) ---------------------------------------------------------------
OFFICE_HOURS = env_str(
    "CCHC_OFFICE_HOURS",
    "07:30-11:30,13:30-17:30",
    "Office hours of a working day, as comma-separated HH:MM-HH:MM periods.",
)
WORKING_WEEKDAYS = env_str(
    "CCHC_WORKING_WEEKDAYS", "0,1,2,3,4", "Working weekdays, 0 = Monday … 6 = Sunday."
)

# --- Files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
S3 = deployment.S3(
    bucket=env_str(
        "CCHC_S3_BUCKET",
        "",
        "Bucket of S3-compatible object storage for uploaded documents (several nodes). "
        "Empty: documents on the local disk (`CCHC_MEDIA_ROOT`).",
    ),
    endpoint_url=env_str(
        "CCHC_S3_ENDPOINT_URL", "", "Address of the S3-compatible server; empty: AWS's."
    ),
    region=env_str("CCHC_S3_REGION", "", "Region of the bucket, if the server needs one."),
    access_key=env_str(
        "CCHC_S3_ACCESS_KEY",
        "",
        "Access key of the bucket; empty: boto3's usual sources (AWS_* variables, roles).",
    ),
    secret_key=env_str("CCHC_S3_SECRET_KEY", "", "Secret key that goes with the access key."),
    prefix=env_str("CCHC_S3_PREFIX", "", "Folder inside the bucket for this installation."),
    addressing_style=env_str(
        "CCHC_S3_ADDRESSING_STYLE", "", "`path` or `virtual`; empty: the client chooses."
    ),
)
STORAGES = deployment.storage_config(
    S3,
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if not DEBUG
    else "django.contrib.staticfiles.storage.StaticFilesStorage",
)
# Development and tests serve static files straight from the apps; production (and the demo)
# serves the collected, hashed copies (`collectstatic`).
WHITENOISE_USE_FINDERS = DEBUG
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise as they are.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_ROOT = Path(
    env_str(
        "CCHC_MEDIA_ROOT",
        str(DATA_DIR / "media"),
        "Where uploaded documents are stored.",
        shown_default="`<CCHC_DATA_DIR>/media`",
    )
)
MEDIA_URL = "/media-not-served/"  # documents are served only through permission-checked views
UPLOAD_MAX_MB = env_int("CCHC_UPLOAD_MAX_MB", 20, "Largest accepted upload, in megabytes.")
DATA_UPLOAD_MAX_MEMORY_SIZE = 32 * 1024 * 1024  # the history import posts large JSON lists
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_BODY_BYTES = (
    env_int(
        "CCHC_MAX_BODY_MB",
        64,
        "Largest request body accepted, in megabytes; larger ones are refused with 413 before "
        "they are read (set the reverse proxy's limit to the same value).",
    )
    * 1024
    * 1024
)

EMAIL_BACKEND_CLASS = env_str(
    "CCHC_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
    "Django e-mail backend for notifications.",
    shown_default="SMTP; the console backend (prints e-mails) when `CCHC_DEBUG` is on",
)
SMTP_OPTIONS = {
    "host": env_str("CCHC_SMTP_HOST", "localhost", "SMTP server for notifications."),
    "port": env_int("CCHC_SMTP_PORT", 25, "SMTP port."),
    "use_tls": env_bool("CCHC_SMTP_TLS", False, "Use STARTTLS with the SMTP server."),
}
# Only the SMTP backend takes these options; any other backend refuses unknown ones.
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_CLASS,
        "OPTIONS": SMTP_OPTIONS if EMAIL_BACKEND_CLASS.endswith(".smtp.EmailBackend") else {},
    }
}
SMS_BACKEND = env_str(
    "CCHC_SMS_BACKEND",
    "cchc.core.sms.ConsoleSmsBackend",
    "Class that sends text messages (a province's SMS gateway); the default writes them to the log.",
)
DEFAULT_FROM_EMAIL = env_str(
    "CCHC_FROM_EMAIL", "khong-tra-loi@cchc.local", "Sender of notifications."
)

# --- REST API ------------------------------------------------------------------------------
LOGIN_THROTTLE_RATE = env_str(
    "CCHC_LOGIN_THROTTLE_RATE", "10/min", "Sign-in attempts allowed per client address."
)
API_TOKEN_TTL_HOURS = env_int(
    "CCHC_API_TOKEN_TTL_HOURS",
    168,
    "Lifetime of an API token, in hours; a password or role change revokes it sooner.",
)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cchc.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "cchc.api.parsers.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "cchc.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "cchc.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"login": LOGIN_THROTTLE_RATE},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "cchc API",
    "DESCRIPTION": "API của nền tảng cải cách hành chính — procedures, dossiers, working-day calendar.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"DossierStatusEnum": "cchc.dossiers.constants.Status"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CCHC_LOG_LEVEL", "INFO", "Log level.")},
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# --- Several nodes (docs/deployment.md) -----------------------------------------------------
# Cache, uploads and tasks are chosen above (`CCHC_REDIS_URL`, `CCHC_S3_*`, `CCHC_TASKS_*`).
REPLICA_DATABASE_URL = env_str(
    "CCHC_REPLICA_DATABASE_URL",
    "",
    "A read replica of the PostgreSQL database (postgres://user@replica:5432/name): statistics "
    "and their exports read there. Empty: everything reads the main database.",
)
DATABASES.update(deployment.replica_config(REPLICA_DATABASE_URL))  # type: ignore[arg-type]
DATABASE_ROUTERS = ["cchc.core.dbrouters.ReplicaRouter"]
TRUSTED_PROXIES = env_list(
    "CCHC_TRUSTED_PROXIES",
    [],
    "Addresses (CIDRs) of our reverse proxies / load balancers, comma separated. Only a request "
    "coming from one of them has its X-Forwarded-For believed, read from the right; empty: the "
    "socket peer is the client.",
)
client_address.parse_networks(TRUSTED_PROXIES)  # a typo stops the start, not a request
# One rule for the client address (`cchc.core.client_address`): sign-in lockouts, throttles.
AXES_CLIENT_IP_CALLABLE = "cchc.core.client_address.client_address"
REST_FRAMEWORK["NUM_PROXIES"] = 0  # DRF's own rule, should a throttle not use ours: the peer
