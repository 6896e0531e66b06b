"""A page's canonical address: on its own site's host, whatever host it was reached at."""

from django.urls import reverse
from django.utils import translation

from wagtail.models import Site


def canonical_url(page, root_paths=None):
    """The page's address on its own site: the deepest site root that holds it, same language.

    ``root_paths`` are Wagtail's ``Site.get_site_root_paths()``, read once by a caller that
    asks for many pages (the sitemap)."""
    language = page.locale.language_code
    root_paths = Site.get_site_root_paths() if root_paths is None else root_paths
    candidates = [
        root_path
        for root_path in root_paths
        if page.url_path.startswith(root_path.root_path) and root_path.language_code == language
    ]
    if not candidates:
        return page.get_full_url()
    best = max(candidates, key=lambda candidate: len(candidate.root_path))
    with translation.override(language):
        path = reverse("wagtail_serve", args=(page.url_path[len(best.root_path) :],))
    return best.root_url + path
