"""What "GZM w liczbach" counts: the network's completed initiatives and calls, as residents
see them in the network's listings.

The items are those of "Zrealizowane inicjatywy w GZM" and "Nabory w GZM" before any filter:
live, public pages of current members in the page's language (a Polish page standing in for
a missing translation), through the same querysets (``InitiativePageQuerySet``,
``CallPageQuerySet``); the sums are the gallery's ``totals``. Every figure is one grouped
query, so the count of queries does not grow with the network or its content, and the
whole lot is kept for the content generation (``portal.freshness``) and the day.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from portal import freshness
from portal.collation import polish_key
from portal.models import TaskArea

from ..calls.models import CallPage
from ..calls.status import today
from ..gallery.listing import Totals, totals
from ..gallery.models import InitiativePage

ZERO = Decimal(0)


def completed_initiatives(locale_id):
    """The initiatives the network gallery lists unfiltered: completed, of current members."""
    return InitiativePage.objects.published(locale_id).of_members().at_stage()


def member_calls(locale_id):
    """The calls the network's call listing draws on (whatever their status)."""
    return CallPage.objects.published(locale_id).of_members()


@dataclass
class Row:
    """One group's figures: a year, a municipality or a task area."""

    label: str
    initiatives: int = 0
    social_work_value: Decimal = ZERO
    in_kind_value: Decimal = ZERO
    financial_value: Decimal = ZERO
    municipal_contribution: Decimal = ZERO
    social_work_hours: Decimal = ZERO
    residents_involved: int = 0

    @property
    def residents_contribution(self):
        return self.social_work_value + self.in_kind_value + self.financial_value


@dataclass
class NetworkFigures:
    totals: Totals
    by_year: list = field(default_factory=list)
    by_municipality: list = field(default_factory=list)
    by_area: list = field(default_factory=list)
    calls_by_year: list = field(default_factory=list)  # [(year, number of calls)]
    municipalities_with_open_call: int = 0


SUMS = {
    "initiatives": Count("pk"),
    "social_work_value": Sum("social_work_value"),
    "in_kind_value": Sum("in_kind_value"),
    "financial_value": Sum("financial_value"),
    "municipal_contribution": Sum("municipal_contribution"),
    "social_work_hours": Sum("social_work_hours"),
    "residents_involved": Sum("residents_involved"),
}


def _grouped(initiatives, *fields):
    return initiatives.order_by().values(*fields).annotate(**SUMS)


def _row(label, values):
    return Row(label, **{name: values[name] or 0 for name in SUMS})


def count_figures(locale_id, day=None):
    """The network's figures in the language ``locale_id``; seven queries whatever the size."""
    day = day or today()
    initiatives = completed_initiatives(locale_id)
    by_year = [
        _row(str(values["year"]), values)
        for values in _grouped(initiatives, "year").order_by("year")
    ]
    by_municipality = sorted(
        (
            _row(values["municipality__name"], values)
            for values in _grouped(initiatives, "municipality_id", "municipality__name")
        ),
        key=lambda row: polish_key(row.label),
    )
    areas = {area.pk: area for area in TaskArea.objects.all()}
    counted = {values["task_area_id"]: values for values in _grouped(initiatives, "task_area_id")}
    by_area = [_row(area.name, counted[pk]) for pk, area in areas.items() if pk in counted]
    calls = member_calls(locale_id)
    calls_by_year = [
        (values["year"], values["calls"])
        for values in calls.order_by().values("year").annotate(calls=Count("pk")).order_by("year")
    ]
    open_in = calls.accepting(day).order_by().values("municipality_id").distinct().count()
    return NetworkFigures(
        totals=totals(initiatives),
        by_year=by_year,
        by_municipality=by_municipality,
        by_area=by_area,
        calls_by_year=calls_by_year,
        municipalities_with_open_call=open_in,
    )


def network_figures(locale, request=None, day=None):
    """``count_figures`` kept for the content generation and the day (a call opens or closes
    at midnight without anything being published)."""
    day = day or today()
    return freshness.cached(
        ("network-figures", locale.language_code, locale.pk, day.isoformat()),
        lambda: count_figures(locale.pk, day),
        request,
    )
