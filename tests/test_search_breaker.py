"""A search engine that accepts connections and never answers, and the circuit breaker.

The engine here is a real TCP server on this machine (``HangingEngine``): it accepts every
connection and holds it without reading or answering, like a cluster whose nodes hang. It
counts the connections it receives, which is how these tests see whether the engine was
asked; nothing is timed. Requests to it give up after ``TIMEOUT`` seconds; the breaker's
window (``SEARCH_BREAKER_SECONDS``) is passed by moving the clock forward (time-machine).

The working engine, where one is needed, is osmem-server, an in-memory OpenSearch-compatible
*emulator* (not OpenSearch itself), as in tests/test_search_engines.py.
"""

import os
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from wagtail.search.backends import get_search_backend

import pytest
import time_machine

from municipalities.factories import InitiativePageFactory
from municipalities.models import CallIndexPage, GalleryPage
from portal.factories import DocumentFactory, ImageFactory
from search import breaker

from .isolation.helpers import log_in_as, page_form_data, reload, section
from .search_helpers import FALLBACK_NOTICE, closed_port, engine_settings, titles

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
A_HOST = "ruda-slaska.localhost"
TIMEOUT = 0.5  # seconds a request waits for the hanging engine
# Seconds a request may take from the working emulator: a loaded machine (CI runs two suites
# side by side) can take longer than TIMEOUT to answer, which is not what these tests test.
WORKING_TIMEOUT = 5
WINDOW = 30  # SEARCH_BREAKER_SECONDS
# How long a test waits for something it started in another thread; never reached when the
# code works, it only keeps a broken run from hanging.
GUARD = 30


class HangingEngine:
    """A TCP server on a free port that accepts connections and never answers.

    A thread accepts each connection and holds it open (nothing is read or sent) until
    ``hang_up`` or ``close``.
    """

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._held = []
        self._received = 0
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="hanging-engine", daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stopping.is_set():
            select.select([self._listener], [], [], 0.05)
            self._accept_waiting()

    def _accept_waiting(self):
        with self._changed:
            while True:
                try:
                    connection, _address = self._listener.accept()
                except BlockingIOError:
                    break
                self._held.append(connection)
                self._received += 1
                self._changed.notify_all()

    @property
    def connections(self):
        """How many connections the engine has received so far."""
        # A connection the kernel has completed but the thread has not taken yet counts too,
        # so the number never depends on when the thread last ran.
        self._accept_waiting()
        return self._received

    def wait_for_connections(self, count):
        """Wait until ``count`` connections have come; whether they did."""
        with self._changed:
            return self._changed.wait_for(lambda: self._received >= count, timeout=GUARD)

    def hang_up(self):
        """Close the connections held so far: whoever waits on them learns it at once."""
        with self._changed:
            held, self._held = self._held, []
        for connection in held:
            connection.close()

    def close(self):
        self._stopping.set()
        self._thread.join()
        self.hang_up()
        self._listener.close()


@pytest.fixture
def hanging_engine():
    engine = HangingEngine()
    yield engine
    engine.close()


def search_at(settings, url, *, timeout=TIMEOUT):
    """Point search at the engine at ``url``, with a short timeout and a window of ``WINDOW``."""
    settings.SEARCH_TIMEOUT = timeout
    settings.SEARCH_BREAKER_SECONDS = WINDOW
    settings.WAGTAILSEARCH_BACKENDS = engine_settings("opensearch3", url, timeout=timeout)


def engine_moved_to(settings, url, *, timeout=None):
    """Search kept on the same index, at another address: how a test makes its engine start
    hanging, or work again (``timeout``: a new request timeout)."""
    backends = dict(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"] = {**backends["default"], "URLS": [url]}
    if timeout is not None:
        settings.SEARCH_TIMEOUT = timeout
        backends["default"]["TIMEOUT"] = timeout
    settings.WAGTAILSEARCH_BACKENDS = backends


def initiative(network, title, municipality="a"):
    """An initiative in A's gallery (or ``municipality``'s); made before search points at an
    engine, it is indexed in the database alone."""
    gallery = GalleryPage.objects.child_of(getattr(network, municipality).root_page).get()
    return InitiativePageFactory(parent=gallery, title=title)


def suggestions(client, query):
    response = client.get(reverse("search_suggestions"), {"q": query}, HTTP_HOST=A_HOST)
    assert response.status_code == 200
    return response.json()


def test_pages_other_than_search_never_ask_the_engine(client, network, settings, hanging_engine):
    search_at(settings, hanging_engine.url)

    for host in (A_HOST, "localhost"):
        assert client.get("/", HTTP_HOST=host).status_code == 200
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    assert client.get(gallery.url, HTTP_HOST=A_HOST).status_code == 200

    assert hanging_engine.connections == 0


def test_a_search_while_the_engine_hangs_answers_from_the_database_then_skips_the_engine(
    client, network, settings, hanging_engine
):
    initiative(network, "Mostek nad potokiem")
    search_at(settings, hanging_engine.url)

    response, found = titles(client, A_HOST, "mostku")

    assert found == ["Mostek nad potokiem"]
    assert FALLBACK_NOTICE in response.text
    assert hanging_engine.connections == 1  # this search waited for the engine, once
    assert breaker.is_open()

    response, found = titles(client, A_HOST, "potoku")

    assert found == ["Mostek nad potokiem"]
    assert FALLBACK_NOTICE in response.text
    assert hanging_engine.connections == 1  # the breaker is open: the engine was not asked


def test_suggestions_while_the_engine_hangs_come_from_the_database_then_skip_the_engine(
    client, network, settings, hanging_engine
):
    initiative(network, "Mostek nad potokiem")
    search_at(settings, hanging_engine.url)

    first = suggestions(client, "most")

    assert [item["title"] for item in first["results"]] == ["Mostek nad potokiem"]
    assert first["fallback"] is True
    assert hanging_engine.connections == 1

    second = suggestions(client, "mostek nad")

    assert [item["title"] for item in second["results"]] == ["Mostek nad potokiem"]
    assert second["fallback"] is True
    assert hanging_engine.connections == 1


def test_publishing_while_the_engine_hangs_succeeds_and_the_page_is_found(
    client, network, settings, hanging_engine
):
    page = section(network.a, CallIndexPage)
    search_at(settings, hanging_engine.url)
    log_in_as(client, network, "moderator_a")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    response = client.post(
        edit_url, page_form_data(page, title="Nabory na mikrogranty", **{"action-publish": "on"})
    )

    assert response.status_code == 302
    assert reload(page).title == "Nabory na mikrogranty"
    # The first index update waited for the engine and opened the breaker; the publish's
    # other updates were skipped.
    assert hanging_engine.connections == 1
    assert breaker.is_open()

    response = client.post(
        edit_url, page_form_data(page, title="Nabory na grantobusy", **{"action-publish": "on"})
    )

    assert response.status_code == 302
    assert reload(page).title == "Nabory na grantobusy"
    assert hanging_engine.connections == 1  # the breaker is open: no update was sent
    client.logout()
    response, found = titles(client, A_HOST, "grantobusy")
    assert found == ["Nabory na grantobusy"]
    assert FALLBACK_NOTICE in response.text
    assert hanging_engine.connections == 1


def test_after_the_window_one_trial_asks_the_engine_and_a_working_engine_closes_the_breaker(
    client, network, settings, hanging_engine, emulator
):
    initiative(network, "Mostek nad potokiem")
    search_at(settings, emulator.url, timeout=WORKING_TIMEOUT)
    call_command("update_index", backend_name="default", verbosity=0)
    # Each search below is worded differently: the results of a query the engine answered are
    # kept (search/views.py), and a kept answer would ask no backend at all.
    response, found = titles(client, A_HOST, "mostku")
    assert found == ["Mostek nad potokiem"]
    assert FALLBACK_NOTICE not in response.text  # the emulator answered

    engine_moved_to(settings, hanging_engine.url, timeout=TIMEOUT)  # the engine starts hanging
    with time_machine.travel(time.time(), tick=True) as clock:
        response, _found = titles(client, A_HOST, "mostek")
        assert FALLBACK_NOTICE in response.text
        assert hanging_engine.connections == 1

        clock.shift(WINDOW + 1)
        response, found = titles(client, A_HOST, "mostkiem")  # the trial, on a hanging engine

        assert found == ["Mostek nad potokiem"]
        assert FALLBACK_NOTICE in response.text
        assert hanging_engine.connections == 2
        response, _found = titles(client, A_HOST, "potoku")
        assert FALLBACK_NOTICE in response.text
        assert hanging_engine.connections == 2  # the failed trial opened the breaker again

        engine_moved_to(settings, emulator.url, timeout=WORKING_TIMEOUT)  # the engine works again
        response, _found = titles(client, A_HOST, "potokiem")
        assert FALLBACK_NOTICE in response.text  # the window is not over yet: not asked
        clock.shift(WINDOW + 1)
        response, found = titles(client, A_HOST, "potok")  # the trial, on a working engine

        assert found == ["Mostek nad potokiem"]
        assert FALLBACK_NOTICE not in response.text
        assert not breaker.is_open()
        response, _found = titles(client, A_HOST, "mostu")
        assert FALLBACK_NOTICE not in response.text  # the engine answers again
        assert suggestions(client, "most")["fallback"] is False
        assert hanging_engine.connections == 2


def test_while_a_trial_waits_on_the_engine_other_searches_use_the_database(
    client, network, settings, hanging_engine
):
    initiative(network, "Mostek nad potokiem")
    search_at(settings, hanging_engine.url)
    titles(client, A_HOST, "mostku")
    assert hanging_engine.connections == 1
    # From now on a request waits long enough that the trial below is surely still waiting
    # when the search runs; the test ends the wait by hanging up.
    search_at(settings, hanging_engine.url, timeout=GUARD)

    with time_machine.travel(time.time() + WINDOW + 1, tick=True):
        # Another worker's request is the trial: it waits on the engine in a thread.
        trial_errors = []

        def trial():
            try:
                breaker.call(get_search_backend("default").es.info)
            except Exception as error:  # kept for the assertion below
                trial_errors.append(error)

        worker = threading.Thread(target=trial)
        worker.start()
        try:
            assert hanging_engine.wait_for_connections(2)

            response, found = titles(client, A_HOST, "potoku")

            assert found == ["Mostek nad potokiem"]
            assert FALLBACK_NOTICE in response.text
            assert hanging_engine.connections == 2  # only the trial went to the engine
        finally:
            hanging_engine.hang_up()
            worker.join(GUARD)

    assert trial_errors, "the trial got an answer from an engine that never answers"
    assert breaker.is_open()  # the failed trial opened the breaker for another window


def test_the_breaker_is_one_for_every_worker_through_the_cache(
    client, network, settings, hanging_engine, tmp_path
):
    """A trip seen by another process sharing the cache (as gunicorn's workers share Redis),
    and that process's reset seen here."""
    prefix = f"breaker-{os.getpid()}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
            "KEY_PREFIX": prefix,
        },
    }
    initiative(network, "Mostek nad potokiem")
    search_at(settings, hanging_engine.url)
    titles(client, A_HOST, "mostku")
    assert hanging_engine.connections == 1

    other_worker = (
        "import os, django; django.setup(); from django.conf import settings; "
        "from search import breaker; print(breaker.is_open()); breaker.reset(); "
        "os.rmdir(settings.MEDIA_ROOT)"  # the empty directory the test settings made
    )
    environment = {key: value for key, value in os.environ.items() if key != "CACHE_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        TEST_CACHE_DIR=str(tmp_path),
        CACHE_KEY_PREFIX=prefix,
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", other_worker], env=environment, cwd=ROOT,
        capture_output=True, text=True, check=True,
    )  # fmt: skip

    assert result.stdout.split() == ["True"]  # the other worker saw the breaker open
    assert not breaker.is_open()  # and its reset closed it here
    titles(client, A_HOST, "potoku")
    assert hanging_engine.connections == 2  # so this search asked the engine again


# The Wagtail admin's own searches ask the default backend directly (search.engine).


def admin_search(client, url, query):
    """The text of an admin page searched for ``query``, which must answer 200."""
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.text


def test_an_admin_page_search_while_the_engine_hangs_answers_from_the_database_then_skips_it(
    client, network, settings, hanging_engine
):
    initiative(network, "Mostek nad potokiem")
    initiative(network, "Mostek nad Brynicą", municipality="b")
    search_at(settings, hanging_engine.url)
    log_in_as(client, network, "editor_a")

    html = admin_search(client, reverse("wagtailadmin_pages:search"), "mostek")

    assert "Mostek nad potokiem" in html
    assert "Mostek nad Brynicą" not in html  # B's page stays out, as without the engine
    assert hanging_engine.connections == 1  # this search waited for the engine, once
    assert breaker.is_open()

    explorer = reverse("wagtailadmin_explore", args=[network.a.root_page.pk])
    html = admin_search(client, explorer, "potok")

    assert "Mostek nad potokiem" in html
    assert hanging_engine.connections == 1  # the breaker is open: the engine was not asked


def test_an_admin_page_search_with_a_working_engine_is_answered_by_the_engine(
    client, network, settings, emulator
):
    search_at(settings, emulator.url, timeout=WORKING_TIMEOUT)
    call_command("update_index", backend_name="default", verbosity=0)
    both = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {"default": both["default"]}
    initiative(network, "Kładka nad potokiem")  # indexed in the engine alone
    settings.WAGTAILSEARCH_BACKENDS = both
    get_search_backend("default").refresh_indexes()
    log_in_as(client, network, "editor_a")

    html = admin_search(client, reverse("wagtailadmin_pages:search"), "potok")

    assert "Kładka nad potokiem" in html  # which only the engine could find
    assert not breaker.is_open()


def test_the_admin_image_search_while_the_engine_hangs_lists_the_image_from_the_database(
    client, network, settings, hanging_engine
):
    ImageFactory(collection=network.a.collection, title="Mostek nad potokiem o świcie")
    search_at(settings, hanging_engine.url)
    log_in_as(client, network, "editor_a")

    html = admin_search(client, reverse("wagtailimages:index"), "mostek")

    assert "Mostek nad potokiem o świcie" in html
    assert hanging_engine.connections == 1

    html = admin_search(client, reverse("wagtailimages:index"), "świcie")

    assert "Mostek nad potokiem o świcie" in html
    assert hanging_engine.connections == 1


def document(network, title):
    """A document in A's collection, indexed in the database alone (as ``initiative``)."""
    return DocumentFactory(collection=network.a.collection, title=title)


@pytest.mark.parametrize(
    ("url_name", "titled"),
    [
        ("wagtailadmin_pages:search", initiative),
        ("wagtailadmin_choose_page_search", initiative),
        ("wagtaildocs:index", document),
    ],
    ids=["pages", "page-chooser", "documents"],
)
def test_an_admin_search_with_the_engine_refusing_connections_answers_from_the_database(
    client, network, settings, url_name, titled
):
    titled(network, "Mostek nad potokiem")
    search_at(settings, f"http://127.0.0.1:{closed_port()}")
    log_in_as(client, network, "editor_a")

    html = admin_search(client, reverse(url_name), "mostek")

    assert "Mostek nad potokiem" in html
    assert breaker.is_open()
