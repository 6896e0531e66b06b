"""The page tree: no page is moved or copied across the boundary, and a municipality's
home stays where onboarding put it.
"""

from django.urls import reverse

import pytest

from municipalities.models import ContactPage, MunicipalityHomePage
from portal.models import AccessibilityStatementPage

from .helpers import (
    DRAFT_TITLE,
    PEOPLE_OF_A,
    assert_denied,
    explore_url,
    home,
    log_in_as,
    make_room,
    reload,
    save_draft,
    section,
)

# Moving and copying across the boundary ---------------------------------------------------


def move(client, page, destination):
    """The confirmation page and the move itself."""
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    return client.get(url), client.post(url)


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_moving_the_other_municipality_page_is_refused(network, client, role):
    page = save_draft(section(network.b, ContactPage), DRAFT_TITLE, network.users["editor_b"])
    make_room(home(network.a), ContactPage)
    log_in_as(client, network, role)

    for response in move(client, page, home(network.a)):
        assert_denied(response)
        assert DRAFT_TITLE not in response.content.decode()

    assert reload(page).get_parent().pk == home(network.b).pk


def test_moving_own_page_into_the_other_municipality_is_refused(network, client):
    page = section(network.a, ContactPage)
    make_room(home(network.b), ContactPage)
    log_in_as(client, network, "moderator_a")

    for response in move(client, page, home(network.b)):
        assert_denied(response)

    assert reload(page).get_parent().pk == home(network.a).pk


def test_moving_own_page_onto_the_network_home_is_refused(network, client):
    page = section(network.a, AccessibilityStatementPage)
    make_room(network.home, AccessibilityStatementPage)  # so that the page type fits there
    log_in_as(client, network, "moderator_a")

    for response in move(client, page, network.home):
        assert_denied(response)

    assert reload(page).get_parent().pk == home(network.a).pk


def test_a_moderator_moves_pages_within_own_subtree(network, client):
    page = section(network.a, ContactPage)
    log_in_as(client, network, "moderator_a")

    confirmation, response = move(client, page, home(network.a))

    assert (confirmation.status_code, response.status_code) == (200, 302)
    moved = reload(page)
    assert moved.get_parent().pk == home(network.a).pk
    assert moved.path != page.path  # now the last of its siblings


def test_network_admin_moves_pages_between_municipalities(network, client):
    page = section(network.b, ContactPage)
    make_room(home(network.a), ContactPage)
    log_in_as(client, network, "network_admin")

    confirmation, response = move(client, page, home(network.a))

    assert (confirmation.status_code, response.status_code) == (200, 302)
    assert reload(page).get_parent().pk == home(network.a).pk


def copy(client, page, destination):
    return client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": page.title, "new_slug": page.slug, "new_parent_page": destination.pk},
    )


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_copying_own_page_into_the_other_municipality_is_refused(network, client, role):
    make_room(home(network.b), ContactPage)
    log_in_as(client, network, role)

    response = copy(client, section(network.a, ContactPage), home(network.b))

    assert response.status_code == 200  # the form refuses the destination
    assert response.context["form"].errors["new_parent_page"]
    assert not ContactPage.objects.child_of(home(network.b)).exists()


def test_network_admin_copies_pages_between_municipalities(network, client):
    make_room(home(network.b), ContactPage)
    log_in_as(client, network, "network_admin")

    response = copy(client, section(network.a, ContactPage), home(network.b))

    assert response.status_code == 302
    assert ContactPage.objects.child_of(home(network.b)).exists()


# A municipality's home stays where onboarding put it --------------------------------------


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_municipality_people_do_not_delete_their_home(network, client, role):
    page = home(network.a)
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    log_in_as(client, network, role)

    for response in [client.get(url), client.post(url)]:
        # An editor may not delete live pages at all; for a moderator the hook refuses.
        assert_denied(response, redirect_to=explore_url(page) if role == "moderator_a" else None)

    assert MunicipalityHomePage.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_municipality_people_do_not_move_their_home(network, client, role):
    page = home(network.a)
    log_in_as(client, network, role)

    for response in move(client, page, network.home):
        assert_denied(response, redirect_to=explore_url(page))

    assert reload(page).path == page.path


def test_network_admin_may_delete_or_move_a_municipality_home(network, client):
    page = home(network.b)
    log_in_as(client, network, "network_admin")

    assert client.get(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code == 200
    confirmation, response = move(client, page, network.home)
    assert (confirmation.status_code, response.status_code) == (200, 302)
