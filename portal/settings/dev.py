"""Developer machine: debug on, every *.localhost subsite allowed."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS
from .env import boolean, listing, text

# DEBUG=false for long commands: with debug on, Django keeps the text of every SQL statement.
DEBUG = boolean("DEBUG", True)
SECRET_KEY = text("SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = listing("ALLOWED_HOSTS", ["localhost", ".localhost", "127.0.0.1", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Demo and benchmark data (the dev extra's factories): commands seed_demo, ensure_demo_admin,
# benchmark_search. Not part of the production install.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
