"""The network at a glance: one row of figures per municipality, for GZM's dashboard.

Every figure is counted for all the municipalities asked for at once (a grouped query per
figure), so the number of queries does not grow with the network or its content. Pages are
told apart by the municipality home they sit under: a page's tree path starts with its
home's path.

The apps above add columns of their own through the ``NETWORK_DASHBOARD_COLUMNS`` hook: a
function ``(municipalities, day)`` returning ``[(Column, {municipality pk: value}), …]``
(``handbooks`` adds the state of the handbook variants).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Page, PageLogEntry, WorkflowState

from portal.collation import polish_key
from portal.models import AccessibilityStatementPage
from portal.models.legal import overdue_review_cutoff

from .calls.models import CallPage
from .calls.status import ACCEPTING, CallStatus
from .gallery.models import InitiativePage
from .models import Municipality, MunicipalityHomePage

NETWORK_DASHBOARD_COLUMNS = "network_dashboard_columns"

# How a column's values are shown, sorted and exported.
TEXT, NUMBER, DATE, DATETIME, FLAG = "text", "number", "date", "datetime", "flag"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: str = NUMBER

    def sort_key(self, value):
        """Missing values last whichever way the table is sorted (see ``sort_rows``)."""
        if self.kind == TEXT:
            return polish_key(value or "")
        if isinstance(value, datetime):
            return value.timestamp()
        if isinstance(value, date):
            return value.toordinal()
        return value


@dataclass
class Row:
    municipality: Municipality
    values: dict = field(default_factory=dict)

    def cells(self, columns):
        return [(column, self.values.get(column.key)) for column in columns]


NAME = Column("name", _("Gmina"), TEXT)
COUNTY = Column("county", _("Powiat"), TEXT)
OPEN_CALLS = Column("open_calls", _("Trwające nabory"))
UPCOMING_CALLS = Column("upcoming_calls", _("Nadchodzące nabory"))
INITIATIVES = Column("initiatives", _("Inicjatywy"))
LAST_CHANGE_AT = Column("last_change_at", _("Ostatnia zmiana"), DATETIME)
LAST_CHANGE_BY = Column("last_change_by", _("Zmienił(a)"), TEXT)
EDITORS = Column("editors", _("Redaktorzy"))
MODERATORS = Column("moderators", _("Moderatorzy"))
IN_MODERATION = Column("in_moderation", _("Strony czekające na akceptację"))
STATEMENT_REVIEWED_ON = Column(
    "statement_reviewed_on", _("Deklaracja dostępności: ostatni przegląd"), DATE
)
STATEMENT_OVERDUE = Column("statement_overdue", _("Deklaracja po terminie przeglądu"), FLAG)
UNTRANSLATED = Column("untranslated", _("Strony bez tłumaczenia (en/uk)"))


def _homes(municipalities, language=None):
    """{home path: municipality pk} of the municipalities' homes (in ``language`` only)."""
    homes = MunicipalityHomePage.objects.filter(municipality__in=municipalities)
    if language:
        homes = homes.filter(locale__language_code=language)
    return dict(homes.values_list("path", "municipality_id"))


def _count_under(pages, homes):
    """{municipality pk: how many of ``pages`` are one of ``homes`` (path → pk) or below it}."""
    counts = {}
    for length in {len(path) for path in homes}:
        grouped = (
            pages.filter(depth__gte=length // Page.steplen)
            .annotate(home_path=Substr("path", 1, length))
            .filter(home_path__in=[path for path in homes if len(path) == length])
            .values("home_path")
            .annotate(count=Count("pk", distinct=True))
            .order_by()
        )
        for row in grouped:
            municipality = homes[row["home_path"]]
            counts[municipality] = counts.get(municipality, 0) + row["count"]
    return counts


def _call_counts(municipality_ids, day):
    calls = (
        CallPage.objects.live()
        .filter(municipality__in=municipality_ids, locale__language_code=settings.LANGUAGE_CODE)
        .with_status(day)
        .values("municipality_id")
        .annotate(
            open=Count("pk", filter=Q(call_status__in=[status.value for status in ACCEPTING])),
            upcoming=Count("pk", filter=Q(call_status=CallStatus.UPCOMING.value)),
        )
        .order_by()
    )
    return {row["municipality_id"]: row for row in calls}


def _initiative_counts(municipality_ids):
    initiatives = (
        InitiativePage.objects.live()
        .filter(municipality__in=municipality_ids, locale__language_code=settings.LANGUAGE_CODE)
        .values("municipality_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["municipality_id"]: row["count"] for row in initiatives}


def _last_changes(municipality_ids):
    """{municipality pk: its pages' latest log entry}, over the homes in every language."""
    latest = PageLogEntry.objects.filter(page__path__startswith=OuterRef("path")).order_by(
        "-timestamp", "-pk"
    )
    homes = list(
        MunicipalityHomePage.objects.filter(municipality__in=municipality_ids)
        .annotate(last_entry=Subquery(latest.values("pk")[:1]))
        .values_list("municipality_id", "last_entry")
    )
    ids = [entry_id for _municipality, entry_id in homes if entry_id]
    entries = PageLogEntry.objects.filter(pk__in=ids).select_related("user")
    entry_of = {entry.pk: entry for entry in entries}
    latest_of = {}
    for municipality, entry_id in homes:  # the latest of its homes' entries wins
        candidates = [latest_of.get(municipality), entry_of.get(entry_id)]
        candidates = [entry for entry in candidates if entry]
        if candidates:
            latest_of[municipality] = max(candidates, key=lambda entry: (entry.timestamp, entry.pk))
    return latest_of


def _people_counts(municipality_ids):
    active = Q(editors_group__user__is_active=True)
    active_moderators = Q(moderators_group__user__is_active=True)
    rows = (
        Municipality.objects.filter(pk__in=municipality_ids)
        .annotate(
            editors=Count("editors_group__user", filter=active, distinct=True),
            moderators=Count("moderators_group__user", filter=active_moderators, distinct=True),
        )
        .values_list("pk", "editors", "moderators")
    )
    return {pk: (editors, moderators) for pk, editors, moderators in rows}


def _in_moderation(homes):
    pages = Page.objects.filter(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)
    return _count_under(pages, homes)


def _untranslated(polish_homes):
    """Live Polish pages below a home missing a live translation in another language."""
    others = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    others.remove(settings.LANGUAGE_CODE)
    pages = Page.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    missing = Q(pk__in=[])
    for code in others:
        translated = Page.objects.live().filter(
            translation_key=OuterRef("translation_key"), locale__language_code=code
        )
        missing |= ~Exists(translated)
    return _count_under(pages.filter(missing), polish_homes)


def _statements(polish_homes, day):
    """{municipality pk: (last review or preparation, overdue)} of the Polish statements."""
    cutoff = overdue_review_cutoff(day)
    found = {}
    for length in {len(path) for path in polish_homes}:
        statements = (
            AccessibilityStatementPage.objects.filter(
                depth=length // Page.steplen + 1,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .annotate(
                home_path=Substr("path", 1, length),
                last_review=Coalesce("reviewed_on", "prepared_on"),
            )
            .filter(home_path__in=[path for path in polish_homes if len(path) == length])
            .values_list("home_path", "last_review")
        )
        for home_path, last_review in statements:
            overdue = last_review is None or last_review <= cutoff
            found[polish_homes[home_path]] = (last_review, overdue)
    return found


def columns():
    """The table's columns: the municipality's own, then those the apps above add."""
    return [
        NAME,
        COUNTY,
        OPEN_CALLS,
        UPCOMING_CALLS,
        INITIATIVES,
        LAST_CHANGE_AT,
        LAST_CHANGE_BY,
        EDITORS,
        MODERATORS,
        IN_MODERATION,
        STATEMENT_REVIEWED_ON,
        STATEMENT_OVERDUE,
        UNTRANSLATED,
    ]


def network_rows(municipalities, day=None):
    """(columns, rows): a row of figures for each of ``municipalities``."""
    day = day or timezone.localdate()
    municipalities = list(municipalities)
    ids = [municipality.pk for municipality in municipalities]
    all_homes = _homes(ids)
    polish_homes = _homes(ids, settings.LANGUAGE_CODE)
    calls = _call_counts(ids, day)
    initiatives = _initiative_counts(ids)
    changes = _last_changes(ids)
    people = _people_counts(ids)
    moderation = _in_moderation(all_homes)
    untranslated = _untranslated(polish_homes)
    statements = _statements(polish_homes, day)

    rows = []
    for municipality in municipalities:
        pk = municipality.pk
        change = changes.get(pk)
        editors, moderators = people.get(pk, (0, 0))
        reviewed_on, overdue = statements.get(pk, (None, True))
        rows.append(
            Row(
                municipality,
                {
                    NAME.key: municipality.name,
                    COUNTY.key: municipality.county,
                    OPEN_CALLS.key: calls.get(pk, {}).get("open", 0),
                    UPCOMING_CALLS.key: calls.get(pk, {}).get("upcoming", 0),
                    INITIATIVES.key: initiatives.get(pk, 0),
                    LAST_CHANGE_AT.key: change.timestamp if change else None,
                    LAST_CHANGE_BY.key: change.user_display_name if change else None,
                    EDITORS.key: editors,
                    MODERATORS.key: moderators,
                    IN_MODERATION.key: moderation.get(pk, 0),
                    STATEMENT_REVIEWED_ON.key: reviewed_on,
                    STATEMENT_OVERDUE.key: overdue,
                    UNTRANSLATED.key: untranslated.get(pk, 0),
                },
            )
        )

    table_columns = columns()
    for add in hooks.get_hooks(NETWORK_DASHBOARD_COLUMNS):
        for column, values in add(municipalities, day):
            table_columns.append(column)
            for row in rows:
                row.values[column.key] = values.get(row.municipality.pk)
    return table_columns, rows


def sort_rows(rows, column, descending=False):
    """``rows`` ordered by ``column`` (then by name), empty values last either way."""
    by_name = sorted(rows, key=lambda row: polish_key(row.municipality.name))
    present = [row for row in by_name if row.values.get(column.key) is not None]
    missing = [row for row in by_name if row.values.get(column.key) is None]
    present.sort(key=lambda row: column.sort_key(row.values[column.key]), reverse=descending)
    return present + missing
