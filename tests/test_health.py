"""``/health/`` for the proxy and the orchestrator: 200 when the app can serve, 503 naming
what fails, nothing of the internals, for any Host, never cached.

gunicorn serves the production settings (``ALLOWED_HOSTS``, the HTTPS redirect) on real
services of the test's own: a PostgreSQL cluster (tests/throwaway_postgres.py; the check
only asks ``SELECT 1``, so the database is not even migrated), a Redis server, a media
directory and, for search, the osmem-server emulator of OpenSearch (as in
tests/test_search_engines.py). Each service is stopped under the running app and started
again.
"""

import json
import shutil
import subprocess
import time

import pytest
import redis as redis_client

from . import throwaway_postgres
from .served_portal import ServedPortal, app_environment
from .throwaway_postgres import free_port

DOMAIN = "gzm.example.org"
OK = {"status": "ok"}

skip_reason = throwaway_postgres.skip_reason() or (
    None if shutil.which("redis-server") else "needs redis-server (Debian's redis-server; .ci/run)"
)
pytestmark = pytest.mark.skipif(bool(skip_reason), reason=skip_reason or "")


class Redis:
    """A Redis server of the test's own on a free port, nothing kept on disk."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (a fixed command line)
            [
                shutil.which("redis-server"),
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not self.answers():
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)
        return self

    def answers(self):
        try:
            with redis_client.Redis(host="127.0.0.1", port=self.port, socket_timeout=1) as client:
                return client.ping()
        except redis_client.RedisError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


def production(**values):
    """The environment of the production settings, as deploy/ gives it, plus ``values``."""
    return app_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="health-test-secret-key-" + "x" * 40,
        ALLOWED_HOSTS=f"{DOMAIN},.{DOMAIN}",
        PORTAL_DOMAIN=DOMAIN,
        EMAIL_HOST="localhost",
        DEFAULT_FROM_EMAIL=f"portal@{DOMAIN}",
        **values,
    )


def health(portal, host=DOMAIN, method="GET"):
    answer = portal.request(method, "/health/", host=host)
    assert "no-store" in answer.headers["Cache-Control"]
    return answer.status, (json.loads(answer.text) if answer.text else None)


@pytest.fixture(scope="module")
def database_url(cluster):
    return cluster.create_database("health")


@pytest.fixture(scope="module")
def redis():
    server = Redis().start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture(scope="module")
def portal(database_url, redis, tmp_path_factory):
    base = tmp_path_factory.mktemp("health")
    environment = production(
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="600",
        CACHE_URL=redis.url,
        MEDIA_ROOT=str(base / "media"),
    )
    served = ServedPortal(environment, base / "gunicorn").start()
    yield served
    served.stop()


def test_all_up_is_200_for_any_host(portal):
    for host in (DOMAIN, "ruda-slaska." + DOMAIN, "10.0.0.7:8001", "127.0.0.1", "other.example"):
        assert health(portal, host) == (200, OK), host
    assert health(portal, method="HEAD") == (200, None)
    assert portal.request("POST", "/health/", host=DOMAIN).status == 405

    # The rest of the app still checks the host and redirects to HTTPS.
    assert portal.get("/", host="other.example").status == 400
    assert portal.get("/", host=DOMAIN).status == 301


def test_database_stopped_is_503_naming_it_and_nothing_else(portal, cluster):
    assert health(portal) == (200, OK)

    cluster.stop()
    try:
        answer = portal.get("/health/", host="10.0.0.7")
        assert answer.status == 503
        assert json.loads(answer.text) == {"status": "unavailable", "failing": ["database"]}
        assert "no-store" in answer.headers["Cache-Control"]
        for internal in (str(cluster.port), "127.0.0.1", "psycopg", "refused", "PostgreSQL"):
            assert internal not in answer.text
    finally:
        cluster.start()

    assert health(portal) == (200, OK)


def test_cache_stopped_is_503_naming_it(portal, redis):
    assert health(portal) == (200, OK)

    redis.stop()
    try:
        assert health(portal) == (503, {"status": "unavailable", "failing": ["cache"]})
    finally:
        redis.start()

    assert health(portal) == (200, OK)


def test_media_storage_and_search_engine_out_of_reach_are_503_naming_them(
    database_url, redis, tmp_path
):
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("media cannot be stored under a file\n")
    environment = production(
        DATABASE_URL=database_url,
        CACHE_URL=redis.url,
        MEDIA_ROOT=str(not_a_directory / "media"),
        SEARCH_URL=f"http://127.0.0.1:{free_port()}",
    )
    served = ServedPortal(environment, tmp_path / "gunicorn").start()
    try:
        assert health(served) == (503, {"status": "unavailable", "failing": ["media", "search"]})
    finally:
        served.stop()


def test_search_engine_is_checked_when_configured(database_url, redis, tmp_path):
    osmem_server = pytest.importorskip("osmem_server", reason="osmem-server is not installed")
    try:
        engine = osmem_server.OsmemServer.start(japanese=False, startup_timeout=30)
    except (osmem_server.OsmemError, OSError) as error:
        pytest.skip(f"the osmem-server emulator could not start: {error}")
    environment = production(
        DATABASE_URL=database_url,
        CACHE_URL=redis.url,
        MEDIA_ROOT=str(tmp_path / "media"),
        SEARCH_URL=engine.url,
    )
    served = ServedPortal(environment, tmp_path / "gunicorn").start()
    try:
        assert health(served) == (200, OK)
        engine.close()
        assert health(served) == (503, {"status": "unavailable", "failing": ["search"]})
    finally:
        served.stop()
        engine.close()
