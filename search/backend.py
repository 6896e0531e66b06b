"""The search engine and its fallback.

With ``SEARCH_URL`` set, Elasticsearch/OpenSearch is the ``default`` backend and the
database backend (``database``) is indexed beside it. When the engine cannot answer (down,
unreachable, timing out, refusing the query), the query runs again on the database backend
and the caller learns that it did, so the page can say the search is in a simpler mode.
Indexing errors of the engine never stop a publish: Wagtail catches and logs them for
backends with an external service.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings

from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"


def engine_configured():
    return FALLBACK_BACKEND in settings.WAGTAILSEARCH_BACKENDS


def _backends():
    """(name, backend) pairs in the order they are tried."""
    names = ["default"]
    if engine_configured():
        names.append(FALLBACK_BACKEND)
    return [(name, get_search_backend(name)) for name in names]


@dataclass
class Hits:
    """The ranked ids of the pages a query found, and whether the fallback answered."""

    ids: list = field(default_factory=list)
    fallback: bool = False


def _ask(backend, method, terms, queryset, operator, limit):
    if method == "autocomplete":
        results = backend.autocomplete(terms, queryset)
    else:
        results = backend.search(terms, queryset, operator=operator)
    return [page.pk for page in results[:limit]]


def ranked_ids(queryset, terms, *, operator="and", limit=500, method="search"):
    """Ids of the pages of ``queryset`` matching ``terms`` (base forms), best first."""
    if not terms:
        return Hits()
    backends = _backends()
    for position, (name, backend) in enumerate(backends):
        is_last = position == len(backends) - 1
        try:
            return Hits(
                ids=_ask(backend, method, terms, queryset, operator, limit),
                fallback=position > 0,
            )
        except Exception:
            if is_last:
                raise
            # The engine is an external service: whatever went wrong there, the database
            # can still answer. The log tells the administrator what it was.
            logger.warning("Search backend %r failed; using the database backend.", name)
    return Hits()  # pragma: no cover - the loop returns or raises
