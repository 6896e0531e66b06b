"""GZM's model process of a local initiative and the assumptions for a council resolution."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import RICH_TEXT_FEATURES, PortalPage

from ..blocks import ProcessStepBlock, ResolutionStreamBlock


class ModelProcessPage(PortalPage):
    """The model process, step by step (art. 19b–19h of the Act)."""

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)
    steps = StreamField([("step", ProcessStepBlock())], verbose_name=_("kroki procesu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("steps")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("steps")]

    parent_page_types = ["portal.NetworkHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("model procesu")
        verbose_name_plural = _("modele procesu")


class ResolutionPage(PortalPage):
    """What a council resolution on local initiative must define, with the model's proposals."""

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)
    elements = StreamField(ResolutionStreamBlock(), verbose_name=_("elementy uchwały"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("elements")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("elements"),
    ]

    parent_page_types = ["portal.NetworkHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("założenia uchwały")
        verbose_name_plural = _("założenia uchwały")
