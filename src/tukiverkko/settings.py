"""One settings module, driven by environment variables (see .env.example).

TUKIVERKKO_ENV selects the mode:
- ``production`` (default): DEBUG off, SECRET_KEY and field key required, secure cookies.
- ``demo``: what ``make run`` uses — a fixed demo key, SQLite, optional two-factor login, the
  production error pages (DEBUG off unless DJANGO_DEBUG says otherwise), no second factor on the
  admin site.
- ``test``: what the test suite uses (chosen automatically under pytest).
Bad values fail loudly at start-up rather than running with a surprise: every problem is an
ImproperlyConfigured whose message names the variable, which ``tukiverkko`` prints as one line.

Variables come from the environment and, outside the test suite, from a ``.env`` file in the
current directory (or the file TUKIVERKKO_ENV_FILE names); the environment wins. Each secret
can instead be read from a file named by ``<NAME>_FILE`` (container secrets).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

if "PYTEST_VERSION" not in os.environ:  # the suite sets its own environment, never a .env
    _env_file = os.environ.get("TUKIVERKKO_ENV_FILE")
    if _env_file and not Path(_env_file).is_file():
        raise ImproperlyConfigured(
            f"TUKIVERKKO_ENV_FILE names {_env_file}, which is not a file: correct or unset it"
        )
    load_dotenv(_env_file or Path.cwd() / ".env", override=False)

_MODES = {"production", "demo", "test"}
ENV = os.environ.get("TUKIVERKKO_ENV") or (
    "test" if "PYTEST_VERSION" in os.environ else "production"
)
if ENV not in _MODES:
    raise ImproperlyConfigured(
        f"TUKIVERKKO_ENV must be one of {', '.join(sorted(_MODES))}, not {ENV!r}"
    )
PRODUCTION = ENV == "production"


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def _secret(name: str) -> str:
    """``name`` from the environment, or the content of the file ``name_FILE`` names."""
    value = os.environ.get(name, "")
    path = os.environ.get(f"{name}_FILE", "")
    if value and path:
        raise ImproperlyConfigured(f"set {name} or {name}_FILE, not both")
    if not path:
        return value
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {reason}") from None


def _required(name: str, demo_default: str) -> str:
    value = _secret(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(
            f"{name} is not set: production needs it in the environment, in .env or in a "
            f"file named by {name}_FILE (see .env.example); for a demo set TUKIVERKKO_ENV=demo"
        )
    return demo_default


SECRET_KEY = _required("DJANGO_SECRET_KEY", "demo-only-insecure-key-" + "x" * 40)


def _fernet_key(name: str, key: str) -> str:
    try:
        if len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32:
            return key
    except (ValueError, UnicodeEncodeError):
        pass
    raise ImproperlyConfigured(
        f"{name} is not a Fernet key (32 url-safe base64-encoded bytes); make one with: "
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
    )


# Fernet key for encrypting henkilötunnus at rest; the demo key is public and fine only for demo.
FIELD_ENCRYPTION_KEY = _fernet_key(
    "TUKIVERKKO_FIELD_KEY",
    _required("TUKIVERKKO_FIELD_KEY", "ZGVtby1vbmx5LWtleS0tbm90LWZvci1wcm9kLXVzZSE="),
)
# Keys being rotated out: still decrypt, never encrypt; `tukiverkko rotate-keys` moves every
# value to FIELD_ENCRYPTION_KEY, after which they can go (docs/deploy.md, decision 0175).
FIELD_ENCRYPTION_KEY_FALLBACKS = [
    _fernet_key("TUKIVERKKO_FIELD_KEY_PREVIOUS", key.strip())
    for key in _secret("TUKIVERKKO_FIELD_KEY_PREVIOUS").split(",")
    if key.strip()
]
# The key that makes the audit hash chain an HMAC chain (docs/audit.md): required in production,
# so that whoever can write to the database cannot recompute the chain (review L7, decision
# 0212); optional in the demo and the tests.
AUDIT_HMAC_KEY = _secret("TUKIVERKKO_AUDIT_HMAC_KEY")
if PRODUCTION and len(AUDIT_HMAC_KEY) < 32:
    raise ImproperlyConfigured(
        "TUKIVERKKO_AUDIT_HMAC_KEY must be set in production, at least 32 characters "
        "(see .env.example)"
    )
# Retired audit keys: never used to write, only to verify the epochs written under them
# (comma-separated; docs/audit.md "Changing the key", decision 0177).
AUDIT_HMAC_KEYS_PREVIOUS = [
    key.strip() for key in _secret("TUKIVERKKO_AUDIT_HMAC_KEY_PREVIOUS").split(",") if key.strip()
]
# The client's IP address on each audit entry, only where the deployment turns it on.
AUDIT_LOG_IP = _bool("TUKIVERKKO_AUDIT_IP", default=False)

# DEBUG is off in every mode unless asked for: the demo shows the production error pages, in
# Finnish, and never a traceback with a client's name in it (review L2).
DEBUG = _bool("DJANGO_DEBUG", default=False)
if DEBUG and PRODUCTION:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on in production")

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
    ).split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves Swagger UI from its own static files; without it the docs page uses a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tukiverkko.core",
    "tukiverkko.accounts",
    "tukiverkko.catalogue",
    "tukiverkko.screening",
    "tukiverkko.rules",
    "tukiverkko.clients",
    "tukiverkko.consent",
    "tukiverkko.audit",
    "tukiverkko.cases",
    "tukiverkko.plans",
    "tukiverkko.assessments",
    "tukiverkko.referrals",
    "tukiverkko.teams",
    "tukiverkko.ips",
    "tukiverkko.followup",
    "tukiverkko.portal",
    "tukiverkko.workspace",
    "tukiverkko.monitoring",
    "tukiverkko.interop",
    "tukiverkko.access",
    "tukiverkko.api",
    "tukiverkko.demo",
    "tukiverkko.operations",
]

MIDDLEWARE = [
    # First: load balancers probe /healthz and /readyz by IP over plain HTTP.
    "tukiverkko.operations.middleware.HealthMiddleware",
    "tukiverkko.operations.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tukiverkko.api.language.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tukiverkko.access.middleware.AuditContextMiddleware",
    "tukiverkko.api.middleware.BodyLimitMiddleware",
    "tukiverkko.accounts.middleware.AbsoluteSessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tukiverkko.urls"
WSGI_APPLICATION = "tukiverkko.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                # The navigation's counts of what waits for a professional (lazy).
                "tukiverkko.workspace.views.nav_counts",
            ],
        },
    },
]

VAR_DIR = BASE_DIR / "var"  # SQLite files of the demo and the tests (ignored by git)
_default_db = f"sqlite:///{VAR_DIR / 'tukiverkko.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(
            _secret("DATABASE_URL") or _default_db,
            # Persistent connections: one per worker thread, re-checked before reuse.
            conn_max_age=_int("DJANGO_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
except ValueError as exc:  # dj-database-url: unknown scheme or a malformed address
    raise ImproperlyConfigured(
        "DATABASE_URL is not a database address (postgres://user:password@host:5432/name or "
        f"sqlite:////absolute/path.sqlite3): {exc}"
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # One writer at a time, waiting rather than failing: IMMEDIATE takes the write lock when a
    # transaction begins (a deferred transaction that reads and then writes — as every audited
    # read does — would otherwise fail at once when another request holds the lock), WAL lets
    # readers go on meanwhile. See docs/decisions/0003-sqlite-immediate-wal.md.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # The test database is a file too, so tests meet the same locking as the demo server
    # (an in-memory database uses table locks that never wait).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# How audit entries are chained (decision 0330): "deferred" — a read INSERTs its entry and the
# sequencer in the task worker chains it milliseconds later (the default on PostgreSQL outside
# the suite) — or "inline", the writer chaining its own entry under the head lock (SQLite, the
# suite: its tests that need the sequencer turn it on).
AUDIT_SEQUENCING = os.environ.get("TUKIVERKKO_AUDIT_SEQUENCING", "") or (
    "deferred" if "postgresql" in DATABASES["default"]["ENGINE"] and ENV != "test" else "inline"
)
if AUDIT_SEQUENCING not in ("inline", "deferred"):
    raise ImproperlyConfigured(
        f"TUKIVERKKO_AUDIT_SEQUENCING must be inline or deferred, not {AUDIT_SEQUENCING!r}"
    )
# verify-audit fails when an entry has waited for the sequencer longer than this (seconds).
AUDIT_CHAIN_LAG_SECONDS = _int("TUKIVERKKO_AUDIT_CHAIN_LAG_SECONDS", 60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENV == "test":  # accounts/hashers.py: the same algorithm, 1,000 iterations
    PASSWORD_HASHERS = ["tukiverkko.accounts.hashers.QuickPBKDF2PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"

# Two-factor login for professionals (django-otp). Only the demo may switch it off.
REQUIRE_2FA = _bool("TUKIVERKKO_REQUIRE_2FA", default=PRODUCTION)
if PRODUCTION and not REQUIRE_2FA:
    raise ImproperlyConfigured("TUKIVERKKO_REQUIRE_2FA cannot be off in production")

# Throttled failed logins (django-axes): 5 failures lock the username for 30 minutes, from
# whatever address they come (review L4: spreading guesses over many addresses gets nothing),
# and 5 from one address lock that address (spraying one password over many usernames); a
# failure while locked does not prolong the lock-out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLED = ENV != "test" or _bool("TUKIVERKKO_AXES_IN_TESTS", default=False)

# Sessions expire after 20 minutes idle and 10 hours in all (the absolute limit is
# enforced by tukiverkko.accounts.middleware, added by the client-path work).
SESSION_COOKIE_AGE = 20 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_MAX_AGE = 10 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("suomi")), ("sv", _("svenska")), ("en", _("English"))]
# Translations live per app in <app>/locale/{sv,en}/LC_MESSAGES/django.po (found automatically).
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["tukiverkko.formats"]

STATIC_URL = "/static/"
# collectstatic target in production; elsewhere static files come straight from the apps.
STATIC_ROOT = (
    Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "var" / "static")
    if PRODUCTION
    else None
)
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

DATA_DIR = Path(os.environ.get("TUKIVERKKO_DATA_DIR", BASE_DIR / "data"))

TASKS = {
    "default": {
        "BACKEND": (
            # The suite runs tasks at once; the demo and production queue them in the database
            # for `tukiverkko worker`, which `tukiverkko serve` starts beside the web server.
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENV == "test"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# Outgoing e-mail: the follow-up job's "Sinulla on uusi tehtävä" notices (followup.notify).
# Django's defaults: SMTP on localhost:25; the demo prints them on the console (the worker's
# output). The file backend (django.core.mail.backends.filebased.EmailBackend) writes each
# message into DJANGO_EMAIL_FILE_PATH instead — what tests/test_logs.py reads.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if ENV == "demo"
    else "django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL") or "tukiverkko@localhost"
# Where the service is reached, for the links in e-mail (no request to take it from).
TUKIVERKKO_BASE_URL = (os.environ.get("TUKIVERKKO_BASE_URL") or "http://127.0.0.1:8000").rstrip("/")
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH") or str(VAR_DIR / "mail")

# Suomi.fi identification for the client's portal, through the municipality's or wellbeing
# county's OIDC broker (docs/portal.md "Suomi.fi login", decision 0341). Off — the routes answer
# 404 and the login page offers only the one-time code — unless TUKIVERKKO_OIDC_ISSUER is set;
# then every endpoint and the client's credentials are required. No discovery document is read:
# the endpoints are configuration, fixed when the broker registers this service.
_OIDC_ALGS = {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}  # asymmetric only


def _oidc() -> dict[str, Any] | None:
    issuer = os.environ.get("TUKIVERKKO_OIDC_ISSUER", "").strip()
    if not issuer:
        return None
    values = {
        "issuer": issuer,
        "authorization_endpoint": os.environ.get("TUKIVERKKO_OIDC_AUTHORIZATION_ENDPOINT", ""),
        "token_endpoint": os.environ.get("TUKIVERKKO_OIDC_TOKEN_ENDPOINT", ""),
        "jwks_endpoint": os.environ.get("TUKIVERKKO_OIDC_JWKS_ENDPOINT", ""),
        "userinfo_endpoint": os.environ.get("TUKIVERKKO_OIDC_USERINFO_ENDPOINT", ""),
        "client_id": os.environ.get("TUKIVERKKO_OIDC_CLIENT_ID", ""),
        "client_secret": _secret("TUKIVERKKO_OIDC_CLIENT_SECRET"),
    }
    values = {key: value.strip() for key, value in values.items()}
    for key in ("authorization_endpoint", "token_endpoint", "jwks_endpoint", "client_id"):
        if not values[key]:
            raise ImproperlyConfigured(
                f"TUKIVERKKO_OIDC_{key.upper()} must be set when TUKIVERKKO_OIDC_ISSUER is"
            )
    if not values["client_secret"]:
        raise ImproperlyConfigured(
            "TUKIVERKKO_OIDC_CLIENT_SECRET (or _FILE) must be set when TUKIVERKKO_OIDC_ISSUER is"
        )
    for key in ("authorization_endpoint", "token_endpoint", "jwks_endpoint", "userinfo_endpoint"):
        url = values[key]
        if url and not url.startswith("https://") and (PRODUCTION or not url.startswith("http://")):
            raise ImproperlyConfigured(
                f"TUKIVERKKO_OIDC_{key.upper()} must be an https:// address, not {url!r}"
            )
    alg = os.environ.get("TUKIVERKKO_OIDC_SIGN_ALG", "").strip() or "RS256"
    if alg not in _OIDC_ALGS:
        raise ImproperlyConfigured(
            f"TUKIVERKKO_OIDC_SIGN_ALG must be one of {', '.join(sorted(_OIDC_ALGS))}, not {alg!r}"
        )
    timeout = _int("TUKIVERKKO_OIDC_TIMEOUT", 10)
    if timeout < 1:
        raise ImproperlyConfigured("TUKIVERKKO_OIDC_TIMEOUT must be at least 1 (seconds)")
    return values | {
        "sign_alg": alg,
        "scopes": os.environ.get("TUKIVERKKO_OIDC_SCOPES", "").strip() or "openid",
        # Suomi.fi's name for the henkilötunnus (nationalIdentificationNumber), which brokers
        # pass on; some rename it ("hetu"): then name theirs here.
        "hetu_claim": os.environ.get("TUKIVERKKO_OIDC_HETU_CLAIM", "").strip()
        or "urn:oid:1.2.246.21",
        # e.g. http://ftn.ficora.fi/2017/loa3: asked for, and then required of the ID token.
        "acr_values": os.environ.get("TUKIVERKKO_OIDC_ACR_VALUES", "").split(),
        "token_basic_auth": _bool("TUKIVERKKO_OIDC_TOKEN_BASIC_AUTH", default=False),
        "timeout": timeout,
    }


PORTAL_OIDC = _oidc()

# Security headers; production also forces HTTPS and secure cookies.
# A strict Content-Security-Policy (django-csp, review M4): scripts, styles, images and fonts
# only from this site, no inline script or style (htmx is configured for it in base.html), no
# frames, forms posting only here. A page that needs an inline <style> (the printed page's
# footer) gives it the request's nonce: {{ request.csp_nonce }} — the nonce enters the header
# only when a page used it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page needs a camera, a microphone, the location or the like (django-permissions-policy).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
# A refused CSRF check answers with the site's own Finnish page, and is logged.
CSRF_FAILURE_VIEW = "tukiverkko.core.views.csrf_failure"
# The admin's second-factor page hides a device's secret (review H5).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = _bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No personal data in logs: one JSON object per line, with the request id
# (tukiverkko.operations.logs). Request lines carry the path without its query string, and
# client pages have only integer ids in their paths; Django's e-mails to ADMINS are off (they
# would carry request data). tests/test_logs.py scans the demo story's every line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tukiverkko.operations.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "tukiverkko.operations.logs.json_formatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        name: {"handlers": ["console"], "level": level, "propagate": False}
        for name, level in [
            ("tukiverkko", "INFO"),
            ("django", "INFO"),
            ("django.server", "WARNING"),  # runserver's lines carry query strings
            ("django_tasks", "INFO"),
            ("django_tasks_db", "INFO"),
        ]
    },
}
