"""Listings of the network's municipalities."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from portal.collation import polish_key

from .models import GminaType, MunicipalityHomePage


@dataclass
class County:
    name: str
    homes: list = field(default_factory=list)


def municipalities_by_county(locale):
    """Live municipality homes in ``locale``, grouped: cities with county rights, then counties.

    Two queries whatever the size of the network.
    """
    homes = (
        MunicipalityHomePage.objects.live()
        .filter(locale=locale, municipality__membership_end__isnull=True)
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
