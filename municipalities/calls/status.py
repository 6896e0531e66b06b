"""A call's status and the order residents see calls in, each stated once.

A call's status is never stored: it follows from its dates and its published results on the
day it is read. The rule is one SQL ``CASE`` (``status_expression``). Listings filter, order
and paginate on it in the database (``CallPageQuerySet``); a single call, a preview of an
unsaved draft included, has the database evaluate the same expression on its own values
(``evaluate_status``: one query without a table).
"""

from datetime import timedelta

from django.db import connections, models
from django.db.models import Case, F, Q, Value, When
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CLOSING_SOON_DAYS = 14

# The fields the status depends on.
STATUS_FIELDS = ("opens_on", "closes_on", "results_published_on", "applications_accepted")


def today():
    return timezone.localdate()


class CallStatus(models.TextChoices):
    """What a resident needs to know first, in the order listings show it."""

    OPEN = "open", _("trwa nabór")
    CLOSING_SOON = "closing_soon", _("nabór wkrótce się kończy")
    UPCOMING = "upcoming", _("nabór wkrótce się rozpocznie")
    CLOSED = "closed", _("nabór zakończony")
    RESULTS = "results", _("wyniki ogłoszone")


ACCEPTING = (CallStatus.OPEN, CallStatus.CLOSING_SOON)


class StatusFilter(models.TextChoices):
    """What a resident can ask the network page for; "open" includes calls closing soon."""

    OPEN = "open", _("trwa nabór (także kończące się wkrótce)")
    CLOSING_SOON = "closing_soon", _("nabór kończy się w ciągu 14 dni")
    UPCOMING = "upcoming", _("nabór wkrótce się rozpocznie")
    CLOSED = "closed", _("nabór zakończony, wyniki jeszcze nieogłoszone")
    RESULTS = "results", _("wyniki ogłoszone")
    ALL = "all", _("wszystkie nabory")


def statuses_for(choice):
    """The statuses one ``StatusFilter`` value stands for; None for all. Unknown: "open"."""
    if choice == StatusFilter.ALL:
        return None
    if choice in (StatusFilter.CLOSING_SOON, StatusFilter.UPCOMING) or choice in (
        StatusFilter.CLOSED,
        StatusFilter.RESULTS,
    ):
        return (CallStatus(choice),)
    return ACCEPTING


def status_expression(day):
    """The status of a call on ``day``, as a database expression over its fields.

    In order: results count as published from their date, or, when no date is known, once a
    closed round says how many applications were accepted; then a call not open yet is
    upcoming; one past its closing day is closed; one closing within ``CLOSING_SOON_DAYS``
    (the closing day counted) is closing soon; anything else is open (a continuous call with
    no dates included). A missing date never satisfies a comparison.
    """
    results = Q(results_published_on__lte=day) | Q(
        results_published_on__isnull=True,
        applications_accepted__isnull=False,
        closes_on__lt=day,
    )
    return Case(
        When(results, then=Value(CallStatus.RESULTS.value)),
        When(opens_on__gt=day, then=Value(CallStatus.UPCOMING.value)),
        When(closes_on__lt=day, then=Value(CallStatus.CLOSED.value)),
        When(
            closes_on__lte=day + timedelta(days=CLOSING_SOON_DAYS),
            then=Value(CallStatus.CLOSING_SOON.value),
        ),
        default=Value(CallStatus.OPEN.value),
        output_field=models.CharField(),
    )


def residents_order(status):
    """How residents read a list of calls, given the status expression: calls taking
    applications first, the nearest deadline first; then upcoming ones, the nearest opening
    first; then past ones, the most recent first; by title within a day."""
    accepting = Q(**{f"{status}__in": [choice.value for choice in ACCEPTING]})
    upcoming = Q(**{status: CallStatus.UPCOMING.value})
    rank = Case(
        When(accepting, then=Value(0)),
        When(upcoming, then=Value(1)),
        default=Value(2),
        output_field=models.IntegerField(),
    )
    soonest = Case(
        When(accepting, then=F("closes_on")),
        When(upcoming, then=F("opens_on")),
        default=None,
        output_field=models.DateField(),
    )
    latest = Case(
        When(accepting | upcoming, then=None),
        default=F("closes_on"),
        output_field=models.DateField(),
    )
    return [rank, soonest.asc(nulls_last=True), latest.desc(nulls_last=True), "title", "pk"]


def evaluate_status(call, day, using=None):
    """``status_expression(day)`` evaluated on the values of one call, saved or not."""
    query = Query(None)
    for name in STATUS_FIELDS:
        field = type(call)._meta.get_field(name)
        query.add_annotation(Value(getattr(call, name), output_field=field), name, select=False)
    query.add_annotation(status_expression(day), "status")
    alias = using or call._state.db or "default"
    row = query.get_compiler(connection=connections[alias]).execute_sql(SINGLE)
    return CallStatus(row[0])
