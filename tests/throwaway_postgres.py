"""A PostgreSQL server of a test's own: a new cluster in a temporary directory, on a free port.

For tests that must stop, restart or fill a real server (a restart under load, a backup
restored into an empty database) without touching the one the suite runs on. It needs
Debian's PostgreSQL server binaries (``/usr/lib/postgresql/*/bin``); ``skip_reason()`` says
when they are missing. PostgreSQL refuses to run as root: as root, the cluster belongs to the
``postgres`` user.
"""

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "gzm"
PASSWORD = "gzm"  # a throwaway cluster on loopback


def server_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts)
    return found[-1].parent if found else None


def skip_reason():
    if server_bin() is None:
        return "needs PostgreSQL's server binaries (Debian's postgresql package; .ci/run)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "as root, needs runuser to start PostgreSQL as the postgres user"
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    """``start()``, ``stop()``, ``restart()`` and ``url(database)`` of one cluster."""

    def __init__(self):
        self.bin = server_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="gzm-test-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgresql.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            self.dir.chmod(0o755)
            shutil.chown(self.dir, "postgres")

    def _run(self, *args, check=True):
        command = [str(self.bin / args[0]), *map(str, args[1:])]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(  # noqa: S603 (our own fixed command line)
            command, check=check, capture_output=True, text=True, cwd="/", timeout=120
        )

    def init(self):
        self._run(
            "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        return self

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", self.data, "-o", options, "-l", self.log, "-w", "-t", "60", "start"
        )
        return self

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def restart(self, mode="fast"):
        self.stop(mode)
        self.start()

    def psql(self, sql, database="postgres"):
        return self._run(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            self.port,
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-qAtc",
            sql,
        ).stdout

    def create_database(self, name):
        self.psql(f"CREATE DATABASE {name} OWNER {USER}")
        return self.url(name)

    def url(self, database):
        return f"postgres://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def started():
    """A new cluster, running, with the login role the URLs use."""
    server = ThrowawayPostgres().init().start()
    server.psql(f"CREATE ROLE {USER} LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
    return server
