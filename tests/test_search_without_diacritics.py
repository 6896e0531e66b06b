"""Words typed without Polish letters, as on most phones, find what the Polish words find."""

import re

import pytest

from demo.search import build_relevance_pages as build_pages
from municipalities.factories import InitiativePageFactory
from municipalities.models import GalleryPage

pytestmark = pytest.mark.django_db

NETWORK = "localhost"
A_HOST = "ruda-slaska.localhost"
HIT_TITLE = re.compile(r'<h3 class="search-hit__title"><a href="[^"]*">(.*?)</a></h3>')


@pytest.fixture
def corpus(network):
    return build_pages({"a": network.a, "b": network.b})


def found(client, host, query):
    response = client.get("/szukaj/", {"q": query, "zakres": "gzm"}, HTTP_HOST=host)
    assert response.status_code == 200
    return [re.sub(r"</?mark>", "", title) for title in HIT_TITLE.findall(response.text)]


@pytest.mark.parametrize(
    ("with_letters", "without"),
    [
        ("łąk kwietnych", "lak kwietnych"),
        ("biblioteczki sąsiedzkiej", "biblioteczki sasiedzkiej"),
        ("świetlicy szkolnej", "swietlicy szkolnej"),
        ("koszykówką", "koszykowka"),
        ("stojaków na rowery", "STOJAKOW NA ROWERY"),
        ("pracą społeczną", "praca spoleczna"),
    ],
)
def test_the_same_pages_are_found_with_and_without_polish_letters(
    client, corpus, with_letters, without
):
    expected = found(client, A_HOST, with_letters)

    assert expected  # the query finds something to compare
    assert found(client, A_HOST, without) == expected


def test_a_town_name_typed_without_polish_letters_finds_the_page(client, network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    InitiativePageFactory(parent=gallery, title="Rowerowa wycieczka do Świętochłowic")
    InitiativePageFactory(parent=gallery, title="Mural w Będzinie")

    for query in ("Swietochlowice", "świętochłowice", "swietochlowic"):
        assert found(client, NETWORK, query) == ["Rowerowa wycieczka do Świętochłowic"], query
    assert found(client, NETWORK, "bedzinie") == found(client, NETWORK, "Będzinie")
    assert found(client, NETWORK, "bedzinie") == ["Mural w Będzinie"]


def test_the_matched_words_are_marked_whichever_way_they_were_typed(client, corpus):
    response = client.get("/szukaj/", {"q": "placow zabaw"}, HTTP_HOST=A_HOST)

    assert "<mark>Plac</mark> <mark>zabaw</mark> na Bykowinie" in response.text


def test_stop_words_typed_without_polish_letters_are_left_out(client, corpus):
    assert found(client, A_HOST, "laka kwietna sie") == found(client, A_HOST, "łąka kwietna")


@pytest.mark.parametrize("typed", ["lak", "LĄK", "łąk"])
def test_suggestions_offer_titles_typed_without_polish_letters(client, corpus, typed):
    response = client.get("/szukaj/podpowiedzi/", {"q": typed}, HTTP_HOST=NETWORK)

    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["results"]]
    assert "Łąka kwietna nad Brynicą" in titles
