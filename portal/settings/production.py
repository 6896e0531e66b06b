"""Production: refuses to start without its security values, its database and its mail."""

import dj_database_url

from .base import *  # noqa: F403
from .base import PORTAL_DOMAIN
from .env import boolean, integer, listing, required, text
from .media import object_storage

DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = listing("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    ALLOWED_HOSTS = [required("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = listing(
    "CSRF_TRUSTED_ORIGINS", [f"https://{PORTAL_DOMAIN}", f"https://*.{PORTAL_DOMAIN}"]
)

# No SQLite fallback: a forgotten DATABASE_URL must not start a site on an empty local file.
# Persistent connections, health-checked before reuse: a new connection per request costs
# ~10 ms on PostgreSQL, and a restarted database costs one failed check, not a request.
DATABASES = {
    "default": dj_database_url.parse(
        required("DATABASE_URL"),
        conn_max_age=integer("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}

# Mail (workflow notifications, password resets) goes through an SMTP server.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST")
EMAIL_PORT = integer("EMAIL_PORT", 587)
EMAIL_HOST_USER = text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = boolean("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = boolean("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = integer("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = text("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

PORTAL_PORT = integer("PORTAL_PORT", 443)
PORTAL_SCHEME = text("PORTAL_SCHEME", "https")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = boolean("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = integer("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = boolean("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Secure cookies wherever the portal is served over HTTPS (always, in real production; the
# local stack of deploy/ may run on plain HTTP, where a secure cookie would never come back).
SESSION_COOKIE_SECURE = PORTAL_SCHEME == "https"
CSRF_COOKIE_SECURE = PORTAL_SCHEME == "https"

STORAGES = {
    "default": {"BACKEND": "portal.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
# Uploads in an S3-compatible bucket, for several app servers (portal/settings/media.py).
if text("MEDIA_S3_BUCKET"):
    STORAGES["default"] = object_storage(
        text("MEDIA_S3_BUCKET"),
        endpoint_url=text("MEDIA_S3_ENDPOINT_URL"),
        region=text("MEDIA_S3_REGION"),
        access_key=text("MEDIA_S3_ACCESS_KEY_ID"),
        secret_key=text("MEDIA_S3_SECRET_ACCESS_KEY"),
        custom_domain=text("MEDIA_S3_CUSTOM_DOMAIN"),
        path_style=boolean("MEDIA_S3_PATH_STYLE", False),
    )
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Several workers must share one cache: the page frame, routes and sessions they keep are
# invalidated on publish for all of them at once (portal/freshness.py).
required("CACHE_URL")
