"""What every page shows around its content: identity, navigation, languages, footer.

Computed once per request from the page being served, never from the default site,
so a municipality's page looks like that municipality's under every host it answers at.
The page types are not imported: the site root comes from the page itself, the legal pages
the footer links to declare their ``footer_role``.
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, Site

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


@dataclass
class Chrome:
    municipality: object
    home: Page
    network_home: Page
    nav: list
    statement: Page | None
    contact: object
    easy_read: Page | None = None
    sign_language: Page | None = None
    privacy: Page | None = None
    languages: list = field(default_factory=list)
    canonical_url: str = ""
    alternates: list = field(default_factory=list)


def build_chrome(page, request):
    page = page.specific
    municipality_home = getattr(page, "municipality_home", None)
    network_home = network_home_for(page.locale_id)
    home = municipality_home or network_home
    nav = (
        list(home.get_children().live().filter(public_q()).in_menu().order_by("path"))
        if home
        else []
    )
    legal = _legal_pages(home)
    municipality = municipality_home.municipality if municipality_home else None
    site = municipality.site if municipality else Site.find_for_request(request)
    contact_settings = apps.get_model("portal", "SiteContactSettings")
    contact = contact_settings.for_site(site) if site else None

    order = list(LANGUAGE_NAMES)
    translations = sorted(
        page.get_translations(inclusive=True).live().filter(public_q()).select_related("locale"),
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
        statement=legal.get("statement"),
        easy_read=legal.get("easy_read"),
        sign_language=legal.get("sign_language"),
        privacy=legal.get("privacy"),
        contact=contact,
        languages=languages if len(languages) > 1 else [],
        canonical_url=canonical_url(page),
        alternates=alternates if len(alternates) > 1 else [],
    )


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
