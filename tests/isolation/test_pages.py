"""Finding and opening pages: A's people see nothing of B's pages in the explorer, search,
the admin API, the page chooser or any admin view of a page.
"""

from django.urls import reverse

from wagtail.models import Page

import pytest

from municipalities.models import CallIndexPage, ContactPage, GalleryPage
from portal.models import AccessibilityStatementPage

from .helpers import (
    DRAFT_TITLE,
    EDITING,
    PEOPLE_OF_A,
    assert_denied,
    english,
    explore_url,
    home,
    log_in_as,
    save_draft,
    section,
)

# Finding pages ----------------------------------------------------------------------------


def listed(response):
    return {page.pk for page in response.context["object_list"]}


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_explorer_does_not_list_the_other_municipality(network, client, role):
    log_in_as(client, network, role)

    response = client.get(explore_url(network.home))

    assert response.status_code == 200
    assert home(network.a).pk in listed(response)
    assert home(network.b).pk not in listed(response)


def test_network_admin_explorer_lists_every_municipality(network, client):
    log_in_as(client, network, "network_admin")

    response = client.get(explore_url(network.home))

    assert {home(network.a).pk, home(network.b).pk} <= listed(response)


@pytest.mark.parametrize("role", PEOPLE_OF_A)
@pytest.mark.parametrize(
    "page_of_b", ["home", "English home", CallIndexPage, GalleryPage, ContactPage]
)
def test_exploring_the_other_municipality_is_refused(network, client, role, page_of_b):
    if page_of_b == "home":
        page = home(network.b)
    elif page_of_b == "English home":
        page = home(network.b).get_translation(english())
    else:
        page = section(network.b, page_of_b)
    log_in_as(client, network, role)

    for url_name in ["wagtailadmin_explore", "wagtailadmin_explore_results"]:
        response = client.get(reverse(url_name, args=[page.pk]))

        # Back to where the user may explore from: the tree root, as A works in three locales.
        assert_denied(response, redirect_to=explore_url(Page.get_first_root_node()))


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_explore_their_municipality(network, client, role, owner):
    municipality = getattr(network, owner)
    log_in_as(client, network, role)

    response = client.get(explore_url(home(municipality)))

    assert response.status_code == 200
    assert section(municipality, CallIndexPage).pk in listed(response)


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_admin_search_finds_only_own_pages(network, client, role):
    log_in_as(client, network, role)

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Kontakt"})

    found = {page.pk for page in response.context["object_list"]}
    assert section(network.a, ContactPage).pk in found
    assert section(network.b, ContactPage).pk not in found


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_admin_api_does_not_serve_the_other_municipality_pages(network, client, role):
    log_in_as(client, network, role)
    own, other = section(network.a, CallIndexPage), section(network.b, CallIndexPage)

    listing = client.get(reverse("wagtailadmin_api:pages:listing"), {"child_of": network.home.pk})

    assert [item["id"] for item in listing.json()["items"]] == [home(network.a).pk]
    assert client.get(reverse("wagtailadmin_api:pages:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_api:pages:detail", args=[other.pk])).status_code == 404


def chooser_pages(response):
    return {page.pk for page in response.context["table"].data}


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_page_chooser_offers_nothing_of_the_other_municipality(network, client, role):
    unpublished = section(network.b, GalleryPage)
    unpublished.unpublish()
    log_in_as(client, network, role)

    under_b = client.get(reverse("wagtailadmin_choose_page_child", args=[home(network.b).pk]))
    under_network = client.get(reverse("wagtailadmin_choose_page_child", args=[network.home.pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Nabory"})

    b_pages = {home(network.b).pk, section(network.b, CallIndexPage).pk, unpublished.pk}
    assert not b_pages & chooser_pages(under_b)
    assert not b_pages & chooser_pages(under_network)
    assert not b_pages & {page.pk for page in search.context["pages"]}
    # A's own pages and GZM's published network pages stay on offer.
    assert home(network.a).pk in chooser_pages(under_network)
    assert section(network.a, CallIndexPage).pk in {page.pk for page in search.context["pages"]}
    statement = network.home.get_children().type(AccessibilityStatementPage).get()
    assert statement.pk in chooser_pages(under_network)


def test_page_chooser_offers_every_municipality_to_the_network_admin(network, client):
    log_in_as(client, network, "network_admin")

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[home(network.b).pk]))

    assert section(network.b, CallIndexPage).pk in chooser_pages(response)


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_page_chooser_offers_own_unpublished_pages(network, client, role, owner):
    municipality = getattr(network, owner)
    unpublished = section(municipality, GalleryPage)
    unpublished.unpublish()
    log_in_as(client, network, role)

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[home(municipality).pk]))

    assert unpublished.pk in chooser_pages(response)


def test_page_chooser_does_not_reveal_a_draft_title_of_the_other_municipality(network, client):
    save_draft(section(network.b, CallIndexPage), DRAFT_TITLE, network.users["editor_b"])
    log_in_as(client, network, "editor_a")

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[home(network.b).pk]))

    assert DRAFT_TITLE not in response.content.decode()


# Opening pages ----------------------------------------------------------------------------


# Admin views showing a page, its drafts or its history, or asking to act on it, with the
# people of A who may open each of them on A's own live calls page.
PAGE_VIEWS = {
    "edit": ("wagtailadmin_pages:edit", PEOPLE_OF_A),
    "view_draft": ("wagtailadmin_pages:view_draft", PEOPLE_OF_A),
    "preview_on_edit": ("wagtailadmin_pages:preview_on_edit", PEOPLE_OF_A),
    "history": ("wagtailadmin_pages:history", PEOPLE_OF_A),
    "history_results": ("wagtailadmin_pages:history_results", PEOPLE_OF_A),
    "revisions_view": ("wagtailadmin_pages:revisions_view", PEOPLE_OF_A),
    "revisions_compare": ("wagtailadmin_pages:revisions_compare", PEOPLE_OF_A),
    "revisions_revert": ("wagtailadmin_pages:revisions_revert", PEOPLE_OF_A),
    "workflow_history": ("wagtailadmin_pages:workflow_history", PEOPLE_OF_A),
    "usage": ("wagtailadmin_pages:usage", PEOPLE_OF_A),
    "copy": ("wagtailadmin_pages:copy", PEOPLE_OF_A),
    "move": ("wagtailadmin_pages:move", ["moderator_a"]),
    "delete": ("wagtailadmin_pages:delete", ["moderator_a"]),
    "unpublish": ("wagtailadmin_pages:unpublish", ["moderator_a"]),
    "set_privacy": ("wagtailadmin_pages:set_privacy", ["moderator_a"]),
    "translate": ("wagtail_localize:submit_page_translation", PEOPLE_OF_A),
}


# The views that show the page's draft title (so seeing it is not there when refused means
# something); the others show it elsewhere or not at all.
NOT_TITLED = {"preview_on_edit", "history_results", "set_privacy"}


def page_view_url(view, page):
    url_name, _roles = PAGE_VIEWS[view]
    if view in ("revisions_view", "revisions_revert"):
        return reverse(url_name, args=[page.pk, page.latest_revision_id])
    if view == "revisions_compare":
        return reverse(url_name, args=[page.pk, "earliest", "latest"])
    return reverse(url_name, args=[page.pk])


@pytest.mark.parametrize("role", PEOPLE_OF_A)
@pytest.mark.parametrize("view", PAGE_VIEWS)
def test_page_views_of_the_other_municipality_are_refused(network, client, role, view):
    page = save_draft(section(network.b, CallIndexPage), DRAFT_TITLE, network.users["editor_b"])
    log_in_as(client, network, role)

    response = client.get(page_view_url(view, page))

    assert_denied(response)
    assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.parametrize(
    ("view", "role"), [(view, role) for view, (_url, roles) in PAGE_VIEWS.items() for role in roles]
)
def test_page_views_open_for_own_people(network, client, view, role):
    page = save_draft(section(network.a, CallIndexPage), DRAFT_TITLE, network.users["editor_a"])
    log_in_as(client, network, role)

    response = client.get(page_view_url(view, page))

    assert response.status_code == 200
    assert view in NOT_TITLED or DRAFT_TITLE in response.content.decode()


@pytest.mark.parametrize("view", PAGE_VIEWS)
def test_page_views_open_for_network_admin(network, client, view):
    page = save_draft(section(network.b, CallIndexPage), DRAFT_TITLE, network.users["editor_b"])
    log_in_as(client, network, "network_admin")

    response = client.get(page_view_url(view, page))

    assert response.status_code == 200
    assert view in NOT_TITLED or DRAFT_TITLE in response.content.decode()
