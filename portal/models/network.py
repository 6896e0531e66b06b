"""GZM's network home: what local initiative is and where each municipality's subsite is."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from ..blocks import CommonStreamBlock
from .base import RICH_TEXT_FEATURES, SiteRootPage


class NetworkHomePage(SiteRootPage):
    """The root of GZM's own site. What it lists (municipalities by county, the network's
    listings, the model handbooks) the apps above add through the site-root context hook."""

    is_network_root = True
    municipality = None

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(CommonStreamBlock(), verbose_name=_("treść"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "municipalities.MunicipalityHomePage",
        "municipalities.CallNetworkIndexPage",
        "municipalities.GalleryNetworkIndexPage",
        "municipalities.FiguresPage",
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
