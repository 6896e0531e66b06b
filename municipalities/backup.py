"""What a backup of the portal records about itself, and the checks a restore makes with it.

``deploy/backup`` dumps the database and packs the media; the manifest written here says
when, from which revision, how much content the database held and the SHA-256 of every
file beside it. ``deploy/restore`` refuses files whose checksum differs and, once restored,
compares the database's counts with the manifest's (docs/deployment.md, "Backup and
restore"). ``manage.py backup_manifest`` is the shell around these functions.
"""

import hashlib
import json
import shlex
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from municipalities.models import Municipality

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A backup that cannot be written, read or trusted."""


def content_counts():
    """What the database holds, by what an operator would check after a restore."""
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "municipalities": Municipality.objects.count(),
    }


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def write_manifest(directory, revision=""):
    """Write the manifest of the files in ``directory`` (the dump, the media archive)."""
    directory = Path(directory)
    files = {
        path.name: {"sha256": sha256(path), "bytes": path.stat().st_size}
        for path in sorted(directory.iterdir())
        if path.is_file() and path.name != MANIFEST
    }
    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": revision or None,
        "database": connection.settings_dict["NAME"],
        "media": "included" if media_root() else "object storage (not in this backup)",
        "counts": content_counts(),
        "files": files,
    }
    path = directory / MANIFEST
    path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_manifest(directory):
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path}: no manifest, so this is not a complete backup")
    try:
        manifest = json.loads(path.read_text())
    except ValueError as error:
        raise BackupError(f"{path}: not a readable manifest ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: manifest format {manifest.get('format')!r}, not {FORMAT}")
    return manifest


def file_problems(directory):
    """Each file the manifest lists that is missing or whose checksum differs."""
    directory = Path(directory)
    problems = []
    for name, expected in read_manifest(directory)["files"].items():
        path = directory / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256(path) != expected["sha256"]:
            problems.append(f"{name}: checksum differs from the manifest (damaged or altered)")
    return problems


def count_differences(directory):
    """(name, in the manifest, in the database) for every count, and whether all agree."""
    expected = read_manifest(directory)["counts"]
    found = content_counts()
    rows = [(name, expected.get(name), found.get(name)) for name in sorted(expected | found)]
    return rows, all(before == now for _, before, now in rows)


def database_tables():
    return connection.introspection.table_names()


def media_root():
    """The media directory, or None when uploads are kept in object storage."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None


def postgres_environment():
    """Shell ``export`` lines that point libpq's tools (pg_dump, pg_restore) at the database.

    Handed over as variables rather than a URL on the command line, so that the password
    does not show in the process list.
    """
    database = connection.settings_dict
    if connection.vendor != "postgresql":
        raise BackupError(
            f"the database is {connection.vendor}, not PostgreSQL: set DATABASE_URL to a "
            "postgres:// address"
        )
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    sslmode = database.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        values["PGSSLMODE"] = sslmode
    return "".join(
        f"export {name}={shlex.quote(value)}\n" for name, value in values.items() if value
    )
