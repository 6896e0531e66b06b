"""The search page: scope (municipality, whole GZM), facets, snippets, pagination, suggestions."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from demo.search import build_relevance_pages as build_pages
from municipalities.factories import InitiativePageFactory
from municipalities.models import GalleryPage

pytestmark = pytest.mark.django_db

NETWORK = "localhost"
A_HOST = "ruda-slaska.localhost"
B_HOST = "czeladz.localhost"
HIT_TITLE = re.compile(r'<h3 class="search-hit__title"><a href="[^"]*">(.*?)</a></h3>')


@pytest.fixture
def corpus(network):
    return build_pages({"a": network.a, "b": network.b})


def search(client, host, **params):
    response = client.get("/szukaj/", params, HTTP_HOST=host)
    assert response.status_code == 200
    return response


def titles(response):
    return [re.sub(r"</?mark>", "", title) for title in HIT_TITLE.findall(response.text)]


def test_a_municipality_searches_its_own_pages(client, corpus):
    found = titles(search(client, A_HOST, q="warsztatach"))

    assert found == ["Nabór na zadania edukacyjne"]


def test_one_click_widens_the_search_to_all_of_gzm(client, corpus):
    response = search(client, A_HOST, q="warsztatach")
    assert 'href="/szukaj/?q=warsztatach&amp;zakres=gzm"' in response.text
    assert "Szukaj w całej GZM" in response.text

    widened = search(client, A_HOST, q="warsztatach", zakres="gzm")

    assert sorted(titles(widened)) == [
        "Festyn sąsiedzki na osiedlu Musiała",
        "Nabór na zadania edukacyjne",
        "Nabór wniosków na wydarzenia kulturalne",
        "Łąka kwietna nad Brynicą",
    ]
    assert "Szukaj tylko w gminie Ruda Śląska" in widened.text


def test_the_network_site_searches_everything(client, corpus):
    response = search(client, NETWORK, q="warsztatach")

    assert len(titles(response)) == 4
    assert "Szukaj w całej GZM" not in response.text


def test_other_language_pages_are_left_out(client, corpus, network):
    response = search(client, NETWORK, q="warsztatach")
    assert len(titles(response)) == 4

    english = client.get("/en/szukaj/", {"q": "warsztatach"}, HTTP_HOST=NETWORK)

    assert english.status_code == 200
    assert titles(english) == []


def test_facets_by_type_municipality_and_year(client, corpus):
    html = search(client, NETWORK, q="warsztatach").text

    assert re.search(r"Nabór wniosków <span class=\"search-facet__count\">\(2\)", html)
    assert re.search(r"Zrealizowana inicjatywa <span class=\"search-facet__count\">\(2\)", html)
    assert re.search(r"Czeladź <span class=\"search-facet__count\">\(3\)", html)
    assert re.search(r"Ruda Śląska <span class=\"search-facet__count\">\(1\)", html)
    assert re.search(r">2024 <span class=\"search-facet__count\">\(3\)", html)
    assert re.search(r">2023 <span class=\"search-facet__count\">\(1\)", html)


def test_a_facet_narrows_the_results_and_can_be_removed(client, corpus):
    response = search(client, NETWORK, q="warsztatach", typ="municipalities.callpage")

    assert sorted(titles(response)) == [
        "Nabór na zadania edukacyjne",
        "Nabór wniosków na wydarzenia kulturalne",
    ]
    assert 'href="?q=warsztatach" aria-current="true"' in response.text

    by_city_and_year = search(client, NETWORK, q="warsztatach", gmina="czeladz", rok="2024")
    assert len(titles(by_city_and_year)) == 3


def test_odd_facet_values_give_no_results_not_errors(client, corpus):
    response = search(client, NETWORK, q="warsztatach", typ="x.y", rok="abc", gmina="🛝" * 50)

    assert titles(response) == []
    assert "Nie znaleźliśmy" in response.text


def test_snippets_mark_the_matched_words_in_any_form(client, corpus):
    html = search(client, A_HOST, q="placów zabaw").text

    assert "<mark>Plac</mark> <mark>zabaw</mark> na Bykowinie" in html
    assert "odnowili <mark>plac</mark> <mark>zabaw</mark>" in html


def test_snippets_escape_page_text(client, network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    InitiativePageFactory(
        parent=gallery,
        title="Huśtawka <script>alert(1)</script>",
        summary="Huśtawka & <b>ławka</b>",
    )

    html = search(client, A_HOST, q="huśtawki").text

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Huśtawka</mark> &amp; ławka" in html


def test_results_are_paginated(client, network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    for number in range(12):
        InitiativePageFactory(parent=gallery, title=f"Kwietnik numer {number}")

    first = search(client, A_HOST, q="kwietniki")
    second = search(client, A_HOST, q="kwietniki", page="2")

    assert len(titles(first)) == 10
    assert len(titles(second)) == 2
    assert "12 wyników" in first.text
    assert 'href="?q=kwietniki&amp;page=2"' in first.text


def test_no_result_page_helps(client, corpus):
    html = search(client, A_HOST, q="kosmodrom").text

    assert "Nie znaleźliśmy stron pasujących do zapytania „kosmodrom”" in html
    assert "poszukaj w całej GZM" in html


def test_a_page_missing_one_word_is_offered_with_a_notice(client, corpus):
    response = search(client, A_HOST, q="plac zabaw kosmodrom")

    assert titles(response) == ["Plac zabaw na Bykowinie"]
    assert "Żadna strona nie zawiera wszystkich szukanych słów" in response.text


def test_search_page_query_count_does_not_grow_with_results(client, corpus, network):
    search(client, NETWORK, q="warsztaty")  # the process's first search: Wagtail's caches fill
    with CaptureQueriesContext(connection) as few:
        search(client, NETWORK, q="warsztatach")  # 4 results of 2 types
    gallery = GalleryPage.objects.child_of(network.b.root_page).get()
    for number in range(12):
        InitiativePageFactory(parent=gallery, title=f"Warsztaty numer {number}")
    search(client, NETWORK, q="warsztaty")  # the caches of the new generation fill
    with CaptureQueriesContext(connection) as many:
        response = search(client, NETWORK, q="warsztatach")  # 16 results, 10 shown
    assert len(titles(response)) == 10
    assert len(many) <= 40
    assert len(many) <= len(few) + 2, (len(few), len(many))


def test_suggestions_offer_titles_of_the_current_site(client, corpus):
    response = client.get("/szukaj/podpowiedzi/", {"q": "plac za"}, HTTP_HOST=A_HOST)

    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["title"] == "Plac zabaw na Bykowinie"
    assert len(results) <= 8

    other_city = client.get("/szukaj/podpowiedzi/", {"q": "mural"}, HTTP_HOST=A_HOST).json()
    assert other_city["results"] == []


@pytest.mark.parametrize("query", ["", "x" * 5000, '"', "*", "🛝", "'; DROP TABLE x; --", "a OR"])
def test_suggestions_answer_odd_queries(client, network, query):
    response = client.get("/szukaj/podpowiedzi/", {"q": query}, HTTP_HOST=NETWORK)

    assert response.status_code == 200
    assert "results" in response.json()


@pytest.mark.parametrize(
    ("language", "title", "query"),
    [
        ("en", "Community gardens by the school", "community garden"),
        ("uk", "Ініціативи місцевої громади", "ініціатива громади"),
    ],
)
def test_english_and_ukrainian_pages_are_found_in_their_language(
    client, network, language, title, query
):
    from portal.translation import ensure_translations

    page = InitiativePageFactory(
        parent=GalleryPage.objects.child_of(network.a.root_page).get(), title="Ogród przy szkole"
    )
    translated = next(
        other for other in ensure_translations(page) if other.locale.language_code == language
    ).specific
    translated.title = title
    translated.save_revision().publish()

    response = client.get(f"/{language}/szukaj/", {"q": query}, HTTP_HOST=A_HOST)

    assert titles(response) == [title]
    assert titles(search(client, A_HOST, q="ogrodu przy szkole")) == ["Ogród przy szkole"]
