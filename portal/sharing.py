"""How a page presents itself in search results and in a shared link's preview.

``<meta name="description">`` and the Open Graph tags (``templates/includes/meta.html``)
come from the page itself: its search description, else its own short text (the first of
``description_fields`` it has filled in: a call's or an initiative's summary, a section's
intro), else its site's default (the site root's search description, else a sentence naming
the municipality or the network). The address is the canonical one, on the municipality's
own host (``Chrome.canonical_url``). A page type offers an image for the preview with
``share_image()``; its rendition's address is kept for the content generation, so a warm
page asks the database nothing for it.
"""

import html
import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import freshness

logger = logging.getLogger(__name__)

# Open Graph wants a territory with the language.
OG_LOCALES = {"pl": "pl_PL", "en": "en_GB", "uk": "uk_UA"}
DESCRIPTION_LENGTH = 200
# Where rich text's blocks end: words on either side must not run together.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.IGNORECASE)
# 1.91:1, what the link previews of the large platforms show uncropped.
SHARE_RENDITION = "fill-1200x630"


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


def plain_text(value):
    """Text without markup or entities, whitespace collapsed (rich text becomes one line);
    the template escapes it again."""
    text = BLOCK_END.sub(" ", str(value or ""))
    text = html.unescape(strip_tags(text))
    return re.sub(r"\s+", " ", text).strip()


def short(text):
    return Truncator(text).chars(DESCRIPTION_LENGTH)


class PageSharing:
    """What one page says about itself to search engines and link previews."""

    def __init__(self, page, chrome):
        self.page = page
        self.chrome = chrome

    @cached_property
    def title(self):
        return self.page.seo_title or self.page.title

    @cached_property
    def description(self):
        own = plain_text(self.page.search_description)
        if own:
            return own
        for name in getattr(self.page, "description_fields", ()):
            text = plain_text(getattr(self.page, name, ""))
            if text:
                return short(text)
        return self.site_description

    @cached_property
    def site_description(self):
        home = self.chrome.home
        own = plain_text(home.search_description) if home else ""
        if own:
            return own
        municipality = self.chrome.municipality
        if municipality:
            return _(
                "%(name)s — inicjatywa lokalna: nabory wniosków, zrealizowane inicjatywy "
                "mieszkańców, podręczniki i kontakt z urzędem."
            ) % {"name": municipality.name}
        return _(
            "Inicjatywa lokalna w gminach Górnośląsko-Zagłębiowskiej Metropolii: jak "
            "mieszkańcy razem z gminą realizują zadania publiczne, nabory wniosków, "
            "zrealizowane inicjatywy i podręczniki."
        )

    @cached_property
    def site_name(self):
        network = _("Inicjatywa lokalna w GZM")
        municipality = self.chrome.municipality
        return f"{municipality.name} — {network}" if municipality else network

    @property
    def url(self):
        return self.chrome.canonical_url

    @property
    def type(self):
        return getattr(self.page, "og_type", "website")

    @cached_property
    def locale(self):
        # The page is served in its own language (the locale is not loaded again for it).
        code = translation.get_language()
        return OG_LOCALES.get(code, code)

    @cached_property
    def alternate_locales(self):
        return [
            OG_LOCALES.get(code, code)
            for code, _url in self.chrome.alternates
            if OG_LOCALES.get(code, code) != self.locale
        ]

    @cached_property
    def image(self):
        """The preview image at an absolute address, or None."""
        page = self.page
        if not hasattr(page, "share_image"):
            return None
        if not (page.pk and page.live) or getattr(self.chrome.request, "is_preview", False):
            found = _share_image(page)
        else:
            found = freshness.cached(
                ("share-image", page.pk, page.live_revision_id),
                lambda: _share_image(page) or "",
                self.chrome.request,
            )
        if not found:
            return None
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(self.url))
        return ShareImage(
            url=urljoin(origin, found.url),
            width=found.width,
            height=found.height,
            alt=found.alt,
        )


def _share_image(page):
    """The page's preview image as a ``ShareImage`` with the rendition's own address."""
    offered = page.share_image()
    if offered is None:
        return None
    image, alt = offered
    try:
        rendition = image.get_rendition(SHARE_RENDITION)
    except OSError:  # Wagtail's SourceImageIOError among them
        # The page is still served, without a preview image, as Wagtail's {% image %} does
        # with a file it cannot read; the editor's fix (a new upload) brings it back.
        logger.warning("No preview image for %s: image %s cannot be read.", page.pk, image.pk)
        return None
    return ShareImage(url=rendition.url, width=rendition.width, height=rendition.height, alt=alt)
