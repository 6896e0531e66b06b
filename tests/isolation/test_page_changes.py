"""Changing pages: A's people cannot save, preview, publish, unpublish, delete, create,
lock or reorder B's pages; their own role decides what they may do to A's.
"""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset

import pytest

from municipalities.models import CallIndexPage, ContactPage

from .helpers import (
    EDITING,
    PEOPLE_OF_A,
    PUBLISHING,
    assert_denied,
    home,
    log_in_as,
    make_room,
    page_form_data,
    reload,
    section,
)


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_saving_a_draft_of_the_other_municipality_page_is_refused(network, client, role):
    page = section(network.b, CallIndexPage)
    revisions = page.revisions.count()
    log_in_as(client, network, role)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form_data(page, title="Od A")
    )

    assert_denied(response)
    page = reload(page)
    assert page.revisions.count() == revisions
    assert page.draft_title == page.title == "Nabory wniosków"


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_save_drafts(network, client, role, owner):
    page = section(getattr(network, owner), CallIndexPage)
    log_in_as(client, network, role)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form_data(page, title="Nowy")
    )

    assert response.status_code == 302
    page = reload(page)
    assert (page.draft_title, page.title) == ("Nowy", "Nabory wniosków")  # a draft, not live


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_previewing_changes_to_the_other_municipality_page_is_refused(network, client, role):
    page = section(network.b, CallIndexPage)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    log_in_as(client, network, role)

    assert_denied(client.post(url, page_form_data(page, title="Podgląd od A")))
    assert_denied(client.get(url))


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_preview_changes(network, client, role, owner):
    page = section(getattr(network, owner), CallIndexPage)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    log_in_as(client, network, role)

    assert client.post(url, page_form_data(page, title="Podgląd")).json()["is_valid"]
    assert "Podgląd" in client.get(url).content.decode()


def publish(client, page, title):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page_form_data(page, title=title, **{"action-publish": "on"}),
    )


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_publishing_the_other_municipality_page_is_refused(network, client, role):
    page = section(network.b, CallIndexPage)
    log_in_as(client, network, role)

    response = publish(client, page, "Opublikowane przez A")

    assert_denied(response)
    after = reload(page)
    assert (after.title, after.live_revision_id) == ("Nabory wniosków", page.live_revision_id)


@pytest.mark.parametrize(("role", "owner"), PUBLISHING)
def test_moderators_and_network_admin_publish(network, client, role, owner):
    page = section(getattr(network, owner), CallIndexPage)
    log_in_as(client, network, role)

    response = publish(client, page, "Opublikowane")

    assert response.status_code == 302
    assert reload(page).title == "Opublikowane"


def test_an_editor_does_not_publish_even_own_pages(network, client):
    page = section(network.a, CallIndexPage)
    log_in_as(client, network, "editor_a")

    publish(client, page, "Opublikowane")

    assert reload(page).title == "Nabory wniosków"


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_unpublishing_the_other_municipality_page_is_refused(network, client, role):
    page = section(network.b, CallIndexPage)
    log_in_as(client, network, role)

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    assert_denied(response)
    assert reload(page).live


@pytest.mark.parametrize(("role", "owner"), PUBLISHING)
def test_moderators_and_network_admin_unpublish(network, client, role, owner):
    page = section(getattr(network, owner), CallIndexPage)
    log_in_as(client, network, role)

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    assert response.status_code == 302
    assert not reload(page).live


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_deleting_the_other_municipality_page_is_refused(network, client, role):
    page = section(network.b, ContactPage)
    log_in_as(client, network, role)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert_denied(response)
    assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize(("role", "owner"), PUBLISHING)
def test_moderators_and_network_admin_delete_pages(network, client, role, owner):
    page = section(getattr(network, owner), ContactPage)
    log_in_as(client, network, role)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


def add_contact_page(client, parent):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["municipalities", "contactpage", parent.pk]),
        page_form_data(
            ContactPage(title="Kontakt", slug="kontakt", show_in_menus=True),
            people=inline_formset([]),
            office_name="",
            office_address="",
            epuap_address="",
        ),
    )


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_creating_a_page_in_the_other_municipality_is_refused(network, client, role):
    make_room(home(network.b), ContactPage)
    log_in_as(client, network, role)

    response = add_contact_page(client, home(network.b))

    assert_denied(response)
    assert not ContactPage.objects.child_of(home(network.b)).exists()


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_create_pages(network, client, role, owner):
    parent = home(getattr(network, owner))
    make_room(parent, ContactPage)
    log_in_as(client, network, role)

    response = add_contact_page(client, parent)

    assert response.status_code == 302
    assert ContactPage.objects.child_of(parent).exists()


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_locking_the_other_municipality_page_is_refused(network, client, role):
    page = section(network.b, CallIndexPage)
    log_in_as(client, network, role)

    response = client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))

    assert_denied(response)
    assert not reload(page).locked


@pytest.mark.parametrize(("role", "owner"), PUBLISHING)
def test_moderators_and_network_admin_lock_pages(network, client, role, owner):
    page = section(getattr(network, owner), CallIndexPage)
    log_in_as(client, network, role)

    response = client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))

    assert response.status_code == 302
    assert reload(page).locked


def reorder(client, page):
    url = reverse("wagtailadmin_pages:set_page_position", args=[page.pk])
    return client.post(f"{url}?position=3")


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_reordering_the_other_municipality_sections_is_refused(network, client, role):
    page = section(network.b, CallIndexPage)
    log_in_as(client, network, role)

    response = reorder(client, page)

    assert_denied(response)
    assert reload(page).path == page.path


@pytest.mark.parametrize(("role", "owner"), PUBLISHING)
def test_moderators_and_network_admin_reorder_sections(network, client, role, owner):
    page = section(getattr(network, owner), CallIndexPage)
    log_in_as(client, network, role)

    response = reorder(client, page)

    assert response.status_code == 200
    assert reload(page).path != page.path
