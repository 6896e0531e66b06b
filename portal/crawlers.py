"""The fixed addresses at the root of every host: ``robots.txt`` and ``favicon.ico``.

``robots.txt`` is the site's own: it points crawlers to the sitemap at the site's own host
(``portal.sitemaps``) and keeps them out of what is no public page: the admin, search
results and suggestions, the cookie settings. Previews live under the admin.
``favicon.ico`` sends browsers that ask for it to the portal's icon among the static files
(pages link to the SVG icon themselves, ``templates/base.html``).
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Site

from . import routing

# The views under i18n_patterns that are no pages to index, by URL name (every language).
NOT_FOR_INDEXING = ("search", "cookie_settings", "cookie_consent")
# How long a browser or the frontend cache may keep these answers (they change with a
# deployment at most).
FIXED_ADDRESS_SECONDS = 24 * 60 * 60


def disallowed_paths():
    """The path prefixes crawlers are kept out of, in every language."""
    paths = [reverse("wagtailadmin_home")]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.extend(reverse(name) for name in NOT_FOR_INDEXING)
    return list(dict.fromkeys(paths))


def sitemap_url(site):
    """The absolute address of ``site``'s sitemap, at the site's own host."""
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk:
            return root.root_url + reverse("sitemap")
    return site.root_url + reverse("sitemap")


def robots_text(site):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed_paths()]
    lines += ["", f"Sitemap: {sitemap_url(site)}"]
    return "\n".join(lines) + "\n"


def _public(request, response):
    patch_cache_control(response, public=True, max_age=FIXED_ADDRESS_SECONDS)
    request._portal_public_page = True
    return response


@require_safe
def robots_txt(request):
    site = routing.site_for(request)
    if site is None:
        raise Http404
    response = HttpResponse(robots_text(site), content_type="text/plain; charset=utf-8")
    return _public(request, response)


@require_safe
def favicon(request):
    return _public(request, HttpResponsePermanentRedirect(settings.STATIC_URL + "favicon.ico"))
