"""Wagtail's Elasticsearch/OpenSearch backend with index updates behind the breaker.

Settings name this module as the ``default`` backend's ``BACKEND`` and Wagtail's own engine
module as ``ENGINE`` (``wagtail.search.backends.opensearch3`` and so on). The backend is
Wagtail's class, extended so that the updates Wagtail's signal handlers send on every save,
publish, unpublish, move and delete (``add``, ``delete``) go through ``search.breaker``:
while the breaker is open they are skipped at once instead of waiting for a hanging engine,
and an engine fault on one of them opens the breaker. Wagtail already catches and logs the
errors of an external engine's index updates, so a publish never fails on them. What was
skipped is caught up by ``manage.py update_index`` (which goes around the breaker: it is run
on purpose, with the engine back).

Searches go through the breaker in ``search.backend``, where the database answers instead.
"""

import functools
import logging

from wagtail.search.backends import import_backend

from . import breaker

logger = logging.getLogger(__name__)


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
    return type(engine_class.__name__, (BreakerIndexUpdates, engine_class), {})


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    params = dict(params)
    engine_class = import_backend(params.pop("ENGINE"))
    return _with_breaker(engine_class)(params)
