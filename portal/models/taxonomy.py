"""GZM's taxonomy shared by every municipality: the statutory task areas (art. 19b ust. 1).

The labels are kept in the three content languages on the model itself rather than as
wagtail-localize translations: the list is fixed by the Act, edited only by GZM, and every
municipality's pages point at the same rows whatever their language.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index


class TaskArea(index.Indexed, models.Model):
    """One of the statutory areas in which a local initiative may be carried out."""

    key = models.SlugField(_("klucz"), max_length=60, unique=True)
    name_pl = models.CharField(_("nazwa (pl)"), max_length=120)
    name_en = models.CharField(_("nazwa (en)"), max_length=120, blank=True)
    name_uk = models.CharField(_("nazwa (uk)"), max_length=120, blank=True)
    description_pl = models.TextField(_("brzmienie ustawowe (pl)"))
    description_en = models.TextField(_("brzmienie ustawowe (en)"), blank=True)
    statute_ref = models.CharField(_("podstawa prawna"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("statute_ref"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("name_pl"), FieldPanel("name_en"), FieldPanel("name_uk")]),
        FieldPanel("description_pl"),
        FieldPanel("description_en"),
    ]
    search_fields = [index.SearchField("name_pl"), index.AutocompleteField("name_pl")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("obszar zadań publicznych")
        verbose_name_plural = _("obszary zadań publicznych")

    def __str__(self):
        return self.name

    @property
    def name(self):
        """The short name in the active language, falling back to Polish."""
        language = (get_language() or "pl")[:2]
        return getattr(self, f"name_{language}", "") or self.name_pl

    @property
    def description(self):
        language = (get_language() or "pl")[:2]
        return getattr(self, f"description_{language}", "") or self.description_pl
