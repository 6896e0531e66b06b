"""Hooks through which the apps above the floor add to the pages the floor defines.

``SITE_ROOT_CONTEXT``: functions ``(page, request, context)`` called by every site root's
``get_context`` (the network home and each municipality home), so that municipalities can
list themselves on the network home and handbooks can offer the model texts, without the
portal importing either.

``SITEMAP_SITES``: functions ``(site, site_ids)`` returning those of ``site_ids`` (sites
nested in ``site``) whose sitemaps ``site``'s sitemap index lists (``portal.sitemaps``), so
that municipalities can leave out the ones that have left the network.
"""

from wagtail import hooks

SITE_ROOT_CONTEXT = "portal_site_root_context"
SITEMAP_SITES = "portal_sitemap_sites"


def add_site_root_context(page, request, context):
    for add in hooks.get_hooks(SITE_ROOT_CONTEXT):
        add(page, request, context)
    return context
