"""Open data: the API and the listings' CSV and JSON downloads give what the listings show
(docs/open-data.md)."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from municipalities.models import CallMode, CallPage
from portal.canonical import canonical_url
from portal.models import TaskArea
from portal.opendata import CSV_BOM, safe_cell

from .test_call_listings import call_index, calls, make_call  # noqa: F401 - a fixture
from .test_call_listings import titles as call_titles
from .test_gallery_listings import initiatives, make_initiative  # noqa: F401 - a fixture
from .test_gallery_listings import titles as gallery_titles

pytestmark = pytest.mark.django_db

NETWORK_HOST = "localhost"
A_HOST = "ruda-slaska.localhost"
CALLS_API = "/api/v1/calls/"
INITIATIVES_API = "/api/v1/initiatives/"


@pytest.fixture(autouse=True)
def generous_limit(settings):
    """Most tests ask many times; the rate-limit test sets its own limit."""
    settings.PORTAL_OPEN_DATA_LIMIT = 100_000
    cache.clear()


def get(client, path, host=NETWORK_HOST, **params):
    return client.get(path, params, HTTP_HOST=host)


def api(client, path, **params):
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    return response.json()


def csv_rows(response):
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith(CSV_BOM)
    return list(csv.DictReader(io.StringIO(text[len(CSV_BOM) :])))


def download_titles(client, listing, host=NETWORK_HOST, **params):
    """The titles in the listing's CSV and JSON downloads (must be the same)."""
    rows = csv_rows(get(client, listing + "pobierz/csv/", host, **params))
    data = json.loads(get(client, listing + "pobierz/json/", host, **params).content)
    from_csv = [row["title"] for row in rows]
    assert from_csv == [record["title"] for record in data["results"]]
    return from_csv


CALL_FILTERS = [
    {},
    {"status": "all"},
    {"status": "closing_soon"},
    {"status": "upcoming"},
    {"municipality": "czeladz"},
    {"area": "education"},
    {"county": "będziński", "status": "upcoming"},
    {"municipality": "ruda-slaska", "area": "education", "status": "closed"},
    {"status": "no-such-status", "area": "education"},
]


@pytest.mark.parametrize("params", CALL_FILTERS, ids=str)
def test_calls_api_and_downloads_give_what_the_listing_shows(client, calls, params):  # noqa: F811
    shown = call_titles(get(client, "/nabory/", **params))

    assert [c["title"] for c in api(client, CALLS_API, **params)["results"]] == shown
    assert download_titles(client, "/nabory/", **params) == shown


INITIATIVE_FILTERS = [
    {},
    {"stage": "wszystkie"},
    {"year": "2024"},
    {"area": "nature"},
    {"municipality": "czeladz"},
    {"county": "będziński"},
    {"year": "2024", "area": "sport_tourism", "municipality": "ruda-slaska"},
    {"year": "no-such-year", "district": "Halemba"},
]


@pytest.mark.parametrize("params", INITIATIVE_FILTERS, ids=str)
def test_initiatives_api_and_downloads_give_what_the_listing_shows(
    client,
    initiatives,  # noqa: F811
    params,
):
    shown = gallery_titles(get(client, "/inicjatywy/", **params))

    assert [i["title"] for i in api(client, INITIATIVES_API, **params)["results"]] == shown
    assert download_titles(client, "/inicjatywy/", **params) == shown


def test_municipal_listings_offer_their_own_downloads(client, calls, initiatives):  # noqa: F811
    shown_calls = call_titles(get(client, "/nabory/", A_HOST))
    shown_gallery = gallery_titles(get(client, "/zrealizowane-inicjatywy/", A_HOST, year="2024"))

    assert download_titles(client, "/nabory/", A_HOST) == shown_calls
    assert download_titles(client, "/zrealizowane-inicjatywy/", A_HOST, year="2024") == (
        shown_gallery
    )


def test_listing_links_to_its_downloads_with_its_filters(client, calls):  # noqa: F811
    html = get(client, "/nabory/", status="all", area="education", page="1").content.decode()

    assert 'href="/nabory/pobierz/csv/?status=all&amp;area=education"' in html
    assert 'href="/nabory/pobierz/json/?status=all&amp;area=education"' in html
    assert "Pobierz CSV" in html
    assert "CC BY 4.0" in html


def test_downloads_hold_every_page_of_results(client, network):
    for number in range(15):
        make_call(network.a, f"Nabór {number:02}", closes=30 + number)

    assert len(call_titles(get(client, "/nabory/"))) == 12
    assert len(download_titles(client, "/nabory/")) == 15


# The records ------------------------------------------------------------------------------


def test_call_record_fields(client, network):
    call = make_call(
        network.a,
        "Zielone podwórka",
        opens=-10,
        closes=2,
        areas=["education"],
        summary="Krótki opis.",
        year=2026,
        pool_total=Decimal("100000.00"),
        pool_remaining=Decimal("25000.50"),
        accepts_in_kind=False,
    )

    data = api(client, CALLS_API)
    (record,) = data["results"]

    assert record["id"] == str(call.translation_key)
    assert record["page_id"] == call.pk
    assert record["url"] == canonical_url(call)
    assert record["url"].endswith(f"/nabory/{call.slug}/")
    assert record["url"].startswith(f"http://{A_HOST}")  # on the municipality's own host
    assert record["municipality"] == {
        "slug": "ruda-slaska",
        "name": network.a.name,
        "terc": network.a.terc,
        "county": network.a.county,
    }
    assert record["status"] == {"code": "closing_soon", "label": "nabór wkrótce się kończy"}
    assert record["days_left"] == 3
    assert record["closes_on"] == (timezone.localdate() + timedelta(days=2)).isoformat()
    assert record["pool_total"] == 100000.0
    assert record["pool_remaining"] == 25000.5
    assert record["task_areas"] == [
        {"key": "education", "name": TaskArea.objects.get(key="education").name_pl}
    ]
    assert record["contribution_forms"] == ["social_work", "financial"]
    assert data["licence"]["name"] == "CC BY 4.0"
    assert data["language"] == "pl"


def test_initiative_record_fields(client, network):
    initiative = make_initiative(
        network.a,
        "Ogród sąsiedzki",
        year=2024,
        latitude=Decimal("50.256000"),
        longitude=Decimal("18.856000"),
        municipal_contribution=Decimal("10000"),
        social_work_value=Decimal("3600"),
        in_kind_value=Decimal("500"),
        social_work_hours=Decimal("120"),
    )

    (record,) = api(client, INITIATIVES_API)["results"]

    assert record["id"] == str(initiative.translation_key)
    assert record["url"] == canonical_url(initiative)
    assert record["url"].startswith(f"http://{A_HOST}")
    assert record["stage"]["code"] == "completed"
    assert record["year"] == 2024
    assert record["location"] == {"lat": 50.256, "lon": 18.856}
    assert record["contributions"]["residents"] == 4100.0
    assert record["contributions"]["municipal"] == 10000.0
    assert record["task_area"]["key"] == "education"


def test_language_parameter_chooses_the_listing(client, network):
    make_call(network.a, "Nabór po polsku")

    assert [c["title"] for c in api(client, CALLS_API)["results"]] == ["Nabór po polsku"]
    english = get(client, CALLS_API, lang="en")
    # In English the listing shows the Polish call where no translation is live (issue 15's
    # fallback), and the record says its language.
    assert english.status_code == 200
    results = english.json()["results"]
    assert [(c["title"], c["language"]) for c in results] == [("Nabór po polsku", "pl")]


# What is left out -------------------------------------------------------------------------


def test_drafts_restricted_pages_and_former_members_are_left_out(client, network):
    make_call(network.a, "Jawny")
    make_call(network.a, "Szkic", live=False)
    hidden = make_call(network.a, "Za hasłem")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    make_call(network.b, "Gminy, która odeszła")
    make_initiative(network.a, "Jawna inicjatywa")
    make_initiative(network.a, "Szkic inicjatywy", live=False)
    make_initiative(network.b, "Inicjatywa gminy, która odeszła")
    network.b.membership_end = timezone.localdate()
    network.b.save()

    assert [c["title"] for c in api(client, CALLS_API)["results"]] == ["Jawny"]
    assert [i["title"] for i in api(client, INITIATIVES_API)["results"]] == ["Jawna inicjatywa"]
    assert download_titles(client, "/nabory/") == ["Jawny"]
    assert download_titles(client, "/inicjatywy/") == ["Jawna inicjatywa"]
    assert "Za hasłem" not in get(client, "/nabory/pobierz/csv/", A_HOST).content.decode()


# Pagination and hostile input -------------------------------------------------------------


def test_api_pagination(client, network):
    for number in range(7):
        make_call(network.a, f"Nabór {number}", closes=10 + number)

    first = api(client, CALLS_API, page_size="3")
    last = api(client, CALLS_API, page_size="3", page="3")

    assert (first["count"], first["num_pages"], first["page"]) == (7, 3, 1)
    assert [c["title"] for c in first["results"]] == ["Nabór 0", "Nabór 1", "Nabór 2"]
    assert first["previous"] is None
    assert "page=2" in first["next"] and "page_size=3" in first["next"]
    assert [c["title"] for c in last["results"]] == ["Nabór 6"]
    assert last["next"] is None


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "abc"}, "Numer strony"),
        ({"page": "0"}, "Numer strony"),
        ({"page": "-1"}, "Numer strony"),
        ({"page": "9" * 40}, "Numer strony"),
        ({"page": "5"}, "Nie ma strony 5"),
        ({"page_size": "100000"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "dużo"}, "page_size"),
        ({"lang": "xx"}, "Nieznany język"),
    ],
    ids=str,
)
def test_bad_parameters_are_a_400_with_a_message(client, network, params, message):
    make_call(network.a, "Jedyny")

    response = get(client, CALLS_API, **params)

    assert response.status_code == 400
    assert message in response.json()["error"]


def test_unknown_filter_values_are_ignored_and_named(client, network):
    make_call(network.a, "Jedyny", year=2026)

    data = api(
        client, CALLS_API, year="dwa tysiące", municipality="atlantyda", area="x", status="y"
    )

    assert [c["title"] for c in data["results"]] == ["Jedyny"]
    assert set(data["ignored"]) == {"year", "municipality", "area", "status"}
    assert "Pokazujemy" in data["ignored"]["municipality"]
    assert api(client, INITIATIVES_API, year="abc", page_size="7")["ignored"].keys() == {"year"}


def test_calls_api_filters_by_year(client, network):
    make_call(network.a, "Na ten rok", year=2026)
    make_call(network.a, "Na przyszły rok", year=2027)

    titles = [c["title"] for c in api(client, CALLS_API, year="2027")["results"]]

    assert titles == ["Na przyszły rok"]


def test_only_get_and_head(client, network):
    assert client.post(CALLS_API, HTTP_HOST=NETWORK_HOST).status_code == 405


# CSV --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://zło")', '\'=HYPERLINK("http://zło")'),
        ("+48 123", "'+48 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Zwykły tekst", "Zwykły tekst"),
        (Decimal("-1.5"), "-1.5"),
        (None, ""),
        (True, "true"),
    ],
)
def test_csv_cells_never_start_a_formula(value, cell):
    assert safe_cell(value) == cell


def test_csv_download_is_excel_ready_and_escaped(client, network):
    make_call(network.a, "=cmd|' /C calc'!A0", summary="@SUM(1+1)*cmd")

    response = get(client, "/nabory/pobierz/csv/")
    (row,) = csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    assert "attachment" in response["Content-Disposition"]
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["summary"] == "'@SUM(1+1)*cmd"
    assert row["municipality_name"] == network.a.name
    assert "CC BY 4.0" in row["licence"]
    assert "Śląska" in response.content.decode("utf-8")


# Caching and rate limit -------------------------------------------------------------------


def test_answers_are_public_and_cacheable(client, network):
    make_call(network.a, "Jawny")

    api_response = get(client, CALLS_API)
    download = get(client, "/nabory/pobierz/csv/")

    assert "public" in api_response["Cache-Control"]
    assert "s-maxage=300" in api_response["Cache-Control"]
    assert "public" in download["Cache-Control"]
    assert "s-maxage" in download["Cache-Control"]


def test_listing_purges_its_downloads(network):
    from municipalities.models import CallNetworkIndexPage

    page = CallNetworkIndexPage.objects.live().first()

    assert {"pobierz/csv/", "pobierz/json/", "kalendarz/"} <= set(page.get_cached_paths())


def test_rate_limit_answers_429_with_a_translated_message(client, network, settings):
    settings.PORTAL_OPEN_DATA_LIMIT = 3
    cache.clear()

    answers = [get(client, CALLS_API).status_code for _ in range(3)]
    refused = get(client, CALLS_API)
    download = get(client, "/nabory/pobierz/json/")
    english = get(client, CALLS_API, lang="en")

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert "Zbyt wiele zapytań" in refused.json()["error"]
    assert refused["Retry-After"] == "60"
    assert "private" in refused["Cache-Control"]
    assert download.status_code == 429
    assert english.status_code == 429
    assert "Too many data requests" in english.json()["error"]


# Query counts -----------------------------------------------------------------------------


def add_calls(municipality, count):
    """``count`` open calls, saved straight into the tree (no revisions): cheap enough for
    hundreds."""
    parent = call_index(municipality)
    area = TaskArea.objects.first()
    today = timezone.localdate()
    now = timezone.now()
    for number in range(count):
        call = parent.add_child(
            instance=CallPage(
                title=f"Nabór seryjny {number}",
                slug=f"seryjny-{number}",
                summary="Opis.",
                municipality=municipality,
                mode=CallMode.ROUND,
                year=today.year,
                opens_on=today - timedelta(days=5),
                closes_on=today + timedelta(days=20 + number % 30),
                pool_total=Decimal(1000),
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
        call.task_areas.add(area)


def count_queries(client, path, **params):
    get(client, path, **params)
    with CaptureQueriesContext(connection) as queries:
        response = get(client, path, **params)
    assert response.status_code == 200, response.content
    return len(queries)


def test_api_query_counts_stay_flat_from_5_to_500_calls(client, network):
    add_calls(network.a, 5)
    small = {
        "api": count_queries(client, CALLS_API, page_size="200"),
        "csv": count_queries(client, "/nabory/pobierz/csv/"),
    }

    add_calls(network.b, 495)
    grown = {
        "api": count_queries(client, CALLS_API, page_size="200"),
        "csv": count_queries(client, "/nabory/pobierz/csv/"),
    }

    assert grown == small
    assert small["api"] <= 12
    assert api(client, CALLS_API)["count"] == 500
