"""Onboarding: everything a member municipality needs, created in one idempotent step.

``onboard_municipality`` is the single entry point; the ``onboard_municipality`` and
``seed_network`` management commands, the admin and the tests all call it. Running it
again for the same municipality changes nothing.
"""

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.legal_content import GZM_ADDRESS, LEGAL_PAGES
from portal.models import NetworkHomePage, SiteContactSettings
from portal.taxonomy import seed_task_areas
from portal.translation import content_locales, ensure_translations

from .models import (
    CallIndexPage,
    CallNetworkIndexPage,
    ContactPage,
    FiguresPage,
    GalleryNetworkIndexPage,
    GalleryPage,
    MunicipalApprovalTask,
    Municipality,
    MunicipalityHomePage,
)
from .signals import network_ready

DATA_FILE = Path(__file__).resolve().parent / "data" / "gzm_municipalities.csv"
# Approximate town-centre coordinates of the members (the network home's map).
CENTRES_FILE = Path(__file__).resolve().parent / "data" / "gzm_centres.csv"

# The GZM union has operated since 1 July 2017; all 41 founding members joined then.
GZM_MEMBERSHIP_START = date(2017, 7, 1)

NETWORK_TITLE = "Inicjatywa lokalna w GZM"
NETWORK_ADMINS_GROUP = "Administratorzy sieci GZM"
# "GZM w liczbach" keeps its Polish address in every language, as the other network pages do.
FIGURES_SLUG = "gzm-w-liczbach"

# The sections every subsite starts with: (page type, slug, title, shown in menus).
SECTIONS = [
    (CallIndexPage, "nabory", "Nabory wniosków", True),
    (GalleryPage, "zrealizowane-inicjatywy", "Zrealizowane inicjatywy", True),
    (ContactPage, "kontakt", "Kontakt", True),
]

PAGE_PERMISSIONS = {
    "editors": ["add_page", "change_page"],
    "moderators": [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
COLLECTION_PERMISSIONS = {
    "editors": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "moderators": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtailimages", "delete_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtaildocs", "delete_document"),
    ],
}
SITE_PERMISSIONS = [("portal", "change_sitecontactsettings")]
GLOBAL_PERMISSIONS = [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")]

NETWORK_ADMIN_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("municipalities", "add_municipality"),
    ("municipalities", "change_municipality"),
    ("municipalities", "delete_municipality"),
    ("portal", "add_taskarea"),
    ("portal", "change_taskarea"),
    ("portal", "delete_taskarea"),
    ("portal", "change_sitecontactsettings"),
    # The analytics script loads on every site: GZM's network admins only, never municipalities.
    ("portal", "change_analyticssettings"),
    ("wagtailcore", "add_site"),
    ("wagtailcore", "change_site"),
    ("wagtailcore", "delete_site"),
    ("wagtailcore", "add_workflow"),
    ("wagtailcore", "change_workflow"),
    ("wagtailcore", "add_task"),
    ("wagtailcore", "change_task"),
    ("wagtailcore", "add_locale"),
    ("wagtailcore", "change_locale"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "delete_user"),
    # Promoted search results are network-wide: only GZM's admins may manage them.
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]


@dataclass(frozen=True)
class MunicipalityRecord:
    """One row of the reference data: what is known about a member before onboarding."""

    name: str
    slug: str
    terc: str
    gmina_type: str
    county: str
    prototyping_school_2023: bool = False
    bip_url: str = ""
    membership_start: date = GZM_MEMBERSHIP_START
    # An image already in the media library (the admin's onboarding form offers a chooser).
    coat_of_arms: object = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def load_centres(path=CENTRES_FILE):
    """Approximate town-centre coordinates of the members, by slug."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["slug"]: (Decimal(row["latitude"]), Decimal(row["longitude"]))
            for row in csv.DictReader(handle)
        }


def load_records(path=DATA_FILE):
    centres = load_centres()
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            MunicipalityRecord(
                name=row["name"],
                slug=row["slug"],
                terc=row["terc"],
                gmina_type=row["gmina_type"],
                county=row["county"],
                prototyping_school_2023=row.get("prototyping_school_2023") == "yes",
                bip_url=row.get("bip_url", "") or "",
                latitude=centres.get(row["slug"], (None, None))[0],
                longitude=centres.get(row["slug"], (None, None))[1],
            )
            for row in csv.DictReader(handle)
        ]


def record_for(slug, path=DATA_FILE):
    for record in load_records(path):
        if record.slug == slug:
            return record
    raise LookupError(slug)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename):
    return _permission("wagtailcore", codename)


def _default_locale():
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def _publish(page):
    # Validated once: ``add_child`` has just run the page's full_clean.
    page.save_revision(clean=False).publish()
    return page


@transaction.atomic
def ensure_network():
    """The network home (in every language), its site, statement and admin group."""
    content_locales()
    locale = _default_locale()
    home = NetworkHomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=NetworkHomePage(title=NETWORK_TITLE, slug="gzm", locale=locale)
        )
        _publish(home)

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    previous_root_id = site.root_page_id
    if (site.hostname, site.port, site.root_page_id) != (
        settings.PORTAL_DOMAIN,
        settings.PORTAL_PORT,
        home.pk,
    ):
        site.hostname = settings.PORTAL_DOMAIN
        site.port = settings.PORTAL_PORT
        site.root_page = home
        site.site_name = NETWORK_TITLE
        site.save()
    _retire_placeholder_root(previous_root_id, home)
    _ensure_network_contact(site)

    seed_task_areas()
    if not home.get_children().type(CallNetworkIndexPage).exists():
        _publish(
            home.add_child(
                instance=CallNetworkIndexPage(
                    title="Nabory w GZM", slug="nabory", show_in_menus=True
                )
            )
        )
    if not home.get_children().type(GalleryNetworkIndexPage).exists():
        _publish(
            home.add_child(
                instance=GalleryNetworkIndexPage(
                    title="Zrealizowane inicjatywy w GZM", slug="inicjatywy", show_in_menus=True
                )
            )
        )
    if not home.get_children().type(FiguresPage).exists():
        _publish(home.add_child(instance=FiguresPage(title="GZM w liczbach", slug=FIGURES_SLUG)))
    legal_pages = _ensure_legal_pages(home, owner=None)
    ensure_translations(home)
    network_pages = (CallNetworkIndexPage, GalleryNetworkIndexPage, FiguresPage)
    for child in [*home.get_children().type(*network_pages), *legal_pages]:
        ensure_translations(child)
    # The apps above add what they keep on the network site (handbooks: GZM's model texts).
    network_ready.send(sender=NetworkHomePage, network_home=home)

    _ensure_network_admins(home)
    return home


def _ensure_network_contact(site):
    """GZM's office address in the network's footer until a network admin writes another
    one. Its phone and e-mail are theirs to fill in (Ustawienia → Dane kontaktowe serwisu):
    the portal's reference data does not hold them."""
    contact = SiteContactSettings.for_site(site)
    if not contact.address:
        contact.address = GZM_ADDRESS
        contact.save()


def _retire_placeholder_root(page_id, home):
    """Remove the "Welcome to Wagtail" page the Wagtail install leaves behind, if untouched."""
    if not page_id or page_id == home.pk:
        return
    page = Page.objects.filter(pk=page_id).first()
    if page and page.specific_class is Page and page.is_leaf():
        page.delete()


def _ensure_legal_pages(home, owner):
    """The statement, easy-to-read, sign-language and personal-data pages of one site root,
    pre-filled; pages already there are left as their editors made them."""
    pages = []
    for page_type, build in LEGAL_PAGES:
        page = home.get_children().type(page_type).first()
        if page is None:
            page = home.add_child(instance=build(owner))
            _publish(page)
        pages.append(page)
    return pages


def _ensure_network_admins(network_home):
    group, _created = Group.objects.get_or_create(name=NETWORK_ADMINS_GROUP)
    group.permissions.add(*(_permission(app, code) for app, code in NETWORK_ADMIN_PERMISSIONS))
    root = Page.get_first_root_node()
    for codename in PAGE_PERMISSIONS["moderators"]:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=_page_permission(codename)
        )
    root_collection = Collection.get_first_root_node()
    for app, codename in COLLECTION_PERMISSIONS["moderators"]:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(app, codename)
        )
    return group


@transaction.atomic
def onboard_municipality(record, network_home=None):
    """Create (or complete) a municipality's subsite, groups, collection and workflow.

    ``network_home`` is what ``ensure_network`` returned, when the caller has ensured the
    network already (onboarding several members at once)."""
    network_home = ensure_network() if network_home is None else network_home
    municipality, _created = Municipality.objects.get_or_create(
        slug=record.slug,
        defaults={
            "name": record.name,
            "terc": record.terc,
            "gmina_type": record.gmina_type,
            "county": record.county,
            "membership_start": record.membership_start,
            "prototyping_school_2023": record.prototyping_school_2023,
            "bip_url": record.bip_url,
            "coat_of_arms": record.coat_of_arms,
            "latitude": record.latitude,
            "longitude": record.longitude,
        },
    )

    home = _ensure_home(municipality, network_home)
    structural_pages = [
        home,
        *_ensure_sections(home, municipality),
        *_ensure_legal_pages(home, owner=municipality),
    ]
    homes = [home]
    for page in structural_pages:
        translated = ensure_translations(page)
        if page is home:
            homes.extend(translated)

    municipality.site = _ensure_site(municipality, home)
    municipality.collection = _ensure_collection(municipality)
    municipality.editors_group = _ensure_group(municipality, "editors", homes)
    municipality.moderators_group = _ensure_group(municipality, "moderators", homes)
    municipality.workflow = _ensure_workflow(municipality, homes)
    municipality.save()
    return municipality


def _ensure_home(municipality, network_home):
    home = municipality.home_pages.filter(locale=network_home.locale).first()
    if home is None:
        home = network_home.add_child(
            instance=MunicipalityHomePage(
                title=municipality.name, slug=municipality.slug, municipality=municipality
            )
        )
        _publish(home)
    return home


def _ensure_sections(home, municipality):
    pages = []
    for page_type, slug, title, in_menu in SECTIONS:
        page = home.get_children().type(page_type).first()
        if page is None:
            page = page_type(title=title, slug=slug, show_in_menus=in_menu)
            if page_type is ContactPage:
                page.office_name = municipality.office_name
            home.add_child(instance=page)
            _publish(page)
        pages.append(page)
    return pages


def _ensure_site(municipality, home):
    site = municipality.site or Site.objects.filter(root_page=home).first()
    if site is None:
        site = Site.objects.create(
            hostname=municipality.hostname,
            port=settings.PORTAL_PORT,
            root_page=home,
            site_name=municipality.name,
        )
    elif site.hostname == municipality.hostname and site.port != settings.PORTAL_PORT:
        # The portal moved to another port; a custom hostname set by GZM is left alone.
        site.port = settings.PORTAL_PORT
        site.save(update_fields=["port"])
    return site


def _ensure_collection(municipality):
    if municipality.collection_id:
        return municipality.collection
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=municipality.name).first()
    return existing or root.add_child(name=municipality.name)


def _permissions(pairs):
    """The permissions named by (app label, codename) ``pairs``, in one query, by pair."""
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in pairs},
        codename__in={codename for _app, codename in pairs},
    ).select_related("content_type")
    by_pair = {
        (permission.content_type.app_label, permission.codename): permission for permission in found
    }
    return {pair: by_pair[pair] for pair in pairs}


def _ensure_group(municipality, role, homes):
    current = getattr(municipality, f"{role}_group")
    label = "redaktorzy" if role == "editors" else "moderatorzy"
    group = current or Group.objects.get_or_create(name=f"{municipality.name} — {label}")[0]
    page_pairs = [("wagtailcore", codename) for codename in PAGE_PERMISSIONS[role]]
    permissions = _permissions(
        [*GLOBAL_PERMISSIONS, *page_pairs, *COLLECTION_PERMISSIONS[role], *SITE_PERMISSIONS]
    )
    group.permissions.add(*(permissions[pair] for pair in GLOBAL_PERMISSIONS))
    # Rows already there (a second run, or permissions GZM added) are left as they are: the
    # tables' unique constraints turn each repeat into a no-op.
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=page, permission=permissions[pair])
            for page in homes
            for pair in page_pairs
        ],
        ignore_conflicts=True,
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(
                group=group, collection=municipality.collection, permission=permissions[pair]
            )
            for pair in COLLECTION_PERMISSIONS[role]
        ],
        ignore_conflicts=True,
    )
    GroupSitePermission.objects.bulk_create(
        [
            GroupSitePermission(group=group, site=municipality.site, permission=permissions[pair])
            for pair in SITE_PERMISSIONS
        ],
        ignore_conflicts=True,
    )
    return group


def _ensure_workflow(municipality, homes):
    workflow = municipality.workflow
    if workflow is None:
        workflow = Workflow.objects.create(name=f"Akceptacja treści — {municipality.name}")
        task = MunicipalApprovalTask.objects.create(
            name=f"Zatwierdzenie przez moderatora — {municipality.name}"
        )
        task.groups.set([municipality.moderators_group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in homes:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def seed_network(records=None, progress=None):
    """Onboard every member in the reference data; returns the municipalities.

    ``progress``, if given, is called with (number done, number in all, municipality) after
    each one."""
    records = load_records() if records is None else records
    network_home = ensure_network()
    municipalities = []
    for record in records:
        municipalities.append(onboard_municipality(record, network_home))
        if progress is not None:
            progress(len(municipalities), len(records), municipalities[-1])
    return municipalities
