"""The pages of a municipality's subsite: its home and its sections."""

from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.query import PageQuerySet

from portal.models import RICH_TEXT_FEATURES, PortalPage, SiteRootPage
from portal.visibility import public_q, shown_in_q

from .municipality import Municipality, member_q


class MunicipalPageQuerySet(PageQuerySet):
    """What the listings of a municipality's pages (calls, initiatives) start from."""

    def published(self, locale_id):
        """Live, public pages as residents read them in one language: the page in that
        language where it is live, otherwise its live Polish original (the fallback).

        Each translation key appears once. Every page carries ``is_fallback``: true for a
        Polish page shown in place of a missing translation. The rule is a condition of the
        query itself (no query of its own), so listings keep their query counts.
        """
        return (
            self.live()
            .filter(public_q(), shown_in_q(locale_id))
            .annotate(
                is_fallback=ExpressionWrapper(~Q(locale_id=locale_id), output_field=BooleanField())
            )
        )

    def listed_under(self, page):
        """The live, public children of ``page`` as residents read them in its language:
        its own children and, for entries not translated into it, the children of its
        Polish original (``published``)."""
        return self.published(page.locale_id).filter(child_of_translations_q(page))

    def of_members(self, day=None):
        """Pages of the network's members on ``day`` (today) only."""
        return self.filter(member_q("municipality__", day))


def child_of_translations_q(page):
    """A filter condition: the page's parent is ``page`` or one of its translations."""
    parents = Page.objects.filter(
        translation_key=page.translation_key,
        path=Substr(OuterRef("path"), 1, page.depth * Page.steplen),
    )
    return Q(Exists(parents), depth=page.depth + 1)


class MunicipalityHomePage(SiteRootPage):
    """The home of one municipality's subsite: a card per section, each section saying what
    it holds (``SectionPage.home_card``)."""

    root_select_related = ("municipality", "municipality__site", "municipality__coat_of_arms")

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
        "portal.EasyReadPage",
        "portal.SignLanguagePage",
        "portal.PrivacyNoticePage",
        "handbooks.HandbookVariantPage",
    ]

    class Meta:
        verbose_name = _("strona główna gminy")
        verbose_name_plural = _("strony główne gmin")

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        context["sections"] = self.sections_with_cards()

    def sections_with_cards(self):
        sections = self.sections()
        for section in sections:
            section.home_card()
        return sections

    def contact_team(self):
        """The people on this subsite's published contact page, in the home's language."""
        return (
            ContactPerson.objects.filter(
                page__path__startswith=self.path,
                page__depth=self.depth + 1,
                page__locale_id=self.locale_id,
                page__live=True,
            )
            .filter(public_q("page__path"))
            .order_by("page__path", "sort_order")
        )

    def sections(self):
        """The live, public section pages in menu order, each with its number of live,
        public entries."""
        children = self.get_children().live().filter(public_q()).in_menu().specific()
        sections = [child for child in children.order_by("path") if isinstance(child, SectionPage)]
        counted = Q()
        for section_type in {type(section) for section in sections}:
            counted &= section_type.counted_entries_q()
        # Entries under this home or its Polish original, as ``published`` shows them in
        # this language, each counted for its section by the section's translation key.
        steplen = Page.steplen
        section_key = Page.objects.filter(
            path=Substr(OuterRef("path"), 1, (self.depth + 1) * steplen)
        ).values("translation_key")[:1]
        entry_sections = (
            Page.objects.live()
            .filter(
                public_q(),
                shown_in_q(self.locale_id),
                counted,
                Exists(
                    Page.objects.filter(
                        translation_key=self.translation_key,
                        path=Substr(OuterRef("path"), 1, self.depth * steplen),
                    )
                ),
                depth=self.depth + 2,
            )
            .annotate(section_key=Subquery(section_key))
            .values_list("section_key", flat=True)
        )
        counts = {}
        for key in entry_sections:
            counts[key] = counts.get(key, 0) + 1
        for section in sections:
            section.entry_count = counts.get(section.translation_key, 0)
        return sections


class SectionPage(PortalPage):
    """A section of a municipality's subsite: its own intro and what to say when it is empty."""

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["municipalities.MunicipalityHomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    @classmethod
    def counted_entries_q(cls):
        """Which of the section's live, public entries the home's card counts (a condition on
        ``Page``, true for the entries of every other section)."""
        return Q()

    def home_card(self):
        """Prepare what the municipality home's card of this section shows (its number of
        entries is already counted by ``MunicipalityHomePage.sections``)."""


class ContactPage(SectionPage):
    """Kontakt: who to ask about local initiative in the municipality, and how to submit."""

    epuap_address = models.CharField(
        _("adres skrytki ePUAP"), max_length=120, blank=True, help_text=_("Np. /umruda/skrytka")
    )
    office_name = models.CharField(_("nazwa urzędu"), max_length=200, blank=True)
    office_address = models.TextField(_("adres urzędu do korespondencji"), blank=True)

    content_panels = [
        *SectionPage.content_panels,
        InlinePanel("people", heading=_("Zespół inicjatywy lokalnej"), label=_("kontakt")),
        MultiFieldPanel(
            [FieldPanel("office_name"), FieldPanel("office_address"), FieldPanel("epuap_address")],
            heading=_("Jak złożyć wniosek"),
        ),
    ]

    subpage_types = []
    empty_message = _("Dane kontaktowe zespołu zostaną wkrótce uzupełnione.")

    class Meta:
        verbose_name = _("strona kontaktowa")
        verbose_name_plural = _("strony kontaktowe")

    def missing_parts(self):
        """What residents cannot yet find here (the dashboard reminds the editors)."""
        missing = []
        if not self.people.exists():
            missing.append(_("zespół inicjatywy lokalnej (osoby do kontaktu)"))
        if not (self.epuap_address or self.office_address):
            missing.append(_("adres skrytki ePUAP lub adres urzędu"))
        return missing

    def structured_data(self, request=None):
        """schema.org description of the office and its contact points, for JSON-LD."""
        people = list(self.people.all())
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOffice",
            "name": self.office_name or self.title,
            "url": self.get_full_url(request),
        }
        if self.office_address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": " ".join(self.office_address.split()),
                "addressCountry": "PL",
            }
        points = []
        for person in people:
            point = {"@type": "ContactPoint", "name": person.name}
            if person.role:
                point["contactType"] = person.role
            if person.email:
                point["email"] = person.email
            if person.phone:
                point["telephone"] = person.phone
            if person.office_hours:
                point["hoursAvailable"] = person.office_hours
            if person.address:
                point["areaServed"] = person.address
            points.append(point)
        if points:
            data["contactPoint"] = points
        return data


class ContactPerson(Orderable):
    """A person or an office of the local-initiative team."""

    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("imię i nazwisko lub nazwa biura"), max_length=150)
    role = models.CharField(_("funkcja"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    office_hours = models.CharField(_("godziny przyjęć"), max_length=200, blank=True)
    address = models.CharField(_("adres lub pokój"), max_length=250, blank=True)
    accessibility = models.TextField(
        _("dostępność biura"),
        blank=True,
        help_text=_(
            "Np. wejście bez progów, winda, pętla indukcyjna, miejsce parkingowe dla osób "
            "z niepełnosprawnościami."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("office_hours"), FieldPanel("address")]),
        FieldPanel("accessibility"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("osoba do kontaktu")
        verbose_name_plural = _("zespół")

    def __str__(self):
        return self.name


def team_of(page):
    """The local-initiative team of the municipality ``page`` belongs to (the people on its
    published contact page, in the page's language); nobody else's. Empty on the network."""
    if page is None:
        return ContactPerson.objects.none()
    # Any page will do, a plain ``Page`` included (the editor's parent page is one).
    home = MunicipalityHomePage.objects.ancestor_of(page, inclusive=True).first()
    if home is None:
        return ContactPerson.objects.none()
    return home.contact_team()
