"""What a search result says and where it leads (issue 16): the page's canonical address on
its own site's host, the town on every result and suggestion, the municipality facet in
Polish alphabetical order, and the header's search box on ``localhost/<city>/`` staying in
that city."""

import re

import pytest

from demo.search import build_relevance_pages as build_pages
from municipalities.models import Municipality
from search.results import Hit, facet_and_filter

pytestmark = pytest.mark.django_db

NETWORK = "localhost"
A_HOST = "ruda-slaska.localhost"
HIT_LINK = re.compile(r'<h3 class="search-hit__title"><a href="([^"]*)">(.*?)</a></h3>')


@pytest.fixture
def corpus(network):
    return build_pages({"a": network.a, "b": network.b})


def links(client, host, path="/szukaj/", **params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200
    return {re.sub(r"</?mark>", "", title): href for href, title in HIT_LINK.findall(response.text)}


def test_network_results_link_to_each_page_on_its_own_city_host(client, corpus):
    found = links(client, NETWORK, q="warsztatach")

    assert len(found) == 4
    for title, href in found.items():
        assert re.match(r"^http://(ruda-slaska|czeladz)\.localhost(:\d+)?/", href), (title, href)
    assert re.match(
        r"^http://ruda-slaska\.localhost(:\d+)?/nabory/", found["Nabór na zadania edukacyjne"]
    )


def test_on_the_city_host_its_own_results_link_by_path(client, corpus):
    found = links(client, A_HOST, q="warsztatach")

    assert list(found.values()) == [found["Nabór na zadania edukacyjne"]]
    assert found["Nabór na zadania edukacyjne"].startswith("/nabory/")


def test_suggestions_name_the_town_and_link_to_its_host(client, corpus):
    results = client.get("/szukaj/podpowiedzi/", {"q": "plac za"}, HTTP_HOST=NETWORK).json()[
        "results"
    ]

    playground = next(item for item in results if item["title"] == "Plac zabaw na Bykowinie")
    assert playground["place"] == "Ruda Śląska"
    assert re.match(r"^http://ruda-slaska\.localhost(:\d+)?/", playground["url"])


def test_the_municipality_facet_is_in_polish_alphabetical_order():
    names = ["Zbrosławice", "Bytom", "Świętochłowice", "Będzin", "Sosnowiec", "Łaziska Górne"]
    hits = [
        Hit(number, 0, "municipalities.callpage", Municipality(name=name, slug=f"m{number}"), 2026)
        for number, name in enumerate(names)
    ]

    _selected, facets = facet_and_filter(hits)

    assert [facet.label for facet in facets.municipalities] == [
        "Będzin",
        "Bytom",
        "Łaziska Górne",
        "Sosnowiec",
        "Świętochłowice",
        "Zbrosławice",
    ]


def test_the_header_search_on_a_city_path_of_the_network_host_stays_in_that_city(client, corpus):
    city_page = client.get("/ruda-slaska/", HTTP_HOST=NETWORK)
    assert city_page.status_code == 200
    form = re.search(r'<form class="site-search".*?</form>', city_page.text, re.S).group(0)
    assert '<input type="hidden" name="gmina" value="ruda-slaska">' in form

    found = links(client, NETWORK, q="warsztatach", gmina="ruda-slaska")
    assert list(found) == ["Nabór na zadania edukacyjne"]

    # Its suggestions too.
    suggested = client.get(
        "/szukaj/podpowiedzi/", {"q": "mural", "gmina": "ruda-slaska"}, HTTP_HOST=NETWORK
    ).json()["results"]
    assert suggested == []
    suggested = client.get(
        "/szukaj/podpowiedzi/", {"q": "mural", "gmina": "czeladz"}, HTTP_HOST=NETWORK
    ).json()["results"]
    assert suggested and all(item["place"] == "Czeladź" for item in suggested)

    # On the city's own host the search is the city's already: no extra field.
    own = client.get("/", HTTP_HOST=A_HOST).text
    assert 'name="gmina"' not in re.search(r'<form class="site-search".*?</form>', own, re.S).group(
        0
    )
