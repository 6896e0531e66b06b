"""Blocks shared by every page type of the portal."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Nagłówek"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Treść"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("Wyróżniona informacja")
        template = "portal/blocks/callout.html"


class CommonStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Śródtytuł"), max_length=120, template="portal/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Akapit"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="portal/blocks/paragraph.html",
    )
    image = ImageBlock(label=_("Obraz"), template="portal/blocks/image.html")
    callout = CalloutBlock()

    class Meta:
        label = _("Treść")
