"""What the site roots show of the municipal app (a site-root context hook, see apps.py).

The network home: the calls closing soonest across GZM, the latest completed initiatives
with photos, the municipalities by county with their open calls (a list, and a map where a
tile server is set), and links to the network's listings. A municipality's home: its open
calls first, then its latest completed initiatives with photos. The network home's key
figures come from the figures page (figures/counts.py).
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from wagtail.models import Site

from portal.canonical import canonical_url
from portal.collation import polish_key
from portal.visibility import public_q

from .figures.counts import network_figures
from .gallery.listing import map_config
from .models import (
    CallNetworkIndexPage,
    CallPage,
    FiguresPage,
    GalleryNetworkIndexPage,
    GminaType,
    InitiativePage,
    MunicipalityHomePage,
    member_q,
)

CLOSING_SOON = 6  # open calls on the network home
LATEST_ON_NETWORK_HOME = 3  # completed initiatives with photos
LATEST_ON_MUNICIPALITY_HOME = 3


@dataclass
class County:
    name: str
    homes: list = field(default_factory=list)


def municipalities_by_county(locale):
    """Live, public municipality homes in ``locale``, grouped: cities with county rights,
    then counties.

    Two queries whatever the size of the network.
    """
    homes = (
        MunicipalityHomePage.objects.live()
        .filter(public_q(), member_q("municipality__"), locale=locale)
        .select_related("municipality", "locale")
    )
    cities = County(_("Miasta na prawach powiatu"))
    counties = {}
    for home in sorted(homes, key=lambda home: polish_key(home.municipality.name)):
        municipality = home.municipality
        if municipality.gmina_type == GminaType.CITY_COUNTY:
            cities.homes.append(home)
        else:
            county = counties.setdefault(
                municipality.county, County(_("Powiat %(name)s") % {"name": municipality.county})
            )
            county.homes.append(home)
    groups = [cities] if cities.homes else []
    groups.extend(counties[name] for name in sorted(counties, key=polish_key))
    return groups


def add_network_listings(page, request, context):
    """Site-root context hook: what is happening, on the network home and on each city's."""
    if not page.is_network_root:
        add_municipality_highlights(page, context)
        return
    counties = municipalities_by_county(page.locale)
    context["counties"] = counties
    # This home is already in the active language, so its children are too.
    context["calls_page"] = _public_child(page, CallNetworkIndexPage)
    context["gallery_page"] = _public_child(page, GalleryNetworkIndexPage)
    calls = CallPage.objects.published(page.locale_id).of_members().accepting()
    context["closing_calls"] = list(
        calls.select_related("municipality")
        .prefetch_related("task_areas")
        .for_residents()[:CLOSING_SOON]
    )
    context["latest_initiatives"] = latest_initiatives(
        InitiativePage.objects.published(page.locale_id).of_members(), LATEST_ON_NETWORK_HOME
    )
    open_calls = dict(
        calls.order_by().values_list("municipality_id").annotate(count=Count("pk", distinct=True))
    )
    points = []
    root_paths = Site.get_site_root_paths()
    for county in counties:
        for home in county.homes:
            municipality = home.municipality
            home.open_call_count = open_calls.get(municipality.pk, 0)
            if municipality.latitude is not None and municipality.longitude is not None:
                points.append(
                    {
                        "title": municipality.name,
                        "url": canonical_url(home, root_paths),
                        "lat": float(municipality.latitude),
                        "lng": float(municipality.longitude),
                        "count": home.open_call_count,
                        "detail": open_calls_label(home.open_call_count),
                    }
                )
    context["municipality_points"] = points
    context["open_call_total"] = sum(open_calls.values())
    context["municipalities_open"] = len(open_calls)
    config = map_config()
    if config:
        context["municipality_map_config"] = {**config, "label": _("Mapa gmin GZM")}
    figures_page = _public_child(page, FiguresPage)
    if figures_page is not None:
        context["figures_page"] = figures_page
        context["key_figures"] = network_figures(page.locale, request)


def open_calls_label(count):
    if not count:
        return _("brak trwającego naboru")
    return _("trwające nabory: %(count)s") % {"count": count}


def latest_initiatives(initiatives, limit):
    """The most recent completed initiatives that have photos, ready for cards."""
    with_photos = initiatives.at_stage(None).filter(photos__isnull=False).distinct()
    return list(with_photos.for_cards().order_by("-year", "-first_published_at", "pk")[:limit])


def add_municipality_highlights(home, context):
    """A city's open calls, then its latest completed initiatives with photos."""
    municipality = getattr(home, "municipality", None)
    if municipality is None:
        return
    calls = CallPage.objects.published(home.locale_id).filter(municipality=municipality)
    context["highlighted_calls"] = list(
        calls.accepting().prefetch_related("task_areas").for_residents()[:2]
    )
    initiatives = InitiativePage.objects.published(home.locale_id).filter(municipality=municipality)
    context["latest_initiatives"] = latest_initiatives(initiatives, LATEST_ON_MUNICIPALITY_HOME)


def _public_child(page, page_type):
    return page_type.objects.child_of(page).live().filter(public_q()).first()
