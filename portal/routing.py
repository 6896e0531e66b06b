"""Site and page lookups of public requests, kept for the content generation.

See ``portal.middleware.CachedRoutingMiddleware``. Nothing here changes what Wagtail
answers: a cached route is only the address of the page Wagtail's own routing found.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import DisallowedHost
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation

from wagtail.models import Page, Site

from . import freshness

NO_SITE = "-"


def site_for(request):
    """The site of the request's host (as ``Site.find_for_request``), kept for the
    generation and remembered on the request; None for a host no site answers."""
    if getattr(request, "_wagtail_site", None) is not None:
        return request._wagtail_site
    try:
        hostname, _port = split_domain_port(request.get_host())
    except DisallowedHost:
        return None
    port = request.get_port()
    site = freshness.cached(
        ("site", hostname, port), lambda: Site._find_for_request(request) or NO_SITE, request
    )
    if site == NO_SITE:
        return None
    request._wagtail_site = site
    return site


def prepare(request, path):
    """Attach the site and the route of ``path`` to ``request`` (where Wagtail looks)."""
    site = site_for(request)
    if site is None:
        return
    components = [component for component in path.split("/") if component]
    found = freshness.cached(
        ("route", site.pk, translation.get_language(), "/".join(components)),
        lambda: _route(request, site, components),
        request,
    )
    if not found:
        request._wagtail_route_for_request = None
        return
    content_type_id, page_id, taken = found
    page = freshness.cached(
        ("route-page", content_type_id, page_id),
        lambda: _page(content_type_id, page_id) or NO_SITE,
        request,
    )
    if page == NO_SITE:
        page = None
    if page is None:
        return  # gone since: let Wagtail route it afresh
    try:
        request._wagtail_route_for_request = page.route(request, components[taken:])
    except Http404:
        request._wagtail_route_for_request = None


def _page(content_type_id, page_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    # A site root brings what its pages show of it (a municipality home, its municipality).
    related = getattr(model, "root_select_related", ())
    return model.objects.select_related(*related).filter(pk=page_id).first()


def _route(request, site, components):
    """Wagtail's own routing; the result as (content type, page id, components taken)."""
    root = site.root_page.localized
    try:
        page = root.specific.route(request, components)[0]
    except Http404:
        return ()
    if not isinstance(page, Page) or not page.url_path.startswith(root.url_path):
        return ()
    taken = len([part for part in page.url_path[len(root.url_path) :].split("/") if part])
    return (page.content_type_id, page.pk, taken)
