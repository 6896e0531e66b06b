"""Images, documents and collections: listings, choosers and admin views show A's people
their own collection only, and nothing moves or is uploaded into B's.
"""

import pytest

from .helpers import (
    EDITING,
    PEOPLE_OF_A,
    PUBLISHING,
    TITLE_OF,
    assert_denied,
    log_in_as,
)


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_listings_and_choosers_show_only_own_collection(network, client, media, items, role):
    log_in_as(client, network, role)

    for url in [
        media.url("index"),
        media.url("index_results") + "?q=Plik",
        media.chooser_url("choose"),
        media.chooser_url("choose_results") + "?q=Plik",
    ]:
        html = client.get(url).content.decode()
        assert TITLE_OF["a"] in html, url
        assert TITLE_OF["b"] not in html, url


def test_network_admin_lists_and_chooses_from_every_collection(network, client, media, items):
    log_in_as(client, network, "network_admin")

    for url in [media.url("index"), media.chooser_url("choose")]:
        html = client.get(url).content.decode()
        assert TITLE_OF["a"] in html
        assert TITLE_OF["b"] in html


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_choosing_from_the_other_collection_is_refused(network, client, media, items, role):
    log_in_as(client, network, role)

    chosen = client.get(media.chooser_url("chosen", items["b"].pk))
    chosen_multiple = client.get(media.chooser_url("chosen_multiple"), {"id": items["b"].pk})

    assert_denied(chosen)
    assert chosen_multiple.json()["result"] == []
    assert client.get(media.chooser_url("chosen", items["a"].pk)).status_code == 200


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_media_views_of_the_other_collection_are_refused(network, client, media, items, role):
    item = items["b"]
    log_in_as(client, network, role)

    for name in ["edit", "delete", media.usage_view]:
        response = client.get(media.url(name, item.pk))
        assert_denied(response)
        assert TITLE_OF["b"] not in response.content.decode()


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_editing_media_of_the_other_collection_is_refused(network, client, media, items, role):
    item = items["b"]
    log_in_as(client, network, role)

    response = client.post(media.url("edit", item.pk), media.form_data(item, title="Od A"))

    assert_denied(response)
    item.refresh_from_db()
    assert (item.title, item.collection_id) == (TITLE_OF["b"], network.b.collection.pk)


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_edit_media(network, client, media, items, role, owner):
    item = items[owner]
    log_in_as(client, network, role)

    response = client.post(media.url("edit", item.pk), media.form_data(item, title="Poprawiony"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Poprawiony"


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_moving_own_media_into_the_other_collection_is_refused(network, client, media, items, role):
    item = items["a"]
    log_in_as(client, network, role)

    # With a single collection to offer, the form has no collection field to post to.
    client.post(
        media.url("edit", item.pk), media.form_data(item, collection=network.b.collection.pk)
    )

    item.refresh_from_db()
    assert item.collection_id == network.a.collection.pk


def test_network_admin_moves_media_between_collections(network, client, media, items):
    item = items["b"]
    log_in_as(client, network, "network_admin")

    client.post(
        media.url("edit", item.pk), media.form_data(item, collection=network.a.collection.pk)
    )

    item.refresh_from_db()
    assert item.collection_id == network.a.collection.pk


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_deleting_media_of_the_other_collection_is_refused(network, client, media, items, role):
    log_in_as(client, network, role)

    response = client.post(media.url("delete", items["b"].pk))

    assert_denied(response)
    assert media.model.objects.filter(pk=items["b"].pk).exists()


@pytest.mark.parametrize(("role", "owner"), PUBLISHING)
def test_moderators_and_network_admin_delete_media(network, client, media, items, role, owner):
    log_in_as(client, network, role)

    response = client.post(media.url("delete", items[owner].pk))

    assert response.status_code == 302
    assert not media.model.objects.filter(pk=items[owner].pk).exists()


@pytest.mark.parametrize(
    ("role", "collection_of", "allowed"),
    [
        ("editor_a", "b", False),
        ("moderator_a", "b", False),
        ("editor_a", "a", True),
        ("network_admin", "b", True),
    ],
)
def test_uploading_into_a_collection(network, client, media, role, collection_of, allowed):
    collection = getattr(network, collection_of).collection
    log_in_as(client, network, role)

    client.post(
        media.url("add"),
        {"title": "Nowy plik", "file": media.upload(), "collection": collection.pk, "tags": ""},
    )

    assert media.model.objects.filter(title="Nowy plik", collection=collection).exists() is allowed
