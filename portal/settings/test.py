"""Test runs: fast hashing, in-memory cache, temporary media."""

import os
import secrets
import tempfile
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, INSTALLED_APPS
from .env import text

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="gzm-test-media-")
STORAGES = {
    "default": {"BACKEND": "portal.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# No map tiles are fetched in tests: by default the map is left out and the list stands
# alone; the browser tests point it at a closed port on this machine to draw the map.
PORTAL_MAP_TILE_URL = text("TEST_MAP_TILE_URL", "")

# Demo and benchmark data (the dev extra's factories): commands seed_demo, ensure_demo_admin,
# benchmark_search. Not part of the production install.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# The cache: local memory, or Redis when CACHE_URL is set (CI runs the suite both ways).
# Each test process gets keys of its own, so parallel workers and earlier runs sharing one
# Redis never see each other's entries; a portal served to the browser tests shares its
# keys (and, without Redis, a cache directory) with the scripts that change its data
# (tests/browser/server.py).
CACHES["default"]["KEY_PREFIX"] = text("CACHE_KEY_PREFIX", "") or (
    f"gzm-test-{secrets.token_hex(4)}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)
# Clearing a Redis cache empties its whole database (FLUSHDB), whatever the key prefix: a
# test that clears it (the rate limits' tests do) would wipe what a parallel worker is in
# the middle of counting. So each worker gets a database of its own (Redis has 16).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache" and _worker[2:].isdigit():
    _location = urlsplit(CACHES["default"]["LOCATION"])
    _database = 1 + int(_worker[2:]) % 15
    CACHES["default"]["LOCATION"] = urlunsplit(_location._replace(path=f"/{_database}"))
if text("TEST_CACHE_DIR") and not text("CACHE_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": text("TEST_CACHE_DIR"),
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"],
    }
