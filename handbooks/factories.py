"""Factories for handbook pages (tests and demo)."""

import factory
import wagtail_factories

from .models import HandbookChapterPage


class HandbookChapterPageFactory(wagtail_factories.PageFactory):
    """A chapter of a model handbook or of a municipality's variant; pass ``parent``."""

    class Meta:
        model = HandbookChapterPage

    title = factory.Sequence(lambda n: f"Rozdział {n}")
    slug = factory.Sequence(lambda n: f"rozdzial-{n}")
