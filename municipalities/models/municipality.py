"""A member municipality of GZM and the approval task of its moderators."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import AbstractGroupApprovalTask, Collection, Site, Workflow
from wagtail.search import index

from portal.permissions import is_network_admin


class GminaType(models.TextChoices):
    CITY_COUNTY = "city_county", _("miasto na prawach powiatu")
    URBAN = "urban", _("gmina miejska")
    RURAL = "rural", _("gmina wiejska")
    URBAN_RURAL = "urban_rural", _("gmina miejsko-wiejska")


def member_q(prefix="", day=None):
    """The condition of being a member of the network on ``day`` (today when not given), on
    ``Municipality`` or, with ``prefix`` (``"municipality__"``), on what belongs to one.

    A membership ends on its end date: from that day on the municipality is no longer in any
    network listing, feed, search scope, sitemap or total (its own subsite stays, as an
    archive). Every such place asks this one condition."""
    day = timezone.localdate() if day is None else day
    return Q(**{f"{prefix}membership_end__isnull": True}) | Q(
        **{f"{prefix}membership_end__gt": day}
    )


class MunicipalityQuerySet(models.QuerySet):
    def members(self, day=None):
        """The network's members on ``day`` (today when not given)."""
        return self.filter(member_q(day=day))


class Municipality(index.Indexed, models.Model):
    """A member of the GZM union, with everything onboarding made for it."""

    name = models.CharField(_("nazwa"), max_length=100, unique=True)
    slug = models.SlugField(_("identyfikator w adresie"), max_length=60, unique=True)
    terc = models.CharField(
        _("kod TERYT (TERC)"),
        max_length=7,
        unique=True,
        help_text=_("Siedem cyfr; ostatnia: 1 gmina miejska, 2 wiejska, 3 miejsko-wiejska."),
    )
    gmina_type = models.CharField(_("rodzaj gminy"), max_length=20, choices=GminaType.choices)
    county = models.CharField(_("powiat"), max_length=100)
    membership_start = models.DateField(_("członek GZM od"))
    membership_end = models.DateField(
        _("koniec członkostwa w GZM"),
        null=True,
        blank=True,
        help_text=_(
            "Od tego dnia gmina nie jest członkiem sieci: znika z list, kalendarzy, "
            "wyszukiwania i zestawień sieci, a jej serwis zostaje jako archiwum."
        ),
    )
    # Set by ``membership.apply_memberships`` on the day a membership ends: the rights of the
    # municipality's groups, taken out of Wagtail's permission tables and kept here until it
    # re-joins ({"page" | "collection" | "site": [[group id, place id, permission id], …]}).
    edit_rights_withheld_on = models.DateField(
        _("edycja wyłączona od"), null=True, blank=True, editable=False
    )
    withheld_permissions = models.JSONField(default=dict, blank=True, editable=False)
    bip_url = models.URLField(_("adres BIP"), blank=True)
    # Where the municipality stands on the network home's map (its town centre, roughly).
    latitude = models.DecimalField(
        _("szerokość geograficzna środka gminy"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Punkt gminy na mapie sieci, np. 50,29850."),
    )
    longitude = models.DecimalField(
        _("długość geograficzna środka gminy"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Np. 18,95800."),
    )
    prototyping_school_2023 = models.BooleanField(
        _("uczestnik Metropolitalnej Szkoły Prototypowania 2023"), default=False
    )
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("herb"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # What onboarding created for the municipality: its own corner of the network.
    site = models.OneToOneField(
        Site,
        verbose_name=_("serwis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipality",
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("kolekcja obrazów i dokumentów"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipality",
    )
    editors_group = models.OneToOneField(
        Group,
        verbose_name=_("grupa redaktorów"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_municipality",
    )
    moderators_group = models.OneToOneField(
        Group,
        verbose_name=_("grupa moderatorów"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_municipality",
    )
    workflow = models.OneToOneField(
        Workflow,
        verbose_name=_("ścieżka akceptacji"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipality",
    )

    objects = MunicipalityQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("terc"), FieldPanel("gmina_type"), FieldPanel("county")]),
        FieldRowPanel([FieldPanel("membership_start"), FieldPanel("membership_end")]),
        FieldPanel("bip_url"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("coat_of_arms"),
        FieldPanel("prototyping_school_2023"),
        MultiFieldPanel(
            [
                FieldPanel("site", read_only=True),
                FieldPanel("collection", read_only=True),
                FieldPanel("editors_group", read_only=True),
                FieldPanel("moderators_group", read_only=True),
                FieldPanel("workflow", read_only=True),
            ],
            heading=_("Utworzone przy wdrożeniu"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("county"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("gmina")
        verbose_name_plural = _("gminy")

    def __str__(self):
        return self.name

    @property
    def hostname(self):
        return f"{self.slug}.{settings.PORTAL_DOMAIN}"

    @property
    def office_name(self):
        return office_name(self.gmina_type, self.name)

    def open_data(self):
        """How the open data names the municipality (docs/open-data.md)."""
        return {"slug": self.slug, "name": self.name, "terc": self.terc, "county": self.county}

    def is_member_on(self, day=None):
        day = timezone.localdate() if day is None else day
        return self.membership_end is None or self.membership_end > day

    @property
    def is_member(self):
        return self.is_member_on()

    @property
    def root_page(self):
        """The Polish home page of the subsite (the root of its Wagtail Site)."""
        return self.site.root_page if self.site_id else None


def office_name(gmina_type, name):
    """The name of a municipality's office, as its type of gmina calls it."""
    if gmina_type in (GminaType.CITY_COUNTY, GminaType.URBAN):
        return f"Urząd Miasta {name}"
    if gmina_type == GminaType.URBAN_RURAL:
        return f"Urząd Miasta i Gminy {name}"
    return f"Urząd Gminy {name}"


class MunicipalApprovalTask(AbstractGroupApprovalTask):
    """Approval by the municipality's moderators, which GZM's network admins may also give.

    The network admins are not put in the task's groups, so they are not e-mailed about
    every submission in 41 municipalities; they can still act on any of them.
    """

    class Meta:
        verbose_name = _("akceptacja przez moderatorów gminy")
        verbose_name_plural = _("akceptacje przez moderatorów gminy")

    def _user_in_groups(self, user):
        # Every permission check of a group approval task goes through this method.
        return is_network_admin(user) or super()._user_in_groups(user)

    @classmethod
    def get_description(cls):
        return _(
            "Moderatorzy gminy (lub administratorzy sieci GZM) zatwierdzają albo odrzucają zmiany."
        )
