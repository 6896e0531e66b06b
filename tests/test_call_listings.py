"""Where residents find calls: the municipality's list and home, the network's "Nabory w GZM"
page with its filters, and the call page itself.

Dates are set relative to ``timezone.localdate()``, so every test means the same whatever
day it runs.
"""

import re
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from municipalities.calls.models import CALLS_PER_PAGE
from municipalities.calls.status import StatusFilter
from municipalities.factories import CallCriterionFactory, CallPageFactory
from municipalities.models import (
    ApplicationDecision,
    CallApplication,
    CallContact,
    CallDocument,
    CallIndexPage,
    CallMode,
    CallPage,
    CallStatus,
    DocumentKind,
)
from portal.factories import DocumentFactory
from portal.models import TaskArea

from .cache_helpers import forget_cached_content

pytestmark = pytest.mark.django_db

NETWORK_HOST = "localhost"
NETWORK_CALLS = "/nabory/"
CARD_TITLE = re.compile(r'<h[23] class="card__title"><a href="[^"]*"[^>]*>([^<]+)</a>')


def days(offset):
    return timezone.localdate() + timedelta(days=offset)


def call_index(municipality):
    return CallIndexPage.objects.child_of(municipality.root_page).get()


def make_call(municipality, title, *, opens=-10, closes=30, areas=(), parent=None, **fields):
    """A live call of ``municipality`` with dates ``opens``/``closes`` days from today."""
    values = {
        "title": title,
        "opens_on": days(opens) if opens is not None else None,
        "closes_on": days(closes) if closes is not None else None,
        "municipality": municipality,
    }
    if closes is None:
        values["mode"] = CallMode.CONTINUOUS
    values.update(fields)
    call = CallPageFactory(
        parent=parent or call_index(municipality),
        task_areas=[TaskArea.objects.get(key=key) for key in areas],
        **values,
    )
    return call


def titles(response):
    assert response.status_code == 200
    return CARD_TITLE.findall(response.content.decode())


def get(client, path, host=NETWORK_HOST, **params):
    return client.get(path, params, HTTP_HOST=host)


# The municipality's list ------------------------------------------------------------------


def test_municipality_list_shows_open_then_upcoming_then_past(client, network):
    make_call(network.a, "Zakończony dawno", opens=-90, closes=-40)
    make_call(network.a, "Zakończony niedawno", opens=-60, closes=-5)
    make_call(network.a, "Rusza później", opens=20, closes=60)
    make_call(network.a, "Rusza wkrótce", opens=5, closes=40)
    make_call(network.a, "Trwa", opens=-10, closes=30)
    make_call(network.a, "Kończy się", opens=-30, closes=3)
    make_call(network.a, "Ciągły", opens=-100, closes=None)
    make_call(network.a, "Z wynikami", opens=-90, closes=-20, results_published_on=days(-2))
    make_call(network.b, "Nabór innej gminy")

    response = get(client, "/nabory/", host="ruda-slaska.localhost")

    assert titles(response) == [
        "Kończy się",
        "Trwa",
        "Ciągły",
        "Rusza wkrótce",
        "Rusza później",
        "Zakończony niedawno",
        "Z wynikami",
        "Zakończony dawno",
    ]
    html = response.content.decode()
    for label in (
        "Nabór wkrótce się kończy",
        "Trwa nabór",
        "Nabór wkrótce się rozpocznie",
        "Nabór zakończony",
        "Wyniki ogłoszone",
    ):
        assert label in html
    assert "Pozostało dni: 4" in html  # closes in 3 days: today and the closing day count
    assert "Nabór ciągły: wnioski można składać przez cały rok" in html
    assert f'<time datetime="{days(5).isoformat()}">' in html  # when the upcoming one opens


def test_municipality_list_when_empty_says_so(client, network):
    response = get(client, "/nabory/", host="czeladz.localhost")

    assert titles(response) == []
    assert "Gmina nie ogłosiła jeszcze naboru" in response.content.decode()


# The network page: filters ----------------------------------------------------------------


@pytest.fixture
def calls(network):
    """Two municipalities' calls in every status, in two task areas."""
    made = {
        "A trwa": {"opens": -10, "closes": 30, "areas": ["education"]},
        "A kończy się": {"opens": -30, "closes": 2, "areas": ["sport_tourism"]},
        "A ciągły": {"opens": -200, "closes": None, "areas": ["education", "sport_tourism"]},
        "A zapowiedziany": {"opens": 7, "closes": 50, "areas": ["education"]},
        "A zakończony": {"opens": -60, "closes": -3, "areas": ["education"]},
        "A wyniki": {
            "opens": -90,
            "closes": -30,
            "results_published_on": days(-1),
            "areas": ["nature"],
        },
        "B trwa": {"opens": -5, "closes": 20, "areas": ["sport_tourism"]},
        "B kończy się": {"opens": -20, "closes": 10, "areas": ["education"]},
        "B zapowiedziany": {"opens": 3, "closes": 33, "areas": ["sport_tourism"]},
        "B zakończony": {"opens": -50, "closes": -1, "areas": ["sport_tourism"]},
    }
    for title, fields in made.items():
        make_call(network.a if title.startswith("A") else network.b, title, **fields)
    return made


OPEN_EVERYWHERE = ["A kończy się", "B kończy się", "B trwa", "A trwa", "A ciągły"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, OPEN_EVERYWHERE),
        ({"status": "open"}, OPEN_EVERYWHERE),
        ({"status": "closing_soon"}, ["A kończy się", "B kończy się"]),
        ({"status": "upcoming"}, ["B zapowiedziany", "A zapowiedziany"]),
        ({"status": "closed"}, ["B zakończony", "A zakończony"]),
        ({"status": "results"}, ["A wyniki"]),
        (
            {"status": "all"},
            [
                *OPEN_EVERYWHERE,
                "B zapowiedziany",
                "A zapowiedziany",
                "B zakończony",
                "A zakończony",
                "A wyniki",
            ],
        ),
        ({"municipality": "czeladz"}, ["B kończy się", "B trwa"]),
        ({"municipality": "ruda-slaska"}, ["A kończy się", "A trwa", "A ciągły"]),
        ({"area": "education"}, ["B kończy się", "A trwa", "A ciągły"]),
        ({"area": "nature"}, []),
        ({"area": "nature", "status": "results"}, ["A wyniki"]),
        ({"county": "będziński"}, ["B kończy się", "B trwa"]),
        ({"county": "miasto na prawach powiatu"}, ["A kończy się", "A trwa", "A ciągły"]),
        ({"county": "będziński", "status": "upcoming"}, ["B zapowiedziany"]),
        ({"municipality": "ruda-slaska", "area": "sport_tourism"}, ["A kończy się", "A ciągły"]),
        (
            {"municipality": "ruda-slaska", "area": "education", "status": "closed"},
            ["A zakończony"],
        ),
        ({"municipality": "czeladz", "county": "miasto na prawach powiatu"}, []),
    ],
    ids=lambda value: (
        "-".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else None
    ),
)
def test_network_filters(client, calls, params, expected):
    response = get(client, NETWORK_CALLS, **params)

    assert titles(response) == expected
    assert f"Znalezione nabory: {len(expected)}" in response.content.decode()


def test_network_cards_name_the_municipality_and_the_days_left(client, calls):
    html = get(client, NETWORK_CALLS, municipality="czeladz").content.decode()

    card = html[html.index(">B trwa<") - 400 : html.index(">B trwa<") + 900]
    assert "Czeladź" in card
    assert "Trwa nabór" in card
    assert "Pozostało dni: 21" in card
    assert "Sport i turystyka" in card


def test_last_day_is_said_in_words(client, network):
    make_call(network.a, "Ostatni dzień", opens=-10, closes=0)

    html = get(client, NETWORK_CALLS).content.decode()

    assert "Dziś ostatni dzień składania wniosków" in html


def test_network_filter_form_is_labelled_and_offers_choices_from_the_database(client, calls):
    html = get(client, NETWORK_CALLS).content.decode()

    assert "<fieldset>" in html and "<legend>Pokaż nabory</legend>" in html
    for field in ("municipality", "county", "area", "status"):
        assert f'<label for="id_{field}">' in html
    assert '<option value="czeladz">Czeladź</option>' in html
    assert '<option value="będziński">Powiat będziński</option>' in html
    assert '<option value="miasto na prawach powiatu">Miasta na prawach powiatu</option>' in html
    assert '<option value="education">Edukacja i nauka</option>' in html
    assert '<button type="submit">' in html


def test_network_filter_keeps_the_chosen_values_selected(client, calls):
    html = get(client, NETWORK_CALLS, municipality="czeladz", status="upcoming").content.decode()

    assert '<option value="czeladz" selected>' in html
    assert '<option value="upcoming" selected>' in html


def test_nothing_matches_gives_a_helpful_message(client, calls):
    html = get(client, NETWORK_CALLS, area="public_order").content.decode()

    assert "Znalezione nabory: 0" in html
    assert "Żaden nabór nie pasuje do wybranych filtrów." in html
    assert 'href="/nabory/?status=all"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"municipality": "atlantyda"}, "Nie ma takiej gminy w sieci GZM"),
        ({"status": "hacker"}, "Nie ma takiego stanu naboru"),
        ({"area": "<script>alert(1)</script>"}, "Nie ma takiego obszaru zadań"),
        ({"county": "' OR 1=1 --"}, "Nie ma takiego powiatu"),
    ],
)
def test_bad_filter_values_are_reported_and_ignored(client, calls, params, message):
    response = get(client, NETWORK_CALLS, **params)
    html = response.content.decode()

    assert titles(response) == OPEN_EVERYWHERE
    assert message in html
    assert 'role="alert"' in html
    assert "<script>alert(1)</script>" not in html


def test_one_bad_filter_leaves_the_good_ones_working(client, calls):
    response = get(client, NETWORK_CALLS, municipality="czeladz", status="hacker", area="xyz")

    assert titles(response) == ["B kończy się", "B trwa"]


# The network page: pagination -------------------------------------------------------------


@pytest.fixture
def many_open_calls(network):
    parent = call_index(network.b)
    return [
        make_call(network.b, f"Nabór {n:02d}", closes=n + 1, parent=parent)
        for n in range(CALLS_PER_PAGE + 2)
    ]


def test_network_page_paginates_by_twelve(client, many_open_calls):
    first = get(client, NETWORK_CALLS)
    second = get(client, NETWORK_CALLS, page=2)

    assert titles(first) == [f"Nabór {n:02d}" for n in range(CALLS_PER_PAGE)]
    assert titles(second) == ["Nabór 12", "Nabór 13"]
    html = first.content.decode()
    assert "Znalezione nabory: 14" in html
    assert 'aria-label="Strony wyników"' in html
    assert 'href="?page=2" rel="next"' in html


def test_pagination_links_keep_the_filters(client, many_open_calls):
    html = get(client, NETWORK_CALLS, municipality="czeladz", area="").content.decode()

    assert 'href="?municipality=czeladz&amp;area=&amp;page=2" rel="next"' in html


@pytest.mark.parametrize(
    ("page", "expected_first"),
    [
        ("abc", "Nabór 00"),
        ("9999", "Nabór 12"),
        ("0", "Nabór 12"),
        ("-1", "Nabór 12"),
        ("", "Nabór 00"),
    ],
)
def test_bad_page_numbers_still_answer(client, many_open_calls, page, expected_first):
    response = get(client, NETWORK_CALLS, page=page)

    assert titles(response)[0] == expected_first


def test_a_bad_page_on_an_empty_result_answers(client, network):
    response = get(client, NETWORK_CALLS, page="7", status="results")

    assert titles(response) == []


def test_network_calls_status_filter_matches_every_value(network, calls):
    locale = call_index(network.a).locale
    for value in StatusFilter.values:
        listed = list(CallPage.objects.published(locale.pk).filtered(status=value))
        if value == StatusFilter.ALL:
            assert len(listed) == len(calls)
        elif value == StatusFilter.OPEN:
            assert {c.status for c in listed} == {CallStatus.OPEN, CallStatus.CLOSING_SOON}
        else:
            assert {c.status for c in listed} == {value}


def test_network_listing_leaves_out_drafts(client, network):
    make_call(network.a, "Opublikowany")
    make_call(network.a, "Szkic", live=False)

    assert titles(get(client, NETWORK_CALLS)) == ["Opublikowany"]
    # Not translated: listed in Polish in English too (tests/test_fallback.py), never the draft.
    assert titles(get(client, "/en/nabory/")) == ["Opublikowany"]


# Query count ------------------------------------------------------------------------------


def add_calls(network, count, start=0):
    """``count`` open calls split between A and B, each in two task areas; fast enough for 500."""
    areas = list(TaskArea.objects.filter(key__in=["education", "nature"]))
    parents = {network.a: call_index(network.a), network.b: call_index(network.b)}
    for n in range(start, start + count):
        municipality = network.a if n % 2 else network.b
        CallPageFactory(
            parent=parents[municipality],
            municipality=municipality,
            title=f"Nabór masowy {n:04d}",
            slug=f"nabor-masowy-{n:04d}",
            opens_on=days(-5),
            closes_on=days(10 + n % 40),
            task_areas=areas,
        )


def count_queries(client, path, **params):
    """The queries of a cold render: the page body is cached once built, which would hide what
    the listing costs, so the count is taken after the cache is emptied (the first request
    also creates rows that are made once, such as the sites' settings)."""
    get(client, path, **params)
    forget_cached_content()
    with CaptureQueriesContext(connection) as queries:
        response = get(client, path, **params)
    assert response.status_code == 200
    return len(queries)


def test_network_listing_query_count_is_independent_of_the_number_of_calls(client, network):
    add_calls(network, 5)
    with_five = count_queries(client, NETWORK_CALLS)
    filtered_with_five = count_queries(client, NETWORK_CALLS, area="education", county="będziński")

    add_calls(network, 495, start=5)

    assert count_queries(client, NETWORK_CALLS) == with_five
    assert (
        count_queries(client, NETWORK_CALLS, area="education", county="będziński")
        == filtered_with_five
    )
    assert count_queries(client, NETWORK_CALLS, page=3) == with_five


def test_municipality_list_and_home_query_counts_do_not_grow_with_calls(client, network):
    host = "ruda-slaska.localhost"
    make_call(network.a, "Pierwszy", areas=["education"])
    on_list = count_queries_on(client, "/nabory/", host)
    on_home = count_queries_on(client, "/", host)

    for n in range(6):
        make_call(network.a, f"Kolejny {n}", closes=5 + n, areas=["education", "nature"])

    assert count_queries_on(client, "/nabory/", host) == on_list
    assert count_queries_on(client, "/", host) == on_home


def count_queries_on(client, path, host):
    client.get(path, HTTP_HOST=host)
    forget_cached_content()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return len(queries)


# Two clicks from the network home ---------------------------------------------------------


def test_network_home_links_prominently_to_the_network_calls(client, network):
    html = get(client, "/").content.decode()

    assert '<a class="button-link" href="/nabory/">Nabory w GZM</a>' in html


def test_municipality_home_card_links_straight_to_open_calls(client, network):
    make_call(network.a, "Nabór otwarty", closes=12)
    make_call(network.a, "Nabór ciągły", slug="nabor-ciagly", closes=None)
    make_call(network.a, "Nabór przyszły", opens=10, closes=40)
    make_call(network.a, "Nabór miniony", opens=-40, closes=-10)

    network_home = get(client, "/").content.decode()
    assert 'href="/ruda-slaska/"' in network_home  # first click
    html = get(client, "/ruda-slaska/").content.decode()

    card = html[html.index("Nabory wniosków</a></h3>") :]
    card = card[: card.index('<h3 class="card__title">')]
    assert 'href="/ruda-slaska/nabory/nabor-otwarty/">Nabór otwarty</a>' in card  # second click
    assert 'href="/ruda-slaska/nabory/nabor-ciagly/">Nabór ciągły</a>' in card
    assert f'<time datetime="{days(12).isoformat()}">' in card
    assert card.index("Nabór otwarty") < card.index("Nabór ciągły")
    assert "Nabór przyszły" not in card
    assert "Nabór miniony" not in card


def test_municipality_home_card_says_when_no_call_is_open(client, network):
    make_call(network.b, "Nabór miniony", opens=-40, closes=-10)

    html = get(client, "/czeladz/").content.decode()

    assert "Teraz nie trwa żaden nabór." in html
    assert "Nabór miniony</a>" not in html


# The call page ----------------------------------------------------------------------------


@pytest.fixture
def full_call(network):
    document = DocumentFactory(
        title="Formularz wniosku 2025",
        collection=network.a.collection,
        file__filename="formularz.pdf",
        file__data=b"%" * (120 * 1024),
    )
    return make_call(
        network.a,
        "Nabór 2025: inicjatywa lokalna",
        opens=-60,
        closes=-20,
        areas=["education", "sport_tourism"],
        is_example=True,
        summary="Pilotażowa edycja inicjatywy lokalnej.",
        year=timezone.localdate().year,
        pool_total=Decimal("100000"),
        pool_investment=Decimal("70000"),
        pool_soft=Decimal("29999.50"),
        pool_remaining=Decimal("1234.56"),
        pool_note="W tym 70 000 zł dotacji GZM.",
        accepts_financial=False,
        resolution_number="XII/123/2024",
        resolution_date=days(-200),
        resolution_bip_url="https://bip.example.org/uchwala",
        resolution_journal_url="https://dziennik.example.org/2024/123",
        criteria=[
            CallCriterionFactory.build(social_work=True),
            CallCriterionFactory.build(purposefulness=True),
            CallCriterionFactory.build(
                name="Trwałość efektów", max_points=10, description="Czy efekt przetrwa lata."
            ),
        ],
        pass_threshold=40,
        epuap_address="/umruda/skrytka",
        in_person="Biuro Obsługi Mieszkańców, pl. Jana Pawła II 6",
        by_post="Urząd Miasta, pl. Jana Pawła II 6, 41-709 Ruda Śląska",
        online_url="https://wnioski.example.org/",
        how_to_apply="<p>Do wniosku dołącz listę poparcia.</p>",
        documents=[CallDocument(document=document, kind=DocumentKind.APPLICATION_FORM)],
        contacts=[
            CallContact(
                name="Anna Nowak",
                role="Wydział Rozwoju",
                email="a.nowak@example.org",
                phone="32 244 90 00",
            )
        ],
        applications_received=25,
        applications_accepted=6,
        results_published_on=days(-1),
        results_note="<p>Komisja oceniła 25 wniosków.</p>",
        applications=[
            CallApplication(
                title="Ogród sąsiedzki na Halembie",
                applicant="Grupa mieszkańców",
                decision=ApplicationDecision.ACCEPTED,
                points=Decimal("62.50"),
                municipal_contribution=Decimal("18000"),
            ),
            CallApplication(
                title="Mural przy szkole",
                decision=ApplicationDecision.REJECTED,
                note="Za mało punktów",
            ),
        ],
    )


def test_call_page_shows_every_section(client, full_call):
    response = get(client, f"/ruda-slaska/nabory/{full_call.slug}/")
    html = response.content.decode()

    assert response.status_code == 200
    # Where am I, is it real, what state is it in
    assert 'href="/ruda-slaska/nabory/">Nabory wniosków</a>' in html
    assert "Przykładowa treść demonstracyjna." in html
    assert "Wyniki ogłoszone" in html
    assert "Nabór z terminem" in html
    assert f'<time datetime="{days(-20).isoformat()}">' in html
    # Money, areas, contribution
    assert "100\xa0000\xa0zł" in html
    assert "70\xa0000\xa0zł" in html
    assert "29\xa0999,50\xa0zł" in html
    assert "1\xa0234,56\xa0zł" in html
    assert "W tym 70 000 zł dotacji GZM." in html
    assert "<li>Edukacja i nauka</li>" in html and "<li>Sport i turystyka</li>" in html
    assert "<li>praca społeczna</li>" in html and "<li>świadczenia rzeczowe</li>" in html
    assert "<li>świadczenia pieniężne</li>" not in html
    # Legal basis
    assert "nr XII/123/2024" in html
    assert 'href="https://bip.example.org/uchwala"' in html
    assert 'href="https://dziennik.example.org/2024/123"' in html
    # Criteria
    assert "Wkład pracy społecznej mieszkańców" in html
    assert "tak: wkład pracy społecznej mieszkańców" in html
    assert "tak: celowość zadania (ocena organu)" in html
    assert "Czy efekt przetrwa lata." in html
    assert '<td class="num">75</td>' in html  # 40 + 25 + 10
    assert "co najmniej 40 pkt." in html
    # How to apply
    assert "/umruda/skrytka" in html
    assert "Biuro Obsługi Mieszkańców" in html
    assert "41-709 Ruda Śląska" in html
    assert 'href="https://wnioski.example.org/"' in html
    assert "Do wniosku dołącz listę poparcia." in html
    # Documents and contacts
    assert ">Formularz wniosku 2025</a>" in html
    assert "(formularz wniosku; PDF, 120\xa0KB)" in html
    assert 'href="mailto:a.nowak@example.org"' in html
    assert 'href="tel:322449000"' in html
    # Results
    assert "<dd>25</dd>" in html and "<dd>6</dd>" in html
    assert "Komisja oceniła 25 wniosków." in html
    accepted = html[html.index('id="accepted-heading"') : html.index('id="rejected-heading"')]
    assert "Ogród sąsiedzki na Halembie" in accepted and "18\xa0000\xa0zł" in accepted
    assert "Mural przy szkole" in html[html.index('id="rejected-heading"') :]


def test_call_page_headings_do_not_skip_levels(client, full_call):
    html = get(client, f"/ruda-slaska/nabory/{full_call.slug}/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", main)]

    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_open_call_page_shows_days_left_and_hides_results(client, network):
    call = make_call(network.b, "Nabór trwający", opens=-3, closes=20, applications_received=3)

    html = get(client, "/czeladz/nabory/nabor-trwajacy/").content.decode()

    assert call.status == CallStatus.OPEN
    assert "Trwa nabór" in html
    assert "Pozostało dni: 21" in html
    assert "Wyniki naboru" not in html
    assert "Przykładowa treść demonstracyjna" not in html
