"""The results gallery: local initiatives a municipality carried out with its residents."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import CommonStreamBlock
from portal.models import NetworkListingPage, PortalPage

from ..admin_forms import OwnMediaPageForm
from .calls import NOT_NEGATIVE
from .municipality import Municipality
from .pages import SectionPage


class InitiativeStage(models.TextChoices):
    AGREEMENT_SIGNED = "agreement_signed", _("umowa podpisana")
    IN_PROGRESS = "in_progress", _("w realizacji")
    COMPLETED = "completed", _("zrealizowana")
    SETTLED = "settled", _("rozliczona")


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


class GalleryPage(SectionPage):
    """Zrealizowane inicjatywy: the gallery of completed local initiatives."""

    subpage_types = ["municipalities.InitiativePage"]
    empty_message = _("W galerii nie ma jeszcze zrealizowanych inicjatyw.")

    class Meta:
        verbose_name = _("galeria inicjatyw")
        verbose_name_plural = _("galerie inicjatyw")

    def get_context(self, request, *args, **kwargs):
        # Imported here: the listing and the form build on this module's models.
        from ..forms import GalleryFilterForm
        from ..gallery_listing import gallery_initiatives, listing_context

        context = super().get_context(request, *args, **kwargs)
        initiatives = gallery_initiatives(self)
        form = GalleryFilterForm(request.GET, initiatives=initiatives)
        context.update(listing_context(request, initiatives, form))
        return context


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
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def card_photo(self):
        """The photo that stands for the initiative: the first "after" photo, else the first."""
        photos = list(self.photos.all())
        after = [photo for photo in photos if photo.role == PhotoRole.AFTER]
        return (after or photos or [None])[0]


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


class GalleryNetworkIndexPage(NetworkListingPage):
    """ "Zrealizowane inicjatywy w GZM": every municipality's initiatives, filters and totals."""

    class Meta:
        verbose_name = _("inicjatywy w całej sieci GZM")
        verbose_name_plural = _("inicjatywy w całej sieci GZM")

    def get_context(self, request, *args, **kwargs):
        # Imported here: the listing and the form build on this module's models.
        from ..forms import NetworkGalleryFilterForm
        from ..gallery_listing import listing_context, network_initiatives

        context = super().get_context(request, *args, **kwargs)
        initiatives = network_initiatives(self.locale_id)
        form = NetworkGalleryFilterForm(request.GET, initiatives=initiatives)
        context.update(listing_context(request, initiatives, form))
        return context
