"""Purging the frontend cache (nginx, deploy/) when public content changes.

A page is cached under every address it answers at: on its municipality's own host and
under the network host (``<domain>/<slug>/…``), in its language, plus the sub-addresses a
routable page serves (its feeds). When a page is published, unpublished, moved or
deleted, the addresses that show it go: the page and its translations, the pages above
it up to its site root (listings and home cards), GZM's network listings and network
home, the sitemap of the page's own site, and — when the change is to the frame every
page of a site shows (a site root, a menu item, a legal page) — every page of that site.
A change on the network side (GZM's model texts) also purges every municipality's home,
which links to them. Saving a site's contact data (its footer) purges every page of that
site; saving the network's analytics setting (the consent banner and script on every page)
purges every page of the network, so a removed script is gone from the cache at once.

Purging happens after the transaction commits, through Wagtail's frontend-cache backends
(``WAGTAILFRONTENDCACHE``, the HTTP ``PURGE`` backend in deploy/). Without a configured
backend nothing is collected.
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from .roots import municipal_root_model, network_root_model

logger = logging.getLogger(__name__)


_state = threading.local()


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None)) and not getattr(
        _state, "held", False
    )


@contextmanager
def one_purge_after():
    """Collect no purges inside, then purge every page once at the end.

    For bulk work such as seeding, where thousands of publishes would each purge their
    listings again; the cache ends up just as fresh."""
    held = getattr(_state, "held", False)
    _state.held = True
    try:
        yield
    finally:
        _state.held = held
    purge_everything()


def page_addresses(page, root_paths=None):
    """Every full address ``page`` answers at, on every site holding it, in its language,
    with its routable sub-addresses (``get_cached_paths``)."""
    root_paths = Site.get_site_root_paths() if root_paths is None else root_paths
    language = page.locale.language_code
    try:
        sub_paths = page.specific_deferred.get_cached_paths()
    except AttributeError:
        sub_paths = ["/"]
    addresses = []
    for root in root_paths:
        if root.language_code != language or not page.url_path.startswith(root.root_path):
            continue
        try:
            with translation.override(language):
                path = reverse("wagtail_serve", args=(page.url_path[len(root.root_path) :],))
        except NoReverseMatch:
            continue
        base = root.root_url + path
        addresses.extend(base + sub.lstrip("/") for sub in sub_paths)
    return addresses


def affected_pages(page):
    """The live pages whose cached copies may show ``page`` (itself included)."""
    page = page.specific_deferred
    pages = {}

    def add(queryset):
        for other in queryset.select_related("locale"):
            pages[other.pk] = other

    translation_keys = Page.objects.filter(translation_key=page.translation_key)
    add(translation_keys)
    pages[page.pk] = page
    # Everything above it, in every language (a listing in one language may show pages of
    # another): listings, the section, the site root.
    ancestors = Page.objects.none()
    for other in list(pages.values()):
        ancestors |= other.get_ancestors().filter(depth__gt=1)
    add(Page.objects.filter(translation_key__in=ancestors.values("translation_key")).live())
    # GZM's network home and its network-wide listings.
    network = network_root_model()
    municipal = municipal_root_model()
    if network is not None:
        homes = network.objects.all()
        add(Page.objects.filter(pk__in=homes.values("pk")))
        for network_home in homes:
            listings = network_home.get_children().live()
            if municipal is not None:
                listings = listings.not_type(municipal)
            add(listings)
    home = getattr(page, "municipality_home", None)
    if home is None and municipal is not None:
        # A network-side change (the model texts) shows on every municipality's home.
        add(Page.objects.filter(pk__in=municipal.objects.live().values("pk")))
    if _changes_the_frame(page):
        root = home or _network_root_of(page)
        if root is not None:
            add(_pages_of_site(root))
    return list(pages.values())


def _changes_the_frame(page):
    parent_is_root = page.depth > 2 and getattr(
        page.get_parent().specific_deferred, "portal_site_root", False
    )
    return (
        getattr(page, "portal_site_root", False)
        or bool(getattr(page, "footer_role", ""))
        or (parent_is_root and page.show_in_menus)
    )


def _network_root_of(page):
    network = network_root_model()
    if network is None:
        return None
    return network.objects.ancestor_of(page, inclusive=True).first()


def _pages_of_site(root):
    """The live pages of ``root``'s site in every language; for the network home, without
    the municipalities' subtrees (they have a frame of their own)."""
    roots = Page.objects.filter(translation_key=root.translation_key)
    pages = Page.objects.none()
    for each in roots:
        pages |= Page.objects.descendant_of(each, inclusive=True)
    pages = pages.live()
    municipal = municipal_root_model()
    if getattr(root, "is_network_root", False) and municipal is not None:
        for home in municipal.objects.all().only("path"):
            pages = pages.exclude(path__startswith=home.path)
    return pages


def addresses_for(page):
    root_paths = Site.get_site_root_paths()
    addresses = set()
    for other in affected_pages(page):
        addresses.update(page_addresses(other, root_paths))
    addresses.update(sitemap_addresses(page, root_paths))
    return addresses


def sitemap_addresses(page, root_paths):
    """The sitemap that lists ``page``: its own site's, the deepest site root holding it
    (``portal.sitemaps``), under both of its names."""
    holding = [root for root in root_paths if page.url_path.startswith(root.root_path)]
    if not holding:
        return set()
    own = max(holding, key=lambda root: len(root.root_path))
    try:
        paths = [reverse("sitemap"), reverse("sitemap_pages")]
    except NoReverseMatch:
        return set()
    return {own.root_url + path for path in paths}


def purge_later(addresses):
    """Purge ``addresses`` once the surrounding transaction commits."""
    addresses = set(addresses)
    if not addresses:
        return

    def purge():
        try:
            PurgeBatch(addresses).purge()
        except Exception:  # a cache that cannot be reached must not fail a publish
            logger.exception(
                "Could not purge %d addresses from the frontend cache.", len(addresses)
            )

    transaction.on_commit(purge)


def _on_page_change(instance, **kwargs):
    if enabled():
        purge_later(addresses_for(instance))


# The addresses of pages being moved, from before the move to after it (by page id).
_moving = {}


def _before_move(instance, **kwargs):
    if enabled():
        # The old addresses (and their listings) go too, with the new ones after the move.
        _moving[instance.pk] = addresses_for(instance) | _subtree_addresses(instance)


def _after_move(instance, **kwargs):
    if enabled():
        old = _moving.pop(instance.pk, set())
        fresh = Page.objects.get(pk=instance.pk)
        purge_later(old | addresses_for(fresh) | _subtree_addresses(fresh))


def _subtree_addresses(page):
    root_paths = Site.get_site_root_paths()
    addresses = set()
    for other in Page.objects.descendant_of(page).live().select_related("locale"):
        addresses.update(page_addresses(other, root_paths))
    return addresses


def _before_delete(instance, **kwargs):
    if enabled() and instance.live:
        purge_later(addresses_for(instance))


def _on_restriction_change(instance, **kwargs):
    """A page put behind (or freed from) a password, login or group: its cached copies, its
    subtree's and every listing showing them go at once."""
    if enabled():
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is not None:
            purge_later(addresses_for(page) | _subtree_addresses(page))


def _every_address(pages):
    root_paths = Site.get_site_root_paths()
    addresses = set()
    for page in pages.select_related("locale"):
        addresses.update(page_addresses(page, root_paths))
    return addresses


def _on_site_contacts_change(instance, **kwargs):
    if enabled() and instance.site_id:
        root = Page.objects.filter(sites_rooted_here=instance.site_id).first()
        if root is not None:
            purge_later(_every_address(_pages_of_site(root.specific_deferred)))


def purge_everything():
    """Purge every live page (a change that shows on all of them: a setting of the whole
    network, a municipality leaving or re-joining it)."""
    if enabled():
        purge_later(_every_address(Page.objects.live().filter(depth__gt=1)))


def _on_analytics_change(instance, **kwargs):
    purge_everything()


def connect():
    from django.db.models.signals import post_delete, post_save, pre_delete

    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

    page_published.connect(_on_page_change, dispatch_uid="portal-purge-published")
    page_unpublished.connect(_on_page_change, dispatch_uid="portal-purge-unpublished")
    pre_page_move.connect(_before_move, dispatch_uid="portal-purge-before-move")
    post_page_move.connect(_after_move, dispatch_uid="portal-purge-after-move")
    pre_delete.connect(_before_delete, sender=Page, dispatch_uid="portal-purge-delete")
    from .models import AnalyticsSettings, SiteContactSettings

    post_save.connect(
        _on_site_contacts_change, sender=SiteContactSettings, dispatch_uid="portal-purge-contacts"
    )
    post_save.connect(
        _on_analytics_change, sender=AnalyticsSettings, dispatch_uid="portal-purge-analytics"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"portal-purge-restriction-{signal is post_save}",
        )
