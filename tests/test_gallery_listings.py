"""Where residents see what neighbours built: a municipality's gallery, the network's
"Zrealizowane inicjatywy w GZM" page with its filters and totals, and the initiative page.

Expected totals are worked out here from the values the test gives the initiatives, not by
the code under test.
"""

import json
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from municipalities.factories import CallPageFactory, InitiativePageFactory, InitiativePhotoFactory
from municipalities.gallery.listing import INITIATIVES_PER_PAGE, PHOTO_FILTER_SPECS, totals
from municipalities.models import (
    CallIndexPage,
    GalleryPage,
    InitiativePage,
    InitiativeStage,
    PhotoRole,
)
from portal.factories import DocumentFactory, ImageFactory
from portal.models import TaskArea

from .cache_helpers import forget_cached_content

pytestmark = pytest.mark.django_db

NETWORK_HOST = "localhost"
NETWORK_GALLERY = "/inicjatywy/"
A_HOST = "ruda-slaska.localhost"
A_GALLERY = "/zrealizowane-inicjatywy/"
CARD_TITLE = re.compile(r'<h[23] class="card__title"><a href="[^"]*">([^<]+)</a>')
IMG = re.compile(r"<img [^>]*>")


def gallery(municipality):
    return GalleryPage.objects.child_of(municipality.root_page).get()


def area(key):
    return TaskArea.objects.get(key=key)


def make_initiative(municipality, title, *, area_key="education", parent=None, **fields):
    return InitiativePageFactory(
        parent=parent or gallery(municipality),
        title=title,
        task_area=area(area_key),
        **fields,
    )


def get(client, path, host=NETWORK_HOST, **params):
    return client.get(path, params, HTTP_HOST=host)


def titles(response):
    assert response.status_code == 200
    return CARD_TITLE.findall(response.content.decode())


# Data: two municipalities, three years, three areas, two districts -------------------------

MADE = {
    # title: (municipality, year, area, district, contributions)
    "A Ogród 2024": ("a", 2024, "nature", "Halemba", ("10000", "120", "3600", "500", "0", 12)),
    "A Boisko 2024": (
        "a",
        2024,
        "sport_tourism",
        "Bielszowice",
        ("25000.50", "300.5", "9015", "1200", "350.25", 40),
    ),
    "A Mural 2023": ("a", 2023, "education", "Halemba", ("8000", "80", "2400", "0", "100", 9)),
    "A Ławki 2025": ("a", 2025, "nature", "", ("3000", "16", "480", "900", "0", 5)),
    "B Plac 2024": ("b", 2024, "sport_tourism", "Piaski", ("40000", "410", "12300", "0", "0", 55)),
    "B Warsztaty 2023": ("b", 2023, "education", "", ("5000", "60", "1800", "250", "500", 20)),
}


def contributions(values):
    municipal, hours, work, in_kind, money, people = values
    return {
        "municipal_contribution": Decimal(municipal),
        "social_work_hours": Decimal(hours),
        "social_work_value": Decimal(work),
        "in_kind_value": Decimal(in_kind),
        "financial_value": Decimal(money),
        "residents_involved": people,
    }


@pytest.fixture
def initiatives(network):
    made = {}
    for title, (which, year, area_key, district, values) in MADE.items():
        made[title] = make_initiative(
            getattr(network, which),
            title,
            area_key=area_key,
            year=year,
            district=district,
            **contributions(values),
        )
    return made


def expected_totals(titles_):
    """The totals, summed here in plain Python from ``MADE``."""
    rows = [contributions(MADE[title][4]) for title in titles_]
    return {
        "initiatives": len(rows),
        "residents_contribution": sum(
            (r["social_work_value"] + r["in_kind_value"] + r["financial_value"] for r in rows),
            Decimal(0),
        ),
        "municipal_contribution": sum((r["municipal_contribution"] for r in rows), Decimal(0)),
        "social_work_hours": sum((r["social_work_hours"] for r in rows), Decimal(0)),
        "residents_involved": sum(r["residents_involved"] for r in rows),
    }


def as_dict(result):
    return {
        "initiatives": result.initiatives,
        "residents_contribution": result.residents_contribution,
        "municipal_contribution": result.municipal_contribution,
        "social_work_hours": result.social_work_hours,
        "residents_involved": result.residents_involved,
    }


# The network gallery: filters, order, totals ----------------------------------------------

ALL = ["A Ławki 2025", "A Boisko 2024", "A Ogród 2024", "B Plac 2024", "A Mural 2023"]
ALL.append("B Warsztaty 2023")

NETWORK_CASES = [
    ({}, ALL),
    ({"year": "2024"}, ["A Boisko 2024", "A Ogród 2024", "B Plac 2024"]),
    ({"area": "education"}, ["A Mural 2023", "B Warsztaty 2023"]),
    ({"district": "Halemba"}, ["A Ogród 2024", "A Mural 2023"]),
    ({"municipality": "czeladz"}, ["B Plac 2024", "B Warsztaty 2023"]),
    ({"county": "miasto na prawach powiatu"}, [t for t in ALL if t.startswith("A")]),
    ({"county": "będziński"}, ["B Plac 2024", "B Warsztaty 2023"]),
    ({"year": "2024", "area": "sport_tourism"}, ["A Boisko 2024", "B Plac 2024"]),
    ({"year": "2024", "area": "sport_tourism", "municipality": "czeladz"}, ["B Plac 2024"]),
    ({"year": "2024", "district": "Halemba"}, ["A Ogród 2024"]),
    ({"area": "nature", "municipality": "ruda-slaska"}, ["A Ławki 2025", "A Ogród 2024"]),
    ({"county": "będziński", "year": "2023", "area": "education"}, ["B Warsztaty 2023"]),
    ({"municipality": "czeladz", "district": "Halemba"}, []),
    ({"year": "2025", "area": "education"}, []),
]


def case_id(value):
    if isinstance(value, dict):
        return "-".join(f"{k}={v}" for k, v in value.items()) or "no-filter"
    return None


@pytest.mark.parametrize(("params", "expected"), NETWORK_CASES, ids=case_id)
def test_network_filters(client, initiatives, params, expected):
    response = get(client, NETWORK_GALLERY, **params)

    assert titles(response) == expected
    assert f"Znalezione inicjatywy: {len(expected)}" in response.content.decode()


@pytest.mark.parametrize(("params", "expected"), NETWORK_CASES, ids=case_id)
def test_network_totals_add_up(client, initiatives, params, expected):
    response = get(client, NETWORK_GALLERY, **params)

    assert as_dict(response.context["totals"]) == expected_totals(expected)


def test_network_totals_are_one_query(initiatives, network):
    listed = InitiativePage.objects.published(gallery(network.a).locale_id).of_members()
    with CaptureQueriesContext(connection) as queries:
        result = totals(listed)

    assert len(queries) == 1
    assert as_dict(result) == expected_totals(ALL)


def test_totals_are_written_out(client, initiatives):
    html = get(client, NETWORK_GALLERY, year="2024").content.decode()
    box = html[html.index('class="gallery-totals"') :]
    box = box[: box.index("</section>")]

    # 2024: residents 3600+500 + 9015+1200+350.25 + 12300 = 26965.25; municipal 75000.50
    assert "Razem dla wybranych filtrów" in box
    assert "26\xa0965,25\xa0zł" in box
    assert "75\xa0000,50\xa0zł" in box
    assert "830,5" in box  # hours: 120 + 300.5 + 410
    assert "<dd>107</dd>" in box  # residents involved: 12 + 40 + 55


def test_network_cards_show_municipality_year_area_and_contribution(client, initiatives):
    html = get(client, NETWORK_GALLERY, municipality="czeladz").content.decode()
    card = html[html.index(">B Plac 2024<") - 400 : html.index(">B Plac 2024<") + 900]

    assert "Czeladź" in card
    assert "<dd>2024</dd>" in card
    assert "Sport i turystyka" in card
    assert "12\xa0300\xa0zł" in card


def test_network_filter_form_offers_years_and_districts_from_the_gallery(client, initiatives):
    html = get(client, NETWORK_GALLERY, year="2023").content.decode()

    for field in ("municipality", "county", "year", "area", "district"):
        assert f'<label for="id_{field}">' in html
    assert html.index('id="id_municipality"') < html.index('id="id_year"')
    assert '<option value="2023" selected>2023</option>' in html
    assert '<option value="2025">2025</option>' in html
    assert '<option value="2022">' not in html
    assert '<option value="Bielszowice">Bielszowice</option>' in html
    assert '<option value="czeladz">Czeladź</option>' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "W galerii nie ma inicjatyw z takiego roku"),
        ({"year": "1999"}, "W galerii nie ma inicjatyw z takiego roku"),
        ({"area": "<script>alert(1)</script>"}, "Nie ma takiego obszaru zadań"),
        ({"district": "Atlantyda"}, "W galerii nie ma inicjatyw z takiej dzielnicy"),
        ({"municipality": "atlantyda"}, "Nie ma takiej gminy w sieci GZM"),
        ({"county": "' OR 1=1 --"}, "Nie ma takiego powiatu"),
    ],
)
def test_bad_filter_values_are_reported_and_ignored(client, initiatives, params, message):
    response = get(client, NETWORK_GALLERY, **params)
    html = response.content.decode()

    assert titles(response) == ALL
    assert message in html
    assert 'role="alert"' in html
    assert "<script>alert(1)</script>" not in html
    assert as_dict(response.context["totals"]) == expected_totals(ALL)


def test_one_bad_filter_leaves_the_good_ones_working(client, initiatives):
    response = get(client, NETWORK_GALLERY, municipality="czeladz", year="abc", area="xyz")

    assert titles(response) == ["B Plac 2024", "B Warsztaty 2023"]
    assert as_dict(response.context["totals"]) == expected_totals(titles(response))


def test_nothing_matches_gives_a_helpful_message(client, initiatives):
    html = get(client, NETWORK_GALLERY, year="2025", area="education").content.decode()

    assert "Znalezione inicjatywy: 0" in html
    assert "Żadna inicjatywa nie pasuje do wybranych filtrów." in html
    assert 'href="/inicjatywy/">Pokaż wszystkie inicjatywy w GZM</a>' in html


def test_network_gallery_leaves_out_drafts_other_languages_and_former_members(client, network):
    make_initiative(network.a, "Opublikowana")
    make_initiative(network.a, "Szkic", live=False)

    assert titles(get(client, NETWORK_GALLERY)) == ["Opublikowana"]
    assert titles(get(client, "/en" + NETWORK_GALLERY)) == []


# The municipality's gallery ---------------------------------------------------------------

A_ALL = [t for t in ALL if t.startswith("A")]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, A_ALL),
        ({"year": "2024"}, ["A Boisko 2024", "A Ogród 2024"]),
        ({"area": "nature"}, ["A Ławki 2025", "A Ogród 2024"]),
        ({"district": "Halemba"}, ["A Ogród 2024", "A Mural 2023"]),
        ({"year": "2024", "area": "nature"}, ["A Ogród 2024"]),
        ({"year": "2023", "district": "Halemba"}, ["A Mural 2023"]),
        ({"year": "2024", "area": "nature", "district": "Halemba"}, ["A Ogród 2024"]),
        ({"area": "education", "district": "Bielszowice"}, []),
    ],
    ids=case_id,
)
def test_municipality_gallery_filters_and_totals(client, initiatives, params, expected):
    response = get(client, A_GALLERY, host=A_HOST, **params)

    assert titles(response) == expected
    assert as_dict(response.context["totals"]) == expected_totals(expected)


def test_municipality_gallery_offers_only_its_own_values(client, initiatives):
    html = get(client, A_GALLERY, host=A_HOST).content.decode()

    assert 'id="id_municipality"' not in html
    assert 'id="id_county"' not in html
    assert '<option value="Piaski">' not in html  # Czeladź's district
    assert '<option value="Halemba">Halemba</option>' in html
    assert "Czeladź</p>" not in html  # cards do not repeat the municipality


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "W galerii nie ma inicjatyw z takiego roku"),
        ({"year": "2030"}, "W galerii nie ma inicjatyw z takiego roku"),
        ({"area": "unknown"}, "Nie ma takiego obszaru zadań"),
        ({"district": "Piaski"}, "W galerii nie ma inicjatyw z takiej dzielnicy"),
        ({"municipality": "czeladz"}, None),  # not a filter here: ignored silently
    ],
)
def test_municipality_gallery_bad_values(client, initiatives, params, message):
    response = get(client, A_GALLERY, host=A_HOST, **params)

    assert titles(response) == A_ALL
    if message:
        assert message in response.content.decode()


def test_empty_gallery_says_so(client, network):
    response = get(client, A_GALLERY, host="czeladz.localhost")

    assert titles(response) == []
    assert "W galerii nie ma jeszcze zrealizowanych inicjatyw." in response.content.decode()


# Pagination -------------------------------------------------------------------------------


@pytest.fixture
def many_initiatives(network):
    parent = gallery(network.b)
    return [
        make_initiative(network.b, f"Inicjatywa {n:02d}", year=2024, parent=parent)
        for n in range(INITIATIVES_PER_PAGE + 2)
    ]


@pytest.mark.parametrize(
    ("path", "host"), [(NETWORK_GALLERY, NETWORK_HOST), (A_GALLERY, "czeladz.localhost")]
)
def test_listings_paginate_by_twelve(client, many_initiatives, path, host):
    first = get(client, path, host=host)
    second = get(client, path, host=host, page=2)

    assert titles(first) == [f"Inicjatywa {n:02d}" for n in range(INITIATIVES_PER_PAGE)]
    assert titles(second) == ["Inicjatywa 12", "Inicjatywa 13"]
    html = first.content.decode()
    assert "Znalezione inicjatywy: 14" in html
    assert 'href="?page=2" rel="next"' in html
    assert "Nie ma strony" not in html


@pytest.mark.parametrize(
    ("page", "expected_first", "notice"),
    [
        ("999", "Inicjatywa 12", "Nie ma strony „999” wyników. Pokazujemy stronę 2 z 2."),
        ("abc", "Inicjatywa 00", "Nie ma strony „abc” wyników. Pokazujemy stronę 1 z 2."),
        ("0", "Inicjatywa 12", "Nie ma strony „0”"),
        ("-1", "Inicjatywa 12", "Nie ma strony „-1”"),
        ("", "Inicjatywa 00", None),
    ],
)
def test_bad_page_numbers_answer_with_a_notice(
    client, many_initiatives, page, expected_first, notice
):
    response = get(client, NETWORK_GALLERY, page=page)

    assert titles(response)[0] == expected_first
    if notice:
        assert notice in response.content.decode()


def test_a_bad_page_on_an_empty_result_answers(client, network):
    response = get(client, NETWORK_GALLERY, page="7", year="abc")

    assert titles(response) == []
    assert "Nie ma strony „7”" in response.content.decode()


# Photos: responsive renditions ------------------------------------------------------------


def photo(municipality, alt, role="", width=1200, height=800, **fields):
    image = ImageFactory(collection=municipality.collection, file__width=width, file__height=height)
    return InitiativePhotoFactory.build(image=image, alt_text=alt, role=role, **fields)


def test_cards_render_responsive_pictures(client, network):
    make_initiative(
        network.a, "A pierwsza", year=2025, photos=[photo(network.a, "Nowy chodnik przy szkole")]
    )
    make_initiative(
        network.a,
        "B druga",
        year=2024,
        photos=[
            photo(network.a, "Skwer przed pracami", role=PhotoRole.BEFORE),
            photo(network.a, "Skwer po pracach: ławki i klomby", role=PhotoRole.AFTER),
        ],
    )
    html = get(client, NETWORK_GALLERY).content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)

    assert len(pictures) == 2
    first, second = pictures
    for picture in pictures:
        source = re.search(r"<source [^>]*>", picture).group(0)
        assert 'type="image/webp"' in source
        assert re.search(r'srcset="[^"]+\.webp 320w, [^"]+\.webp 640w, [^"]+\.webp 960w"', source)
        assert 'sizes="' in source
        img = IMG.search(picture).group(0)
        assert re.search(r'src="[^"]+\.jpg"', img)
        assert re.search(r'srcset="[^"]+ 320w, [^"]+ 640w, [^"]+ 960w"', img)
        assert 'width="320"' in img and 'height="213"' in img
        assert 'decoding="async"' in img
    assert 'alt="Nowy chodnik przy szkole"' in first
    assert 'loading="eager"' in first
    # The card shows the "after" photo, and images below the first card load lazily.
    assert 'alt="Skwer po pracach: ławki i klomby"' in second
    assert 'loading="lazy"' in IMG.search(second).group(0)


def test_a_small_original_offers_each_width_once(client, network):
    make_initiative(
        network.a, "Mała", photos=[photo(network.a, "Mała fotka", width=500, height=400)]
    )

    html = get(client, NETWORK_GALLERY).content.decode()
    img = IMG.search(html[html.index("<picture>") :]).group(0)

    assert re.search(r'srcset="[^"]+ 320w, [^"]+ 500w"', img)
    assert img.count("500w") == 1


def test_listing_prefetches_the_renditions_it_shows(client, network):
    make_initiative(network.a, "Z fotką", photos=[photo(network.a, "Fotka")])
    get(client, NETWORK_GALLERY)  # makes the renditions

    image = InitiativePage.objects.get(title="Z fotką").photos.get().image
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(PHOTO_FILTER_SPECS)


# Query count ------------------------------------------------------------------------------


def add_initiatives(network, count, start=0):
    """``count`` initiatives split between A and B, each with two small photos."""
    galleries = {network.a: gallery(network.a), network.b: gallery(network.b)}
    for n in range(start, start + count):
        municipality = network.a if n % 2 else network.b
        make_initiative(
            municipality,
            f"Inicjatywa masowa {n:03d}",
            slug=f"inicjatywa-masowa-{n:03d}",
            parent=galleries[municipality],
            year=2020 + n % 5,
            district="Centrum" if n % 3 else "",
            latitude=Decimal("50.25") if n % 2 else None,
            longitude=Decimal("18.95") if n % 2 else None,
            photos=[
                photo(municipality, f"Przed {n}", PhotoRole.BEFORE, width=64, height=48),
                photo(municipality, f"Po {n}", PhotoRole.AFTER, width=64, height=48),
            ],
        )


def count_queries(client, path, host=NETWORK_HOST, **params):
    """The queries of a cold render (see tests/test_call_listings.py): the first request makes
    the renditions and the rows made once, then the cached content is forgotten."""
    get(client, path, host=host, **params)
    forget_cached_content()
    with CaptureQueriesContext(connection) as queries:
        response = get(client, path, host=host, **params)
    assert response.status_code == 200
    return len(queries)


def test_network_listing_query_count_is_independent_of_the_number_of_initiatives(
    client, network, django_assert_max_num_queries
):
    add_initiatives(network, 5)
    with_five = count_queries(client, NETWORK_GALLERY)
    filtered_with_five = count_queries(client, NETWORK_GALLERY, year="2020", county="będziński")

    add_initiatives(network, 55, start=5)

    assert count_queries(client, NETWORK_GALLERY) == with_five
    assert count_queries(client, NETWORK_GALLERY, year="2020", county="będziński") == (
        filtered_with_five
    )
    assert count_queries(client, NETWORK_GALLERY, page=3) == with_five
    # 25: one reads the analytics setting of the consent banner (portal/consent.py).
    with django_assert_max_num_queries(25):
        get(client, NETWORK_GALLERY)


def test_municipality_gallery_query_count_is_independent_of_the_number_of_initiatives(
    client, network
):
    add_initiatives(network, 4)
    with_few = count_queries(client, A_GALLERY, host=A_HOST)

    add_initiatives(network, 30, start=4)

    assert count_queries(client, A_GALLERY, host=A_HOST) == with_few


# The map's data and its list --------------------------------------------------------------


def test_initiatives_with_a_point_are_listed_and_exposed_for_the_map(client, network):
    make_initiative(
        network.a,
        "Z punktem",
        year=2025,
        latitude=Decimal("50.255100"),
        longitude=Decimal("18.855600"),
    )
    make_initiative(network.b, "Bez punktu", year=2024)

    html = get(client, NETWORK_GALLERY).content.decode()
    data = re.search(
        r'<script id="initiative-map-points" type="application/json">(.*?)</script>', html
    ).group(1)

    assert json.loads(data) == [
        {
            "title": "Z punktem",
            "url": "/ruda-slaska/zrealizowane-inicjatywy/z-punktem/",
            "lat": 50.2551,
            "lng": 18.8556,
            "municipality": "Ruda Śląska",
        }
    ]
    assert '<div id="initiative-map" class="initiative-map" hidden></div>' in html
    places = html[html.index('class="initiative-places__list"') :]
    assert 'href="/ruda-slaska/zrealizowane-inicjatywy/z-punktem/">Z punktem</a>' in places
    assert html.index('id="initiative-map"') < html.index('class="initiative-places__list"')


def test_no_points_no_map(client, network):
    make_initiative(network.a, "Bez punktu")

    html = get(client, A_GALLERY, host=A_HOST).content.decode()

    assert "initiative-map-points" not in html
    assert 'id="initiative-map"' not in html


# Homes link to the galleries --------------------------------------------------------------


def test_municipality_home_card_counts_initiatives_and_links(client, network):
    make_initiative(network.a, "Pierwsza")
    make_initiative(network.a, "Druga")
    make_initiative(network.a, "Szkic", live=False)

    html = get(client, "/ruda-slaska/").content.decode()
    card = html[html.index("Zrealizowane inicjatywy</a></h3>") :]
    card = card[: card.index("</li>")]

    assert "Zrealizowane inicjatywy w galerii: 2" in card
    assert 'href="/ruda-slaska/zrealizowane-inicjatywy/">Zobacz, co mieszkańcy' in card


def test_network_home_links_to_the_network_gallery(client, network):
    html = get(client, "/").content.decode()

    assert '<a class="button-link" href="/inicjatywy/">Zrealizowane inicjatywy w GZM</a>' in html


# The initiative page ----------------------------------------------------------------------


FULL_INITIATIVE = "/ruda-slaska/zrealizowane-inicjatywy/ogrod-sasiedzki-na-halembie/"


@pytest.fixture
def full_initiative(network):
    call_index = CallIndexPage.objects.child_of(network.a.root_page).get()
    call = CallPageFactory(parent=call_index, title="Nabór 2024", municipality=network.a)
    report = DocumentFactory(
        title="Sprawozdanie końcowe",
        collection=network.a.collection,
        file__filename="sprawozdanie.pdf",
        file__data=b"%" * (300 * 1024),
    )
    return make_initiative(
        network.a,
        "Ogród sąsiedzki na Halembie",
        area_key="nature",
        year=2024,
        is_example=True,
        summary="Mieszkańcy założyli ogród razem z miastem.",
        stage=InitiativeStage.SETTLED,
        district="Halemba",
        address="ul. Kłodnicka 12",
        call=call,
        agreement_signed_on="2024-04-02",
        completed_on="2024-09-30",
        partners="Rada Dzielnicy Halemba",
        settlement_report=report,
        **contributions(("25000.50", "300.5", "9015", "1200", "350.25", 40)),
        photos=[
            photo(
                network.a, "Zaniedbany trawnik przed pracami", PhotoRole.BEFORE, caption="Wiosna"
            ),
            photo(network.a, "Ogród z grządkami po pracach", PhotoRole.AFTER, caption="Jesień"),
            photo(network.a, "Sąsiedzi sadzą krzewy", caption="Dzień sadzenia"),
        ],
    )


def test_initiative_page_shows_every_section(client, full_initiative):
    response = get(client, FULL_INITIATIVE)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Przykładowa treść demonstracyjna." in html
    assert "Mieszkańcy założyli ogród razem z miastem." in html
    assert "Rozliczona" in html
    assert "Ochrona przyrody i zieleń" in html
    assert "Halemba" in html and "ul. Kłodnicka 12" in html
    assert '<time datetime="2024-04-02">' in html and '<time datetime="2024-09-30">' in html
    assert 'href="/ruda-slaska/nabory/nabor-2024/">Nabór 2024</a>' in html
    assert "25\xa0000,50\xa0zł" in html  # municipal
    assert "10\xa0565,25\xa0zł" in html  # residents: 9015 + 1200 + 350.25
    assert "300,5 godz." in html and "9\xa0015\xa0zł" in html
    assert "1\xa0200\xa0zł" in html and "350,25\xa0zł" in html
    assert "<dd>40</dd>" in html
    assert "Rada Dzielnicy Halemba" in html
    assert "Sprawozdanie końcowe</a>" in html
    assert "(PDF, 300\xa0KB)" in html


def test_initiative_page_pairs_before_and_after(client, full_initiative):
    html = get(client, FULL_INITIATIVE).content.decode()
    pair = html[html.index('class="before-after"') :]
    pair = pair[: pair.index('class="photo-grid"')]

    assert pair.index("Przed</strong> Wiosna") < pair.index("Po</strong> Jesień")
    assert 'alt="Zaniedbany trawnik przed pracami"' in pair
    assert 'alt="Ogród z grządkami po pracach"' in pair
    assert 'alt="Sąsiedzi sadzą krzewy"' in html[html.index('class="photo-grid"') :]
    assert html.count("<picture>") == 3


def test_an_unpublished_call_is_named_but_not_linked(client, full_initiative):
    call = full_initiative.call
    call.first_published_at = timezone.now()
    call.save()
    call.unpublish()

    html = get(client, FULL_INITIATIVE).content.decode()

    assert "<dd>Nabór 2024</dd>" in html
    assert 'href="/ruda-slaska/nabory/nabor-2024/"' not in html


def test_a_call_never_published_is_not_named(client, full_initiative):
    full_initiative.call.unpublish()

    html = get(client, FULL_INITIATIVE).content.decode()

    assert "Nabór 2024" not in html
