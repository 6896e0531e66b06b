"""Browser tests: a real portal over HTTP, driven by Debian's chromium through Playwright.

``portal`` starts the portal once per session (see ``server.py``): its own database,
two onboarded municipalities with the demo content, ``manage.py runserver`` on a free port.
The database is a copy of a template seeded once per run. Under pytest-xdist (``-n``) each
worker starts its own portal with its own copy, so a test that changes the portal's data
(``test_consent`` turns analytics on) changes it for that worker's tests only.
Tests never use pytest-django's database; they ask ``portal.url(path, municipality=slug)``
for addresses and drive ``page`` (a fresh browser context per test).

Every test in this folder is marked ``browser``: ``pytest -m browser`` runs them alone and
``pytest -m "not browser"`` leaves them out.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from ..once_per_run import OncePerRun, run_directory
from .server import BrowserDatabase, PortalServer

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Keep chromium off the network: the tests only talk to the local server.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    configured_url = os.environ.get("DATABASE_URL", "")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    database = BrowserDatabase(tmp_path_factory.mktemp("portal"), configured_url, suffix=worker)
    server = PortalServer(database.workdir, database.url)
    with seeded(database, run_directory(tmp_path_factory), user=worker):
        try:
            server.prepare()
            server.start()
            yield server
        finally:
            server.stop()
            database.drop()


@contextmanager
def seeded(database, directory, user):
    """Fill ``database`` with a copy of the run's seeded template.

    The first process to come seeds the template, the last to leave drops it; the copying is
    done under the run's lock too, as PostgreSQL copies a template for one client at a time.
    """
    template = BrowserDatabase(
        directory / "browser-template", database.configured_url, suffix="template"
    )
    shared = OncePerRun(directory, "browser-template")
    with shared.record() as record:
        if not record:
            template.workdir.mkdir(exist_ok=True)
            template.create()
            seeder = PortalServer(template.workdir, template.url)
            try:
                seeder.seed()
            finally:
                seeder.stop()
            record["users"] = []
        template.copy_to(database)
        record["users"].append(user)
    try:
        yield
    finally:
        with shared.record() as record:
            record["users"].remove(user)
            if not record["users"]:
                template.drop()
                record.clear()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"No chromium at {CHROMIUM}: install Debian's chromium (scripts/setup --test).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="pl-PL")
    page = context.new_page()
    yield page
    context.close()


# The demo gives every call and initiative an English and a Ukrainian copy. Residents more
# often meet pages that nobody has translated yet: these tests unpublish the copies (all
# but the Ruda Śląska pilot's, whose English page the accessibility suite opens), so the
# English and Ukrainian listings show the Polish pages with their label
# (docs/translations.md).
UNTRANSLATED = """
from municipalities.models import CallPage, InitiativePage
for model in (CallPage, InitiativePage):
    copies = model.objects.live().exclude(locale__language_code="pl")
    for copy in copies.exclude(slug="inicjatywa-lokalna-2024"):
        copy.unpublish()
"""


@pytest.fixture(scope="session")
def untranslated_content(portal):
    """The portal with its calls and initiatives in Polish only (but the pilot call)."""
    portal.run_python(UNTRANSLATED)
    return portal
