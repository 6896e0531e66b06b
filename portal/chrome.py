"""What every page shows around its content: identity, navigation, languages, footer.

Computed once per request from the page being served, never from the default site,
so a municipality's page looks like that municipality's under every host it answers at.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, Site

from .legal_pages import (
    AccessibilityStatementPage,
    EasyReadPage,
    PrivacyNoticePage,
    SignLanguagePage,
)
from .models import NetworkHomePage, SiteContactSettings

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@dataclass
class Chrome:
    municipality: object
    home: Page
    network_home: Page
    nav: list
    statement: Page | None
    contact: SiteContactSettings | None
    easy_read: Page | None = None
    sign_language: Page | None = None
    privacy: Page | None = None
    languages: list = field(default_factory=list)
    canonical_url: str = ""
    alternates: list = field(default_factory=list)


def canonical_url(page):
    """The page's address on its own site: the deepest site root that holds it, same language."""
    language = page.locale.language_code
    candidates = [
        root_path
        for root_path in Site.get_site_root_paths()
        if page.url_path.startswith(root_path.root_path) and root_path.language_code == language
    ]
    if not candidates:
        return page.get_full_url()
    best = max(candidates, key=lambda candidate: len(candidate.root_path))
    with translation.override(language):
        path = reverse("wagtail_serve", args=(page.url_path[len(best.root_path) :],))
    return best.root_url + path


def build_chrome(page, request):
    page = page.specific
    municipality_home = getattr(page, "municipality_home", None)
    network_home = (
        NetworkHomePage.objects.filter(locale=page.locale).first()
        or NetworkHomePage.objects.first()
    )
    home = municipality_home or network_home
    nav = list(home.get_children().live().in_menu().order_by("path")) if home else []
    legal = _legal_pages(home)
    municipality = municipality_home.municipality if municipality_home else None
    site = municipality.site if municipality else Site.find_for_request(request)
    contact = SiteContactSettings.for_site(site) if site else None

    order = list(LANGUAGE_NAMES)
    translations = sorted(
        page.get_translations(inclusive=True).live().select_related("locale"),
        key=lambda other: (
            order.index(other.locale.language_code)
            if other.locale.language_code in order
            else len(order)
        ),
    )
    languages = [
        LanguageLink(
            code=other.locale.language_code,
            name=LANGUAGE_NAMES.get(other.locale.language_code, other.locale.language_code),
            url=other.get_url(request),
            is_current=other.pk == page.pk,
        )
        for other in translations
    ]
    alternates = [(other.locale.language_code, canonical_url(other)) for other in translations]
    return Chrome(
        municipality=municipality,
        home=home,
        network_home=network_home,
        nav=nav,
        statement=legal.get(AccessibilityStatementPage),
        easy_read=legal.get(EasyReadPage),
        sign_language=legal.get(SignLanguagePage),
        privacy=legal.get(PrivacyNoticePage),
        contact=contact,
        languages=languages if len(languages) > 1 else [],
        canonical_url=canonical_url(page),
        alternates=alternates if len(alternates) > 1 else [],
    )


def _legal_pages(home):
    """The site root's live legal pages by type, in one query (plain pages: the footer needs
    only their addresses)."""
    if home is None:
        return {}
    types = (AccessibilityStatementPage, EasyReadPage, SignLanguagePage, PrivacyNoticePage)
    by_content_type = {ContentType.objects.get_for_model(model).pk: model for model in types}
    pages = {}
    for child in home.get_children().live().filter(content_type_id__in=by_content_type):
        pages.setdefault(by_content_type[child.content_type_id], child)
    return pages
