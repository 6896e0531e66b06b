"""What GZM's sitemap index lists of the municipalities (a ``SITEMAP_SITES`` hook, see
apps.py): the sitemaps of the network's members only.

A municipality that has left the network keeps its own site and its own ``sitemap.xml``
(its subsite stays readable), but from its membership's end date the network no longer
points search engines at it.
"""

from .models import Municipality, member_q


def member_sites(site, site_ids):
    """Of the sites nested in the network's site, those that are not a former member's."""
    former = set(
        Municipality.objects.filter(site_id__in=site_ids)
        .exclude(member_q())
        .values_list("site_id", flat=True)
    )
    return [site_id for site_id in site_ids if site_id not in former]
