"""Listings of calls for applications: a municipality's open calls and the network's page.

``CallPage.status_on(day)`` says what a single call's status is. A listing cannot ask every
call in turn and still paginate in the database, so ``status_q`` states the same rules as
database filters; ``tests/test_call_listings.py`` checks that both always agree.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from .models import CallPage, CallStatus
from .models.calls import CLOSING_SOON_DAYS, today

CALLS_PER_PAGE = 12


class StatusFilter(models.TextChoices):
    """What a resident can ask the network page for; "open" includes calls closing soon."""

    OPEN = "open", _("trwa nabór (także kończące się wkrótce)")
    CLOSING_SOON = "closing_soon", _("nabór kończy się w ciągu 14 dni")
    UPCOMING = "upcoming", _("nabór wkrótce się rozpocznie")
    CLOSED = "closed", _("nabór zakończony, wyniki jeszcze nieogłoszone")
    RESULTS = "results", _("wyniki ogłoszone")
    ALL = "all", _("wszystkie nabory")


def _parts(day):
    """The conditions ``CallPage.status_on`` checks, in its order, null-safe."""
    undated = Q(results_published_on__isnull=True)
    counted_after_deadline = Q(applications_accepted__isnull=False) & Q(closes_on__lt=day)
    not_counted_after_deadline = (
        Q(applications_accepted__isnull=True) | Q(closes_on__isnull=True) | Q(closes_on__gte=day)
    )
    results = Q(results_published_on__lte=day) | (undated & counted_after_deadline)
    not_results = Q(results_published_on__gt=day) | (undated & not_counted_after_deadline)
    upcoming = Q(opens_on__gt=day)
    not_upcoming = Q(opens_on__isnull=True) | Q(opens_on__lte=day)
    closed = Q(closes_on__lt=day)
    not_closed = Q(closes_on__isnull=True) | Q(closes_on__gte=day)
    soon = Q(closes_on__lte=day + timedelta(days=CLOSING_SOON_DAYS))
    not_soon = Q(closes_on__isnull=True) | Q(closes_on__gt=day + timedelta(days=CLOSING_SOON_DAYS))
    return {
        CallStatus.RESULTS: results,
        CallStatus.UPCOMING: not_results & upcoming,
        CallStatus.CLOSED: not_results & not_upcoming & closed,
        CallStatus.CLOSING_SOON: not_results & not_upcoming & not_closed & soon,
        CallStatus.OPEN: not_results & not_upcoming & not_closed & not_soon,
        "accepting": not_results & not_upcoming & not_closed,
    }


def status_q(status, day=None):
    """A filter for the calls whose ``status_on(day)`` is ``status`` (a ``CallStatus``)."""
    return _parts(day or today())[CallStatus(status)]


def accepting_q(day=None):
    """Calls taking applications on ``day``: open, closing soon included."""
    return _parts(day or today())["accepting"]


def filter_by_status(calls, status, day=None):
    """Narrow ``calls`` to one ``StatusFilter`` value; unknown values mean "open"."""
    day = day or today()
    if status == StatusFilter.ALL:
        return calls
    if status in (None, "", StatusFilter.OPEN) or status not in StatusFilter.values:
        return calls.filter(accepting_q(day))
    return calls.filter(status_q(status, day))


def order_for_residents_in_db(calls, day=None):
    """The database's version of ``order_for_residents``: open calls by deadline, then
    upcoming ones by opening day, then past ones, the most recent first."""
    parts = _parts(day or today())
    rank = Case(
        When(parts["accepting"], then=Value(0)),
        When(parts[CallStatus.UPCOMING], then=Value(1)),
        default=Value(2),
        output_field=models.IntegerField(),
    )
    soonest = Case(
        When(parts["accepting"], then=F("closes_on")),
        When(parts[CallStatus.UPCOMING], then=F("opens_on")),
        default=None,
        output_field=models.DateField(),
    )
    latest = Case(
        When(parts["accepting"] | parts[CallStatus.UPCOMING], then=None),
        default=F("closes_on"),
        output_field=models.DateField(),
    )
    return calls.order_by(
        rank,
        soonest.asc(nulls_last=True),
        latest.desc(nulls_last=True),
        "title",
        "pk",
    )


def network_calls(
    locale, *, municipality=None, area=None, status=StatusFilter.OPEN, county=None, day=None
):
    """Live calls of the whole network in ``locale`` (a Locale or its id), filtered and ordered.

    ``municipality`` is a slug, ``area`` a task-area key, ``county`` a county name as stored
    on the municipality, ``status`` a ``StatusFilter`` value. A constant number of queries
    whatever the number of calls: the municipality is joined, the task areas prefetched.
    """
    day = day or today()
    calls = (
        CallPage.objects.live()
        .public()
        .filter(locale=locale, municipality__membership_end__isnull=True)
        .select_related("municipality")
        .prefetch_related("task_areas")
    )
    if municipality:
        calls = calls.filter(municipality__slug=municipality)
    if county:
        calls = calls.filter(municipality__county=county)
    if area:
        calls = calls.filter(task_areas__key=area)
    calls = filter_by_status(calls, status, day)
    return order_for_residents_in_db(calls, day)


def open_calls(call_index, day=None):
    """The live calls of one municipality's call index taking applications on ``day``,
    the nearest deadline first. One query."""
    day = day or today()
    calls = CallPage.objects.child_of(call_index).live().filter(accepting_q(day))
    return list(order_for_residents_in_db(calls, day))
