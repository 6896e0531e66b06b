"""Pages the law asks of every site in the network, GZM's and each municipality's.

- the accessibility statement (deklaracja dostępności), structured as the Ministry of Digital
  Affairs' template 2.0 of 31 July 2024 lays it out, with the element ids it prescribes;
- the easy-to-read (ETR) description and the Polish Sign Language (PJM) video slot that the
  act on accessibility for people with special needs (art. 6 pkt 3c) asks for;
- the personal-data notice of GDPR art. 13 (klauzula informacyjna RODO).

Each site root (the network home and every municipality home) holds one of each; onboarding
creates them pre-filled, and a municipality's editors change only their own.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ..admin_forms import OwnMediaPageForm
from ..canonical import canonical_url
from .base import RICH_TEXT_FEATURES, PortalPage
from .settings import SiteContactSettings

SITE_ROOTS = ["portal.NetworkHomePage", "municipalities.MunicipalityHomePage"]

# Where the complaint about an unmet accessibility request goes, and where GDPR complaints go.
OMBUDSMAN_URL = "https://bip.brpo.gov.pl/"
UODO_URL = "https://uodo.gov.pl/"

# The statement must be reviewed every year by this day (month, day).
REVIEW_DEADLINE = (3, 31)


class LegalPage(PortalPage):
    """One per site root, never with children."""

    parent_page_types = SITE_ROOTS
    subpage_types = []
    max_count_per_parent = 1
    # Found by their title only: the same legal text stands on every site of the network,
    # and its words ("wniosek", "plac zabaw" in the easy-to-read example) would otherwise
    # crowd the calls and initiatives residents look for.
    search_title_only = True
    # What the footer of every page links to (portal/chrome.py).
    footer_role = ""

    class Meta:
        abstract = True

    @cached_property
    def site_root(self):
        """The home this page belongs to: the municipality's, or the network's."""
        return self.municipality_home or self.get_parent().specific


# Accessibility statement ------------------------------------------------------------------


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("zgodna")
    PARTIAL = "partial", _("częściowo zgodna")
    NONE = "none", _("niezgodna")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("samoocena przeprowadzona przez podmiot publiczny")
    EXTERNAL = "external", _("badanie przeprowadzone przez podmiot zewnętrzny")


class InaccessibilityReason(models.TextChoices):
    NONCOMPLIANT = "noncompliant", _("niezgodność z wymaganiami")
    EXEMPT = "exempt", _("wyłączenie ustawowe (art. 3 ust. 2 ustawy)")
    BURDEN = "burden", _("nadmierne obciążenie (art. 8 ustawy)")


def review_due_on(reviewed_on):
    """The 31 March by which the next review is due after a review on ``reviewed_on``.

    Each yearly review covers the next 31 March on or after it; the one after that is the
    deadline for the following review.
    """
    month, day = REVIEW_DEADLINE
    covered_year = (
        reviewed_on.year
        if reviewed_on <= date(reviewed_on.year, month, day)
        else (reviewed_on.year + 1)
    )
    return date(covered_year + 1, month, day)


def overdue_review_cutoff(today):
    """A statement last reviewed on or before this day is overdue on ``today``."""
    month, day = REVIEW_DEADLINE
    last_deadline_year = today.year if today > date(today.year, month, day) else today.year - 1
    return date(last_deadline_year - 1, month, day)


class AccessibilityStatementPage(LegalPage):
    """Deklaracja dostępności: every part of the Ministry's template 2.0, as fields."""

    footer_role = "statement"

    entity_name = models.CharField(
        _("nazwa podmiotu publicznego"),
        max_length=250,
        blank=True,
        help_text=_("Puste: nazwa gminy albo GZM."),
    )
    published_on = models.DateField(_("data publikacji strony internetowej"), null=True)
    updated_on = models.DateField(_("data ostatniej istotnej aktualizacji strony"), null=True)
    compliance_status = models.CharField(
        _("status zgodności z ustawą"),
        max_length=20,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    burden_assessment_url = models.URLField(_("link do analizy nadmiernego obciążenia"), blank=True)
    burden_note = models.TextField(_("uzasadnienie nadmiernego obciążenia"), blank=True)
    prepared_on = models.DateField(_("data sporządzenia deklaracji"), null=True)
    reviewed_on = models.DateField(
        _("data ostatniego przeglądu deklaracji"),
        null=True,
        blank=True,
        help_text=_("Deklarację przegląda się co roku, do 31 marca."),
    )
    assessment_method = models.CharField(
        _("sposób przygotowania deklaracji"),
        max_length=20,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    auditor = models.CharField(
        _("podmiot zewnętrzny, który zbadał stronę"), max_length=250, blank=True
    )
    contact_person = models.CharField(_("osoba do kontaktu"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail osoby do kontaktu"), blank=True)
    contact_phone = models.CharField(_("telefon osoby do kontaktu"), max_length=40, blank=True)
    alternative_access = models.TextField(
        _("alternatywny sposób dostępu"),
        blank=True,
        help_text=_("Jak otrzymać treść, której strona nie udostępnia w dostępny sposób."),
    )
    keyboard_shortcuts = models.TextField(_("skróty klawiaturowe"), blank=True)
    building_accessibility = RichTextField(
        _("dostępność architektoniczna"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Puste: pokazujemy dostępność biur wpisaną na stronie Kontakt."),
    )
    sign_language = models.TextField(_("tłumacz języka migowego (PJM)"), blank=True)
    mobile_apps = models.TextField(_("aplikacje mobilne"), blank=True)
    body = RichTextField(_("dodatkowe informacje"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("entity_name"),
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on")]),
            ],
            heading=_("Podmiot i strona internetowa"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                InlinePanel(
                    "inaccessible_items", heading=_("Treści niedostępne"), label=_("treść")
                ),
                FieldPanel("burden_note"),
                FieldPanel("burden_assessment_url"),
            ],
            heading=_("Stan dostępności cyfrowej"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessment_method"),
                FieldPanel("auditor"),
            ],
            heading=_("Przygotowanie deklaracji"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("alternative_access"),
            ],
            heading=_("Informacje zwrotne i dane kontaktowe"),
        ),
        FieldPanel("keyboard_shortcuts"),
        FieldPanel("building_accessibility"),
        FieldPanel("sign_language"),
        FieldPanel("mobile_apps"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("deklaracja dostępności")
        verbose_name_plural = _("deklaracje dostępności")

    def clean(self):
        super().clean()
        errors = {}
        if self.published_on and self.updated_on and self.updated_on < self.published_on:
            errors["updated_on"] = _("Aktualizacja nie może być wcześniejsza niż publikacja.")
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            errors["reviewed_on"] = _(
                "Przegląd nie może być wcześniejszy niż sporządzenie deklaracji."
            )
        if self.assessment_method == AssessmentMethod.EXTERNAL and not self.auditor:
            errors["auditor"] = _("Podaj podmiot zewnętrzny, który zbadał stronę.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ombudsman_url"] = OMBUDSMAN_URL
        return context

    @property
    def subject_name(self):
        if self.entity_name:
            return self.entity_name
        municipality = self.municipality
        return municipality.name if municipality else _("Górnośląsko-Zagłębiowska Metropolia")

    def subject_url(self):
        """The address of the website the statement covers: its site root, canonical host."""
        return canonical_url(self.site_root)

    @property
    def last_reviewed_on(self):
        return self.reviewed_on or self.prepared_on

    @property
    def review_due_on(self):
        reviewed = self.last_reviewed_on
        return review_due_on(reviewed) if reviewed else None

    def is_overdue(self, today=None):
        reviewed = self.last_reviewed_on
        return reviewed is None or reviewed <= overdue_review_cutoff(today or date.today())

    def contact(self):
        """Who answers accessibility requests: the statement's own fields, otherwise the first
        person of the municipality's contact page, otherwise the site's footer contact."""
        if self.contact_person or self.contact_email or self.contact_phone:
            return {
                "name": self.contact_person,
                "email": self.contact_email,
                "phone": self.contact_phone,
            }
        people = self._contact_people()
        if people:
            person = people[0]
            return {"name": person.name, "email": person.email, "phone": person.phone}
        site = self.site_root.get_site()
        footer = SiteContactSettings.for_site(site) if site else None
        return {
            "name": "",
            "email": footer.email if footer else "",
            "phone": footer.phone if footer else "",
        }

    def offices(self):
        """The offices' physical accessibility as written on the contact page."""
        return [person for person in self._contact_people() if person.accessibility]

    def _contact_people(self):
        """The municipality's local-initiative team, as its contact page lists it."""
        return list(self.site_root.contact_team())

    def missing_parts(self):
        """What an editor still has to fill in for the statement to be complete."""
        missing = []
        contact = self.contact()
        if not contact["name"]:
            missing.append(_("osoba do kontaktu"))
        if not (contact["email"] or contact["phone"]):
            missing.append(_("e-mail lub telefon do kontaktu"))
        if not (self.building_accessibility or self.offices()):
            missing.append(_("dostępność architektoniczna"))
        return missing


class InaccessibleContent(Orderable):
    """One piece of content that is not accessible, and why."""

    page = ParentalKey(
        AccessibilityStatementPage, on_delete=models.CASCADE, related_name="inaccessible_items"
    )
    content = models.CharField(_("treść lub funkcja"), max_length=250)
    reason = models.CharField(
        _("powód"),
        max_length=20,
        choices=InaccessibilityReason.choices,
        default=InaccessibilityReason.NONCOMPLIANT,
    )
    explanation = models.TextField(_("wyjaśnienie"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("content"), FieldPanel("reason")]),
        FieldPanel("explanation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("treść niedostępna")
        verbose_name_plural = _("treści niedostępne")


# Easy to read and Polish Sign Language ----------------------------------------------------


class EasyReadPage(LegalPage):
    """Tekst łatwy do czytania (ETR): what the office does, in short plain sentences."""

    footer_role = "easy_read"

    body = RichTextField(
        _("tekst łatwy do czytania"),
        features=["bold", "ul", "ol", "link"],
        help_text=_("Krótkie zdania, jedna myśl w jednym zdaniu, bez skrótów i trudnych słów."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("tekst łatwy do czytania (ETR)")
        verbose_name_plural = _("teksty łatwe do czytania (ETR)")


class SignLanguagePageForm(OwnMediaPageForm):
    """The video must come from the site's own collection, like every other upload."""

    own_media_fields = ("video",)


class SignLanguagePage(LegalPage):
    """Informacja w polskim języku migowym (PJM): a video slot, its transcript, and how to
    arrange an interpreter. Until a video is added, the page says so."""

    footer_role = "sign_language"

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("film w PJM (plik MP4 lub WebM)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(
        _("albo link do filmu w innym serwisie"),
        blank=True,
        help_text=_("Pokazujemy link, nie osadzamy filmu: osadzenie wpuściłoby cudze ciasteczka."),
    )
    transcript = RichTextField(
        _("treść filmu w wersji tekstowej"), blank=True, features=RICH_TEXT_FEATURES
    )
    interpreter = RichTextField(
        _("jak skorzystać z tłumacza PJM"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("video"), FieldPanel("video_url"), FieldPanel("transcript")],
            heading=_("Film"),
        ),
        FieldPanel("interpreter"),
    ]

    base_form_class = SignLanguagePageForm
    VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}

    class Meta:
        verbose_name = _("informacja w polskim języku migowym (PJM)")
        verbose_name_plural = _("informacje w polskim języku migowym (PJM)")

    def clean(self):
        super().clean()
        if self.video and self.video.file_extension.lower() not in self.VIDEO_TYPES:
            raise ValidationError(
                {"video": _("Film musi być plikiem MP4 albo WebM.")}, code="video_type"
            )

    @property
    def video_type(self):
        return self.VIDEO_TYPES.get(self.video.file_extension.lower()) if self.video else ""

    @property
    def has_video(self):
        return bool(self.video_id or self.video_url)


# Personal data (GDPR art. 13) -------------------------------------------------------------


class PrivacyNoticePage(LegalPage):
    """Klauzula informacyjna RODO of the site's controller: shown in full here and in short
    beside every call and every form of the municipality."""

    footer_role = "privacy"

    controller = models.TextField(
        _("administrator danych"), help_text=_("Nazwa i adres administratora.")
    )
    dpo_contact = models.TextField(
        _("inspektor ochrony danych"),
        blank=True,
        help_text=_("E-mail lub adres, pod którym można się skontaktować z inspektorem."),
    )
    purposes = RichTextField(_("cele przetwarzania"), features=RICH_TEXT_FEATURES)
    legal_basis = RichTextField(_("podstawa prawna"), features=RICH_TEXT_FEATURES)
    recipients = RichTextField(_("odbiorcy danych"), blank=True, features=RICH_TEXT_FEATURES)
    retention = RichTextField(_("okres przechowywania"), features=RICH_TEXT_FEATURES)
    rights = RichTextField(_("prawa osoby, której dane dotyczą"), features=RICH_TEXT_FEATURES)
    requirement = RichTextField(
        _("obowiązek lub dobrowolność podania danych"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("controller"),
        FieldPanel("dpo_contact"),
        FieldPanel("purposes"),
        FieldPanel("legal_basis"),
        FieldPanel("recipients"),
        FieldPanel("retention"),
        FieldPanel("rights"),
        FieldPanel("requirement"),
    ]

    class Meta:
        verbose_name = _("informacja o przetwarzaniu danych osobowych")
        verbose_name_plural = _("informacje o przetwarzaniu danych osobowych")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["uodo_url"] = UODO_URL
        return context

    def missing_parts(self):
        return [] if self.dpo_contact.strip() else [_("kontakt do inspektora ochrony danych")]
