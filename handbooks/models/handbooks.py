"""Model handbooks (GZM), their chapters, and a municipality's variant of a model handbook.

A variant's chapters start as Wagtail aliases of the model's chapters, so they follow the
model whenever GZM publishes it. ``VariantChapterState`` records, per chapter of a variant,
which model chapter it comes from and, once the municipality customised it, the model
revision it was based on. The rules live in ``handbooks.sync``.
"""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision
from wagtail.search import index

from portal import freshness
from portal.models import RICH_TEXT_FEATURES, PortalPage
from portal.visibility import public_q

from ..blocks import ChapterStreamBlock


class Audience(models.TextChoices):
    # Worded as the handbooks are named ("Podręcznik dla urzędnika", "Podręcznik dla
    # mieszkańca"), so a handbook's label and its title say the same.
    OFFICIALS = "officials", _("dla urzędnika")
    RESIDENTS = "residents", _("dla mieszkańca")


class HandbookContentsMixin(RoutablePageMixin):
    """A handbook's contents list, chapter navigation and one-page print view."""

    print_template = "handbooks/handbook_print.html"

    def chapters(self):
        """The chapters residents see, in tree order (hidden ones left out)."""
        chapters = (
            HandbookChapterPage.objects.child_of(self).live().filter(public_q()).order_by("path")
        )
        hidden = self.hidden_translation_keys()
        if hidden:
            chapters = chapters.exclude(translation_key__in=hidden)
        return chapters

    def hidden_translation_keys(self):
        return []

    @path("druk/", name="print")
    def print_view(self, request):
        context = self.get_context(request)
        context["print_view"] = True
        return TemplateResponse(request, self.print_template, context)

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        context.setdefault("chapters", list(self.chapters()))


class HandbookPage(HandbookContentsMixin, PortalPage):
    """A model handbook published by GZM: for officials or for residents."""

    audience = models.CharField(_("dla kogo"), max_length=20, choices=Audience.choices)
    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("audience"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.NetworkHomePage"]
    subpage_types = ["handbooks.HandbookChapterPage"]

    class Meta:
        verbose_name = _("podręcznik modelowy")
        verbose_name_plural = _("podręczniki modelowe")

    @property
    def model_handbook(self):
        return self


class HandbookVariantPage(HandbookContentsMixin, PortalPage):
    """A municipality's own variant of a model handbook (created by ``sync.create_variant``)."""

    model_handbook = models.ForeignKey(
        HandbookPage,
        verbose_name=_("podręcznik modelowy"),
        on_delete=models.PROTECT,
        related_name="variants",
    )
    intro = RichTextField(
        _("wprowadzenie gminy"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Puste: pokazujemy wprowadzenie z modelu GZM."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("model_handbook", read_only=True)]

    parent_page_types = ["municipalities.MunicipalityHomePage"]
    subpage_types = ["handbooks.HandbookChapterPage"]
    # Created in one action from the handbooks admin, never by hand.
    is_creatable = False
    template = "handbooks/handbook_page.html"

    class Meta:
        verbose_name = _("wariant podręcznika gminy")
        verbose_name_plural = _("warianty podręczników gmin")

    @property
    def audience(self):
        return self.model_handbook.audience

    def get_audience_display(self):
        return self.model_handbook.get_audience_display()

    def hidden_translation_keys(self):
        return list(
            VariantChapterState.objects.filter(
                variant__translation_key=self.translation_key, hidden=True
            ).values_list("page__translation_key", flat=True)
        )


class HandbookChapterPage(PortalPage):
    """A chapter of a model handbook or of a municipality's variant."""

    summary = models.TextField(_("w skrócie"), blank=True, max_length=400)
    body = StreamField(ChapterStreamBlock(), verbose_name=_("treść"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["handbooks.HandbookPage", "handbooks.HandbookVariantPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("rozdział podręcznika")
        verbose_name_plural = _("rozdziały podręczników")

    @cached_property
    def handbook(self):
        if self.pk and self.live:
            # Asked on every request (serve); only a move or a publish changes it.
            return freshness.cached(
                ("chapter-handbook", self.pk, self.path), lambda: self.get_parent().specific
            )
        return self.get_parent().specific

    def serve(self, request, *args, **kwargs):
        if self.translation_key in self.handbook.hidden_translation_keys():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        chapters = list(self.handbook.chapters())
        position = next((i for i, chapter in enumerate(chapters) if chapter.pk == self.pk), None)
        context["handbook"] = self.handbook
        context["chapters"] = chapters
        if position is not None:
            context["previous_chapter"] = chapters[position - 1] if position > 0 else None
            context["next_chapter"] = (
                chapters[position + 1] if position + 1 < len(chapters) else None
            )
        context["model_chapter"] = self.model_chapter()

    def model_chapter(self):
        """The GZM chapter this variant chapter comes from (None for the model's own chapters)."""
        if self.alias_of_id:
            return self.alias_of.specific
        state = VariantChapterState.objects.filter(page__translation_key=self.translation_key)
        state = state.select_related("model_chapter").first()
        if state is None or state.model_chapter is None:
            return None
        model = state.model_chapter
        translated = model.get_translation_or_none(self.locale)
        return translated or model


class ChapterStatus(models.TextChoices):
    FOLLOWS = "follows", _("zgodny z modelem")
    CUSTOMISED = "customised", _("dostosowany przez gminę")
    BEHIND = "behind", _("model zmienił się od dostosowania")
    LOCAL = "local", _("rozdział tylko gminy")


def chapter_status(alias_of_id, model_chapter_id, model_live_revision_id, compared_revision_id):
    """Where a variant chapter stands: following, customised, behind the model, or local."""
    if model_chapter_id is None:
        return ChapterStatus.LOCAL
    if alias_of_id is not None:
        return ChapterStatus.FOLLOWS
    if model_live_revision_id and model_live_revision_id != compared_revision_id:
        return ChapterStatus.BEHIND
    return ChapterStatus.CUSTOMISED


class VariantChapterState(models.Model):
    """Where a chapter of a municipality's variant stands against the model."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("gmina"),
        on_delete=models.CASCADE,
        related_name="handbook_chapter_states",
    )
    variant = models.ForeignKey(
        HandbookVariantPage,
        verbose_name=_("wariant podręcznika"),
        on_delete=models.CASCADE,
        related_name="chapter_states",
    )
    page = models.OneToOneField(
        HandbookChapterPage,
        verbose_name=_("rozdział wariantu"),
        on_delete=models.CASCADE,
        related_name="variant_state",
    )
    model_chapter = models.ForeignKey(
        HandbookChapterPage,
        verbose_name=_("rozdział modelu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="variant_states",
    )
    based_on_revision = models.ForeignKey(
        Revision,
        verbose_name=_("wersja modelu, na której oparto rozdział"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_revision = models.ForeignKey(
        Revision,
        verbose_name=_("wersja modelu przejrzana przez gminę"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden = models.BooleanField(_("ukryty w wariancie"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stan rozdziału wariantu")
        verbose_name_plural = _("stany rozdziałów wariantów")

    def __str__(self):
        return f"{self.municipality}: {self.page_id}"

    @property
    def is_local(self):
        return self.model_chapter_id is None

    @property
    def is_alias(self):
        return self.page.alias_of_id is not None

    @property
    def compared_revision_id(self):
        """The model revision the municipality last reconciled its chapter with."""
        return self.reviewed_revision_id or self.based_on_revision_id

    @property
    def is_behind(self):
        return self.status == ChapterStatus.BEHIND

    @property
    def status(self):
        return chapter_status(
            self.page.alias_of_id,
            self.model_chapter_id,
            self.model_chapter.live_revision_id if self.model_chapter else None,
            self.compared_revision_id,
        )
