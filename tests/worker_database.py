"""Each pytest-xdist worker's test database: a copy of one database built once per run.

Without xdist, pytest-django's own ``django_db_setup`` makes the test database (in-memory
SQLite, or ``test_<name>`` on PostgreSQL) and ``conftest`` builds the network in it. Under
xdist every worker would do both before its first test: some 50 seconds of CPU each, for
migrations and onboarding, at the same time on cores shared with others. Instead the first
worker builds the database once (``once_per_run``) and every worker takes a copy:

- SQLite: the first worker builds in memory, as pytest-django does, and writes a snapshot
  file; each other worker loads the snapshot into a database in its own memory.
- PostgreSQL (any other backend): the database built, ``test_<name>``, is the template each
  worker clones with Django's ``clone_test_db`` (``CREATE DATABASE test_<name>_gw0 TEMPLATE
  test_<name>``), the way ``manage.py test --parallel`` does; the last worker drops it.

Files the build writes under ``MEDIA_ROOT`` are copied into each worker's own.
Only the ``default`` database is set up; ``--reuse-db`` and ``--create-db`` do not apply.
"""

import shutil
import sqlite3

from django.conf import settings
from django.db import connection

from .once_per_run import OncePerRun

SNAPSHOT = "database.sqlite3"
MEDIA = "database-media"


def _use(name):
    """Point the connection at database ``name``, as Django's own test setup does."""
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


class WorkerDatabase:
    def __init__(self, directory, worker):
        self.directory = directory
        self.worker = worker
        self.shared = OncePerRun(directory, "database")
        self.original_name = connection.settings_dict["NAME"]

    @property
    def on_sqlite(self):
        return connection.vendor == "sqlite"

    def set_up(self, build):
        """Give this worker its database; return what ``build`` returned when it was built.

        ``build`` fills the database once per run (and must return JSON-serialisable data).
        """
        with self.shared.record() as record:
            if not record:
                record.update(self._build(build))
            else:
                shutil.copytree(self.directory / MEDIA, settings.MEDIA_ROOT, dirs_exist_ok=True)
                if self.on_sqlite:
                    self._load_snapshot()
            if not self.on_sqlite:
                _use(record["template"])
                connection.creation.clone_test_db(suffix=self.worker, verbosity=0)
                _use(connection.creation.get_test_db_clone_settings(self.worker)["NAME"])
            record["workers"].append(self.worker)
        return record["built"]

    def tear_down(self):
        connection.creation.destroy_test_db(self.original_name, verbosity=0)
        with self.shared.record() as record:
            record["workers"].remove(self.worker)
            if record["workers"]:
                return
            if not self.on_sqlite:
                _use(record["template"])
                connection.creation.destroy_test_db(self.original_name, verbosity=0)
            record.clear()  # the snapshot file stays with the run's other files

    def _build(self, build):
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        record = {"built": build(), "template": connection.settings_dict["NAME"], "workers": []}
        shutil.copytree(settings.MEDIA_ROOT, self.directory / MEDIA, dirs_exist_ok=True)
        if self.on_sqlite:
            self._write_snapshot()  # this worker goes on with the database it built
        return record

    def _write_snapshot(self):
        connection.ensure_connection()
        snapshot = sqlite3.connect(self.directory / SNAPSHOT)
        connection.connection.backup(snapshot)
        snapshot.close()

    def _load_snapshot(self):
        # A database in this process's memory, which Django keeps open for the whole run.
        _use(f"file:memorydb_{connection.alias}_{self.worker}?mode=memory&cache=shared")
        connection.ensure_connection()
        snapshot = sqlite3.connect(f"file:{self.directory / SNAPSHOT}?mode=ro", uri=True)
        snapshot.backup(connection.connection)
        snapshot.close()
