"""What the network home lists of the municipal app: the municipalities by county, the
network's listings of calls and initiatives and its key figures (a site-root context hook,
see apps.py)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from portal.collation import polish_key
from portal.visibility import public_q

from .figures.counts import network_figures
from .models import (
    CallNetworkIndexPage,
    FiguresPage,
    GalleryNetworkIndexPage,
    GminaType,
    MunicipalityHomePage,
    member_q,
)


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
        .select_related("municipality")
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
    """Site-root context hook: on the network home, its municipalities and listings."""
    if not page.is_network_root:
        return
    context["counties"] = municipalities_by_county(page.locale)
    # This home is already in the active language, so its children are too.
    context["calls_page"] = _public_child(page, CallNetworkIndexPage)
    context["gallery_page"] = _public_child(page, GalleryNetworkIndexPage)
    figures_page = _public_child(page, FiguresPage)
    if figures_page is not None:
        context["figures_page"] = figures_page
        context["key_figures"] = network_figures(page.locale, request)


def _public_child(page, page_type):
    return page_type.objects.child_of(page).live().filter(public_q()).first()
