"""What the processes of one test run build once and share, under a lock, with a record of it.

Under pytest-xdist the first worker to need such a thing (the migrated test database, the
browser tests' seeded database) builds it while the others wait on the lock; each notes in
the record that it uses it, and the last to finish removes it. Without xdist the one
process is the first and the last. The lock and the record are files in the run's own
temporary directory, so runs never share them.
"""

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path


def run_directory(tmp_path_factory):
    """This test run's directory: under xdist it holds every worker's own temporary one."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


class OncePerRun:
    def __init__(self, directory, name):
        self.directory = Path(directory)
        self.lock = self.directory / f"{name}.lock"
        self.path = self.directory / f"{name}.json"

    @contextmanager
    def record(self):
        """The record (a dict, empty while nothing is built), held under the run's lock.

        What the block changes is saved when it ends without an error; a record left empty
        is removed, so the next process to come builds again.
        """
        with open(self.lock, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            record = json.loads(self.path.read_text()) if self.path.exists() else {}
            yield record
            if record:
                self.path.write_text(json.dumps(record))
            else:
                self.path.unlink(missing_ok=True)
