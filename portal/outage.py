"""A database out of reach answers 503 "briefly unavailable", never a 500.

While PostgreSQL restarts (or fails over, or refuses connections under load) the requests
that reach it fail with ``OperationalError`` or ``InterfaceError``. Connections are
health-checked before each request reuses one (``CONN_HEALTH_CHECKS``, portal/settings), so
a dead connection is replaced by a new one as soon as the database is back, without
restarting the app; the requests that still fail in between get this page.

The page is rendered from ``templates/503.html`` without the database: no site lookup, no
context processors, the language taken from the address (``/en/``, ``/uk/``, otherwise
Polish). It says ``Retry-After`` and ``Cache-Control: no-store``, so that neither browsers
nor the page cache in front (deploy/nginx) keep it.

Two ways in, the same answer:

- ``DatabaseOutageMiddleware.process_exception`` for errors raised by a view; the response
  then goes back out through the other middleware (security headers and the like);
- ``server_error``, the project's ``handler500``, for errors raised in middleware around
  the view (sessions, the user, Wagtail's site lookup) and anything else Django turns into
  a 500: a database error becomes this 503, anything else Django's usual 500 page.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.views import defaults

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again: about what a PostgreSQL restart or
# a failover takes.
RETRY_AFTER_SECONDS = 30
TEMPLATE = "503.html"


def is_database_outage(exception):
    """Whether ``exception`` says the database could not be reached or lost the connection."""
    return isinstance(exception, OperationalError | InterfaceError)


def _language(request):
    language = translation.get_language_from_path(request.path_info)
    return language or settings.LANGUAGE_CODE


def outage_response(request):
    """The 503 page in the language of the address, rendered without the database."""
    language = _language(request)
    reading = request.method in ("GET", "HEAD")
    with translation.override(language):
        html = loader.get_template(TEMPLATE).render(
            {
                # What was sent is not saved; the browser's Back button still holds it.
                "form_sent": not reading,
                "retry_url": request.get_full_path() if reading else None,
                "home_url": "/" if language == settings.LANGUAGE_CODE else f"/{language}/",
            }
        )
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Answer a view's database error with the 503 page (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error(
            "The database could not be reached; answered 503 to %s %s",
            request.method,
            request.path_info,
            exc_info=exception,
        )
        return outage_response(request)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """``handler500``: the 503 page for a database error, otherwise Django's 500 page.

    Django calls it while handling the exception, so ``sys.exc_info()`` names it (it has
    logged it already).
    """
    if is_database_outage(sys.exc_info()[1]):
        return outage_response(request)
    # In the language of the address, as the 503 page: an error raised outside the view may
    # come before the locale middleware has chosen it, or after another request's.
    with translation.override(_language(request)):
        return defaults.server_error(request, template_name)
