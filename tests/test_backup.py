"""deploy/backup and deploy/restore against a real PostgreSQL server of the test's own.

A database on a throwaway cluster (tests/throwaway_postgres.py) is migrated and given two
onboarded municipalities, an uploaded image, a document and a home page with its own text,
all through ``manage.py`` in the production settings, the way the stack runs them. The
backup is restored into a new empty database and media directory, and what an operator
would check afterwards is compared: the counts, one page's content, the files byte for byte.
Independent of the database the suite itself runs on (SQLite or PostgreSQL).
"""

import filecmp
import json
import os
import shutil
import sys
from pathlib import Path

import psycopg
import pytest

from . import throwaway_postgres
from .served_portal import run
from .throwaway_postgres import free_port

CHECKOUT = Path(__file__).resolve().parent.parent

CONTENT = """
import io
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from municipalities.onboarding import ensure_network, onboard_municipality, record_for

home = ensure_network()
ruda = onboard_municipality(record_for("ruda-slaska"), home)
onboard_municipality(record_for("czeladz"), home)

picture = io.BytesIO()
Picture.new("RGB", (64, 48), (200, 30, 90)).save(picture, "PNG")
get_image_model().objects.create(
    title="Plac zabaw na Bykowinie",
    file=ImageFile(picture, name="plac-zabaw.png"),
    collection=ruda.collection,
)
get_document_model().objects.create(
    title="Regulamin naboru",
    file=ContentFile("Regulamin: wnioski do 30 czerwca.\\n".encode(), name="regulamin.txt"),
    collection=ruda.collection,
)

home.title = "Inicjatywa lokalna w GZM (kopia zapasowa)"
home.intro = "<p>Mieszkańcy proponują, gmina realizuje.</p>"
home.body = [("paragraph", "<p>Ławki, skwery i podwórka: razem z sąsiadami.</p>")]
home.save_revision().publish()
"""

PAGE_CONTENT = """
    SELECT page.title, home.intro, home.body::text
    FROM wagtailcore_page page JOIN portal_networkhomepage home ON home.page_ptr_id = page.id
    ORDER BY page.id
"""
COUNTED_TABLES = {
    "pages": "wagtailcore_page",
    "images": "wagtailimages_image",
    "documents": "wagtaildocs_document",
    "municipalities": "municipalities_municipality",
}


def skip_reason():
    reason = throwaway_postgres.skip_reason()
    if reason:
        return reason
    bins = throwaway_postgres.server_bin()
    for tool in ("pg_dump", "pg_restore"):
        if not (bins / tool).exists() and shutil.which(tool) is None:
            return f"needs {tool} (Debian's postgresql-client)"
    return None


pytestmark = pytest.mark.skipif(bool(skip_reason()), reason=skip_reason() or "")


def app_environment(database_url, media_root, stack_dir):
    """The variables deploy/ would give the app: production settings, nothing else."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "CACHE_", "MEDIA_", "SEARCH_URL", "PG", "DJANGO_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="backup-test-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="localhost,.localhost",
        DATABASE_URL=database_url,
        # Nobody listens there: the cache is optional to the app (failures count as misses).
        CACHE_URL=f"redis://127.0.0.1:{free_port()}/0",
        EMAIL_HOST="localhost",
        DEFAULT_FROM_EMAIL="portal@localhost",
        MEDIA_ROOT=str(media_root),
        # The stack's state directory: empty, so that no stack.env of a real stack is read.
        STACK_DIR=str(stack_dir),
        STACK_PYTHON=sys.executable,
        LOG_LEVEL="CRITICAL",
    )
    return environment


def manage(environment, *arguments):
    return run([sys.executable, "manage.py", *arguments], environment)


def deploy(script, environment, *arguments, check=True):
    return run([str(CHECKOUT / "deploy" / script), *arguments], environment, check=check)


def query(url, sql):
    with psycopg.connect(url) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else None


def counts(url):
    return {
        name: query(url, f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608 (our table names)
        for name, table in COUNTED_TABLES.items()
    }


def tables(url):
    return query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")


def files_under(directory):
    return sorted(
        str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file()
    )


@pytest.fixture(scope="module")
def source(cluster, tmp_path_factory):
    """A migrated database with content and media, and one backup of it."""
    base = tmp_path_factory.mktemp("backup")
    media = base / "media"
    media.mkdir()
    environment = app_environment(cluster.create_database("source"), media, base / "stack")
    manage(environment, "migrate", "--no-input", "-v0")
    manage(environment, "shell", "-v0", "-c", CONTENT)
    result = deploy("backup", environment, str(base / "backups"))
    backup = Path(result.stdout.strip().splitlines()[-1])
    return environment, media, backup, base


def test_the_backup_holds_a_dump_the_media_and_a_manifest_of_them(source):
    environment, media, backup, base = source
    assert backup.parent == base / "backups"
    assert backup.name.startswith("gzm-")
    assert sorted(path.name for path in backup.iterdir()) == [
        "database.dump",
        "manifest.json",
        "media.tar",
    ]
    assert [path.name for path in (base / "backups").iterdir()] == [backup.name]  # no leftovers
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"] == counts(environment["DATABASE_URL"])
    assert manifest["counts"]["municipalities"] == 2
    assert manifest["counts"]["images"] == manifest["counts"]["documents"] == 1
    assert set(manifest["files"]) == {"database.dump", "media.tar"}
    assert len(manifest["revision"] or "") in (0, 40)


def test_a_restore_into_an_empty_database_brings_back_the_content_and_the_media(
    source, cluster, tmp_path
):
    environment, media, backup, _base = source
    target_media = tmp_path / "media"
    target = app_environment(cluster.create_database("restored"), target_media, tmp_path / "stack")

    result = deploy("restore", target, str(backup))

    assert "checksums match" in result.stdout
    source_url, target_url = environment["DATABASE_URL"], target["DATABASE_URL"]
    assert counts(target_url) == counts(source_url)
    homes = query(target_url, PAGE_CONTENT)  # the network home in each language
    assert homes == query(source_url, PAGE_CONTENT)
    title, intro, body = homes[0]
    assert title == "Inicjatywa lokalna w GZM (kopia zapasowa)"
    assert intro == "<p>Mieszkańcy proponują, gmina realizuje.</p>"
    assert "Ławki, skwery i podwórka" in body
    # The restore printed the counts it compared.
    assert "municipalities" in result.stdout and "differs" not in result.stdout

    uploaded = files_under(media)
    assert any(name.startswith("original_images/") for name in uploaded)
    assert any(name.startswith("documents/") for name in uploaded)
    assert files_under(target_media) == uploaded
    _match, mismatch, errors = filecmp.cmpfiles(media, target_media, uploaded, shallow=False)
    assert mismatch == errors == []


def test_a_restore_refuses_a_database_that_is_not_empty(source, tmp_path):
    environment, _media, backup, _base = source
    before = counts(environment["DATABASE_URL"])
    target = {**environment, "MEDIA_ROOT": str(tmp_path / "media")}

    result = deploy("restore", target, str(backup), check=False)

    assert result.returncode != 0
    assert "not empty" in result.stderr
    assert counts(environment["DATABASE_URL"]) == before


def test_a_restore_refuses_a_damaged_backup(source, cluster, tmp_path):
    _environment, _media, backup, _base = source
    damaged = tmp_path / backup.name
    shutil.copytree(backup, damaged)
    dump = damaged / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    target = app_environment(cluster.create_database("damaged"), tmp_path / "media", tmp_path)

    result = deploy("restore", target, str(damaged), check=False)

    assert result.returncode != 0
    assert "database.dump: checksum differs" in result.stderr
    assert tables(target["DATABASE_URL"]) == []
    assert not (tmp_path / "media").exists()


def test_a_failed_backup_leaves_no_backup_behind(source, cluster, tmp_path):
    environment, _media, _backup, _base = source
    missing = {**environment, "DATABASE_URL": cluster.url("no_such_database")}
    destination = tmp_path / "backups"

    result = deploy("backup", missing, str(destination), check=False)

    assert result.returncode != 0
    assert "no backup was written" in result.stderr
    assert list(destination.iterdir()) == []


def test_a_forced_restore_replaces_what_the_database_holds(source, cluster, tmp_path):
    """--force over a migrated database: what deploy/run with STACK_SEED=none leaves."""
    environment, _media, backup, _base = source
    target = app_environment(cluster.create_database("migrated"), tmp_path / "media", tmp_path)
    manage(target, "migrate", "--no-input", "-v0")
    # Titles the backup does not have: the restore must replace them with the rest.
    query(target["DATABASE_URL"], "UPDATE wagtailcore_page SET title = 'nie z kopii'")

    deploy("restore", target, "--force", str(backup))

    assert counts(target["DATABASE_URL"]) == counts(environment["DATABASE_URL"])
    assert query(target["DATABASE_URL"], PAGE_CONTENT) == query(
        environment["DATABASE_URL"], PAGE_CONTENT
    )
