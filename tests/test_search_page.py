"""The search page answers every query sanely (full search arrives with the search work)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "nabory",
        "",
        "x" * 5000,
        'title:(a OR b) AND "',
        "'; DROP TABLE wagtailcore_page; --",
        "plac zabaw 🛝",
        "*?~^",
        "page=-1",
    ],
)
def test_odd_queries_answer_200(client, network, query):
    response = client.get("/szukaj/", {"q": query, "page": "zzz"}, HTTP_HOST="localhost")

    assert response.status_code == 200


def test_search_finds_a_section_of_the_current_site(client, network):
    response = client.get("/szukaj/", {"q": "Kontakt"}, HTTP_HOST="czeladz.localhost")
    html = response.content.decode()

    assert 'href="/kontakt/"' in html
