"""What each site tells search engines it holds: ``sitemap.xml``, built on Wagtail's sitemap.

Every site of the network answers ``/sitemap.xml`` at its own host. The pages of a site are
the live, public pages under its root, in every language, leaving out the subtrees of the
sites nested in it: a municipality's pages are listed by the municipality's own site, under
the addresses ``<link rel="canonical">`` gives them, never by the network site. Each entry
names the page's live translations (``hreflang`` alternates, Polish as ``x-default``).

A site that holds other sites (GZM's network) answers ``/sitemap.xml`` with a sitemap index:
its own pages (``/sitemap-pages.xml``) and the sitemaps of the sites nested in it, as far as
the functions registered under the ``SITEMAP_SITES`` hook keep them (municipalities leave out
those that have left the network). A subsite reached under the network's host
(``/<slug>/sitemap.xml``) is sent to its own host.

Answers are kept for the content generation (``portal.freshness``) and are public for the
frontend cache, which a publish purges (``portal.frontend_cache``).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from wagtail import hooks
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page, Site

from . import freshness, routing
from .canonical import canonical_url
from .hooks import SITEMAP_SITES
from .visibility import public_q

X_ROBOTS_TAG = "noindex, noodp, noarchive"


def own_root_paths(site, root_paths):
    """The site's root in every language (``SiteRootPath``s)."""
    return [root for root in root_paths if root.site_id == site.pk]


def nested_root_paths(site, root_paths):
    """The roots of the other sites that lie inside ``site``'s tree."""
    own = [root.root_path for root in own_root_paths(site, root_paths)]
    return [
        root
        for root in root_paths
        if root.site_id != site.pk
        and any(root.root_path.startswith(path) and root.root_path != path for path in own)
    ]


def site_pages(site, root_paths=None):
    """The live, public pages of ``site`` in every language, the nested sites' left out."""
    root_paths = Site.get_site_root_paths() if root_paths is None else root_paths
    own = own_root_paths(site, root_paths)
    if not own:
        return Page.objects.none()
    inside = Q()
    for root in own:
        inside |= Q(url_path__startswith=root.root_path)
    pages = Page.objects.live().filter(inside).filter(public_q())
    for nested in nested_root_paths(site, root_paths):
        pages = pages.exclude(url_path__startswith=nested.root_path)
    return pages.select_related("locale").order_by("path")


class SitePagesSitemap(Sitemap):
    """The pages of the request's site at their canonical addresses, each with the addresses
    of its live translations. Costs the same few queries whatever the number of pages: the
    pages (counted, then read) and their translations."""

    def __init__(self, request=None):
        super().__init__(request)
        self.root_paths = Site.get_site_root_paths()

    def items(self):
        site = routing.site_for(self.request) if self.request else None
        if site is None:
            return Page.objects.none()
        return site_pages(site, self.root_paths)

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        keys = {item.translation_key for item in pages}
        translations = defaultdict(list)
        for other in self.items().filter(translation_key__in=keys):
            translations[other.translation_key].append(other)
        order = [code for code, _name in settings.LANGUAGES]
        urls = []
        latest = None
        for item in pages:
            lastmod = item.last_published_at or item.latest_revision_created_at
            if lastmod and (latest is None or lastmod > latest):
                latest = lastmod
            urls.append(
                {
                    "item": item,
                    "location": canonical_url(item, self.root_paths),
                    "lastmod": lastmod,
                    "alternates": self._alternates(translations[item.translation_key], order),
                }
            )
        if latest is not None:
            self.latest_lastmod = latest
        return urls

    def _alternates(self, translations, order):
        if len(translations) < 2:
            return []
        translations = sorted(
            translations,
            key=lambda page: (
                order.index(page.locale.language_code)
                if page.locale.language_code in order
                else len(order)
            ),
        )
        alternates = [
            {
                "lang_code": page.locale.language_code,
                "location": canonical_url(page, self.root_paths),
            }
            for page in translations
        ]
        default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
        if default:
            alternates.append({"lang_code": "x-default", "location": default[0]["location"]})
        return alternates


def listed_sites(site, root_paths):
    """The sites nested in ``site`` whose sitemaps its index lists, as (site id, root URL)."""
    nested = {}
    for root in nested_root_paths(site, root_paths):
        nested.setdefault(root.site_id, root.root_url)
    site_ids = set(nested)
    for narrow in hooks.get_hooks(SITEMAP_SITES):
        site_ids = set(narrow(site, site_ids))
    return sorted((site_id, nested[site_id]) for site_id in site_ids if site_id in nested)


def _xml_response(request, content):
    response = HttpResponse(content, content_type="application/xml")
    response["X-Robots-Tag"] = X_ROBOTS_TAG
    # Nothing in it is personal: the frontend cache may keep it (portal.middleware).
    request._portal_public_page = True
    return response


def _pages_sitemap_content(request):
    response = wagtail_sitemap_views.sitemap(request, {"pages": SitePagesSitemap})
    return response.render().content


def _index_content(request, site, root_paths):
    own = next(iter(own_root_paths(site, root_paths)))
    entries = [{"location": own.root_url + reverse("sitemap_pages")}]
    entries += [
        {"location": root_url + reverse("sitemap")}
        for _site_id, root_url in listed_sites(site, root_paths)
    ]
    return render_to_string("sitemap_index.xml", {"sitemaps": entries}).encode()


def _site_or_404(request):
    site = routing.site_for(request)
    if site is None:
        raise Http404
    return site


@require_safe
def sitemap(request):
    """``/sitemap.xml``: the site's pages, or an index where the site holds other sites."""
    site = _site_or_404(request)
    root_paths = Site.get_site_root_paths()
    if not own_root_paths(site, root_paths):
        raise Http404
    if nested_root_paths(site, root_paths):
        content = freshness.cached(
            ("sitemap-index", site.pk),
            lambda: _index_content(request, site, root_paths),
            request,
        )
    else:
        content = freshness.cached(
            ("sitemap-pages", site.pk), lambda: _pages_sitemap_content(request), request
        )
    return _xml_response(request, content)


@require_safe
def sitemap_pages(request):
    """``/sitemap-pages.xml``: the site's own pages, whatever sites it holds."""
    site = _site_or_404(request)
    content = freshness.cached(
        ("sitemap-pages", site.pk), lambda: _pages_sitemap_content(request), request
    )
    return _xml_response(request, content)


@require_safe
def nested_sitemap(request, slug):
    """``/<slug>/sitemap.xml`` under the network's host: the subsite's own sitemap, at its
    own host."""
    site = _site_or_404(request)
    root_paths = Site.get_site_root_paths()
    wanted = {root.root_path + slug + "/" for root in own_root_paths(site, root_paths)}
    for root in nested_root_paths(site, root_paths):
        if root.root_path in wanted:
            return HttpResponsePermanentRedirect(root.root_url + reverse("sitemap"))
    raise Http404
