"""``/health/``: whether this app server can serve, for the proxy and the orchestrator.

The checks are django-health-check's, named in ``PORTAL_HEALTH_CHECKS`` (portal/settings):
the database (``SELECT 1`` on a connection of its own), the default cache (a value written
and read back), the media storage (a file written, read and deleted) and, when
``SEARCH_URL`` is set, the search engine (``search/health.py``). They run side by side.

The answer says only what an orchestrator acts on: ``200 {"status": "ok"}``, or ``503
{"status": "unavailable", "failing": ["database"]}`` naming the checks that failed, with no
exception text, host, port or version (the app's log has those). It is never cached
(``Cache-Control: no-store``).

``HealthCheckMiddleware`` stands first in ``MIDDLEWARE`` and answers the address itself:
before ``ALLOWED_HOSTS`` is checked, so that the proxy may ask by IP address or with any
``Host``, and before the HTTPS redirect, the site lookup and the session, which would need
the very services being checked.
"""

import asyncio

from django.conf import settings
from django.http import JsonResponse

from asgiref.sync import async_to_sync
from health_check.views import HealthCheckView

HEALTH_PATH = "/health/"


class PortalHealthCheckView(HealthCheckView):
    """django-health-check's view with the portal's terse answer and a 503 on failure."""

    http_method_names = ["get", "head"]

    def get_checks(self):
        self.checks = list(settings.PORTAL_HEALTH_CHECKS.values())
        return super().get_checks()

    async def get(self, request, *args, **kwargs):
        names = list(settings.PORTAL_HEALTH_CHECKS)
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        failing = [name for name, result in zip(names, results, strict=True) if result.error]
        if failing:
            return JsonResponse({"status": "unavailable", "failing": failing}, status=503)
        return JsonResponse({"status": "ok"})


class HealthCheckMiddleware:
    """Answer ``/health/`` before any other middleware sees the request (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.health = async_to_sync(PortalHealthCheckView.as_view())

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return self.health(request)
        return self.get_response(request)
