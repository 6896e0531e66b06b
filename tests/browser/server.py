"""A real portal for the browser tests: its own database, real content, a real HTTP server.

The database is never pytest-django's test database: on PostgreSQL (``DATABASE_URL``) it is
a separate database ``<name>_browser`` on the same server, otherwise a temporary SQLite
file. Once per test run a template database is migrated and filled the way a new
installation is (onboarding of two municipalities, then the demo content) by the portal's
own commands and functions; each portal server gets a copy of it (a file copy on SQLite,
``CREATE DATABASE … TEMPLATE`` on PostgreSQL), its sites moved to the server's port, and
``manage.py runserver`` serves it. Everything runs in subprocesses, so the pytest process
itself never opens a database connection.

Under pytest-xdist every worker has a portal of its own: its own copy of the database (on
PostgreSQL ``<name>_browser_gw0``, ``<name>_browser_gw1``, …), port and directory.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_MODULE = "portal.settings.test"
DOMAIN = "localhost"

# Two municipalities, so that every page is seen under a subsite that is not the only one.
MUNICIPALITIES = ("ruda-slaska", "czeladz")

SEED_SCRIPT = """
import django
django.setup()
from demo.seed import seed_demo_content
from municipalities.onboarding import onboard_municipality, record_for
from municipalities.models import CallPage, InitiativePage
from portal.translation import ensure_translations
seed_demo_content([onboard_municipality(record_for(slug)) for slug in {slugs!r}])
for page in [*CallPage.objects.filter(locale__language_code="pl"),
             *InitiativePage.objects.filter(locale__language_code="pl")]:
    ensure_translations(page)
"""

# The template is seeded for some port; a copy's sites answer at its own server's port.
MOVE_SCRIPT = """
from wagtail.models import Site
Site.objects.update(port={port})
"""

STARTUP_TIMEOUT = 60


class ServerError(RuntimeError):
    pass


def _reserve_port():
    """A socket bound to a free port and held, so nothing else takes the port meanwhile.

    The port is chosen before the sites are moved to it and the server binds it only after
    that; until then the held socket keeps it from another xdist worker's portal and from
    outgoing connections.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    return probe


def _is_postgres(url):
    engine = dj_database_url.parse(url)["ENGINE"] if url else ""
    return "postgresql" in engine or "postgis" in engine


@dataclass
class BrowserDatabase:
    """The browser tests' own database, beside (never inside) the one the other tests use."""

    workdir: Path
    configured_url: str = ""
    # Ends the PostgreSQL name: the xdist worker id (gw0, …), "template", or nothing.
    suffix: str = ""

    @property
    def on_postgres(self):
        return _is_postgres(self.configured_url)

    @property
    def url(self):
        if self.on_postgres:
            return urlsplit(self.configured_url)._replace(path=f"/{self.name}").geturl()
        return f"sqlite:///{self.sqlite_path}"

    @property
    def sqlite_path(self):
        return self.workdir / "browser.sqlite3"

    @property
    def name(self):
        suffix = f"_{self.suffix}" if self.suffix else ""
        return f"{dj_database_url.parse(self.configured_url)['NAME']}_browser{suffix}"

    def create(self):
        if self.on_postgres:
            self._postgres("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            self._postgres("CREATE DATABASE {}")
        # SQLite creates its file on the first connection.

    def drop(self):
        if self.on_postgres:
            self._postgres("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        # A SQLite file is left in the working directory with the server log.

    def copy_to(self, other):
        """Make ``other`` a copy of this database (which nothing may be connected to)."""
        if self.on_postgres:
            other._postgres("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            other._postgres("CREATE DATABASE {} TEMPLATE {}", self.name)
        else:
            shutil.copyfile(self.sqlite_path, other.sqlite_path)

    def _postgres(self, statement, *other_names):
        import psycopg
        from psycopg import sql

        config = dj_database_url.parse(self.configured_url)
        params = {
            "host": config["HOST"] or None,
            "port": config["PORT"] or None,
            "user": config["USER"] or None,
            "password": config["PASSWORD"] or None,
        }
        # Like Django, administer databases from the "postgres" maintenance database.
        for dbname in ("postgres", config["NAME"]):
            try:
                connection = psycopg.connect(dbname=dbname, autocommit=True, **params)
            except psycopg.OperationalError:
                continue
            with connection:
                names = [sql.Identifier(name) for name in (self.name, *other_names)]
                connection.execute(sql.SQL(statement).format(*names))
            return
        raise ServerError(f"Cannot connect to the PostgreSQL server of {self.configured_url}")


@dataclass
class PortalServer:
    """``manage.py runserver`` on a free port, serving a browser database."""

    workdir: Path
    database_url: str
    reservation: socket.socket = field(default_factory=_reserve_port, repr=False)
    process: subprocess.Popen | None = None
    port: int = field(init=False)

    def __post_init__(self):
        self.port = self.reservation.getsockname()[1]

    @property
    def environment(self):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DATABASE_URL": self.database_url,
            "PORTAL_DOMAIN": DOMAIN,
            # Sites answer at the server's port, so every link the portal builds works.
            "PORTAL_PORT": str(self.port),
            # The temporary media directories the test settings make land in workdir, not in /tmp.
            "TMPDIR": str(self.workdir),
            "PYTHONUNBUFFERED": "1",
            # The server and the scripts that change its data share one cache (Redis when
            # CACHE_URL is set, else a directory), so a change made by a script reaches
            # the pages the server keeps (portal/freshness.py).
            "CACHE_KEY_PREFIX": f"gzm-browser-{self.workdir.name}-{self.port}",
            "TEST_CACHE_DIR": str(self.workdir / "cache"),
            # The map is drawn, its tiles asked of a closed loopback port: nothing leaves
            # the machine, and axe sees the map as residents do (tiles are decorative).
            "TEST_MAP_TILE_URL": "http://127.0.0.1:9/{z}/{x}/{y}.png",
        }

    def url(self, path="/", municipality=None):
        """An address on the network's host or, given a slug, on a municipality's own host."""
        host = f"{municipality}.{DOMAIN}" if municipality else DOMAIN
        return f"http://{host}:{self.port}{path}"

    def seed(self):
        """Migrate the database and fill it as a new installation is (for the template)."""
        self._run("manage.py", "migrate", "--no-input", "-v0")
        self._run("-c", SEED_SCRIPT.format(slugs=MUNICIPALITIES))

    def prepare(self):
        """Move the sites of a copy of the template to this server's port."""
        self.run_python(MOVE_SCRIPT.format(port=self.port))

    def run_python(self, code):
        """Run ``code`` (Django set up) against the server's database, e.g. to change a setting."""
        self._run("-c", f"import django\ndjango.setup()\n{code}")

    def start(self):
        self.reservation.close()  # the port is the server's now
        self.log = open(self.workdir / "server.log", "w+b")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{self.port}",
                "--noreload",
                # Test settings run with DEBUG off; let runserver serve the static files.
                "--insecure",
            ],
            cwd=BASE_DIR,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_it_answers()

    def stop(self):
        self.reservation.close()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()

    def _wait_until_it_answers(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"The portal server exited:\n{self._log_tail()}")
            try:
                with urllib.request.urlopen(self.url("/"), timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise ServerError(f"The portal server did not answer in time:\n{self._log_tail()}")

    def _log_tail(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-4000:]

    def _run(self, *args):
        result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, *args],
            cwd=BASE_DIR,
            env=self.environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise ServerError(
                f"{' '.join(args[:2])} failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}"
            )
