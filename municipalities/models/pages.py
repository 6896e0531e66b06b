"""The pages of a municipality's subsite: its home and its sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.models import RICH_TEXT_FEATURES, PortalPage

from .municipality import Municipality


class MunicipalityHomePage(PortalPage):
    """The home of one municipality's subsite."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gmina"),
        on_delete=models.PROTECT,
        related_name="home_pages",
    )
    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("municipality", read_only=True)]

    parent_page_types = ["portal.NetworkHomePage"]
    subpage_types = [
        "municipalities.CallIndexPage",
        "municipalities.GalleryPage",
        "municipalities.ContactPage",
        "portal.AccessibilityStatementPage",
    ]

    class Meta:
        verbose_name = _("strona główna gminy")
        verbose_name_plural = _("strony główne gmin")

    def get_context(self, request, *args, **kwargs):
        # Imported here: the calls module builds on this one.
        from ..call_listing import open_calls
        from .calls import CallIndexPage
        from .initiatives import GalleryPage

        context = super().get_context(request, *args, **kwargs)
        sections = self.sections()
        for section in sections:
            if isinstance(section, CallIndexPage):
                # The calls card links straight to each open call: two clicks from the network.
                section.open_calls = open_calls(section)
            elif isinstance(section, GalleryPage):
                section.initiative_count = section.entry_count
        context["sections"] = sections
        return context

    def sections(self):
        """The live section pages in menu order, each with its number of live entries."""
        sections = [
            child
            for child in self.get_children().live().in_menu().specific().order_by("path")
            if isinstance(child, SectionPage)
        ]
        entry_paths = (
            Page.objects.live()
            .filter(path__startswith=self.path, depth=self.depth + 2)
            .values_list("path", flat=True)
        )
        steplen = Page.steplen
        counts = {}
        for path in entry_paths:
            parent_path = path[:-steplen]
            counts[parent_path] = counts.get(parent_path, 0) + 1
        for section in sections:
            section.entry_count = counts.get(section.path, 0)
        return sections


class SectionPage(PortalPage):
    """A section of a municipality's subsite: its own intro and what to say when it is empty."""

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["municipalities.MunicipalityHomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class ContactPage(SectionPage):
    """Kontakt: who to ask about local initiative in the municipality."""

    subpage_types = []
    empty_message = _("Dane kontaktowe zespołu zostaną wkrótce uzupełnione.")

    class Meta:
        verbose_name = _("strona kontaktowa")
        verbose_name_plural = _("strony kontaktowe")
