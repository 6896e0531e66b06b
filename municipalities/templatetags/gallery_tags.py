"""Template helpers for the results gallery: responsive photos and an initiative's photo set."""

from dataclasses import dataclass, field

from django import template

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from ..gallery_listing import PHOTO_FILTER_SPECS, photos_with_renditions
from ..models import PhotoRole

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


@dataclass
class PhotoSet:
    """An initiative's photos: before/after pairs to show side by side, then the others."""

    pairs: list = field(default_factory=list)
    others: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.pairs or self.others)


@register.simple_tag
def initiative_photos(initiative):
    """The photos of ``initiative`` in their order, the n-th "before" paired with the n-th
    "after"; three queries whatever the number of photos."""
    if "photos" in getattr(initiative, "_cluster_related_objects", {}):
        photos = list(initiative.photos.all())  # a preview: the photos as edited, not saved
    else:
        photos = list(photos_with_renditions().filter(page=initiative))
    before = [photo for photo in photos if photo.role == PhotoRole.BEFORE]
    after = [photo for photo in photos if photo.role == PhotoRole.AFTER]
    pairs = list(zip(before, after, strict=False))
    paired = {photo.pk for pair in pairs for photo in pair}
    return PhotoSet(pairs=pairs, others=[photo for photo in photos if photo.pk not in paired])
