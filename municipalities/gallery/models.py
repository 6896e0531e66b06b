"""The results gallery: local initiatives a municipality carried out with its residents."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from portal.admin_forms import OwnMediaPageForm
from portal.blocks import CommonStreamBlock
from portal.listing import FilteredListingMixin
from portal.models import NetworkListingPage, PortalPage
from portal.opendata import OpenDataRoutes
from portal.validators import NOT_NEGATIVE

from ..models.municipality import Municipality
from ..models.pages import MunicipalPageQuerySet, SectionPage
from .forms import GalleryFilterForm, NetworkGalleryFilterForm
from .listing import INITIATIVES_PER_PAGE, PHOTO_FILTER_SPECS, map_config, map_points, totals
from .opendata import INITIATIVE_COLUMNS, initiative_record
from .point_picker import PointPickerPanel
from .stages import InitiativeStage, StageChoice


class PhotoRole(models.TextChoices):
    BEFORE = "before", _("przed realizacją")
    AFTER = "after", _("po realizacji")


def money_field(label, **options):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[NOT_NEGATIVE],
        **options,
    )


def photos_with_renditions():
    """Photos joined to their images, with the renditions ``PHOTO_FILTER_SPECS`` names: two
    queries for any number of pages (photos with images, renditions).

    The same prefetch as ``ImageQuerySet.prefetch_renditions``, reached through the photo:
    Wagtail reads an image's prefetched ``renditions`` before its cache or the database.
    """
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=PHOTO_FILTER_SPECS)
    )
    return InitiativePhoto.objects.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=renditions)
    )


class InitiativePageQuerySet(MunicipalPageQuerySet):
    """Initiatives as the galleries list them."""

    def at_stage(self, choice=None):
        """Narrow by a ``StageChoice`` value: completed initiatives unless ``choice`` asks
        for those under way or for all of them."""
        choice = StageChoice.of(choice)
        if choice == StageChoice.ALL:
            return self
        if choice == StageChoice.UNDER_WAY:
            return self.filter(stage__in=InitiativeStage.under_way())
        return self.filter(stage__in=InitiativeStage.done())

    def filtered(self, *, year=None, area=None, district=None, municipality=None, county=None):
        """Narrow by the values a filter form accepted (None: no filter). ``area`` is a
        task-area key, ``municipality`` a slug, ``county`` a county name as stored on the
        municipality."""
        initiatives = self
        if year:
            initiatives = initiatives.filter(year=year)
        if area:
            initiatives = initiatives.filter(task_area__key=area)
        if district:
            initiatives = initiatives.filter(district=district)
        if municipality:
            initiatives = initiatives.filter(municipality__slug=municipality)
        if county:
            initiatives = initiatives.filter(municipality__county=county)
        return initiatives

    def for_cards(self):
        """Ready for cards, the most recent year first: the municipality and the task area
        joined, the photos, their images and exactly the renditions the cards show
        prefetched, so a page of cards costs the same whatever the number of initiatives."""
        return (
            self.select_related("municipality", "task_area")
            .prefetch_related(Prefetch("photos", queryset=photos_with_renditions()))
            .order_by("-year", "title", "pk")
        )


InitiativePageManager = PageManager.from_queryset(InitiativePageQuerySet)


STAGE_TOTALS_LABELS = {
    StageChoice.DONE: _("Zrealizowane inicjatywy"),
    StageChoice.UNDER_WAY: _("Inicjatywy w toku"),
    StageChoice.ALL: _("Inicjatywy na wszystkich etapach"),
}


class GalleryListingMixin(OpenDataRoutes, FilteredListingMixin):
    """What both galleries share: cards with photos, the totals, the map and the downloads
    (portal/opendata.py, the records of gallery/opendata.py)."""

    listing_name = "initiatives"
    per_page = INITIATIVES_PER_PAGE
    open_data_columns = INITIATIVE_COLUMNS
    open_data_related = ("locale", "municipality", "task_area")

    def open_data_record(self, item, root_paths):
        return initiative_record(item, root_paths)

    def open_data_items(self, request, form_class=None):
        # The records need no photos: the listing's order without the cards' prefetch.
        listing, items = super().open_data_items(request, form_class)
        return listing, items.prefetch_related(None)

    def filter_form_kwargs(self, items):
        # Years and districts are offered from what the gallery holds before any filter.
        return {"initiatives": items}

    def filter_listing(self, items, filters):
        filters = dict(filters)
        return items.at_stage(filters.pop("stage", None)).filtered(**filters)

    def order_listing(self, items):
        return items.for_cards()

    def listing_extra_context(self, request, filtered, shown):
        stage = StageChoice.of(request.GET.get("stage"))
        config = map_config()
        if config:
            # The map shows every initiative the filters match (clustered), read from the
            # route below with the page's query string; the list under it, this page's.
            points_url = self.get_url(request) + self.reverse_subpage("map_points")
            config = {**config, "pointsUrl": points_url}
        return {
            "totals": totals(filtered),
            "totals_label": STAGE_TOTALS_LABELS[stage],
            "stage_shown": stage.value,
            "map_points": map_points(shown, request),
            "map_config": config,
        }

    @path("mapa/punkty/", name="map_points")
    def map_points_json(self, request):
        """Every initiative the request's filters match that has a map point (JSON)."""
        listing = self.filtered_listing(request)
        located = (
            listing.filtered.filter(latitude__isnull=False, longitude__isnull=False)
            .select_related("municipality")
            .prefetch_related(None)
            .order_by("pk")
        )
        return JsonResponse({"points": map_points(located, request)})


class GalleryPage(GalleryListingMixin, SectionPage):
    """Zrealizowane inicjatywy: the gallery of completed local initiatives."""

    subpage_types = ["municipalities.InitiativePage"]
    empty_message = _("W galerii nie ma jeszcze zrealizowanych inicjatyw.")
    filter_form_class = GalleryFilterForm

    class Meta:
        verbose_name = _("galeria inicjatyw")
        verbose_name_plural = _("galerie inicjatyw")

    def listing_items(self, request):
        return InitiativePage.objects.listed_under(self)

    @classmethod
    def counted_entries_q(cls):
        # The home's card counts completed initiatives, as the gallery shows them first.
        return Q(initiativepage__isnull=True) | Q(initiativepage__stage__in=InitiativeStage.done())

    def home_card(self):
        self.initiative_count = self.entry_count


class InitiativePageForm(OwnMediaPageForm):
    own_media_fields = ("settlement_report",)
    own_media_formsets = {"photos": "image"}


class InitiativePage(PortalPage):
    """One local initiative: what was done, where, when, and what residents put in."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gmina"),
        on_delete=models.PROTECT,
        related_name="initiatives",
        editable=False,
    )
    summary = models.TextField(_("krótki opis"), max_length=400)
    body = StreamField(CommonStreamBlock(), verbose_name=_("opis"), blank=True)
    is_example = models.BooleanField(
        _("treść przykładowa"),
        default=False,
        help_text=_("Oznacza inicjatywę jako przykład demonstracyjny."),
    )

    task_area = models.ForeignKey(
        "portal.TaskArea",
        verbose_name=_("obszar zadań"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    year = models.PositiveSmallIntegerField(
        _("rok realizacji"), validators=[MinValueValidator(2003), MaxValueValidator(2100)]
    )
    district = models.CharField(_("dzielnica lub jednostka pomocnicza"), max_length=120, blank=True)
    address = models.CharField(_("adres lub miejsce"), max_length=250, blank=True)
    latitude = models.DecimalField(
        _("szerokość geograficzna"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("długość geograficzna"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    call = models.ForeignKey(
        "municipalities.CallPage",
        verbose_name=_("nabór, z którego pochodzi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    stage = models.CharField(
        _("etap"),
        max_length=20,
        choices=InitiativeStage.choices,
        default=InitiativeStage.COMPLETED,
    )
    agreement_signed_on = models.DateField(_("data podpisania umowy"), null=True, blank=True)
    completed_on = models.DateField(_("data zakończenia realizacji"), null=True, blank=True)

    municipal_contribution = money_field(_("wkład gminy (zł)"))
    social_work_hours = models.DecimalField(
        _("praca społeczna (godziny)"),
        max_digits=9,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(0, message=_("Liczba godzin nie może być ujemna."))],
    )
    social_work_value = money_field(_("wartość pracy społecznej (zł)"))
    in_kind_value = money_field(_("wartość świadczeń rzeczowych (zł)"))
    financial_value = money_field(_("świadczenia pieniężne mieszkańców (zł)"))
    residents_involved = models.PositiveIntegerField(
        _("liczba zaangażowanych mieszkańców"), default=0
    )
    partners = models.TextField(_("partnerzy"), blank=True)
    settlement_report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("sprawozdanie z realizacji"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = InitiativePageManager()

    og_type = "article"
    base_form_class = InitiativePageForm
    parent_page_types = ["municipalities.GalleryPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("is_example"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("task_area"), FieldPanel("year"), FieldPanel("stage")]),
                FieldRowPanel([FieldPanel("agreement_signed_on"), FieldPanel("completed_on")]),
                FieldPanel("call"),
            ],
            heading=_("Zadanie"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("district"), FieldPanel("address")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                PointPickerPanel(),
            ],
            heading=_("Miejsce"),
        ),
        FieldPanel("body"),
        InlinePanel("photos", heading=_("Zdjęcia"), label=_("zdjęcie")),
        MultiFieldPanel(
            [
                FieldPanel("municipal_contribution"),
                FieldRowPanel([FieldPanel("social_work_hours"), FieldPanel("social_work_value")]),
                FieldRowPanel([FieldPanel("in_kind_value"), FieldPanel("financial_value")]),
                FieldPanel("residents_involved"),
                FieldPanel("partners"),
            ],
            heading=_("Wkład gminy i mieszkańców"),
        ),
        FieldPanel("settlement_report"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("district"),
        index.SearchField("address"),
        index.FilterField("year"),
    ]

    class Meta:
        verbose_name = _("zrealizowana inicjatywa")
        verbose_name_plural = _("zrealizowane inicjatywy")

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.agreement_signed_on
            and self.completed_on
            and self.completed_on < self.agreement_signed_on
        ):
            errors["completed_on"] = _(
                "Realizacja nie mogła się zakończyć przed podpisaniem umowy (%(signed)s)."
            ) % {"signed": self.agreement_signed_on.strftime("%d.%m.%Y")}
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = _("Punkt na mapie wymaga obu współrzędnych.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Whose initiative it is follows from where it stands in the tree, never from the form.
        if not self.municipality_id and self.path:
            home = self.get_parent().specific.municipality_home
            if home is not None:
                self.municipality_id = home.municipality_id
        return super().save(*args, **kwargs)

    @property
    def residents_contribution(self):
        return self.social_work_value + self.in_kind_value + self.financial_value

    @property
    def is_done(self):
        return self.stage in InitiativeStage.done()

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        context["photos"] = self.photo_set()
        if self.has_point:
            # Its own place on the map (no link in the popup: this is the page).
            context["map_points"] = [
                {"title": self.title, "lat": float(self.latitude), "lng": float(self.longitude)}
            ]
            context["map_config"] = map_config()

    def photo_set(self):
        """The photos in their order, the n-th "before" paired with the n-th "after"; three
        queries whatever the number of photos."""
        if "photos" in getattr(self, "_cluster_related_objects", {}):
            photos = list(self.photos.all())  # a preview: the photos as edited, not saved
        else:
            photos = list(photos_with_renditions().filter(page=self))
        before = [photo for photo in photos if photo.role == PhotoRole.BEFORE]
        after = [photo for photo in photos if photo.role == PhotoRole.AFTER]
        pairs = list(zip(before, after, strict=False))
        paired = {photo.pk for pair in pairs for photo in pair}
        return PhotoSet(pairs=pairs, others=[photo for photo in photos if photo.pk not in paired])

    def share_image(self):
        """A shared link shows the photo the gallery's card shows."""
        photo = self.card_photo
        return (photo.image, photo.alt_text) if photo else None

    @property
    def card_photo(self):
        """The photo that stands for the initiative: the first "after" photo, else the first."""
        photos = list(self.photos.all())
        after = [photo for photo in photos if photo.role == PhotoRole.AFTER]
        return (after or photos or [None])[0]


@dataclass
class PhotoSet:
    """An initiative's photos: before/after pairs to show side by side, then the others."""

    pairs: list = field(default_factory=list)
    others: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.pairs or self.others)


class InitiativePhoto(Orderable):
    """A photo of the initiative; alt text is required, a before/after pair is possible."""

    page = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("obraz"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("tekst alternatywny"),
        max_length=250,
        help_text=_("Opisz, co widać na zdjęciu, dla osób, które go nie widzą. Wymagany."),
    )
    caption = models.CharField(_("podpis"), max_length=250, blank=True)
    role = models.CharField(_("przed / po"), max_length=10, choices=PhotoRole.choices, blank=True)

    panels = [
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("alt_text"), FieldPanel("caption"), FieldPanel("role")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("zdjęcie inicjatywy")
        verbose_name_plural = _("zdjęcia inicjatywy")

    def clean(self):
        super().clean()
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": _("Tekst alternatywny jest wymagany.")})


class GalleryNetworkIndexPage(GalleryListingMixin, NetworkListingPage):
    """ "Zrealizowane inicjatywy w GZM": every municipality's initiatives, filters and totals."""

    filter_form_class = NetworkGalleryFilterForm

    class Meta:
        verbose_name = _("inicjatywy w całej sieci GZM")
        verbose_name_plural = _("inicjatywy w całej sieci GZM")

    def listing_items(self, request):
        """The live initiatives of every current member in this page's language."""
        return InitiativePage.objects.published(self.locale_id).of_members()
