"""Questions typed as a resident asks them find the page that answers; the best match first."""

import pytest

from handbooks import sync
from handbooks.models import HandbookPage
from municipalities.factories import CallPageFactory, InitiativePageFactory
from municipalities.models import CallIndexPage, GalleryPage
from search.polish import base_forms
from tests.search_helpers import titles

pytestmark = pytest.mark.django_db

NETWORK = "localhost"
A_HOST = "ruda-slaska.localhost"


@pytest.mark.parametrize("query", ["czy mogę sam złożyć wniosek", "czy moge sam zlozyc wniosek"])
def test_a_question_finds_the_handbook_chapter(client, network, query):
    _response, found = titles(client, NETWORK, query)

    assert "Złożenie wniosku" in found[:3]


def test_a_question_on_a_city_site_finds_its_handbook_chapter(client, network):
    for handbook in HandbookPage.objects.filter(locale__language_code="pl"):
        sync.create_variant(handbook, network.a)

    _response, found = titles(client, A_HOST, "czy mogę sam złożyć wniosek")

    assert "Złożenie wniosku" in found[:3]


def test_a_question_about_money_finds_the_call(client, network):
    calls = CallIndexPage.objects.child_of(network.a.root_page).get()
    CallPageFactory(
        parent=calls,
        title="Nabór wniosków 2025",
        how_to_apply="<p>We wniosku podajcie szacunkowy koszt zadania i oczekiwany udział gminy."
        "</p>",
    )

    _response, found = titles(client, A_HOST, "ile kosztuje udział gminy")

    assert found[0] == "Nabór wniosków 2025"


@pytest.fixture
def garden_pages(network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    InitiativePageFactory(parent=gallery, title="Ławki przy szkole")
    InitiativePageFactory(parent=gallery, title="Ogród i ławki przy bibliotece")
    InitiativePageFactory(parent=gallery, title="Ogród przy szkole, ławki i kompostownik")
    return gallery


def test_a_page_with_every_word_ranks_above_pages_with_some(client, garden_pages):
    _response, found = titles(client, A_HOST, "czy są ławki w ogrodzie przy szkole")

    assert found[0] == "Ogród przy szkole, ławki i kompostownik"
    assert set(found[1:3]) == {"Ławki przy szkole", "Ogród i ławki przy bibliotece"}


def test_pages_with_more_of_the_words_come_first_when_none_has_all(client, garden_pages):
    response, found = titles(client, A_HOST, "ogród ławki kompostownik fontanna")

    assert found[0] == "Ogród przy szkole, ławki i kompostownik"
    assert found[1] == "Ogród i ławki przy bibliotece"
    assert "Ławki przy szkole" in found
    assert "Żadna strona nie zawiera wszystkich szukanych słów" in response.text


@pytest.mark.parametrize(
    ("query", "path"),
    [("czy jak gdzie", "/szukaj/"), ("co to jest", "/szukaj/"), ("how can I", "/en/szukaj/")],
)
def test_a_query_of_stop_words_only_gets_a_helpful_empty_page(client, network, query, path):
    response = client.get(path, {"q": query}, HTTP_HOST=A_HOST)

    assert response.status_code == 200
    assert 'class="search-empty"' in response.text
    assert "search-hit__title" not in response.text
    if path == "/szukaj/":
        assert "wyszukiwarka je pomija" in response.text


@pytest.mark.parametrize(
    ("question", "language", "words"),
    [
        ("czy mogę sam złożyć wniosek", "pl", ["zlozyc", "wniosek"]),
        ("ile kosztuje udział gminy", "pl", ["kosztowac", "udzial", "gmina"]),
        ("how can I apply for a playground", "en", ["apply", "playground"]),
        ("де я можу подати заявку", "uk", base_forms("подати заявку", "uk")),
    ],
)
def test_question_words_are_left_out(question, language, words):
    assert base_forms(question, language) == words
