"""``{% page_body %}…{% endpage_body %}``: a page's main content, kept for the content generation.

Around ``{% block content %}`` in base.html. For a live portal page served normally (not a
preview), the rendered content is kept in the cache under the page, the site the request
came to, the language, the full address (filters and page number included) and the day
(call statuses change at midnight), for the current content generation
(``portal.freshness``): any publish makes it stale everywhere. Only when it is rendered does
the page compute what its content needs (``PortalPage.add_body_context``), so a kept
content costs one cache read instead of the listing queries and the template.

The search view does the same with its results: it puts its own ``add_body_context`` and
``body_cache_key`` in the context. Templates with neither (errors, cookie settings) render as
they are.
"""

from django import template
from django.utils import timezone

from .. import freshness

register = template.Library()


class PageBodyNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        page = context.get("page")
        request = context.get("request")
        # A view that is not a page (search) hands over its own builder and key.
        add_body_context = context.get("add_body_context") or getattr(
            page, "add_body_context", None
        )
        if add_body_context is None or request is None:
            return self.nodelist.render(context)
        if "body_cache_key" in context:
            key = context["body_cache_key"]
        else:
            key = _cache_key(page, request, context.get("chrome"))
        if key is not None:
            kept = freshness.get(key)
            if kept is not None:
                return kept
        # The page adds to a flat copy of what the template has, as ``get_context`` would.
        body = context.flatten()
        add_body_context(request, body)
        with context.push(body):
            rendered = self.nodelist.render(context)
        # A content built in a degraded state (the search engine down) is not kept.
        if key is not None and body.get("keep_body", True):
            freshness.put(key, rendered)
        return rendered


def _cache_key(page, request, chrome):
    """Where the content of ``page`` is kept for this request, or None when it must not be."""
    if (
        chrome is None
        or request.method not in ("GET", "HEAD")
        or getattr(request, "is_preview", False)
        or not page.pk
        or not page.live
    ):
        return None
    _frame, home, language, request_site, _menu = chrome.frame_key
    return ":".join(
        [
            "portal",
            str(freshness.current(request)),
            "body",
            str(page.pk),
            str(page.live_revision_id),
            str(home),
            language or "",
            str(request_site),
            timezone.localdate().isoformat(),
            freshness.key_digest(request.get_full_path()),
        ]
    )


@register.tag
def page_body(parser, token):
    nodelist = parser.parse(("endpage_body",))
    parser.delete_first_token()
    return PageBodyNode(nodelist)
