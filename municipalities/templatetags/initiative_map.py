"""The initiatives map's settings for the page: tile server, attribution and marker icons."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _

register = template.Library()

LEAFLET = "vendor/leaflet/"


@register.simple_tag
def initiative_map_config():
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
