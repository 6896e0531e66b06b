"""Calls for applications (nabory wniosków) of a municipality.

A call is either continuous (applications all year, until the money runs out) or a round
with a closing date. Its status is never stored: calls/status.py states the rule once, and
``CallPageQuerySet`` (listings, feeds, home cards) and ``CallPage.status_on`` (one call) both
read it from there.
"""

import copy
from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from portal import freshness
from portal.admin_forms import OwnMediaPageForm
from portal.listing import FilteredListingMixin
from portal.models import RICH_TEXT_FEATURES, NetworkListingPage, PortalPage
from portal.opendata import OpenDataRoutes
from portal.validators import NOT_NEGATIVE

from ..models.municipality import Municipality
from ..models.pages import (
    MunicipalPageQuerySet,
    SectionPage,
    child_of_translations_q,
    team_of,
)
from .feeds import (
    atom_response,
    build_calendar,
    build_call_calendar,
    calendar_response,
    call_calendar_response,
)
from .forms import CallFilterForm
from .opendata import CALL_COLUMNS, call_record
from .status import (
    ACCEPTING,
    CallStatus,
    evaluate_status,
    residents_order,
    status_expression,
    statuses_for,
    today,
)

# Registered with the app here, and re-exported by municipalities.models.
from .subscriptions import CallAlertDelivery, CallAlertSubscription  # noqa: F401

# Addresses under a call list that its feeds answer at (see CallFeedRoutes).
RESERVED_SLUGS = {"kalendarz", "kanal-atom"}
CALLS_PER_PAGE = 12
# How long a closed call stays in the feeds (days after its last day): half a year, enough
# to look back at the last round, while a subscriber's calendar file stays small (the
# network's, with every municipality's calls, is the largest answer the portal caches).
FEED_HISTORY_DAYS = 183


class CallMode(models.TextChoices):
    CONTINUOUS = "continuous", _("nabór ciągły")
    ROUND = "round", _("nabór z terminem")


class StatutoryCriterion(models.TextChoices):
    SOCIAL_WORK = "social_work", _("wkład pracy społecznej mieszkańców")
    PURPOSEFULNESS = "purposefulness", _("celowość zadania (ocena organu)")


class DocumentKind(models.TextChoices):
    APPLICATION_FORM = "application_form", _("formularz wniosku")
    SUPPORT_LIST = "support_list", _("wzór listy poparcia")
    GDPR_NOTICE = "gdpr_notice", _("klauzula informacyjna RODO")
    RESOLUTION = "resolution", _("uchwała rady")
    OTHER = "other", _("inny dokument")


class ApplicationDecision(models.TextChoices):
    ACCEPTED = "accepted", _("przyjęty do realizacji")
    REJECTED = "rejected", _("odrzucony")


@dataclass
class CallDetails:
    """What a call's page lists beside its own fields."""

    criteria: list = field(default_factory=list)
    total_points: int = 0
    documents: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    accepted: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)


class CallPageQuerySet(MunicipalPageQuerySet):
    """Calls as residents see them: every listing, feed and home card asks for calls here,
    and the status comes from the one rule in calls/status.py."""

    def with_status(self, day=None):
        """Each call carries its status on ``day`` (``CallPage.status_on`` reads it)."""
        day = day or today()
        return self.annotate(
            call_status=status_expression(day),
            call_status_day=Value(day, output_field=models.DateField()),
        )

    def in_status(self, statuses, day=None):
        """Calls whose status on ``day`` is one of ``statuses`` (None: any)."""
        calls = self.with_status(day)
        if statuses is None:
            return calls
        return calls.filter(call_status__in=[CallStatus(status).value for status in statuses])

    def accepting(self, day=None):
        """Calls taking applications on ``day``: open, closing soon included."""
        return self.in_status(ACCEPTING, day)

    def for_residents(self, day=None):
        """Open calls by deadline, then upcoming ones by opening day, then past ones, the
        most recent first."""
        calls = self if "call_status" in self.query.annotations else self.with_status(day)
        return calls.order_by(*residents_order("call_status"))

    def filtered(
        self, *, municipality=None, county=None, area=None, status=None, year=None, day=None
    ):
        """Narrow by a filter form's values: a municipality's slug, a county as stored on the
        municipality, a task-area key, a ``StatusFilter`` value (unknown means "open") and
        the year the tasks are done (the open-data API's filter)."""
        calls = self
        if year:
            calls = calls.filter(year=year)
        if municipality:
            calls = calls.filter(municipality__slug=municipality)
        if county:
            calls = calls.filter(municipality__county=county)
        if area:
            calls = calls.filter(task_areas__key=area)
        return calls.in_status(statuses_for(status), day)


CallPageManager = PageManager.from_queryset(CallPageQuerySet)


class CallFeedRoutes(OpenDataRoutes):
    """The feeds a call list serves beside its page (calls/feeds.py builds them from
    ``feed_calls``), and its downloads (portal/opendata.py, the records of calls/opendata.py)."""

    open_data_columns = CALL_COLUMNS
    open_data_related = ("locale", "municipality")

    def open_data_record(self, item, root_paths):
        return call_record(item, root_paths)

    @path("kalendarz/", name="calendar")
    def calendar_feed(self, request):
        # The file changes when a call is published or a day passes; built once for both.
        calendar = freshness.cached(
            ("calendar", self.pk, timezone.localdate().isoformat()),
            lambda: build_calendar(self, self.feed_calls()),
            request,
        )
        return calendar_response(self, calendar)

    @path("kanal-atom/", name="atom_feed")
    def atom_feed(self, request):
        return atom_response(self, self.feed_calls(), request)

    def get_cached_paths(self):
        # The frontend cache keeps the feeds and downloads beside the page; a purge takes all.
        return [*super().get_cached_paths(), "kalendarz/", "kanal-atom/"]

    def feed_calls(self):
        """The calls the feeds show: live and public, in the page's language, without the
        ones that closed more than ``FEED_HISTORY_DAYS`` ago (the feed stays the same size
        however many years of calls the portal holds)."""
        since = timezone.localdate() - timedelta(days=FEED_HISTORY_DAYS)
        return (
            CallPage.objects.published(self.locale_id)
            .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=since))
            .select_related("locale", "municipality")
        )


class CallIndexPage(CallFeedRoutes, FilteredListingMixin, SectionPage):
    """Nabory wniosków: the municipality's calls, open ones first."""

    subpage_types = ["municipalities.CallPage"]
    empty_message = _("Gmina nie ogłosiła jeszcze naboru wniosków w tym serwisie.")
    listing_name = "calls"

    class Meta:
        verbose_name = _("lista naborów")
        verbose_name_plural = _("listy naborów")

    def listing_items(self, request):
        return CallPage.objects.listed_under(self).prefetch_related("task_areas")

    def order_listing(self, items):
        return items.for_residents()

    def feed_calls(self):
        """A municipality's feeds show its own calls only."""
        return super().feed_calls().filter(child_of_translations_q(self))

    def home_card(self):
        # The calls card links straight to each open call: two clicks from the network.
        self.open_calls = list(CallPage.objects.listed_under(self).accepting().for_residents())


class CallPageForm(OwnMediaPageForm):
    """Checks that span the page and its criteria, which no single field can see."""

    own_media_formsets = {"documents": "document"}

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        contacts = self.formsets.get("contacts")
        if contacts is not None:
            # Every row, the blank template row included, offers this municipality's team
            # only; a person of another municipality sent by hand is not a valid choice.
            field = copy.deepcopy(contacts.form.base_fields["person"])
            field.queryset = team_of(parent_page)
            base_fields = {**contacts.form.base_fields, "person": field}
            # Set after the class is made: the form metaclass would rebuild the fields.
            contacts.form = type(contacts.form.__name__, (contacts.form,), {})
            contacts.form.base_fields = base_fields

    def clean(self):
        cleaned_data = super().clean()
        criteria = self._kept_criteria()
        if criteria is None:  # the criteria rows have errors of their own to fix first
            return cleaned_data
        social_work = [
            row for row in criteria if row.get("statutory") == StatutoryCriterion.SOCIAL_WORK
        ]
        if not social_work:
            raise ValidationError(
                _(
                    "Kryteria oceny muszą obejmować wkład pracy społecznej mieszkańców "
                    "(ustawa stawia go na pierwszym miejscu). Dodaj takie kryterium i oznacz je "
                    "jako ustawowe."
                ),
                code="social_work_missing",
            )
        threshold = cleaned_data.get("pass_threshold")
        total = sum(row.get("max_points") or 0 for row in criteria)
        if threshold is not None and threshold > total:
            self.add_error(
                "pass_threshold",
                _("Próg nie może przekraczać sumy punktów za wszystkie kryteria (%(total)s).")
                % {"total": total},
            )
        return cleaned_data

    def _kept_criteria(self):
        formset = self.formsets.get("criteria")
        if formset is None:
            return []
        if not formset.is_valid():
            return None
        return [
            row for row in formset.cleaned_data if row and not row.get("DELETE") and row.get("name")
        ]


class CallPage(RoutablePageMixin, PortalPage):
    """One call for applications: when, for what, with how much money, judged how.

    Beside the page, ``kalendarz/`` serves the call's closing day as an iCalendar file
    ("Dodaj do kalendarza", calls/feeds.py).
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gmina"),
        on_delete=models.PROTECT,
        related_name="calls",
        editable=False,
    )
    summary = models.TextField(
        _("krótki opis"),
        max_length=400,
        help_text=_("Jedno lub dwa zdania do listy naborów."),
    )
    mode = models.CharField(
        _("tryb naboru"), max_length=20, choices=CallMode.choices, default=CallMode.ROUND
    )
    year = models.PositiveSmallIntegerField(_("rok realizacji zadań"))
    opens_on = models.DateField(_("początek naboru"), null=True, blank=True)
    closes_on = models.DateField(
        _("koniec naboru"),
        null=True,
        blank=True,
        help_text=_("Wymagany dla naboru z terminem; ostatni dzień składania wniosków."),
    )
    is_example = models.BooleanField(
        _("treść przykładowa"),
        default=False,
        help_text=_("Oznacza nabór jako przykład demonstracyjny, a nie prawdziwe ogłoszenie."),
    )

    pool_total = models.DecimalField(
        _("pula środków (zł)"), max_digits=12, decimal_places=2, validators=[NOT_NEGATIVE]
    )
    pool_investment = models.DecimalField(
        _("w tym zadania inwestycyjne (zł)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    pool_soft = models.DecimalField(
        _("w tym zadania „miękkie” (zł)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    pool_remaining = models.DecimalField(
        _("pozostało do rozdysponowania (zł)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    pool_note = models.CharField(
        _("uwagi o środkach"),
        max_length=300,
        blank=True,
        help_text=_("Np. źródło części środków."),
    )

    task_areas = ParentalManyToManyField(
        "portal.TaskArea", verbose_name=_("obszary zadań"), related_name="calls"
    )
    accepts_social_work = models.BooleanField(_("praca społeczna"), default=True)
    accepts_in_kind = models.BooleanField(_("świadczenia rzeczowe"), default=True)
    accepts_financial = models.BooleanField(_("świadczenia pieniężne"), default=True)

    resolution_number = models.CharField(_("numer uchwały"), max_length=80, blank=True)
    resolution_date = models.DateField(_("data uchwały"), null=True, blank=True)
    resolution_bip_url = models.URLField(_("uchwała w BIP"), blank=True)
    resolution_journal_url = models.URLField(
        _("uchwała w Dzienniku Urzędowym Województwa Śląskiego"), blank=True
    )

    pass_threshold = models.PositiveSmallIntegerField(
        _("minimalna liczba punktów"), null=True, blank=True
    )

    epuap_address = models.CharField(
        _("adres skrytki ePUAP"), max_length=120, blank=True, help_text=_("Np. /umruda/skrytka")
    )
    in_person = models.TextField(_("złożenie osobiście (miejsce, godziny)"), blank=True)
    by_post = models.TextField(_("adres do wysyłki pocztą"), blank=True)
    online_url = models.URLField(_("formularz internetowy"), blank=True)
    how_to_apply = RichTextField(
        _("jak złożyć wniosek: dodatkowe informacje"), blank=True, features=RICH_TEXT_FEATURES
    )

    applications_received = models.PositiveIntegerField(
        _("liczba złożonych wniosków"), null=True, blank=True
    )
    applications_accepted = models.PositiveIntegerField(
        _("liczba wniosków przyjętych do realizacji"), null=True, blank=True
    )
    results_published_on = models.DateField(_("data ogłoszenia wyników"), null=True, blank=True)
    results_note = RichTextField(_("wyniki: opis"), blank=True, features=RICH_TEXT_FEATURES)

    objects = CallPageManager()

    og_type = "article"
    base_form_class = CallPageForm
    parent_page_types = ["municipalities.CallIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("is_example"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("mode"), FieldPanel("year")]),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
            ],
            heading=_("Termin"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pool_total"),
                FieldRowPanel([FieldPanel("pool_investment"), FieldPanel("pool_soft")]),
                FieldRowPanel([FieldPanel("pool_remaining"), FieldPanel("pool_note")]),
            ],
            heading=_("Środki"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("task_areas", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel(
                    [
                        FieldPanel("accepts_social_work"),
                        FieldPanel("accepts_in_kind"),
                        FieldPanel("accepts_financial"),
                    ]
                ),
            ],
            heading=_("Zakres i formy wkładu własnego"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("resolution_number"), FieldPanel("resolution_date")]),
                FieldPanel("resolution_bip_url"),
                FieldPanel("resolution_journal_url"),
            ],
            heading=_("Podstawa prawna"),
        ),
        InlinePanel("criteria", heading=_("Kryteria oceny"), label=_("kryterium"), min_num=1),
        FieldPanel("pass_threshold"),
        MultiFieldPanel(
            [
                FieldPanel("epuap_address"),
                FieldPanel("in_person"),
                FieldPanel("by_post"),
                FieldPanel("online_url"),
                FieldPanel("how_to_apply"),
            ],
            heading=_("Jak złożyć wniosek"),
        ),
        InlinePanel("documents", heading=_("Dokumenty do pobrania"), label=_("dokument")),
        InlinePanel("contacts", heading=_("Osoby do kontaktu"), label=_("kontakt")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("applications_received"), FieldPanel("applications_accepted")]
                ),
                FieldPanel("results_published_on"),
                FieldPanel("results_note"),
            ],
            heading=_("Wyniki"),
        ),
        InlinePanel("applications", heading=_("Rozpatrzone wnioski"), label=_("wniosek")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("how_to_apply"),
        index.SearchField("results_note"),
        index.FilterField("year"),
        index.FilterField("closes_on"),
    ]

    class Meta:
        verbose_name = _("nabór wniosków")
        verbose_name_plural = _("nabory wniosków")

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Ten adres jest zajęty przez kalendarz lub kanał naborów.")
        if self.mode == CallMode.ROUND and not self.closes_on:
            errors["closes_on"] = _("Nabór z terminem musi mieć datę zakończenia.")
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _(
                "Koniec naboru nie może przypadać przed jego początkiem (%(opens)s)."
            ) % {"opens": self.opens_on.strftime("%d.%m.%Y")}
        parts = [p for p in (self.pool_investment, self.pool_soft) if p is not None]
        if self.pool_total is not None and parts and sum(parts) > self.pool_total:
            errors["pool_soft"] = _(
                "Suma środków na zadania inwestycyjne i „miękkie” przekracza całą pulę."
            )
        if (
            self.pool_total is not None
            and self.pool_remaining is not None
            and self.pool_remaining > self.pool_total
        ):
            errors["pool_remaining"] = _("Pozostała kwota nie może być większa niż cała pula.")
        if (
            self.applications_received is not None
            and self.applications_accepted is not None
            and self.applications_accepted > self.applications_received
        ):
            errors["applications_accepted"] = _(
                "Przyjętych wniosków nie może być więcej niż złożonych."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Whose call it is follows from where it stands in the tree, never from the form.
        if not self.municipality_id:
            parent = self.get_parent() if self.pk or self.path else None
            home = parent.specific.municipality_home if parent else None
            if home is not None:
                self.municipality_id = home.municipality_id
        return super().save(*args, **kwargs)

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        # One query per kind of detail.
        context["details"] = self.details()

    def details(self):
        """The call's criteria, documents, contacts, decided applications and the
        initiatives in the gallery that came from it, one query each."""
        criteria = list(self.criteria.all())
        applications = list(self.applications.all())
        return CallDetails(
            criteria=criteria,
            total_points=sum(criterion.max_points for criterion in criteria),
            documents=list(self.documents.select_related("document")),
            contacts=[contact.shown for contact in self.contacts.select_related("person")],
            accepted=[a for a in applications if a.decision == ApplicationDecision.ACCEPTED],
            rejected=[a for a in applications if a.decision == ApplicationDecision.REJECTED],
            initiatives=list(self.initiatives.published(self.locale_id).order_by("title")),
        )

    def share_image(self):
        """A call has no picture of its own: a shared link shows the municipality's coat of
        arms, where GZM has set one."""
        municipality = self.municipality
        if municipality.coat_of_arms_id is None:
            return None
        return municipality.coat_of_arms, _("Herb: %(name)s") % {"name": municipality.name}

    # Calendar file --------------------------------------------------------------------

    @path("kalendarz/", name="calendar")
    def calendar_file(self, request):
        calendar = freshness.cached(
            ("call-calendar", self.pk), lambda: build_call_calendar(self) or b"", request
        )
        if not calendar:  # no closing day to put in a calendar
            raise Http404
        return call_calendar_response(self, calendar)

    def route(self, request, path_components):
        # The calendar file is for calls every visitor may see, like the call lists' feeds:
        # behind a view restriction Wagtail would answer its address with a password or
        # login form, so there is no such address at all.
        if path_components and self.get_view_restrictions():
            raise Http404
        return super().route(request, path_components)

    def get_cached_paths(self):
        # The frontend cache keeps the calendar file beside the page; a purge takes both.
        return [*super().get_cached_paths(), "kalendarz/"]

    @property
    def offers_calendar_file(self):
        """Whether the page links its calendar file: a closing day still ahead."""
        return bool(self.closes_on) and self.status in (*ACCEPTING, CallStatus.UPCOMING)

    # Status ---------------------------------------------------------------------------

    def status_on(self, day=None):
        """The call's status on ``day`` (today by default), by the rule of calls/status.py:
        as the listing's query annotated it, else evaluated on this call's own values."""
        day = day or today()
        if getattr(self, "call_status_day", None) == day:
            return CallStatus(self.call_status)
        known = self.__dict__.setdefault("_status_by_day", {})
        if day not in known:
            known[day] = evaluate_status(self, day)
        return known[day]

    def results_published(self, day=None):
        """Whether results count as published on ``day`` (the status says so)."""
        return self.status_on(day) == CallStatus.RESULTS

    @property
    def status(self):
        return self.status_on()

    @property
    def status_label(self):
        return CallStatus(self.status).label

    def days_left(self, day=None):
        """Whole days left to apply, the closing day included; None if there is no deadline."""
        day = day or today()
        if not self.closes_on or self.status_on(day) not in ACCEPTING:
            return None
        return (self.closes_on - day).days + 1

    @property
    def days_left_today(self):
        return self.days_left()

    @property
    def is_accepting(self):
        return self.status in ACCEPTING

    @cached_property
    def social_work_outweighed_by(self):
        """Criteria worth more points than the residents' social work (a warning, not an error)."""
        criteria = list(self.criteria.all())
        social = [c.max_points for c in criteria if c.statutory == StatutoryCriterion.SOCIAL_WORK]
        if not social:
            return []
        return [
            c
            for c in criteria
            if c.statutory != StatutoryCriterion.SOCIAL_WORK and c.max_points > max(social)
        ]

    @property
    def contribution_forms(self):
        forms_ = []
        if self.accepts_social_work:
            forms_.append(_("praca społeczna"))
        if self.accepts_in_kind:
            forms_.append(_("świadczenia rzeczowe"))
        if self.accepts_financial:
            forms_.append(_("świadczenia pieniężne"))
        return forms_

    @property
    def deadline_event_day(self):
        return self.closes_on + timedelta(days=1) if self.closes_on else None


class CallCriterion(Orderable):
    """One line of the evaluation card set by the council resolution."""

    page = ParentalKey(CallPage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kryterium"), max_length=200)
    max_points = models.PositiveSmallIntegerField(_("maksymalna liczba punktów"))
    statutory = models.CharField(
        _("kryterium ustawowe"),
        max_length=20,
        choices=StatutoryCriterion.choices,
        blank=True,
        help_text=_("Zaznacz, jeśli to kryterium wymagane ustawą (art. 19d)."),
    )
    description = models.TextField(_("opis"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("max_points"), FieldPanel("statutory")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("kryterium oceny")
        verbose_name_plural = _("kryteria oceny")

    def __str__(self):
        return self.name


class CallDocument(Orderable):
    """A file to download, from the municipality's own collection."""

    page = ParentalKey(CallPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokument"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        _("rodzaj"), max_length=30, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )

    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("kind")])]

    class Meta(Orderable.Meta):
        verbose_name = _("dokument naboru")
        verbose_name_plural = _("dokumenty naboru")


class CallContact(Orderable):
    """Someone who answers questions about this call: a person of the municipality's
    local-initiative team (from its contact page), or someone named here."""

    page = ParentalKey(CallPage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "municipalities.ContactPerson",
        verbose_name=_("osoba z zespołu (strona Kontakt)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_contacts",
        help_text=_("Dane wybranej osoby pokazujemy tak, jak są na stronie Kontakt."),
    )
    name = models.CharField(_("albo imię i nazwisko lub komórka"), max_length=150, blank=True)
    role = models.CharField(_("funkcja"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("osoba do kontaktu")
        verbose_name_plural = _("osoby do kontaktu")

    def clean(self):
        super().clean()
        if self.person_id is None and not self.name.strip():
            raise ValidationError(
                _("Wybierz osobę z zespołu albo wpisz imię i nazwisko lub nazwę komórki."),
                code="contact_missing",
            )

    @property
    def shown(self):
        """What the call page shows: the team member as on the contact page, or this row."""
        return self.person or self


class CallApplication(Orderable):
    """One application as decided, once results are published."""

    page = ParentalKey(CallPage, on_delete=models.CASCADE, related_name="applications")
    title = models.CharField(_("nazwa zadania"), max_length=250)
    applicant = models.CharField(_("wnioskodawca"), max_length=200, blank=True)
    decision = models.CharField(_("decyzja"), max_length=20, choices=ApplicationDecision.choices)
    points = models.DecimalField(
        _("liczba punktów"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    municipal_contribution = models.DecimalField(
        _("wkład gminy (zł)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    note = models.CharField(_("uwagi"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("applicant")]),
        FieldRowPanel(
            [FieldPanel("decision"), FieldPanel("points"), FieldPanel("municipal_contribution")]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rozpatrzony wniosek")
        verbose_name_plural = _("rozpatrzone wnioski")


class CallNetworkIndexPage(CallFeedRoutes, FilteredListingMixin, NetworkListingPage):
    """ "Nabory w GZM": the open calls of every municipality, with filters."""

    listing_name = "calls"
    filter_form_class = CallFilterForm
    per_page = CALLS_PER_PAGE

    class Meta:
        verbose_name = _("nabory w całej sieci GZM")
        verbose_name_plural = _("nabory w całej sieci GZM")

    def feed_calls(self):
        """The network's feeds show the calls of its current members only."""
        return super().feed_calls().of_members()

    def listing_items(self, request):
        """Every current member's live, public calls in this page's language; the
        municipality joined and the task areas prefetched, so a page of cards costs the
        same number of queries whatever the number of calls."""
        return (
            CallPage.objects.published(self.locale_id)
            .of_members()
            .select_related("municipality")
            .prefetch_related("task_areas")
        )

    def filter_listing(self, items, filters):
        return items.filtered(**filters)

    def order_listing(self, items):
        return items.for_residents()
