"""Settings for the partnership self-assessment service, read from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# A form sent without a valid token gets a plain page saying nothing was saved (issue 11).
CSRF_FAILURE_VIEW = "partnership_site.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "crispy_forms",
    "simple_history",
    "axes",
    "csp",
    "partnership_site",
    "frameworks",
    "assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "partnership_site.middleware.SessionIdleTimeoutMiddleware",
    # Closes rounds whose closing date has passed, before any view reads them (ADR 0023).
    "assessments.middleware.CloseDueRoundsMiddleware",
    # Records who changed framework content in its history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "assessments.middleware.GuestLinksMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "partnership_site.middleware.NoStoreMiddleware",
    # Last: refuses sign-in while an account or address is locked out (django-axes).
    "axes.middleware.AxesMiddleware",
]

# Requests close rounds whose closing date has passed (ADR 0023); tests without a database
# turn this off.
CLOSE_DUE_ROUNDS_ON_REQUESTS = True

ROOT_URLCONF = "partnership_site.urls"

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
                "partnership_site.context_processors.service",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so templates/ can override the admin's widget templates
# (templates/admin/widgets/: labels for WCAG 2.2).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "partnership_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler is for long analytical queries. The dashboard's one query
    # over 1,250 partnerships is estimated costly enough to trigger it and then spends about
    # 14 s compiling 463 functions to run for 0.4 s (EXPLAIN ANALYZE, docs/performance.md).
    # A web request never gains from JIT, so it is off for this application's connections.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign in with a username or an email address; django-axes first, so a locked-out account or
# address is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "partnership_site.backends.EmailOrUsernameBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_partnerships"  # facilitators: the dashboard (SignInView)
LOGOUT_REDIRECT_URL = "start"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ("nhsuk",)
CRISPY_TEMPLATE_PACK = "nhsuk"

# -- Security (docs/deploy.md lists every variable; docs/adr/0015-hardened-deployment.md why) --

# Sessions on shared NHS computers: signed out after SESSION_IDLE_MINUTES without a request
# (each request renews the session) and when the browser closes.
# partnership_site.middleware.SessionIdleTimeoutMiddleware renews the timer at most once a minute.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_RENEW_INTERVAL = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS: redirect plain HTTP and send HSTS (one year by default) unless DEBUG.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Behind a proxy that ends TLS, trust its header naming the original scheme, so links built
# from the request (invitation links) start with https://. Set as "HEADER,value", such as
# "X-Forwarded-Proto,https"; never set it unless the proxy always sets or strips that header.
_proxy_ssl_header = env_list("SECURE_PROXY_SSL_HEADER", "")
if _proxy_ssl_header:
    if len(_proxy_ssl_header) != 2:
        raise ImproperlyConfigured(
            'SECURE_PROXY_SSL_HEADER must be "HEADER,value", such as "X-Forwarded-Proto,https".'
        )
    _header = "HTTP_" + _proxy_ssl_header[0].upper().replace("-", "_").removeprefix("HTTP_")
    SECURE_PROXY_SSL_HEADER = (_header, _proxy_ssl_header[1])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only this site's own files; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Sign-in throttling (django-axes): after SIGNIN_FAILURES_PER_ACCOUNT failed attempts for one
# account, or SIGNIN_FAILURES_PER_ADDRESS from one IP address (higher: a GP practice shares
# one address), sign-in is refused for SIGNIN_LOCKOUT_MINUTES after the latest attempt. An
# admin unlocks early by deleting the access attempt in the admin (or `manage.py axes_reset`).
AXES_HANDLER = "partnership_site.signin_throttle.ThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURES_PER_ACCOUNT", 5)
SIGNIN_FAILURES_PER_ADDRESS = env_int("SIGNIN_FAILURES_PER_ADDRESS", 50)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGNIN_LOCKOUT_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "partnership_site.signin_throttle.account_key"
AXES_LOCKOUT_CALLABLE = "partnership_site.signin_throttle.locked_out"
# Masked in the attempts axes records; "code" and "state": NHS account sign-in's callback.
AXES_SENSITIVE_PARAMETERS = ["password", "code", "state"]
# Behind TRUSTED_PROXY_COUNT proxies (load balancers), the client is the address that many
# entries from the right of X-Forwarded-For; with none, the connection's own address.
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# -- Sign in with an NHS account: OpenID Connect (docs/adr/0030, README, docs/deploy.md) --
# Off unless OIDC_ISSUER and OIDC_CLIENT_ID are set. The endpoints come from the issuer's
# discovery document (/.well-known/openid-configuration) unless given one by one. Accounts
# are matched by the provider's verified email address; none is created for an address
# nobody invited (partnership_site.oidc_backend).
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_ENABLED = bool(OIDC_ISSUER and OIDC_RP_CLIENT_ID)
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_AUTHORIZATION_ENDPOINT", "").strip()
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", "").strip()
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "").strip()
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_ENDPOINT", "").strip()
OIDC_OP_END_SESSION_ENDPOINT = os.environ.get("OIDC_END_SESSION_ENDPOINT", "").strip()
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile").strip()
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256").strip()
# Addresses accepted: exact domains ("nhs.net"), or ".nhs.uk" for any domain under nhs.uk.
OIDC_ALLOWED_EMAIL_DOMAINS = [d.lower() for d in env_list("OIDC_ALLOWED_EMAIL_DOMAINS", "")]
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # for id_token_hint when signing out at the provider
OIDC_AUTHENTICATION_CALLBACK_URL = "nhs_sign_in_callback"
if OIDC_ENABLED:
    if not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("OIDC_CLIENT_SECRET must be set with OIDC_CLIENT_ID.")
    if not OIDC_ALLOWED_EMAIL_DOMAINS:
        raise ImproperlyConfigured(
            "OIDC_ALLOWED_EMAIL_DOMAINS must list the email domains that may sign in with an "
            'NHS account, such as "nhs.net".'
        )
    AUTHENTICATION_BACKENDS.append("partnership_site.oidc_backend.NHSAccountBackend")
    # Signing out redirects a form's POST to the provider's end-session page.
    _provider_origin = "{0.scheme}://{0.netloc}".format(
        urlsplit(OIDC_OP_END_SESSION_ENDPOINT or OIDC_ISSUER)
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(_provider_origin)

# -- Who may be asked to answer (docs/adr/0037, README, docs/deploy.md) --
# Personal links, invitations to join a partnership and links asked for through a round's
# shared link go only to addresses in these domains (same syntax as
# OIDC_ALLOWED_EMAIL_DOMAINS): the suppression threshold then counts people whose mailboxes
# their employer runs, not addresses a manager could make up.
RESPONDENT_EMAIL_DOMAINS = [
    d.lower() for d in env_list("RESPONDENT_EMAIL_DOMAINS", "nhs.net,.nhs.uk")
]
if not RESPONDENT_EMAIL_DOMAINS:
    raise ImproperlyConfigured(
        'RESPONDENT_EMAIL_DOMAINS must list at least one email domain, such as "nhs.net".'
    )
# The cache (Django's cache framework) holds only request counts for throttling. In memory by
# default (per process); with CACHE_DIR, files in that directory, shared by every process on
# the server (docs/deploy.md).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["CACHE_DIR"],
    }
    if os.environ.get("CACHE_DIR", "").strip()
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Asking for a personal link through a round's shared link (ADR 0037): at most this many
# requests per hour from one IP address, for one round, and for one email address. Counted
# in the default cache (CACHES): per process unless a shared cache is configured.
LINK_REQUESTS_PER_IP_PER_HOUR = env_int("LINK_REQUESTS_PER_IP_PER_HOUR", 60)
LINK_REQUESTS_PER_ROUND_PER_HOUR = env_int("LINK_REQUESTS_PER_ROUND_PER_HOUR", 600)
LINK_REQUESTS_PER_ADDRESS_PER_HOUR = env_int("LINK_REQUESTS_PER_ADDRESS_PER_HOUR", 3)

SERVICE_NAME = "Partnership self-assessment"

# -- Email (README "Email", docs/deploy.md, ADR 0022) --
# With no EMAIL_HOST, messages are printed to the console (so `make run` needs nothing);
# with one, they go out over SMTP. Tests use Django's in-memory (locmem) backend.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"{SERVICE_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people reach the service at, for links in emails (no trailing slash), such as
# https://partnerships.example.nhs.uk. Emails are sent by commands too, with no request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 24) * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; lockouts (WARNING) are what operators need.
    "loggers": {"axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")}},
}
