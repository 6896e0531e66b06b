"""GZM's register of member municipalities in the admin (snippet "Gminy GZM")."""

import re

from django.urls import reverse

import pytest

from .conftest import log_in_as

pytestmark = pytest.mark.django_db

ROW_TITLE = re.compile(r'<span id="snippet_\d+_title">([^<]+)</span>')


def listed(response):
    return [name.strip() for name in ROW_TITLE.findall(response.content.decode())]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Ruda", ["Ruda Śląska"]), ("ruda śl", ["Ruda Śląska"]), ("Czel", ["Czeladź"])],
)
def test_network_admin_searches_the_register(client, network, query, expected):
    log_in_as(client, network, "network_admin")
    url = reverse("wagtailsnippets_municipalities_municipality:list")

    page = client.get(url, {"q": query})
    results = client.get(
        reverse("wagtailsnippets_municipalities_municipality:list_results"), {"q": query}
    )

    assert listed(client.get(url)) == ["Czeladź", "Ruda Śląska"]
    assert page.status_code == 200
    assert listed(page) == expected
    assert listed(results) == expected
