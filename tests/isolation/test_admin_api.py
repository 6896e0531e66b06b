"""The admin API (``/admin/api/main/…``) serves A's people their own pages, images and
documents only: B's are not listed, and B's id on a detail address answers 404.
"""

from django.urls import reverse

import pytest

from municipalities.models import CallIndexPage

from .helpers import DRAFT_TITLE, PEOPLE_OF_A, TITLE_OF, log_in_as, save_draft, section

ENDPOINT = {"wagtailimages": "images", "wagtaildocs": "documents"}


def api_url(endpoint, pk=None):
    if pk is None:
        return reverse(f"wagtailadmin_api:{endpoint}:listing")
    return reverse(f"wagtailadmin_api:{endpoint}:detail", args=[pk])


def listed(client, url, **params):
    """Every item of an API listing, page after page (the API serves 20 at most at once)."""
    items, offset = [], 0
    while True:
        response = client.get(url, {"offset": offset, **params})
        assert response.status_code == 200, response.content
        batch = response.json()["items"]
        items += batch
        offset += len(batch)
        if not batch or offset >= response.json()["meta"]["total_count"]:
            return items


def listed_titles(client, url, **params):
    return {item["title"] for item in listed(client, url, **params)}


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_media_listing_shows_only_own_collection(network, client, media, items, role):
    log_in_as(client, network, role)
    url = api_url(ENDPOINT[media.app])

    assert listed_titles(client, url) == {TITLE_OF["a"]}
    assert listed_titles(client, url, search="Plik") == {TITLE_OF["a"]}


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_media_detail_of_the_other_collection_is_not_found(network, client, media, items, role):
    log_in_as(client, network, role)
    endpoint = ENDPOINT[media.app]

    refused = client.get(api_url(endpoint, items["b"].pk))
    own = client.get(api_url(endpoint, items["a"].pk))

    assert refused.status_code == 404
    assert TITLE_OF["b"] not in refused.content.decode()
    assert own.status_code == 200
    assert own.json()["title"] == TITLE_OF["a"]


def test_network_admin_sees_media_of_every_collection(network, client, media, items):
    log_in_as(client, network, "network_admin")
    endpoint = ENDPOINT[media.app]

    assert listed_titles(client, api_url(endpoint)) >= set(TITLE_OF.values())
    assert client.get(api_url(endpoint, items["b"].pk)).status_code == 200


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_pages_api_keeps_the_other_municipality_out(network, client, role):
    calls_b = save_draft(section(network.b, CallIndexPage), DRAFT_TITLE, network.users["editor_b"])
    calls_a = section(network.a, CallIndexPage)
    log_in_as(client, network, role)

    listing = listed(client, api_url("pages"))
    detail_b = client.get(api_url("pages", calls_b.pk))
    home_b = client.get(api_url("pages", network.b.site.root_page_id))
    children_b = client.get(api_url("pages"), {"child_of": network.b.site.root_page_id})

    ids = {item["id"] for item in listing}
    assert calls_a.pk in ids
    assert calls_b.pk not in ids
    assert network.b.site.root_page_id not in ids
    assert DRAFT_TITLE not in str(listing)
    assert detail_b.status_code == 404
    assert home_b.status_code == 404
    assert children_b.status_code in (400, 404)
    assert DRAFT_TITLE not in children_b.content.decode()
    assert client.get(api_url("pages", calls_a.pk)).status_code == 200
