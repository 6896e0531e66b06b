"""The charts of "GZM w liczbach", drawn on the server as SVG: each chart is its data table
(columns and rows, the same values its CSV holds) and the shapes that draw some of its
columns.

Shapes are laid out here in the units of the SVG's ``viewBox``; the template only writes
them out. The bars' colours stand out 3:1 or more against the white page and from each
other by a white gap, and every bar carries its value as text, so nothing is told by
colour alone (WCAG 1.4.1, 1.4.11); a stacked bar's parts also differ in pattern.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..calls.templatetags import pln

WIDTH = 400
FONT = 13
# More upright bars than this would crowd their labels: the chart lies down instead.
MOST_COLUMNS = 10
# How wide a character of the labels is, at most, in the units of the viewBox (for room).
CHARACTER = 0.62 * FONT
# Parts of a stacked bar: fill colour (contrast on white: 12.6, 8.0 and 6.2 to 1) and the
# pattern that tells them apart without colour (``templates/municipalities/figures_page.html``).
PARTS = (("#15336b", ""), ("#0b5a45", "stripes"), ("#8a4b00", "dots"))

TEXT, COUNT, MONEY, HOURS = "text", "count", "money", "hours"


@dataclass(frozen=True)
class Column:
    key: str  # the CSV's column name
    heading: str
    kind: str = COUNT

    def display(self, value):
        if self.kind == TEXT:
            return str(value)
        if self.kind == MONEY:
            return pln(value)
        if self.kind == HOURS:
            places = 0 if Decimal(value) == Decimal(value).to_integral_value() else 1
            return formats.number_format(value, places, use_l10n=True, force_grouping=True)
        return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


@dataclass
class Chart:
    key: str  # its address: …/pobierz/csv/<key>/
    title: str
    layout: str  # "columns" (upright, one per year) or "bars" (lying, one per row)
    columns: list
    rows: list  # lists of values, one per column
    drawn: tuple  # the column indexes drawn (several: stacked)
    shape: dict = field(default_factory=dict)

    @property
    def table(self):
        """Rows of (column, value, text) for the data table."""
        return [
            [
                (column, value, column.display(value))
                for column, value in zip(self.columns, row, strict=True)
            ]
            for row in self.rows
        ]

    @property
    def records(self):
        """The rows as the CSV writes them (``portal.opendata.csv_response``)."""
        return [
            {column.key: value for column, value in zip(self.columns, row, strict=True)}
            for row in self.rows
        ]

    @property
    def legend(self):
        if len(self.drawn) < 2:
            return []
        return [
            {"label": self.columns[index].heading, "fill": fill, "pattern": pattern}
            for index, (fill, pattern) in zip(self.drawn, PARTS, strict=False)
        ]


def _label(chart, row):
    total = sum((Decimal(row[index]) for index in chart.drawn), Decimal(0))
    column = chart.columns[chart.drawn[0]]
    return column.display(total)


def lay_out(chart):
    """Work out ``chart.shape``: the SVG's height and its bars, texts and axis."""
    if not chart.rows:
        chart.shape = {}
    elif chart.layout == "columns" and len(chart.rows) <= MOST_COLUMNS:
        chart.shape = _columns(chart)
    else:
        chart.shape = _bars(chart)
    return chart


def _largest(chart):
    totals = [sum(Decimal(row[index]) for index in chart.drawn) for row in chart.rows]
    return max(totals) or Decimal(1)


def _columns(chart):
    """Upright bars side by side, the value above each and its label below."""
    height, top, bottom = 220, FONT + 10, FONT + 12
    plot = height - top - bottom
    slot = WIDTH / len(chart.rows)
    bar = min(48, slot * 0.7)
    largest = _largest(chart)
    bars = []
    for position, row in enumerate(chart.rows):
        value = Decimal(row[chart.drawn[0]])
        tall = float(value / largest) * plot
        centre = slot * position + slot / 2
        bars.append(
            {
                "parts": [
                    {
                        "x": round(centre - bar / 2, 1),
                        "y": round(top + plot - tall, 1),
                        "width": round(bar, 1),
                        "height": round(tall, 1),
                        "fill": PARTS[0][0],
                        "pattern": "",
                    }
                ],
                "value": {"x": round(centre, 1), "y": round(top + plot - tall - 5, 1)},
                "value_text": _label(chart, row),
                "label": {"x": round(centre, 1), "y": height - 6},
                "label_text": str(row[0]),
            }
        )
    return {
        "width": WIDTH,
        "height": height,
        "font": FONT,
        "bars": bars,
        "axis": {"x1": 0, "x2": WIDTH, "y": top + plot},
        "anchor": "middle",
    }


def _bars(chart):
    """Lying bars one below the other, each under its label, the value at its end."""
    row_height, bar_height, gap = 2 * FONT + 20, FONT + 4, 2
    values = [_label(chart, row) for row in chart.rows]
    # The longest bar leaves room for its value.
    room = WIDTH - max(len(value) for value in values) * CHARACTER - 3 * gap - 8
    largest = _largest(chart)
    bars = []
    for position, row in enumerate(chart.rows):
        y = position * row_height
        x, parts = 0.0, []
        for index, (fill, pattern) in zip(chart.drawn, PARTS, strict=False):
            length = float(Decimal(row[index]) / largest) * room
            if length <= 0:
                continue
            parts.append(
                {
                    "x": round(x, 1),
                    "y": y + FONT + 6,
                    "width": round(length, 1),
                    "height": bar_height,
                    "fill": fill,
                    "pattern": pattern,
                }
            )
            x += length + gap
        bars.append(
            {
                "parts": parts,
                "value": {"x": round(x + 4, 1), "y": y + 2 * FONT + 7},
                "value_text": values[position],
                "label": {"x": 0, "y": y + FONT},
                "label_text": str(row[0]),
            }
        )
    return {
        "width": WIDTH,
        "height": len(chart.rows) * row_height,
        "font": FONT,
        "bars": bars,
        "axis": {"x1": 0, "x2": 0, "y": 0},
        "anchor": "start",
    }


# The charts, in the order the page shows them. ----------------------------------------------

YEAR = gettext_lazy("Rok")
INITIATIVES = gettext_lazy("Zrealizowane inicjatywy")
SOCIAL_WORK = gettext_lazy("Praca społeczna (zł)")
IN_KIND = gettext_lazy("Świadczenia rzeczowe (zł)")
FINANCIAL = gettext_lazy("Świadczenia pieniężne (zł)")
RESIDENTS = gettext_lazy("Wkład mieszkańców razem (zł)")
MUNICIPAL = gettext_lazy("Wkład gminy (zł)")
HOURS_WORKED = gettext_lazy("Godziny pracy społecznej")
INVOLVED = gettext_lazy("Zaangażowani mieszkańcy")


def _figure_columns(first):
    return [
        first,
        Column("initiatives", str(INITIATIVES)),
        Column("residents_contribution", str(RESIDENTS), MONEY),
        Column("municipal_contribution", str(MUNICIPAL), MONEY),
        Column("social_work_hours", str(HOURS_WORKED), HOURS),
        Column("residents_involved", str(INVOLVED)),
    ]


def _figure_row(row):
    return [
        row.label,
        row.initiatives,
        row.residents_contribution,
        row.municipal_contribution,
        row.social_work_hours,
        row.residents_involved,
    ]


def initiatives_by_year(figures):
    return Chart(
        key="inicjatywy-wg-lat",
        title=_("Zrealizowane inicjatywy w kolejnych latach"),
        layout="columns",
        columns=_figure_columns(Column("year", str(YEAR), TEXT)),
        rows=[_figure_row(row) for row in figures.by_year],
        drawn=(1,),
    )


def contribution_by_year(figures):
    return Chart(
        key="wklad-mieszkancow-wg-lat",
        title=_("Wkład mieszkańców według rodzaju w kolejnych latach"),
        layout="bars",
        columns=[
            Column("year", str(YEAR), TEXT),
            Column("social_work_value", str(SOCIAL_WORK), MONEY),
            Column("in_kind_value", str(IN_KIND), MONEY),
            Column("financial_value", str(FINANCIAL), MONEY),
            Column("residents_contribution", str(RESIDENTS), MONEY),
        ],
        rows=[
            [
                row.label,
                row.social_work_value,
                row.in_kind_value,
                row.financial_value,
                row.residents_contribution,
            ]
            for row in figures.by_year
        ],
        drawn=(1, 2, 3),
    )


def initiatives_by_municipality(figures):
    return Chart(
        key="gminy",
        title=_("Zrealizowane inicjatywy w gminach"),
        layout="bars",
        columns=_figure_columns(Column("municipality", _("Gmina"), TEXT)),
        rows=[_figure_row(row) for row in figures.by_municipality],
        drawn=(1,),
    )


def initiatives_by_area(figures):
    return Chart(
        key="obszary-zadan",
        title=_("Zrealizowane inicjatywy według obszaru zadań"),
        layout="bars",
        columns=_figure_columns(Column("task_area", _("Obszar zadań"), TEXT)),
        rows=[_figure_row(row) for row in figures.by_area],
        drawn=(1,),
    )


def calls_by_year(figures):
    return Chart(
        key="nabory-wg-lat",
        title=_("Nabory wniosków według roku realizacji zadań"),
        layout="columns",
        columns=[Column("year", str(YEAR), TEXT), Column("calls", _("Nabory"))],
        rows=[[str(year), count] for year, count in figures.calls_by_year],
        drawn=(1,),
    )


CHARTS = (
    initiatives_by_year,
    contribution_by_year,
    initiatives_by_municipality,
    initiatives_by_area,
    calls_by_year,
)
CHART_KEYS = (
    "inicjatywy-wg-lat",
    "wklad-mieszkancow-wg-lat",
    "gminy",
    "obszary-zadan",
    "nabory-wg-lat",
)


def charts(figures):
    """Every chart of ``figures``, laid out, in the active language."""
    return [lay_out(build(figures)) for build in CHARTS]


def chart(figures, key):
    """The chart at ``key``, or None."""
    for build in CHARTS:
        made = build(figures)
        if made.key == key:
            return lay_out(made)
    return None
