"""VNTX settings: one module, every knob an environment variable.

With no variable set the site runs on its embedded defaults (SQLite under var/, the in-memory
channel layer, eager Celery, console e-mail, payments off, osmem-server for search), so that a
newcomer needs nothing but Python. Each production part is switched on by its own variable;
see .env.example and the "Runtime modes" table of DESIGN.md.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent.parent
# Importing the settings creates no folder: marketplace/core/apps.py creates the embedded
# default's folders when the apps load.
VAR_DIR = Path(env.str("VNTX_VAR_DIR", default=str(BASE_DIR / "var")))

# --- Core -----------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=True)

# Production mode: a production part is switched on (DATABASE_URL, REDIS_URL or
# ELASTICSEARCH_URL set) or DEBUG is false. The embedded SECRET_KEY and ALLOWED_HOSTS serve only
# the zero-variable local demo; in production mode the site refuses to start without its own
# (it fails closed), with one line that says what to set. bin/test supplies throwaway values
# for its production-mode runs.
EMBEDDED_SECRET_KEY = "embedded-insecure-key-for-local-demo-only-5d1f0c7e9b2a4e31"  # noqa: S105
# The SECRET_KEY default of docker-compose.yml (it lets `docker compose config` work on a fresh
# clone); refused like the embedded key.
COMPOSE_PLACEHOLDER_SECRET_KEY = "compose-placeholder-key-set-SECRET_KEY-in-dotenv-9f3c2a7d41e8b6"  # noqa: S105
_production_reasons = [
    f"{name} is set"
    for name in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL")
    if env.str(name, default="").strip()
]
if not DEBUG:
    _production_reasons.append("DEBUG is false")
PRODUCTION_MODE = bool(_production_reasons)

if PRODUCTION_MODE:
    _mode = f"production mode ({', '.join(_production_reasons)})"
    SECRET_KEY = env.str("SECRET_KEY", default="")
    _secret_problem = {
        "": ("SECRET_KEY is not set", "set SECRET_KEY"),
        EMBEDDED_SECRET_KEY: ("SECRET_KEY is the embedded demo key", "set SECRET_KEY"),
        COMPOSE_PLACEHOLDER_SECRET_KEY: (
            "SECRET_KEY is the placeholder of docker-compose.yml",
            "set SECRET_KEY in .env",
        ),
    }.get(SECRET_KEY.strip())
    if _secret_problem:
        raise ImproperlyConfigured(
            f"{_secret_problem[0]}: {_mode} needs a secret key of its own; "
            f"{_secret_problem[1]} to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
    ALLOWED_HOSTS = [host.strip() for host in env.list("ALLOWED_HOSTS", default=[]) if host.strip()]
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            f"ALLOWED_HOSTS is not set: {_mode} answers only the host names it is given; set "
            "ALLOWED_HOSTS to the site's host names, comma-separated (e.g. vntx.example.vn)."
        )
else:
    SECRET_KEY = env.str("SECRET_KEY", default=EMBEDDED_SECRET_KEY)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SITE_ID = 1

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    # third party
    "channels",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_celery_beat",
    "allauth",
    "allauth.account",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # project
    "marketplace.core",
    "marketplace.reference",
    "marketplace.exchanges",
    "marketplace.accounts",
    "marketplace.negotiations",
    "marketplace.payments",
    "listings",
    "matching",
    "search",
    "cms",
    "demo",
]

MIDDLEWARE = [
    # First: every answer and log line of a request carry its id; API errors are JSON.
    "marketplace.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy, static files included.
    "marketplace.core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "marketplace.core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

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
                "marketplace.core.context_processors.site_chrome",
                "marketplace.exchanges.context_processors.federation_chrome",
            ],
        },
    },
]

# --- Change events --------------------------------------------------------------------------

# Who reacts when listings or organisations change (marketplace.core.events): each handler is
# called after commit with (ids, reason=...) and only queues its own work.
LISTINGS_CHANGED_HANDLERS = [
    "search.subscribers.listings_changed",
    "matching.subscribers.listings_changed",
]
ORGANISATIONS_CHANGED_HANDLERS = [
    "search.subscribers.organisations_changed",
    "matching.subscribers.organisations_changed",
]

# --- Database -------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'vntx.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (an ASGI server runs views in several threads) must queue, not fail:
    # - IMMEDIATE takes the write lock when a transaction begins. A DEFERRED one (SQLite's
    #   default) reads first and asks for the lock at its first write; SQLite cannot wait
    #   there without risking a deadlock, so it fails at once with "database is locked".
    # - timeout: how long a writer waits for the lock (seconds) before it gives up.
    # - WAL lets readers go on beside the writer; synchronous=NORMAL is safe in WAL mode
    #   (a power cut can lose the last commits, never corrupt the file) and much faster.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One psycopg pool per process, no persistent connections. Under ASGI each request runs
    # its synchronous code in a thread of its own and Django's connections belong to threads,
    # so CONN_MAX_AGE > 0 opened a connection per request and left it open until garbage
    # collection: 16 concurrent clients exhausted max_connections ("too many clients").
    # The pool caps a process at DATABASE_POOL_MAX_SIZE connections (a request waits up to
    # DATABASE_POOL_TIMEOUT seconds for one); processes × that size must stay below
    # PostgreSQL's max_connections (docs/operations.md). 0 turns the pool off: each request
    # then opens a connection and closes it at its end (e.g. behind PgBouncer).
    _pool_max_size = env.int("DATABASE_POOL_MAX_SIZE", default=10)
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool refuses persistent connections
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # the pool checks a connection it lends
    DATABASES["default"].setdefault("OPTIONS", {})
    if _pool_max_size > 0:
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": min(env.int("DATABASE_POOL_MIN_SIZE", default=2), _pool_max_size),
            "max_size": _pool_max_size,
            "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, channel layer, Celery broker ----------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="vntx"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env.str("CHANNELS_PREFIX", default="vntx")},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost/")
CELERY_RESULT_BACKEND = None
# Without a broker the tasks run inline, so the embedded default needs no worker process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3, "socket_timeout": 3}
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Synced into django-celery-beat's tables when beat starts; times are Asia/Ho_Chi_Minh.
CELERY_BEAT_SCHEDULE = {
    "listings-expire": {
        "task": "listings.tasks.expire_listings",
        "schedule": crontab(hour=1, minute=0),
    },
    "listings-renewal-reminders": {
        "task": "listings.tasks.send_renewal_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "search-repair": {
        "task": "search.tasks.repair_search_index",
        "schedule": crontab(hour=2, minute=30),
    },
    "search-saved-search-digests": {  # after the repair: the index has caught up
        "task": "search.tasks.send_saved_search_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "matching-match-all": {  # every suggestion list from scratch, before the digests
        "task": "matching.tasks.match_all",
        "schedule": crontab(hour=3, minute=0),
    },
    "matching-digests": {
        "task": "matching.tasks.send_match_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    "listings-sweep-pending-imports": {  # spreadsheet previews nobody confirmed or cancelled
        "task": "listings.tasks.sweep_pending_imports",
        "schedule": crontab(minute="*/15"),
    },
}

# --- Matching -------------------------------------------------------------------------------

# Vectors depend only on the model and the text: remembered here, shared by the processes of
# the machine, so re-importing or re-seeding the same texts does not encode them again. Empty:
# no cache.
MATCHING_VECTOR_CACHE = env.str(
    "MATCHING_VECTOR_CACHE", default=str(VAR_DIR / "vector-cache.sqlite3")
)

# --- Search ---------------------------------------------------------------------------------

# Unset: search/ starts osmem-server on demand (see search/engine.py).
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
# A secured Elasticsearch 8 (its default): the cluster's CA certificate file and an API key.
ELASTICSEARCH_CA_CERTS = env.str("ELASTICSEARCH_CA_CERTS", default="")
ELASTICSEARCH_API_KEY = env.str("ELASTICSEARCH_API_KEY", default="")
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="vntx")
# Where the embedded engine's record (address, pid, version), lock and log live: every process
# that reads the same folder shares one engine.
SEARCH_ENGINE_STATE_DIR = Path(env.str("SEARCH_ENGINE_STATE_DIR", default=str(VAR_DIR)))

# --- E-mail ---------------------------------------------------------------------------------

if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="VNTX <no-reply@vntx.vn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Payments -------------------------------------------------------------------------------

STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
PAYMENTS_ENABLED = bool(STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)

# --- Authentication -------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "marketplace.accounts.forms.SignupExtraForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[VNTX] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str(
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https" if not DEBUG else "http"
)
ACCOUNT_ADAPTER = "marketplace.accounts.adapter.AccountAdapter"
# allauth counts log-ins in the cache (Redis in production). Failed ones: strictly per account
# (10 in 15 minutes, then even the right password waits), generously per client address (an
# office, a campus or a mobile carrier's NAT puts many people behind one address, and a locked
# account must not lock out its neighbours). A refused attempt answers 429 with Retry-After
# (marketplace/accounts/adapter.py). "login" counts every log-in, successful or not.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": env.str("LOGIN_RATE_LIMIT", default="10/15m/key,30/m/ip"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# How many proxies of our own stand in front of the site and append the client's address to
# X-Forwarded-For (1 behind one TLS-terminating proxy). allauth then takes the client address
# from that header for the per-address limits. 0 (the default, and right when the ASGI server
# faces the clients itself) ignores the header, which any client could otherwise forge to
# escape them. (uvicorn rewrites the client address only for a proxy on 127.0.0.1, see
# FORWARDED_ALLOW_IPS; allauth reads the header itself, so the count here is what counts.)
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["marketplace.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and media -----------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Files that only a permission-checking view may hand out (confidential listing attachments,
# spreadsheet uploads awaiting confirmation): never under MEDIA_ROOT or STATIC_ROOT, never
# served by a web server.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
for _public_root in (MEDIA_ROOT, STATIC_ROOT, *STATICFILES_DIRS):
    if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(_public_root.resolve()):
        raise ImproperlyConfigured(f"PRIVATE_MEDIA_ROOT must not be inside {_public_root}.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "marketplace.core.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Lets the embedded default serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Wagtail --------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "VNTX"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No Gravatar avatars in the CMS: they would send a hash of each editor's e-mail address to a
# third party, and the admin's Content-Security-Policy loads no image from another site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- REST API -------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token classes first: an anonymous write then gets 401 with "WWW-Authenticate: Token".
    # "Token vxt_..." is an exchange's key, any other "Token ..." a person's (spec/api.md).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "marketplace.exchanges.authentication.ExchangeTokenAuthentication",
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "EXCEPTION_HANDLER": "marketplace.core.api.json_error_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "VNTX API",
    "DESCRIPTION": "Public REST API of the national technology-exchange network.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["marketplace.core.api.public_api_endpoints"],
    # One name per code list of the listing format (they appear under several field names).
    "ENUM_NAME_OVERRIDES": {
        "ExchangeCodeEnum": "listings.serializers.EXCHANGE_CODES",
        "ProvinceCodeEnum": "listings.serializers.PROVINCE_CODES",
        "SectorCodeEnum": "listings.serializers.SECTOR_CODES",
        "ListingKindEnum": ["offer", "need"],  # search results and suggestions
    },
}

# --- Security (production defaults follow DEBUG) --------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Other sites learn nothing of the pages their visitors come from (stricter than the
# browsers' strict-origin-when-cross-origin).
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp 4; marketplace/core/security_headers.py). The site's
# pages load their scripts, styles, images and fetches from the site only and run no inline
# code; script-src, style-src, img-src and connect-src fall back to default-src.
# form-action 'self': a future redirect to an external checkout (Stripe) after a form POST
# needs that origin added here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's admin runs inline scripts (page explorer, users, redirects: seen in the browser
# tests), inline styles (e.g. the image focal-point chooser), data: and blob: images (upload
# previews) and asks releases.wagtail.org for a new version (wagtail/wagtail#1288, #7053);
# django-celery-beat's schedule form in Django's admin runs an inline script too. So the two
# admin areas, used by staff only, get this relaxed policy: only their paths, never the site's.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/cms-admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "https://releases.wagtail.org"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Wagtail previews pages in a frame of its own.
        "frame-ancestors": ["'self'"],
    },
}
# Browser features no page of the site uses, switched off for the site and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# --- Logging --------------------------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# JSON lines in production so the log shipper can index fields; readable text in the demo.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s"},
    },
    # The id of the request being served ("-" outside requests), also sent as X-Request-ID.
    "filters": {"request_id": {"()": "marketplace.core.request_id.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # uvicorn (the ASGI server) sets up text handlers of its own before Django loads:
        # replace them, so that its messages and access log are JSON lines in production.
        "uvicorn": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}
