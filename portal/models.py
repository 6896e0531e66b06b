"""Network-level pages (GZM) and the base every portal page builds on."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import CommonStreamBlock
from .consent import AnalyticsSettings
from .taxonomy import TaskArea

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class PortalPage(Page):
    """Base of every page type: knows which municipality (if any) it belongs to."""

    is_creatable = False

    class Meta:
        abstract = True

    @classmethod
    def get_search_fields(cls):
        # Every page type is searchable in base forms (Polish morphology), see search/indexing.py.
        from search.indexing import portal_search_fields

        return portal_search_fields(super().get_search_fields())

    def search_normalised_text(self):
        from search.indexing import normalised_text

        return normalised_text(self)

    @cached_property
    def municipality_home(self):
        """The municipality home this page sits under (itself included), or None on the network."""
        from municipalities.models import MunicipalityHomePage

        if isinstance(self, MunicipalityHomePage):
            return self
        return (
            MunicipalityHomePage.objects.ancestor_of(self)
            .select_related("municipality", "municipality__site", "municipality__coat_of_arms")
            .first()
        )

    @cached_property
    def municipality(self):
        home = self.municipality_home
        return home.municipality if home else None


class NetworkListingPage(PortalPage):
    """Base of the network-wide listings under the network home (calls, initiatives)."""

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.NetworkHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class NetworkHomePage(PortalPage):
    """GZM's network home: what local initiative is and where each municipality's subsite is."""

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(CommonStreamBlock(), verbose_name=_("treść"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "municipalities.MunicipalityHomePage",
        "municipalities.CallNetworkIndexPage",
        "municipalities.GalleryNetworkIndexPage",
        "portal.AccessibilityStatementPage",
        "portal.EasyReadPage",
        "portal.SignLanguagePage",
        "portal.PrivacyNoticePage",
        "handbooks.ModelProcessPage",
        "handbooks.ResolutionPage",
        "handbooks.HandbookPage",
    ]

    class Meta:
        verbose_name = _("strona główna sieci GZM")
        verbose_name_plural = _("strony główne sieci GZM")

    def get_context(self, request, *args, **kwargs):
        from municipalities.listing import municipalities_by_county
        from municipalities.models import CallNetworkIndexPage, GalleryNetworkIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["counties"] = municipalities_by_county(self.locale)
        # This home is already in the active language, so its child is too.
        context["calls_page"] = CallNetworkIndexPage.objects.child_of(self).live().first()
        context["gallery_page"] = GalleryNetworkIndexPage.objects.child_of(self).live().first()
        return context


@register_setting(icon="mail")
class SiteContactSettings(BaseSiteSetting):
    """Contact data shown in the footer of one site (the network or one municipality)."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.TextField(_("adres urzędu"), blank=True)
    office_hours = models.CharField(_("godziny pracy"), max_length=200, blank=True)

    panels = [
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("address"),
        FieldPanel("office_hours"),
    ]

    class Meta:
        verbose_name = _("dane kontaktowe serwisu")


# The pages the law asks of every site; defined beside their rules, registered here.
from .legal_pages import (  # noqa: E402
    AccessibilityStatementPage,
    EasyReadPage,
    InaccessibleContent,
    PrivacyNoticePage,
    SignLanguagePage,
)

__all__ = [
    "AccessibilityStatementPage",
    "AnalyticsSettings",
    "EasyReadPage",
    "InaccessibleContent",
    "NetworkHomePage",
    "NetworkListingPage",
    "PortalPage",
    "PrivacyNoticePage",
    "SignLanguagePage",
    "SiteContactSettings",
    "TaskArea",
]
