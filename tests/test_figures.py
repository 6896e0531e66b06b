""" "GZM w liczbach": the network's figures, charted, each chart with its table and its CSV.

The figures must be what the network's own listings count for the same data ("Zrealizowane
inicjatywy w GZM", "Nabory w GZM"), so the tests compare the page with those listings as
well as with values worked out here from what the tests create.
"""

import csv
import io
import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, PageViewRestriction

import pytest

from municipalities.factories import CallPageFactory, InitiativePageFactory
from municipalities.figures.charts import CHARACTER, CHART_KEYS, WIDTH, charts
from municipalities.figures.counts import count_figures
from municipalities.models import CallIndexPage, CallPage, FiguresPage, GalleryPage, InitiativeStage
from municipalities.onboarding import FIGURES_SLUG, ensure_network
from portal.collation import polish_key
from portal.models import TaskArea

from .cache_helpers import forget_cached_content

pytestmark = pytest.mark.django_db

HOST = "localhost"
PAGE = f"/{FIGURES_SLUG}/"
TABLE = re.compile(r'<table class="data-table">(.*?)</table>', re.S)
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def gallery(municipality):
    return GalleryPage.objects.child_of(municipality.root_page).get()


def call_list(municipality):
    return CallIndexPage.objects.child_of(municipality.root_page).get()


def initiative(municipality, year, area="education", **fields):
    values = {
        "municipal_contribution": Decimal(10000),
        "social_work_hours": Decimal("100.5"),
        "social_work_value": Decimal(3000),
        "in_kind_value": Decimal(1000),
        "financial_value": Decimal(500),
        "residents_involved": 10,
    }
    values.update(fields)
    return InitiativePageFactory(
        parent=gallery(municipality),
        year=year,
        task_area=TaskArea.objects.get(key=area),
        **values,
    )


def get(client, path, **params):
    response = client.get(path, params, HTTP_HOST=HOST)
    assert response.status_code == 200, path
    return response


@pytest.fixture
def content(network):
    """Three completed initiatives of the two members, one under way, and three calls."""
    initiative(network.a, 2023, "education")
    initiative(network.a, 2024, "nature", social_work_value=Decimal("2500.50"))
    initiative(network.b, 2024, "education", financial_value=Decimal(0), residents_involved=4)
    initiative(network.b, 2024, stage=InitiativeStage.IN_PROGRESS)  # not completed
    today = timezone.localdate()
    CallPageFactory(parent=call_list(network.a), municipality=network.a)  # open today
    CallPageFactory(
        parent=call_list(network.b),
        municipality=network.b,
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=350),
        year=today.year - 1,
    )
    CallPageFactory(  # upcoming
        parent=call_list(network.b),
        municipality=network.b,
        opens_on=today + timedelta(days=30),
        year=today.year + 1,
    )
    return network


def figures_pl():
    return count_figures(Locale.objects.get(language_code="pl").pk)


def as_dict(totals):
    return {name: Decimal(value) for name, value in vars(totals).items()}


# The page and where it comes from ----------------------------------------------------------


def test_network_has_the_page_in_every_language(network):
    pages = FiguresPage.objects.live().child_of(network.home)
    assert pages.get().slug == FIGURES_SLUG
    titles = {page.locale.language_code: page.title for page in FiguresPage.objects.live()}
    assert titles == {"pl": "GZM w liczbach", "en": "GZM in figures", "uk": "ГЗМ у цифрах"}

    ensure_network()  # again: nothing is added
    assert FiguresPage.objects.count() == 3


@pytest.mark.parametrize(
    ("prefix", "heading", "ui"),
    [
        ("", "GZM w liczbach", "Dane wykresu"),
        ("/en", "GZM in figures", "Chart data"),
        ("/uk", "ГЗМ у цифрах", "Дані діаграми"),
    ],
)
def test_page_renders_in_each_language(client, content, prefix, heading, ui):
    html = get(client, prefix + PAGE).content.decode()

    assert f"<h1>{heading}</h1>" in html
    assert ui in html
    assert html.count('role="img"') == len(CHART_KEYS)


def test_totals_are_those_of_the_network_gallery(client, content):
    page = get(client, PAGE)
    listing = get(client, "/inicjatywy/")

    assert as_dict(page.context["totals"]) == as_dict(listing.context["totals"])
    assert as_dict(page.context["totals"]) == {
        "initiatives": 3,
        "residents_contribution": Decimal("3000")
        + 1000
        + 500
        + Decimal("2500.50")
        + 1000
        + 500
        + 3000
        + 1000,
        "municipal_contribution": Decimal(30000),
        "social_work_hours": Decimal("301.5"),
        "residents_involved": 24,
    }


def test_calls_are_those_of_the_network_calls_listing(client, content):
    figures = figures_pl()
    every_call = get(client, "/nabory/", status="all").context["calls"].paginator.count
    open_calls = get(client, "/nabory/").context["calls"]

    assert sum(count for _year, count in figures.calls_by_year) == every_call == 3
    open_in = {call.municipality_id for call in open_calls}
    assert figures.municipalities_with_open_call == len(open_in) == 1


def test_figures_per_year_municipality_and_area(content):
    figures = figures_pl()

    by_year = {row.label: row for row in figures.by_year}
    assert list(by_year) == ["2023", "2024"]
    assert by_year["2024"].initiatives == 2
    assert by_year["2024"].social_work_value == Decimal("5500.50")
    assert by_year["2024"].financial_value == Decimal(500)
    names = [row.label for row in figures.by_municipality]
    assert names == sorted(names, key=polish_key)
    assert {row.label: row.initiatives for row in figures.by_municipality} == {
        content.a.name: 2,
        content.b.name: 1,
    }
    assert [(row.label, row.initiatives) for row in figures.by_area] == [
        (TaskArea.objects.get(key=key).name, count)
        for key, count in sorted(
            [("education", 2), ("nature", 1)],
            key=lambda pair: TaskArea.objects.get(key=pair[0]).sort_order,
        )
    ]
    years = Counter(
        CallPage.objects.filter(locale__language_code="pl").values_list("year", flat=True)
    )
    assert figures.calls_by_year == sorted(years.items())


def test_former_members_drafts_and_restricted_pages_are_not_counted(client, content):
    before = figures_pl()
    InitiativePageFactory(parent=gallery(content.a), year=2024, live=False)
    hidden = initiative(content.a, 2024)
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    assert as_dict(figures_pl().totals) == as_dict(before.totals)

    content.b.membership_end = date.today() - timedelta(days=1)
    content.b.save()
    after = figures_pl()
    assert [row.label for row in after.by_municipality] == [content.a.name]
    assert after.totals.initiatives == 2
    # b's calls go too: only a's open call is left.
    assert sum(count for _year, count in after.calls_by_year) == 1
    forget_cached_content()
    listing = get(client, "/inicjatywy/")
    assert as_dict(get(client, PAGE).context["totals"]) == as_dict(listing.context["totals"])


# Charts, tables and downloads --------------------------------------------------------------


def table_rows(html, key):
    """The rows of the data table of chart ``key``, as cell texts."""
    figure = html[html.index(f'<figure class="figures-chart" id="{key}">') :]
    table = TABLE.search(figure).group(1)
    return [CELL.findall(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def number(text):
    """A table cell's number as the CSV writes it: "5 500,50 zł" → Decimal("5500.50")."""
    cleaned = text.replace("\xa0", "").replace(" ", "").replace("zł", "").replace(",", ".")
    return Decimal(cleaned)


@pytest.mark.parametrize("key", CHART_KEYS)
def test_each_chart_has_a_caption_an_accessible_svg_a_table_and_a_csv(client, content, key):
    html = get(client, PAGE).content.decode()
    figure = html[html.index(f'<figure class="figures-chart" id="{key}">') :]
    figure = figure[: figure.index("</figure>")]

    assert f'<figcaption id="{key}-caption">' in figure
    assert f'role="img" aria-labelledby="{key}-caption"' in figure
    assert "<caption" in figure
    assert '<th scope="col"' in figure
    assert '<th scope="row">' in figure
    assert f'href="{PAGE}pobierz/csv/{key}/"' in figure

    response = client.get(f"{PAGE}pobierz/csv/{key}/", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, records = rows[0], rows[1:]
    assert header[-1] == "licence"
    table = table_rows(html, key)
    assert len(table) == len(records) + 1  # the table's head row
    for cells, record in zip(table[1:], records, strict=True):
        assert cells[0] == record[0]
        assert [number(cell) for cell in cells[1:]] == [Decimal(value) for value in record[1:-1]]


def test_csv_of_municipalities_holds_the_figures(client, content):
    response = client.get(f"{PAGE}pobierz/csv/gminy/", HTTP_HOST=HOST)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert {row["municipality"]: int(row["initiatives"]) for row in rows} == {
        content.a.name: 2,
        content.b.name: 1,
    }
    assert 'filename="gzm-w-liczbach-gminy-pl.csv"' in response["Content-Disposition"]


def test_unknown_chart_is_not_found(client, network):
    assert client.get(f"{PAGE}pobierz/csv/nie-ma/", HTTP_HOST=HOST).status_code == 404


def test_chart_keys_name_every_chart(content):
    assert tuple(chart.key for chart in charts(figures_pl())) == CHART_KEYS


def test_amounts_are_written_the_way_each_language_writes_them(client, content):
    pl = get(client, PAGE).content.decode()
    en = get(client, "/en" + PAGE).content.decode()

    assert "5\xa0500,50\xa0zł" in pl  # 2024's social work
    assert "PLN\xa05,500.50" in en


def test_an_empty_network_says_there_is_nothing_to_show(client, network):
    html = get(client, PAGE).content.decode()
    assert "Brak danych do pokazania." in html
    assert 'role="img"' not in html


# The network home ---------------------------------------------------------------------------


def test_network_home_shows_key_figures_and_links_to_the_page(client, content):
    html = get(client, "/").content.decode()
    box = html[html.index('aria-labelledby="key-figures-heading"') :]
    box = box[: box.index("</section>")]

    assert "<dd>3</dd>" in box  # completed initiatives
    assert "Gminy z trwającym naborem wniosków" in box
    assert "<dd>1</dd>" in box
    assert f'href="{PAGE}"' in box
    en = get(client, "/en/").content.decode()
    assert f'href="/en{PAGE}"' in en
    assert "Municipalities with an open call" in en


# What it costs ------------------------------------------------------------------------------


def counted(locale_id):
    with CaptureQueriesContext(connection) as queries:
        count_figures(locale_id)
    return len(queries)


def test_counting_takes_the_same_queries_however_much_content(network):
    locale_id = Locale.objects.get(language_code="pl").pk
    for _ in range(5):
        initiative(network.a, 2024)
    with_five = counted(locale_id)
    for position in range(45):
        initiative(network.b if position % 2 else network.a, 2015 + position % 10)

    assert counted(locale_id) == with_five <= 7


def page_queries(client, path):
    get(client, path)  # the sites' settings rows are made on a first visit
    forget_cached_content()
    with CaptureQueriesContext(connection) as queries:
        get(client, path)
    return len(queries)


def test_page_rendered_afresh_takes_the_same_queries_with_5_and_50_initiatives(client, network):
    for _ in range(5):
        initiative(network.a, 2024)
    small = page_queries(client, PAGE)
    for position in range(45):
        initiative(network.b, 2015 + position % 10, area="nature" if position % 3 else "education")

    assert page_queries(client, PAGE) == small


def test_bars_leave_room_for_their_values_and_many_years_lie_down(network):
    for position in range(12):
        initiative(
            network.a,
            2010 + position,
            social_work_value=Decimal("1234567.89") * (position + 1),
        )
    laid_out = {chart.key: chart for chart in charts(figures_pl())}

    by_year = laid_out["inicjatywy-wg-lat"]
    assert len(by_year.shape["bars"]) == 12
    assert by_year.shape["anchor"] == "start"  # twelve years: lying bars, not columns
    for chart in laid_out.values():
        for bar in chart.shape.get("bars", []):  # no calls: no bars
            end = bar["value"]["x"] + len(bar["value_text"]) * CHARACTER
            assert end <= WIDTH, (chart.key, bar["value_text"])
