"""Leaving the network and coming back: a municipality's edit rights follow its membership.

From the end date of its membership a municipality is no longer in the network's listings,
feeds, search, sitemap and totals (``models.member_q``); its subsite stays readable as an
archive. On that day its editors and moderators also lose their rights to change it. Those
rights are the permission rows onboarding gave the municipality's two groups on its pages,
its collection and its site settings: they are taken out of the permission tables and kept,
row by row, on the municipality (``withheld_permissions``), so nothing is deleted — not the
people, not their groups, not a right GZM added by hand — and re-joining (clearing the end
date, or moving it into the future) puts back exactly what was there.

``apply_memberships`` runs from ``manage.py apply_memberships`` every day (see
docs/network.md) and whenever a municipality is saved, so a date typed in the admin takes
effect at once when it is today or earlier, and on its day when it is later.
"""

import logging
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

from portal import freshness, frontend_cache

from .models.municipality import Municipality

logger = logging.getLogger(__name__)

# The tables a municipality's rights live in, and the column of each that says where.
_TABLES = {
    "page": (GroupPagePermission, "page_id"),
    "collection": (GroupCollectionPermission, "collection_id"),
    "site": (GroupSitePermission, "site_id"),
}


def apply_memberships(day=None, municipalities=None):
    """Withhold the edit rights of every municipality that is no longer a member on ``day``
    (today) and give them back to every one that is a member again. Returns the
    municipalities changed; when any changed, every public page is purged from the frontend
    cache, so the network's listings and the archive notices show from that moment."""
    day = timezone.localdate() if day is None else day
    candidates = Municipality.objects.all() if municipalities is None else municipalities
    changed = []
    for municipality in candidates:
        member = municipality.is_member_on(day)
        if not member and municipality.edit_rights_withheld_on is None:
            _withhold(municipality, day)
            changed.append(municipality)
        elif member and municipality.edit_rights_withheld_on is not None:
            _restore(municipality)
            changed.append(municipality)
    if changed:
        freshness.advance()
        frontend_cache.purge_everything()
    return changed


def _groups(municipality):
    return [
        group_id
        for group_id in (municipality.editors_group_id, municipality.moderators_group_id)
        if group_id
    ]


def _rows(municipality, kind):
    """The rights of the municipality's groups on its pages (its homes in every language and
    all below them), its collection or its site."""
    model, _column = _TABLES[kind]
    rows = model.objects.filter(group_id__in=_groups(municipality))
    if kind == "page":
        paths = list(municipality.home_pages.values_list("path", flat=True))
        if not paths:
            return rows.none()
        return rows.filter(reduce(or_, (Q(page__path__startswith=path) for path in paths)))
    if kind == "collection":
        return rows.filter(collection_id=municipality.collection_id)
    return rows.filter(site_id=municipality.site_id)


@transaction.atomic
def _withhold(municipality, day):
    kept = {}
    for kind, (model, column) in _TABLES.items():
        rows = _rows(municipality, kind)
        kept[kind] = [
            [group_id, place_id, permission_id]
            for group_id, place_id, permission_id in rows.values_list(
                "group_id", column, "permission_id"
            )
        ]
        model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).delete()
    municipality.withheld_permissions = kept
    municipality.edit_rights_withheld_on = day
    # ``update`` rather than ``save``: the save signal would run this again.
    Municipality.objects.filter(pk=municipality.pk).update(
        withheld_permissions=kept, edit_rights_withheld_on=day
    )
    logger.info(
        "Edit rights of %s withheld: membership ended %s (%d rights kept)",
        municipality.slug,
        municipality.membership_end,
        sum(len(rows) for rows in kept.values()),
    )


@transaction.atomic
def _restore(municipality):
    kept = municipality.withheld_permissions or {}
    for kind, (model, column) in _TABLES.items():
        model.objects.bulk_create(
            [
                model(group_id=group_id, permission_id=permission_id, **{column: place_id})
                for group_id, place_id, permission_id in kept.get(kind, [])
            ],
            ignore_conflicts=True,
        )
    municipality.withheld_permissions = {}
    municipality.edit_rights_withheld_on = None
    Municipality.objects.filter(pk=municipality.pk).update(
        withheld_permissions={}, edit_rights_withheld_on=None
    )
    logger.info("Edit rights of %s given back: a member again", municipality.slug)


def on_municipality_saved(instance, raw=False, **kwargs):
    """A membership date typed in the admin (or set by a command) takes effect at once."""
    if raw or instance.site_id is None:
        return
    apply_memberships(municipalities=[instance])
