"""The portal served by gunicorn in a process of its own, asked over real HTTP.

For tests that take away what the app stands on (stop or restart PostgreSQL, a cache or a
media directory that is not there) and watch what a visitor and the orchestrator get. It runs
``deploy/gunicorn.conf.py`` as the stack does (sync workers forked from a preloaded app), one
worker, its state directory and logs in a temporary directory, with the test settings and
whatever the test puts into the environment (``DATABASE_URL`` of a throwaway cluster,
``DATABASE_CONN_MAX_AGE=600`` as in production).
"""

import http.client
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .throwaway_postgres import free_port

CHECKOUT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def app_environment(**values):
    """The test process's environment without its database, cache and Django settings."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("DATABASE_", "CACHE_", "MEDIA_", "SEARCH_", "DJANGO_", "PYTEST_", "PG")
        )
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.test", LOG_LEVEL="ERROR")
    environment.update(values)
    return environment


def run(command, environment, check=True):
    """``command`` run in the checkout; with ``check``, a failure fails the test with its
    output."""
    result = subprocess.run(  # noqa: S603 (the checkout's own scripts and manage.py)
        command,
        cwd=CHECKOUT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check and result.returncode != 0:
        pytest.fail(f"{command} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def manage(environment, *arguments):
    return run([sys.executable, "manage.py", *arguments], environment).stdout


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


class ServedPortal:
    """``start()``, ``get()``/``post()``, ``worker_pids()`` and ``stop()`` of one gunicorn."""

    def __init__(self, environment, state_dir):
        self.port = free_port()
        self.state = Path(state_dir)
        for name in ("run", "log"):
            (self.state / name).mkdir(parents=True, exist_ok=True)
        self.environment = {
            **environment,
            "STACK_DIR": str(self.state),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "1",
        }
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (the checkout's gunicorn configuration)
            [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "portal.wsgi:application"],
            cwd=CHECKOUT,
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped on start:\n{self.log()}")
            try:
                self.request("GET", "/health/")
                return self
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not answer:\n{self.log()}") from None
                time.sleep(0.2)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=40)

    def log(self):
        path = self.state / "log" / "gunicorn-error.log"
        return path.read_text(errors="replace")[-5000:] if path.exists() else ""

    def request(self, method, path, host="localhost", body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()

    def get(self, path, host="localhost", headers=None):
        return self.request("GET", path, host=host, headers=headers)

    def post(self, path, fields, host="localhost", headers=None):
        headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self.request("POST", path, host=host, body=urlencode(fields), headers=headers)

    def worker_pids(self):
        """The pids of the master's workers (children), from /proc."""
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.add(int(stat.parent.name))
        return pids
