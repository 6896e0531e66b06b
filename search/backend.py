"""The search engine and its fallback.

With ``SEARCH_URL`` set, Elasticsearch/OpenSearch is the ``default`` backend and the
database backend (``database``) is indexed beside it. Every query to the engine goes
through the circuit breaker (``search.breaker``): when the engine cannot answer (down,
unreachable, timing out, refusing the query) the query runs on the database backend, and
after a fault the database answers every query at once for a while without the engine
being asked. Either way the caller learns that the fallback answered, so the page can say
the search is in a simpler mode. Index updates on publish go through the same breaker
(``search.engine``).

``search.engine`` gives every other caller of the engine (the Wagtail admin's searches) the
same fallback inside the backend's results; this module asks for the engine without it, so
that each query passes the breaker once and the database ranks here as below.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings

from wagtail.search.backends import get_search_backend
from wagtail.search.query import Fuzzy

from . import breaker
from .engine import FALLBACK_BACKEND

logger = logging.getLogger(__name__)


def engine_configured():
    return FALLBACK_BACKEND in settings.WAGTAILSEARCH_BACKENDS


@dataclass
class Hits:
    """The ranked ids of the pages a query found, and whether the fallback answered."""

    ids: list = field(default_factory=list)
    fallback: bool = False


def _sqlite_ranked(backend, terms, queryset, operator, limit, within=None):
    """Wagtail's SQLite backend, ranked in one pass.

    The stock compiler scores each candidate page with a correlated subquery that runs the
    full-text match again, which takes seconds once thousands of pages match. Here the
    matches are scored once, in the same way (BM25 over title and body), and the ranked ids
    are then kept if they fall in the scope.
    """
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
    from modelsearch.utils import get_descendants_content_types_pks

    compiler = backend.query_compiler_class(queryset, terms, operator=operator)
    search_query = compiler.build_search_query(normalize(compiler.query), config=None)
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    ranked = (
        SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(compiler.FTS_TABLE_FIELDS, search_query),
            index_entry__content_type__in=get_descendants_content_types_pks(queryset.model),
        )
        .annotate(score=rank)
        .order_by("score", "-index_entry_id")
        .values_list("index_entry__object_id", flat=True)
    )
    in_scope = set(within) if within is not None else set(queryset.values_list("pk", flat=True))
    ids = []
    for object_id in ranked.iterator():
        pk = int(object_id)
        if pk in in_scope:
            ids.append(pk)
            if len(ids) == limit:
                break
    return ids


def _ask(backend, method, terms, queryset, operator, limit, within=None):
    # By name: the SQLite module cannot even be imported on other databases.
    if method == "search" and type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_ranked(backend, terms, queryset, operator, limit, within)
    if within is not None:
        queryset = queryset.filter(id__in=within)
    if method == "autocomplete":
        results = backend.autocomplete(terms, queryset)
    elif method == "fuzzy":
        results = backend.search(Fuzzy(terms, operator=operator), queryset)
    else:
        results = backend.search(terms, queryset, operator=operator)
    return [page.pk for page in results[:limit]]


def ranked_ids(
    queryset, terms, *, operator="and", limit=500, method="search", fuzzy=False, within=None
):
    """Ids of the pages of ``queryset`` matching ``terms`` (base forms), best first.

    ``fuzzy``: the engine matches the terms with its own typo tolerance (Elasticsearch's
    and OpenSearch's ``fuzziness``, through Wagtail's ``Fuzzy`` query); the database
    backends match them as they are. Used for the corrected words of a query
    (``search.query``), which are words of the index already, so both find the same pages
    and the engine also meets their near forms.

    ``within``: ids of pages of ``queryset`` already found; only they are asked about.
    """
    if not terms:
        return Hits()
    if not engine_configured():
        return Hits(
            ids=_ask(
                get_search_backend("default"), method, terms, queryset, operator, limit, within
            )
        )
    # The engine's own results: the fallback is below, not in the backend (search.engine).
    engine = get_search_backend("default", DATABASE_FALLBACK=False)
    engine_method = "fuzzy" if fuzzy and method == "search" else method
    try:
        return Hits(
            ids=breaker.call(_ask, engine, engine_method, terms, queryset, operator, limit, within)
        )
    except breaker.EngineUnavailable:
        pass  # the breaker is open: the engine is not asked
    except Exception:
        # The engine is an external service: whatever went wrong there, the database can
        # still answer. The log tells the administrator what it was.
        logger.warning("The search engine failed; using the database backend.", exc_info=True)
    database = get_search_backend(FALLBACK_BACKEND)
    return Hits(ids=_ask(database, method, terms, queryset, operator, limit, within), fallback=True)
