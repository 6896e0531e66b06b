"""What the galleries show beside their cards: the photo sizes, the totals and the map.

Both galleries (a municipality's and GZM's network gallery) list their initiatives through
``GalleryListingMixin`` (gallery/models.py); the cards render exactly the renditions of
``PHOTO_FILTER_SPECS`` (``gallery_tags.initiative_picture``), the ones the listing prefetches.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Sum
from django.templatetags.static import static
from django.utils.translation import gettext as _

from wagtail.images.models import Filter

INITIATIVES_PER_PAGE = 12

# Every photo is offered at these widths, as WebP and as a JPEG fallback. The template tag
# and the prefetch both read this one list, so the renditions shown are the ones fetched.
PHOTO_WIDTHS = (320, 640, 960)
PHOTO_FORMATS = ("webp", "jpeg")
PHOTO_FILTER_SPECS = tuple(
    Filter.expand_spec(
        [
            "width-{%s}" % ",".join(map(str, PHOTO_WIDTHS)),  # noqa: UP031 - braces are literal
            "format-{%s}" % ",".join(PHOTO_FORMATS),  # noqa: UP031
        ]
    )
)


@dataclass
class Totals:
    """What the listed initiatives add up to."""

    initiatives: int = 0
    residents_contribution: Decimal = Decimal(0)
    municipal_contribution: Decimal = Decimal(0)
    social_work_hours: Decimal = Decimal(0)
    residents_involved: int = 0


def totals(initiatives):
    """The number of ``initiatives`` and the sums of their contributions, in one query.

    The residents' contribution is social work (its value), in kind and money together.
    """
    sums = initiatives.order_by().aggregate(
        initiatives=Count("pk"),
        residents_contribution=Sum(
            F("social_work_value") + F("in_kind_value") + F("financial_value")
        ),
        municipal_contribution=Sum("municipal_contribution"),
        social_work_hours=Sum("social_work_hours"),
        residents_involved=Sum("residents_involved"),
    )
    defaults = Totals()
    return Totals(
        **{
            name: value if value is not None else getattr(defaults, name)
            for name, value in sums.items()
        }
    )


def map_points(initiatives, request):
    """The listed initiatives that have a map point, for the map script and its list."""
    return [
        {
            "title": initiative.title,
            "url": initiative.get_url(request),
            "lat": float(initiative.latitude),
            "lng": float(initiative.longitude),
            "municipality": initiative.municipality.name,
        }
        for initiative in initiatives
        if initiative.has_point
    ]


LEAFLET = "vendor/leaflet/"


def map_config():
    """What ``static/js/initiative-map.js`` needs, or ``None`` when no tile server is set.

    The marker icons are named here rather than left to Leaflet, which guesses their folder
    from its stylesheet and guesses wrong once ``collectstatic`` adds hashes to the names.
    """
    if not settings.PORTAL_MAP_TILE_URL:
        return None
    return {
        "tileUrl": settings.PORTAL_MAP_TILE_URL,
        "attribution": settings.PORTAL_MAP_ATTRIBUTION,
        "label": _("Mapa inicjatyw"),
        "icons": {
            "iconUrl": static(LEAFLET + "images/marker-icon.png"),
            "iconRetinaUrl": static(LEAFLET + "images/marker-icon-2x.png"),
            "shadowUrl": static(LEAFLET + "images/marker-shadow.png"),
        },
    }
