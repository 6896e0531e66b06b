"""A word typed with a typo finds the page it meant; the page offers the corrected query."""

import html
import re

import pytest

from demo.search import build_relevance_pages as build_pages
from municipalities.factories import InitiativePageFactory
from municipalities.models import GalleryPage
from search import spelling
from search.vocabulary import Vocabulary
from tests.search_helpers import titles

pytestmark = pytest.mark.django_db

NETWORK = "localhost"
A_HOST = "ruda-slaska.localhost"
SHOWING_CORRECTED = "Pokazujemy wyniki dla"
DID_YOU_MEAN = "Czy chodziło Ci o:"


@pytest.fixture
def corpus(network):
    return build_pages({"a": network.a, "b": network.b})


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("inicjatwa", "Inicjatywa lokalna 2024 — nabór wniosków"),  # a letter missing
        ("nabró", "Nabór na"),  # two letters swapped
        ("nabro", "Nabór na"),  # and no Polish letters
        ("piaskownca", "Plac zabaw na Bykowinie"),
        ("biblioteczak", "Biblioteczka sąsiedzka w Nowym Bytomiu"),
        ("koszykwka", "Remont boiska do koszykówki"),
        ("inicjtwa", "Inicjatywa lokalna 2024 — nabór wniosków"),  # two missing, a long word
    ],
)
def test_a_word_with_a_typo_finds_the_page_it_meant(client, corpus, typed, title):
    response, found = titles(client, A_HOST, typed)

    assert any(found_title.startswith(title) for found_title in found[:3]), found
    assert SHOWING_CORRECTED in response.text


def test_the_notice_names_the_corrected_query_in_polish_letters(client, corpus):
    response, _found = titles(client, A_HOST, "nabro")

    assert "Pokazujemy wyniki dla „nabór”" in html.unescape(response.text)


def test_a_query_that_finds_something_offers_the_correction_as_a_link(client, corpus):
    response, found = titles(client, A_HOST, "inicjatwa lokalna")

    assert found  # "lokalna" alone finds pages, shown as typed
    assert SHOWING_CORRECTED not in response.text
    assert DID_YOU_MEAN in response.text
    assert 'href="/szukaj/?q=inicjatywa+lokalna"' in response.text

    _response, corrected = titles(client, A_HOST, "inicjatywa lokalna")
    assert "Inicjatywa lokalna 2024 — nabór wniosków" in corrected[:3]


def test_the_correction_keeps_the_widened_scope(client, corpus):
    response, _found = titles(client, A_HOST, "inicjatwa lokalna", zakres="gzm")

    assert 'href="/szukaj/?q=inicjatywa+lokalna&amp;zakres=gzm"' in response.text


def test_a_word_that_finds_something_is_not_corrected(client, corpus):
    response, found = titles(client, A_HOST, "mural")

    assert SHOWING_CORRECTED not in response.text
    assert DID_YOU_MEAN not in response.text
    assert found == []  # the mural is in the other city; "mural" is not taken for another word


def test_short_words_are_not_corrected(client, corpus):
    response, found = titles(client, A_HOST, "murl")

    assert found == []
    assert SHOWING_CORRECTED not in response.text
    assert "Nie znaleźliśmy stron pasujących do zapytania" in response.text


def test_a_word_too_far_from_any_indexed_word_finds_nothing(client, corpus):
    response, found = titles(client, A_HOST, "kosmodrom")

    assert found == []
    assert SHOWING_CORRECTED not in response.text


def test_a_newly_published_word_is_a_correction_at_once(client, network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    _response, found = titles(client, A_HOST, "pumptrak")
    assert found == []

    InitiativePageFactory(parent=gallery, title="Pumptrack przy szkole")

    response, found = titles(client, A_HOST, "pumptrak")
    assert found == ["Pumptrack przy szkole"]
    assert SHOWING_CORRECTED in response.text


def test_the_correction_comes_from_the_query_language(client, network):
    from portal.translation import ensure_translations

    page = InitiativePageFactory(
        parent=GalleryPage.objects.child_of(network.a.root_page).get(), title="Ogród przy szkole"
    )
    english = next(
        other for other in ensure_translations(page) if other.locale.language_code == "en"
    ).specific
    english.title = "Community garden by the school"
    english.save_revision().publish()

    _response, found = titles(client, A_HOST, "comunity")  # Polish: nothing to correct to
    assert found == []
    response = client.get("/en/szukaj/", {"q": "comunity"}, HTTP_HOST=A_HOST)
    assert "Community garden by the school" in re.sub("</?mark>", "", response.text)
    assert "Showing results for “community”" in html.unescape(response.text)

    response = client.get("/en/szukaj/", {"q": "comunity school"}, HTTP_HOST=A_HOST)
    assert 'Did you mean: <a href="/en/szukaj/?q=community+school">' in response.text


@pytest.mark.parametrize(
    "query",
    [
        "inicjatwa' OR 1=1 --",
        "nabró" * 100,
        "ąęśćżźńół" * 3,
        "инициатива 🛝 inicjatwa",
        "<script>inicjatwa</script>",
        "inicjatwa\x00lokalna",
        "zxcvbnmasdf " * 30,  # many long unknown words: a few are looked up, none found
    ],
)
def test_hostile_queries_with_typos_answer_200(client, corpus, query):
    response = client.get("/szukaj/", {"q": query}, HTTP_HOST=A_HOST)

    assert response.status_code == 200
    assert "<script>inicjatwa" not in response.text


# The speller on its own: which words it corrects, and to what.
VOCABULARY = Vocabulary(
    pages={"nabor": 12, "inicjatywa": 20, "inicjatywy": 4, "lokalna": 6, "zielen": 3, "nabory": 2},
    spellings={"nabor": "nabór", "zielen": "zieleń"},
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nabro", "nabor"),  # a swap is one edit
        ("nabr", None),  # four letters: not corrected
        ("inicjatwa", "inicjatywa"),  # a missing letter
        ("inicjatiwo", "inicjatywa"),  # two changes in a long word
        ("inicjtwa", "inicjatywa"),  # two missing letters in a long word
        ("zielon", "zielen"),
        ("zialon", None),  # two edits in a six-letter word: too far
        ("lokalna", None),  # known: not corrected
        ("nabory", None),
    ],
)
def test_the_speller_corrects_within_one_edit_or_two_for_long_words(typed, expected):
    assert spelling.Speller(VOCABULARY).suggest(typed) == expected


def test_the_nearest_word_wins_then_the_one_more_pages_have():
    speller = spelling.Speller(VOCABULARY)

    assert speller.suggest("inicjatywe") == "inicjatywa"  # both one edit: more pages
    assert speller.spelling("nabor", "pl") == "nabór"
    assert speller.spelling("zielen", "pl") == "zieleń"
    assert speller.spelling("lokalna", "pl") == "lokalna"


@pytest.mark.parametrize(
    ("first", "second", "edits"),
    [("nabro", "nabor", 1), ("kot", "kto", 1), ("abc", "abc", 0), ("ca", "abc", 3)],
)
def test_distance_counts_a_swap_as_one_edit(first, second, edits):
    assert spelling.distance(first, second, 3) == edits


@pytest.mark.parametrize(
    "query", ["inicjatwa", "inicjatwa lokalna", "czy mogę złożyć wniosek o inicjatywę lokalną"]
)
def test_corrected_and_question_searches_keep_the_search_page_budget(
    client, corpus, django_assert_max_num_queries, query
):
    # The first search after a publish also reads the vocabulary; the budget of the search
    # page (tests/test_search_scope.py) holds with it.
    client.get("/szukaj/", {"q": "warsztatach"}, HTTP_HOST=A_HOST)  # the site's settings rows
    with django_assert_max_num_queries(40):
        response = client.get("/szukaj/", {"q": query}, HTTP_HOST=A_HOST)
    assert response.status_code == 200
