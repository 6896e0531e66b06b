"""What every page shows around its content: identity, navigation, languages, footer.

Computed from the page being served, never from the default site, so a municipality's
page looks like that municipality's under every host it answers at. The header and footer
are rendered once per site root, language and menu position and kept for the content
generation (``portal.freshness``).
The page types are not imported: the site root comes from the page itself, the legal pages
the footer links to declare their ``footer_role``.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.functional import cached_property

from wagtail.models import Page, Site

from . import freshness
from .canonical import canonical_url
from .roots import network_home_for
from .visibility import public_q

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_stand_in: bool = False  # the page is not in this language: a page above it is


class Chrome:
    """The frame of one page. Only what every request needs is looked up at once (the site
    root); the rest is looked up when the template asks for it, which it does not when the
    frame comes from the cache (``frame_key``, templates/includes/header.html)."""

    def __init__(self, page, request):
        self.page = page
        self.request = request
        self.municipality_home = getattr(page, "municipality_home", None)
        self.municipality = self.municipality_home.municipality if self.municipality_home else None

    @cached_property
    def network_home(self):
        return network_home_for(self.page.locale_id)

    @cached_property
    def former_member(self):
        """The municipality, when its membership of the network has ended: its pages are
        then an archive and say so."""
        municipality = self.municipality
        if municipality is not None and not municipality.is_member_on():
            return municipality
        return None

    @cached_property
    def home(self):
        return self.municipality_home or self.network_home

    @cached_property
    def nav(self):
        home = self.home
        return (
            list(home.get_children().live().filter(public_q()).in_menu().order_by("path"))
            if home
            else []
        )

    @cached_property
    def legal(self):
        return _legal_pages(self.home)

    @property
    def statement(self):
        return self.legal.get("statement")

    @property
    def easy_read(self):
        return self.legal.get("easy_read")

    @property
    def sign_language(self):
        return self.legal.get("sign_language")

    @property
    def privacy(self):
        return self.legal.get("privacy")

    @cached_property
    def contact(self):
        site = self.municipality.site if self.municipality else Site.find_for_request(self.request)
        contact_settings = apps.get_model("portal", "SiteContactSettings")
        return contact_settings.for_site(site) if site else None

    @cached_property
    def _translations(self):
        """(language, name, address here, canonical address, is this page) of the page's live
        translations, in the order of settings.LANGUAGES; kept for the content generation."""
        return freshness.cached(
            ("languages", self.page.pk, self._request_site_id),
            lambda: _translations(self.page, self.request),
            self.request,
        )

    @cached_property
    def languages(self):
        links = [
            LanguageLink(code=code, name=name, url=url, is_current=current, is_stand_in=stand_in)
            for code, name, url, _canonical, current, stand_in in self._translations
        ]
        return links if len(links) > 1 else []

    @cached_property
    def alternates(self):
        pairs = [
            (code, canonical)
            for code, _name, _url, canonical, _current, stand_in in self._translations
            if not stand_in
        ]
        return pairs if len(pairs) > 1 else []

    @cached_property
    def canonical_url(self):
        for _code, _name, _url, canonical, current, _stand_in in self._translations:
            if current:
                return canonical
        return canonical_url(self.page)

    @cached_property
    def frame_key(self):
        """What the cached header and footer depend on: the site root, the language, the
        site the request came to (links are relative to it) and the menu item this page is
        (for ``aria-current``)."""
        home = self.home
        page = self.page
        in_menu = home is not None and (
            page.pk == home.pk or (page.depth == home.depth + 1 and page.show_in_menus)
        )
        return (
            "frame",
            home.pk if home else 0,
            translation.get_language(),
            self._request_site_id,
            page.pk if in_menu else 0,
        )

    @cached_property
    def search_municipality(self):
        """The municipality a search from this page's header should stay in, when the page
        is reached under the network's host (``localhost/<city>/``): there the search
        endpoint is the network's, so the form names the city (the search page's
        municipality filter). On the city's own host its search is the city's anyway."""
        municipality = self.municipality
        if municipality is not None and municipality.site_id != self._request_site_id:
            return municipality
        return None

    @cached_property
    def _request_site_id(self):
        site = getattr(self.request, "_wagtail_site", None) or Site.find_for_request(self.request)
        return site.pk if site else 0

    @property
    def generation(self):
        return freshness.current(self.request)


def build_chrome(page, request):
    return Chrome(page.specific, request)


def _translations(page, request):
    """(language, name, address here, canonical address, is this page, is a stand-in) for
    every language of the page, in the order of settings.LANGUAGES.

    A language the page has no live translation in (a call or an initiative an editor
    wrote in Polish only) is offered through the nearest page above it that has one, such as
    the call list in that language, so that the switcher shows on every page; such a
    stand-in is no alternate version of the page and never an ``hreflang`` alternate.
    """
    order = list(LANGUAGE_NAMES)

    def position(other):
        code = other.locale.language_code
        return order.index(code) if code in order else len(order)

    translations = list(
        page.get_translations(inclusive=True).live().filter(public_q()).select_related("locale")
    )
    entries = [(other, False) for other in translations]
    present = {other.locale.language_code for other in translations}
    missing = [code for code in order if code not in present]
    if missing and page.depth > 2:
        entries.extend((other, True) for other in _nearest_ancestors_in(page, missing))
    return [
        (
            other.locale.language_code,
            LANGUAGE_NAMES.get(other.locale.language_code, other.locale.language_code),
            other.get_url(request),
            canonical_url(other),
            other.pk == page.pk,
            stand_in,
        )
        for other, stand_in in sorted(entries, key=lambda entry: position(entry[0]))
    ]


def _nearest_ancestors_in(page, languages):
    """For each of ``languages``, the deepest live, public translation of one of the page's
    ancestors below the tree's root (one query)."""
    steplen = Page.steplen
    ancestor_paths = [page.path[:length] for length in range(2 * steplen, len(page.path), steplen)]
    candidates = (
        Page.objects.filter(
            translation_key__in=Page.objects.filter(path__in=ancestor_paths).values(
                "translation_key"
            ),
            locale__language_code__in=languages,
            depth__gt=1,
        )
        .live()
        .filter(public_q())
        .select_related("locale")
        .order_by("-depth")
    )
    nearest = {}
    for candidate in candidates:
        nearest.setdefault(candidate.locale.language_code, candidate)
    return list(nearest.values())


@cache
def _footer_models():
    return tuple(
        model
        for model in apps.get_models()
        if getattr(model, "footer_role", "") and not model._meta.abstract
    )


def _footer_roles():
    """{content type id: footer role} of the page types the footer links to (the content
    types come from Django's own cache)."""
    types = ContentType.objects.get_for_models(*_footer_models())
    return {content_type.pk: model.footer_role for model, content_type in types.items()}


def _legal_pages(home):
    """The site root's live, public legal pages by footer role, in one query (plain pages:
    the footer needs only their addresses)."""
    if home is None:
        return {}
    roles = _footer_roles()
    pages = {}
    for child in home.get_children().live().filter(public_q(), content_type_id__in=roles):
        pages.setdefault(roles[child.content_type_id], child)
    return pages
