"""The OpenSearch/Elasticsearch path and the fallback to the database when the engine is down.

- ``emulator``: Wagtail's opensearch3 backend against osmem-server, an in-memory
  OpenSearch-compatible *emulator* (PyPI ``osmem-server``), started on a free port. It
  speaks the OpenSearch REST protocol; it is not OpenSearch or Elasticsearch.
- ``real cluster``: the same checks against a real Elasticsearch/OpenSearch when
  ``SEARCH_TEST_URL`` (and optionally ``SEARCH_TEST_ENGINE``, default opensearch3) is set;
  skipped otherwise: no cluster can be installed on this project's machines.
- ``fallback``: the engine's address is a closed port; publishing works and search answers
  from the database backend with a notice.
"""

import os

from django.core.management import call_command

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from demo.search import build_relevance_pages as build_pages
from municipalities.factories import InitiativePageFactory
from municipalities.models import GalleryPage
from search.query import find
from search.relevance import recall_at_10

from .search_helpers import FALLBACK_NOTICE, closed_port, engine_settings, titles

pytestmark = pytest.mark.django_db

A_HOST = "ruda-slaska.localhost"
NETWORK = "localhost"
NO_CLUSTER = "no Elasticsearch/OpenSearch cluster available on this machine (set SEARCH_TEST_URL)"


@pytest.fixture
def engine(request, settings, network):
    """Settings pointing Wagtail at an engine; the relevance pages indexed there."""
    engine_name, url = request.param
    if url is None:
        if not os.environ.get("SEARCH_TEST_URL"):
            pytest.skip(NO_CLUSTER)
        url = os.environ["SEARCH_TEST_URL"]
        engine_name = os.environ.get("SEARCH_TEST_ENGINE", "opensearch3")
    elif url == "emulator":
        url = request.getfixturevalue("emulator").url
    settings.WAGTAILSEARCH_BACKENDS = engine_settings(engine_name, url)
    ids = build_pages({"a": network.a, "b": network.b})
    call_command("update_index", backend_name="default", verbosity=0)
    # Each test writes under its own index prefix, so tests never see each other's documents.
    return ids


EMULATOR = pytest.param(("opensearch3", "emulator"), id="opensearch3-emulator")
REAL = pytest.param(("", None), id="real-cluster")


@pytest.mark.parametrize("engine", [EMULATOR, REAL], indirect=True)
def test_engine_recall_at_10(engine, network):
    pages = Page.objects.live().descendant_of(network.home, inclusive=True)

    def search(query):
        found = find(pages, query, "pl")
        assert not found.fallback, "the engine failed and the database answered"
        return found.ids

    recall, misses = recall_at_10(search, engine)

    assert recall >= 0.95, misses


@pytest.mark.parametrize("engine", [EMULATOR, REAL], indirect=True)
def test_engine_scope_facets_and_snippets(client, engine):
    response, found = titles(client, A_HOST, "warsztatach")
    assert found == ["Nabór na zadania edukacyjne"]
    assert FALLBACK_NOTICE not in response.text

    response, found = titles(client, A_HOST, "warsztatach", zakres="gzm", gmina="czeladz")
    assert sorted(found) == [
        "Festyn sąsiedzki na osiedlu Musiała",
        "Nabór wniosków na wydarzenia kulturalne",
        "Łąka kwietna nad Brynicą",
    ]

    response, found = titles(client, A_HOST, "placów zabaw")
    assert "<mark>Plac</mark> <mark>zabaw</mark> na Bykowinie" in response.text

    suggestions = client.get("/szukaj/podpowiedzi/", {"q": "plac za"}, HTTP_HOST=A_HOST).json()
    assert suggestions["fallback"] is False
    assert suggestions["results"][0]["title"] == "Plac zabaw na Bykowinie"


@pytest.mark.parametrize("engine", [EMULATOR, REAL], indirect=True)
@pytest.mark.parametrize(
    "query", ['title:(a OR b) AND "', "x" * 5000, "*?~^", "🛝 plac", "'; DROP TABLE x; --"]
)
def test_engine_answers_hostile_queries(client, engine, query):
    response, _found = titles(client, NETWORK, query)
    assert FALLBACK_NOTICE not in response.text


@pytest.mark.parametrize("engine", [EMULATOR, REAL], indirect=True)
def test_engine_corrects_typos_with_its_fuzziness(client, engine, monkeypatch):
    from search import backend

    asked = []
    plain_ask = backend._ask
    monkeypatch.setattr(
        backend,
        "_ask",
        lambda engine, method, *args: asked.append(method) or plain_ask(engine, method, *args),
    )

    response, found = titles(client, A_HOST, "piaskownca")

    assert found[0] == "Plac zabaw na Bykowinie"
    assert "Pokazujemy wyniki dla „piaskownica”" in response.text
    assert FALLBACK_NOTICE not in response.text
    assert "fuzzy" in asked  # the corrected query was asked with the engine's fuzziness


@pytest.mark.parametrize("engine", [EMULATOR, REAL], indirect=True)
def test_engine_index_follows_publish_and_unpublish(client, engine, network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    engine_backend = get_search_backend("default")

    page = InitiativePageFactory(parent=gallery, title="Tężnia solankowa")  # indexed on save
    engine_backend.refresh_indexes()  # what the engine does by itself within a second
    assert titles(client, A_HOST, "tężni")[1] == ["Tężnia solankowa"]

    page.unpublish()
    engine_backend.refresh_indexes()

    assert titles(client, A_HOST, "tężni")[1] == []


@pytest.fixture
def engine_down(settings):
    settings.WAGTAILSEARCH_BACKENDS = engine_settings(
        "opensearch3", f"http://127.0.0.1:{closed_port()}"
    )


def test_fallback_publishing_works_when_the_engine_is_down(client, network, engine_down):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()

    page = InitiativePageFactory(parent=gallery, title="Mostek nad potokiem")
    page.title = "Mostek nad strumieniem"
    page.save_revision().publish()

    response = client.get(page.url, HTTP_HOST=A_HOST)
    assert response.status_code == 200


def test_fallback_search_answers_from_the_database_with_a_notice(client, network, engine_down):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    InitiativePageFactory(parent=gallery, title="Mostek nad potokiem")

    response, found = titles(client, A_HOST, "mostku")

    assert found == ["Mostek nad potokiem"]
    assert FALLBACK_NOTICE in response.text
    suggestions = client.get("/szukaj/podpowiedzi/", {"q": "most"}, HTTP_HOST=A_HOST)
    assert suggestions.status_code == 200
    assert suggestions.json()["results"][0]["title"] == "Mostek nad potokiem"
    assert suggestions.json()["fallback"] is True


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, {"default": "wagtail.search.backends.database"}),
        (
            {"SEARCH_URL": "https://search.example.org:9200", "SEARCH_ENGINE": "elasticsearch9"},
            {
                "default": "wagtail.search.backends.elasticsearch9 (search.engine)",
                "database": "wagtail.search.backends.database",
            },
        ),
    ],
)
def test_the_backend_is_chosen_by_environment(environment, expected):
    import json
    import subprocess
    import sys

    script = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings.dev'; "
        "from django.conf import settings; "
        "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("SEARCH_")}
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], env={**env, **environment},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    backends = json.loads(result.stdout)

    described = {
        name: f"{config['ENGINE']} ({config['BACKEND']})"
        if "ENGINE" in config
        else config["BACKEND"]
        for name, config in backends.items()
    }
    assert described == expected
    assert backends.get("database", backends["default"]).get("SEARCH_CONFIG") == "simple"
    if "database" in backends:
        assert backends["default"]["URLS"] == ["https://search.example.org:9200"]
