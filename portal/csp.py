"""Content-Security-Policy per part of the portal (django-csp; the policies are in
``portal/settings/security_headers.py``).

Public pages get ``CONTENT_SECURITY_POLICY``; the admin (``/admin/``, previews included)
gets ``PORTAL_ADMIN_CONTENT_SECURITY_POLICY``. Hosts that other settings name are added per
response: the map's tile server to ``img-src`` (public pages and previews alike) and, on
public pages once GZM configures an analytics script, that script's origin to
``script-src``, ``connect-src`` and ``img-src`` (the admin never loads it).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from .consent import consent_for


def origin(url):
    """``scheme://host[:port]`` of ``url`` (a URL template's placeholders are in its path),
    or ``""`` when it names no host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    admin_prefix = "/admin/"

    def process_response(self, request, response):
        # A preview: Wagtail renders the page through the whole middleware chain on a stand-in
        # request for the page's public address (``is_dummy``). The admin view around it,
        # whose response this becomes, gives it the admin's policy.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:  # a view chose its own policy
            return parts
        update = {key: list(values) for key, values in (parts.update or {}).items()}
        # Previews in the admin draw the map as public pages do.
        tiles = origin(settings.PORTAL_MAP_TILE_URL)
        if tiles:
            update.setdefault("img-src", []).append(tiles)
        if request.path_info.startswith(self.admin_prefix):
            admin_policy = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.config = default_config(admin_policy)
            parts.update = update or None
            return parts
        analytics = self._analytics_origin(request, response)
        if analytics:
            for directive in ("script-src", "connect-src", "img-src"):
                update.setdefault(directive, []).append(analytics)
        parts.update = update or None
        return parts

    @staticmethod
    def _analytics_origin(request, response):
        """The analytics script's origin, on pages (HTML) only. When the database cannot say
        (the 503 page while it restarts), none: the page is served, the script stays out."""
        if not response.get("Content-Type", "").startswith("text/html"):
            return ""
        try:
            return origin(consent_for(request).script_url)
        except DatabaseError:
            return ""
