"""Wagtail's Elasticsearch/OpenSearch backend behind the breaker, with the database to fall back on.

Settings name this module as the ``default`` backend's ``BACKEND`` and Wagtail's own engine
module as ``ENGINE`` (``wagtail.search.backends.opensearch3`` and so on). The backend is
Wagtail's class, extended in two ways, both through ``search.breaker``:

- **Searches.** Every search of the ``default`` backend — the Wagtail admin's search boxes
  (pages, images, documents, snippets, users, choosers) and anything else that calls
  ``get_search_backend()`` — asks the engine through the breaker when its results are read
  (the hits, the count, a facet). When the breaker is open, or the engine fails, the same
  query (queryset, words, fields, order) is answered by the ``database`` backend instead, so
  an engine that hangs costs one request its timeout and an engine that fails costs none a
  500. The public search page handles the fallback itself (``search.backend``, which also
  tells the resident) and asks for the engine without this one: ``DATABASE_FALLBACK=False``.
- **Index updates.** The updates Wagtail's signal handlers send on every save, publish,
  unpublish, move and delete (``add``, ``delete``): while the breaker is open they are
  skipped at once instead of waiting for a hanging engine, and an engine fault on one of
  them opens the breaker. Wagtail already catches and logs the errors of an external
  engine's index updates, so a publish never fails on them. What was skipped is caught up
  by ``manage.py update_index`` (which goes around the breaker: it is run on purpose, with
  the engine back).
"""

import functools
import logging

from wagtail.search.backends import get_search_backend, import_backend

from . import breaker

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"


class BreakerSearchResults:
    """The engine's results, read through the breaker; the database's when the engine cannot."""

    def _do_search(self):
        # Wagtail's engine search is a generator that asks the engine only while it is read,
        # so it is read to the end inside the breaker.
        engine_search = super()._do_search
        return self._from_engine_or_database(lambda: list(engine_search()), "results")

    def _do_count(self):
        return self._from_engine_or_database(super()._do_count, "count")

    def facet(self, field_name):
        return self._from_engine_or_database(
            functools.partial(super().facet, field_name), "facet", field_name
        )

    def _from_engine_or_database(self, ask_engine, method, *args):
        try:
            return breaker.call(ask_engine)
        except breaker.EngineUnavailable:
            pass  # the breaker is open: the engine is not asked
        except Exception:
            # The engine is an external service: whatever went wrong there, the database can
            # still answer. The log tells the administrator what it was.
            logger.warning("The search engine failed; using the database backend.", exc_info=True)
        return getattr(self._database_results(), method)(*args)

    def _database_results(self):
        """The same query, as far as these results reach, on the database backend."""
        compiler = self.query_compiler
        database = get_search_backend(FALLBACK_BACKEND)
        autocomplete = isinstance(compiler, self.backend.autocomplete_query_compiler_class)
        ask = database.autocomplete if autocomplete else database.search
        # The compiler holds the query as Wagtail parsed it, the operator included.
        results = ask(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )[self.start : self.stop]
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results


class BreakerIndexUpdates:
    """Index updates of single objects through the breaker (bulk indexing is left as it is)."""

    def add(self, obj):
        self._through_breaker(super().add, obj)

    def delete(self, obj):
        self._through_breaker(super().delete, obj)

    def _through_breaker(self, update, obj):
        try:
            breaker.call(update, obj)
        except breaker.EngineUnavailable:
            logger.warning(
                "Search engine breaker open: %r not updated in the engine's index "
                "(run update_index once the engine is back).",
                obj,
            )


@functools.cache
def _with_breaker(engine_class):
    engine_results = engine_class.results_class
    results = type(engine_results.__name__, (BreakerSearchResults, engine_results), {})
    attributes = {"results_class": results, "engine_results_class": engine_results}
    return type(engine_class.__name__, (BreakerIndexUpdates, engine_class), attributes)


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    params = dict(params)
    engine_class = import_backend(params.pop("ENGINE"))
    database_fallback = params.pop("DATABASE_FALLBACK", True)
    backend = _with_breaker(engine_class)(params)
    if not database_fallback:
        # The engine's own results: the caller goes through the breaker and falls back itself.
        backend.results_class = backend.engine_results_class
    return backend
