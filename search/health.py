"""The search engine's check for ``/health/`` (portal/health.py), when ``SEARCH_URL`` is set.

Search falls back to the database backend when the engine is down (``search.backend``), so
a failing engine does not stop the portal; it does mean that the results are poorer, which
is what the orchestrator's alarm should say.
"""

import dataclasses
import datetime

from wagtail.search.backends import get_search_backend

from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


@dataclasses.dataclass
class SearchEngine(HealthCheck):
    """Elasticsearch/OpenSearch answers a ping (``HEAD /``) within the timeout."""

    backend: str = "default"
    timeout: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(seconds=3), repr=False
    )

    def run(self):
        client = get_search_backend(self.backend).es
        try:
            answered = client.ping()
        except Exception as error:  # the clients raise their own transport errors
            raise ServiceUnavailable("The search engine did not answer") from error
        if not answered:
            raise ServiceUnavailable("The search engine did not answer")
