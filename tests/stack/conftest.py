"""The production stack, started for real: ``deploy/run`` on free ports in a temporary directory.

The ``stack`` fixture starts it once per session (PostgreSQL, Redis, gunicorn, nginx with the
demo content of two municipalities) and stops it at the end (``deploy/stop``). Tests talk to
it over HTTP, through nginx or straight to gunicorn, and change its data through
``manage.py shell`` with the stack's own environment; they never use pytest-django's
database. The tests are marked ``stack`` (``pytest -m stack``) and are skipped when the
machine lacks what the stack runs on (nginx with ngx_cache_purge, redis-server, PostgreSQL).
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
DOMAIN = "localhost"
MUNICIPALITIES = ("ruda-slaska", "czeladz")
# Migrating, collecting static files and seeding two municipalities on a busy machine.
STARTUP_TIMEOUT = 900


def missing_binaries():
    missing = [name for name in ("nginx", "redis-server", "envsubst") if not shutil.which(name)]
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        missing.append("PostgreSQL (initdb)")
    if not PURGE_MODULE.exists():
        missing.append("ngx_cache_purge (libnginx-mod-http-cache-purge)")
    return missing


def pytest_collection_modifyitems(items):
    missing = missing_binaries()
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.stack)
            if missing:
                item.add_marker(
                    pytest.mark.skip(reason=f"the stack needs {', '.join(missing)} (.ci/run)")
                )


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass
class Response:
    status: int
    headers: object
    text: str

    @property
    def cache(self):
        return self.headers.get("X-Cache-Status")


class Stack:
    def __init__(self, directory):
        self.directory = directory
        self.http_port, self.app_port, pg_port, redis_port = free_ports(4)
        self.run_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "STACK_DIR": str(directory),
            "STACK_HTTP_PORT": str(self.http_port),
            "STACK_APP_PORT": str(self.app_port),
            "STACK_PG_PORT": str(pg_port),
            "STACK_REDIS_PORT": str(redis_port),
            "STACK_SEED": "demo",
            "STACK_DEMO_MUNICIPALITIES": ",".join(MUNICIPALITIES),
            "STACK_SETUP": "0",
            "STACK_PYTHON": sys.executable,
            # Two workers are plenty for the tests and leave the CPU to the rest of the run.
            "WEB_CONCURRENCY": "2",
        }

    def start(self):
        log = self.directory / "deploy-run.log"
        with log.open("w") as output:
            result = subprocess.run(  # noqa: S603 (our own deploy/run)
                [str(BASE_DIR / "deploy" / "run"), "--demo"],
                env=self.run_env,
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=STARTUP_TIMEOUT,
                check=False,
            )
        if result.returncode:
            raise RuntimeError(f"deploy/run failed:\n{log.read_text()[-4000:]}")

    def stop(self):
        subprocess.run(  # noqa: S603 (our own deploy/stop)
            [str(BASE_DIR / "deploy" / "stop")], env=self.run_env, check=False, timeout=120
        )

    @property
    def portal_env(self):
        """The portal's environment on the stack (deploy/stack.env, rendered)."""
        values = {}
        for line in (self.directory / "stack.env").read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, value = line.partition("=")
                values[name] = value
        return {**self.run_env, **values}

    def host(self, municipality=None):
        return f"{municipality}.{DOMAIN}" if municipality else DOMAIN

    def get(self, path, municipality=None, headers=(), direct=False, method="GET", host=None):
        """Ask nginx (or, ``direct``, gunicorn) for ``path`` on a site's host."""
        port = self.app_port if direct else self.http_port
        host = host or f"{self.host(municipality)}:{self.http_port}"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}",
            headers={"Host": host, **dict(headers)},
            method=method,
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return Response(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read().decode(errors="replace"))

    def url(self, address):
        """``get`` for a full address the portal printed (http://<host>:<port>/path)."""
        scheme_host, _, path = address.partition("//")[2].partition("/")
        return self.get("/" + path, host=scheme_host)

    def shell(self, code):
        """Run ``code`` in ``manage.py shell`` against the stack; returns its output."""
        result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", "shell", "-v0", "-c", code],
            cwd=BASE_DIR,
            env=self.portal_env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py shell failed:\n{result.stderr[-4000:]}")
        return result.stdout


@pytest.fixture(scope="session")
def stack():
    # Not under pytest's own temporary directory: that one is its owner's alone, and as root
    # the stack's PostgreSQL runs as "postgres" and nginx's workers as "www-data".
    directory = Path(tempfile.mkdtemp(prefix="gzm-stack-"))
    directory.chmod(0o755)
    stack = Stack(directory)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(directory, ignore_errors=True)
