"""Settings shared by every environment. Values that differ come from ``env``."""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from . import env, error_reporting
from .security_headers import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "portal",
    "portal.two_factor",
    "municipalities",
    "handbooks",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "municipalities.users_apps.UsersAppConfig",  # wagtail.users, user form by municipality
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    # Two-factor sign-in to the admin (portal/two_factor): authenticator apps, backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]

MIDDLEWARE = [
    # /health/ for the proxy and the orchestrator, answered before anything checks the host
    # or redirects to HTTPS (portal/health.py).
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (portal/settings/security_headers.py).
    "portal.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # ETags and 304s for every GET (outermost, so it sees the final headers).
    "django.middleware.http.ConditionalGetMiddleware",
    # Public pages without the templates' indentation, before the ETag is taken.
    "portal.middleware.CompactHtmlMiddleware",
    "portal.middleware.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.AdminDefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor, if any, this session passed; then the admin asks for it where
    # it must (portal/two_factor).
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.middleware.CachedRoutingMiddleware",
    "portal.middleware.IncompletePageFormMiddleware",
    "portal.middleware.MediaStorageErrorMiddleware",
    # A view's database error (PostgreSQL restarting) is a 503 "briefly unavailable", not a
    # 500; errors around the view get the same page from handler500 (portal/outage.py).
    "portal.outage.DatabaseOutageMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the refusal page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
            # Template tag libraries kept beside the concept they serve.
            "libraries": {
                "call_tags": "municipalities.calls.templatetags",
                "gallery_tags": "municipalities.gallery.templatetags",
            },
        },
    },
]

# Connections are kept open between requests (``DATABASE_CONN_MAX_AGE`` seconds; production
# keeps them ten minutes) and checked before each request reuses one, so a restarted database
# costs one failed check, not a failed request.
DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.integer("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Authenticator apps show this name beside the code.
OTP_TOTP_ISSUER = "Inicjatywa lokalna GZM"

# Login throttling (portal/throttling.py): after AXES_FAILURE_LIMIT failed logins for one
# username from one address, that pair is refused for AXES_COOLOFF_MINUTES; a successful
# login clears the count. Attempts are kept in the database (``manage.py axes_reset``
# clears them all).
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.throttling.client_address"
# How many proxies of our own stand in front of the app (0: the client's address is
# REMOTE_ADDR). Behind one nginx: 1.
PORTAL_TRUSTED_PROXIES = env.integer("PORTAL_TRUSTED_PROXIES", 0)
# The admin's password-reset form: requests per window (seconds), per address and per e-mail.
PORTAL_PASSWORD_RESET_LIMIT = env.integer("PORTAL_PASSWORD_RESET_LIMIT", 5)
PORTAL_PASSWORD_RESET_WINDOW = env.integer("PORTAL_PASSWORD_RESET_WINDOW", 3600)
# Open data (portal/opendata.py, docs/open-data.md): requests per client address and window
# (seconds) that reach the app, and how long the frontend cache keeps an API answer.
PORTAL_OPEN_DATA_LIMIT = env.integer("PORTAL_OPEN_DATA_LIMIT", 60)
PORTAL_OPEN_DATA_WINDOW = env.integer("PORTAL_OPEN_DATA_WINDOW", 60)
PORTAL_OPEN_DATA_CACHE_SECONDS = env.integer("PORTAL_OPEN_DATA_CACHE_SECONDS", 300)
# E-mail alerts about new calls (docs/calls.md): subscriptions a client address may send per
# window (seconds). One e-mail address gets at most one confirmation mail an hour anyway.
PORTAL_CALL_ALERTS_LIMIT = env.integer("PORTAL_CALL_ALERTS_LIMIT", 10)
PORTAL_CALL_ALERTS_WINDOW = env.integer("PORTAL_CALL_ALERTS_WINDOW", 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Polish is the source language of content and is served without a
# URL prefix; English and Ukrainian live under /en/ and /uk/.
LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", "Polski"),
    ("en", "English"),
    ("uk", "Українська"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_USER_LOGIN_FORM = "portal.two_factor.forms.PasswordLoginForm"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.text("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages come from npm (``npm ci``, run by scripts/setup) and are served as is.
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
]
# Uploads: the local file system, removing a part written when the disk fills up
# (portal/storage.py).
STORAGES = {
    "default": {"BACKEND": "portal.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.text("MEDIA_ROOT", str(BASE_DIR / "media")))

# The network's domain. Each municipality's subsite answers at <slug>.<domain>.
PORTAL_DOMAIN = env.text("PORTAL_DOMAIN", "localhost")
PORTAL_PORT = env.integer("PORTAL_PORT", 8000)
PORTAL_SCHEME = env.text("PORTAL_SCHEME", "http")
# The sender of the portal's mails (production requires it to be set; docs/deployment.md).
DEFAULT_FROM_EMAIL = env.text(
    "DEFAULT_FROM_EMAIL", f"Inicjatywa lokalna GZM <noreply@{PORTAL_DOMAIN}>"
)

# The initiatives map: a tile server's URL template and the attribution its licence asks
# for (HTML). An empty URL turns the map off; the list of initiatives is shown either way.
PORTAL_MAP_TILE_URL = env.text(
    "PORTAL_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
PORTAL_MAP_ATTRIBUTION = env.text(
    "PORTAL_MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)

WAGTAIL_SITE_NAME = _("Inicjatywa lokalna w GZM")
WAGTAILADMIN_BASE_URL = env.text(
    "WAGTAILADMIN_BASE_URL",
    f"{PORTAL_SCHEME}://{PORTAL_DOMAIN}" + ("" if PORTAL_PORT in (80, 443) else f":{PORTAL_PORT}"),
)
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "doc", "docx", "xls", "xlsx", "rtf", "txt", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.media_forms.ImageForm"
# Documents above this size (bytes) are refused by the upload forms; the proxy in front of
# the app must let a request of this size through (nginx: client_max_body_size).
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.integer("PORTAL_DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.media_forms.DocumentForm"
# ASCII slugs: Polish addresses stay readable when shared (no percent-encoded letters).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True

# Search (docs/search.md). Without SEARCH_URL the database backend serves search (SQLite FTS5,
# PostgreSQL full text with the "simple" configuration: Polish base forms come from the
# application). With SEARCH_URL, Elasticsearch or OpenSearch (SEARCH_ENGINE names Wagtail's
# backend) serves it and the database backend stays indexed as the fallback. The engine gets
# SEARCH_TIMEOUT seconds to connect and as many to answer; after a fault the circuit breaker
# (search/breaker.py) leaves it alone for SEARCH_BREAKER_SECONDS and the database answers.
SEARCH_URL = env.text("SEARCH_URL", "")
SEARCH_ENGINE = env.text("SEARCH_ENGINE", "opensearch3")
SEARCH_INDEX_PREFIX = env.text("SEARCH_INDEX_PREFIX", "gzm_")
SEARCH_TIMEOUT = env.number("SEARCH_TIMEOUT", 2)
SEARCH_BREAKER_SECONDS = env.number("SEARCH_BREAKER_SECONDS", 30)
DATABASE_SEARCH_BACKEND = {
    "BACKEND": "wagtail.search.backends.database",
    "SEARCH_CONFIG": "simple",
}
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's engine backend with index updates through the breaker.
            "BACKEND": "search.engine",
            "ENGINE": f"wagtail.search.backends.{SEARCH_ENGINE}",
            "URLS": [SEARCH_URL],
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": SEARCH_TIMEOUT,
            "OPTIONS": {"max_retries": 0},
        },
        "database": DATABASE_SEARCH_BACKEND,
    }

# /health/ (portal/health.py): each check's name in the answer, and the check.
PORTAL_HEALTH_CHECKS = {
    "database": "health_check.checks.Database",
    "cache": "health_check.checks.Cache",
    "media": "health_check.checks.Storage",
}
if SEARCH_URL:
    PORTAL_HEALTH_CHECKS["search"] = "search.health.SearchEngine"

# simplemma's dictionaries as an SQLite file (search/lexicon.py), one per simplemma version:
# built by `manage.py build_search_lexicon` or on the first search. Any writable directory.
SEARCH_LEXICON_DIR = Path(env.text("SEARCH_LEXICON_DIR", str(BASE_DIR / "var" / "lexicon")))

# What the search index holds for every page beyond its own fields (base forms of its text):
# the search app's function, named here so that the pages below it need not import it.
PORTAL_SEARCH_TEXT = "search.indexing.normalised_text"
# And what suggestions match a page's title against (the title without diacritics).
PORTAL_SEARCH_TITLE = "search.indexing.suggested_title"

# The cache. Without CACHE_URL each process keeps its own in memory (one process: runserver,
# the tests); with a Redis URL (django-redis) every worker shares one, so what one worker
# invalidates on publish is gone for all of them, and sessions are kept there too (backed by
# the database, so a Redis restart logs nobody out).
CACHE_URL = env.text("CACHE_URL", "")
CACHE_KEY_PREFIX = env.text("CACHE_KEY_PREFIX", "gzm")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        # Room for every page frame of the network (the default, 300, would evict them).
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                # A cache that is down or slow must not take the site with it: short timeouts,
                # and a failed read counts as a miss (the page is built from the database).
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Page fragments kept for the content generation: this process's memory, then "default"
# (portal/freshness.py: GenerationCache).
CACHES["generation"] = {"BACKEND": "portal.freshness.GenerationCache"}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# The frontend cache (nginx in deploy/) in front of the app: where purge requests go when a
# page is published, unpublished, moved or deleted (portal/frontend_cache.py). Empty: no
# frontend cache, nothing to purge.
FRONTEND_CACHE_URL = env.text("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        },
    }
# The portal lists every language's address itself (Polish has no prefix, which Wagtail's
# own per-language expansion cannot express).
WAGTAILFRONTENDCACHE_LANGUAGES = []
# How long the frontend cache may keep an anonymous page (seconds); publishing purges sooner.
PORTAL_FRONTEND_CACHE_SECONDS = env.integer("PORTAL_FRONTEND_CACHE_SECONDS", 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "WARNING")},
}

# Error reports to Sentry, self-hosted Sentry or GlitchTip, only when SENTRY_DSN is set;
# without personal data (portal/settings/error_reporting.py, docs/configuration.md).
SENTRY_DSN = env.text("SENTRY_DSN").strip()
if SENTRY_DSN:
    error_reporting.start(
        SENTRY_DSN,
        environment=env.text("SENTRY_ENVIRONMENT"),
        traces_sample_rate=env.fraction("SENTRY_TRACES_SAMPLE_RATE", 0.0),
        release=env.text("SENTRY_RELEASE"),
    )
