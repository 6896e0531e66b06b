"""Bulk actions on pages, images and documents: nothing of B's is acted on, nor named in a
confirmation.
"""

from django.urls import reverse

from wagtail.models import Page

import pytest

from municipalities.models import CallIndexPage, ContactPage

from .helpers import (
    DRAFT_TITLE,
    PEOPLE_OF_A,
    PUBLISHING,
    TITLE_OF,
    home,
    log_in_as,
    make_room,
    reload,
    save_draft,
    section,
)

# Pages ------------------------------------------------------------------------------------


def bulk_url(model, action, *objects, query=None):
    opts = model._meta
    url = reverse("wagtail_bulk_action", args=[opts.app_label, opts.model_name, action])
    return url + "?" + (query or "&".join(f"id={obj.pk}" for obj in objects))


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_bulk_page_actions_on_the_other_municipality_are_refused(network, client, role):
    calls = save_draft(section(network.b, CallIndexPage), "Od A", network.users["editor_b"])
    contact = section(network.b, ContactPage)
    make_room(home(network.a), ContactPage)
    log_in_as(client, network, role)

    client.post(bulk_url(Page, "publish", calls))
    client.post(bulk_url(Page, "unpublish", calls))
    client.post(bulk_url(Page, "move", contact), {"chooser": home(network.a).pk})
    client.post(bulk_url(Page, "delete", contact))

    calls, contact = reload(calls), reload(contact)
    assert (calls.title, calls.live) == ("Nabory wniosków", True)
    assert contact.get_parent().pk == home(network.b).pk


@pytest.mark.parametrize(("role", "owner"), PUBLISHING)
def test_moderators_and_network_admin_use_bulk_page_actions(network, client, role, owner):
    municipality = getattr(network, owner)
    calls = save_draft(section(municipality, CallIndexPage), "Zbiorczo", network.users[role])
    contact = section(municipality, ContactPage)
    log_in_as(client, network, role)

    client.post(bulk_url(Page, "publish", calls))
    assert reload(calls).title == "Zbiorczo"
    client.post(bulk_url(Page, "unpublish", calls))
    assert not reload(calls).live
    client.post(bulk_url(Page, "delete", contact))
    assert not Page.objects.filter(pk=contact.pk).exists()


@pytest.mark.parametrize("role", PEOPLE_OF_A)
@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "move"])
def test_bulk_confirmation_does_not_name_the_other_municipality_pages(
    network, client, role, action
):
    calls = save_draft(section(network.b, CallIndexPage), DRAFT_TITLE, network.users["editor_b"])
    log_in_as(client, network, role)

    for query in [f"id={calls.pk}", f"id=all&childOf={home(network.b).pk}"]:
        response = client.get(bulk_url(Page, action, query=query))

        assert response.status_code == 200
        assert DRAFT_TITLE not in response.content.decode()


def test_bulk_confirmation_names_own_pages_the_user_may_not_act_on(network, client):
    calls = save_draft(section(network.a, CallIndexPage), DRAFT_TITLE, network.users["editor_a"])
    log_in_as(client, network, "editor_a")

    response = client.get(bulk_url(Page, "publish", calls))

    assert DRAFT_TITLE in response.content.decode()  # listed as "you may not publish"


# Images and documents ---------------------------------------------------------------------


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_bulk_media_actions_on_the_other_collection_are_refused(
    network, client, media, items, role
):
    item = items["b"]
    log_in_as(client, network, role)

    for action in ["delete", "add_to_collection", "add_tags"]:
        confirmation = client.get(bulk_url(media.model, action, item))
        assert TITLE_OF["b"] not in confirmation.content.decode()
    client.post(bulk_url(media.model, "add_tags", item), {"tags": "od-a"})
    client.post(
        bulk_url(media.model, "add_to_collection", item), {"collection": network.a.collection.pk}
    )
    client.post(bulk_url(media.model, "delete", item))

    item.refresh_from_db()
    assert item.collection_id == network.b.collection.pk
    assert not item.tags.exists()


@pytest.mark.parametrize(("role", "owner"), PUBLISHING)
def test_moderators_and_network_admin_use_bulk_media_actions(
    network, client, media, items, role, owner
):
    item = items[owner]
    log_in_as(client, network, role)

    client.post(bulk_url(media.model, "add_tags", item), {"tags": "herb"})
    assert list(item.tags.names()) == ["herb"]
    client.post(bulk_url(media.model, "delete", item))
    assert not media.model.objects.filter(pk=item.pk).exists()
