"""Browser tests: a real portal over HTTP, driven by Debian's chromium through Playwright.

``portal`` starts the portal once per session (see ``server.py``): its own database,
two onboarded municipalities with the demo content, ``manage.py runserver`` on a free port.
Tests never use pytest-django's database; they ask ``portal.url(path, municipality=slug)``
for addresses and drive ``page`` (a fresh browser context per test).

Every test in this folder is marked ``browser``: ``pytest -m browser`` runs them alone and
``pytest -m "not browser"`` leaves them out.
"""

import os
import shutil
from pathlib import Path

import pytest

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
    workdir = tmp_path_factory.mktemp("portal")
    database = BrowserDatabase(workdir, os.environ.get("DATABASE_URL", ""))
    database.create()
    server = PortalServer(workdir, database.url)
    try:
        server.prepare()
        server.start()
        yield server
    finally:
        server.stop()
        database.drop()


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
