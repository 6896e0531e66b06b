"""Helpers for tests that point search at an Elasticsearch/OpenSearch engine (or at an address
where none answers) and read the search page's results."""

import re
import socket
import uuid

HIT_TITLE = re.compile(r'<h3 class="search-hit__title"><a href="[^"]*">(.*?)</a></h3>')
FALLBACK_NOTICE = "Wyszukiwarka działa w trybie uproszczonym"


def engine_settings(engine, url, *, timeout=5):
    """``WAGTAILSEARCH_BACKENDS`` as production builds it for ``SEARCH_URL``, under an index
    prefix of its own so that tests never see each other's documents."""
    return {
        "default": {
            "BACKEND": "search.engine",
            "ENGINE": f"wagtail.search.backends.{engine}",
            "URLS": [url],
            "INDEX_PREFIX": f"gzm_test_{uuid.uuid4().hex[:8]}_",
            "TIMEOUT": timeout,
            "OPTIONS": {"max_retries": 0},
        },
        "database": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
    }


def titles(client, host, query, **params):
    """The search page's response and the titles of its hits, without the highlighting."""
    response = client.get("/szukaj/", {"q": query, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return response, [re.sub(r"</?mark>", "", t) for t in HIT_TITLE.findall(response.text)]


def closed_port():
    """A port on this machine where nothing listens (it was free a moment ago)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
