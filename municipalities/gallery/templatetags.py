"""Template helpers for the results gallery: responsive photos.

Loaded as ``gallery_tags`` (the library is named in the TEMPLATES setting)."""

from django import template

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from .listing import PHOTO_FILTER_SPECS

register = template.Library()

# How wide a photo is drawn, for the browser to pick a file before the stylesheet arrives.
SIZES = {
    # a card in the grid: one column on a phone, two on a tablet, three from 72rem
    "card": "(min-width: 72rem) 23rem, (min-width: 40rem) 50vw, 100vw",
    # a photo of the initiative's gallery: one column, two from 40rem
    "gallery": "(min-width: 72rem) 35rem, (min-width: 40rem) 50vw, 100vw",
}


@register.simple_tag
def initiative_picture(photo, size="card", eager=False, css_class=""):
    """``photo`` (an ``InitiativePhoto``) as a ``<picture>``: WebP sources and a JPEG ``<img>``
    with ``srcset``, ``sizes``, ``width`` and ``height``, alt text from the photo.

    Renders Wagtail's ``Picture`` with the renditions of ``PHOTO_FILTER_SPECS`` (those the
    listings prefetch). Images below the fold load lazily; pass ``eager=True`` for the first
    one a resident sees. A small original yields the same width more than once; each width
    is offered once.
    """
    if photo is None or photo.image is None:
        return ""
    renditions = get_renditions_or_not_found(photo.image, PHOTO_FILTER_SPECS)
    seen = set()
    offered = {}
    for spec, rendition in renditions.items():
        key = (spec.rsplit("format-", 1)[-1], rendition.width)
        if key not in seen:
            seen.add(key)
            offered[spec] = rendition
    attrs = {
        "alt": photo.alt_text,
        "sizes": SIZES.get(size, SIZES["card"]),
        "loading": "eager" if eager else "lazy",
        "decoding": "async",
    }
    if css_class:
        attrs["class"] = css_class
    return Picture(offered, attrs).__html__()
