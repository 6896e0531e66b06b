"""Isolation between municipalities, proven through the real Wagtail admin.

The rule (DESIGN, "Isolation between municipalities"): the editors and moderators of one
municipality (A) can do nothing to another's (B) pages, drafts, images, documents, site
settings or translations, and cannot carry their own pages out of their own subtree.

Every denial is paired with a positive control: A's own people do the same thing to A's
objects where their role allows it, and the GZM network admin (not a superuser) does it to
B's, with the same request. So a denial proves a permission boundary, not a malformed
request. The database is checked as well as the response; a denial is a redirect, a 403 or
a 404, never a server error (the test client re-raises those).
"""

import io
from dataclasses import dataclass
from functools import partial

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail_localize.models import Translation, TranslationSource

import pytest
from PIL import Image as PILImage
from wagtail_factories import DocumentFactory

from municipalities.models import CallIndexPage, ContactPage, GalleryPage, MunicipalityHomePage
from portal.factories import ImageFactory
from portal.models import AccessibilityStatementPage, SiteContactSettings

Image = get_image_model()
Document = get_document_model()

# Who acts on B's objects in the denial tests.
PEOPLE_OF_A = ["editor_a", "moderator_a"]
# Positive controls, as (role, whose objects): A's people on A's, the network admin on B's.
EDITING = [("editor_a", "a"), ("moderator_a", "a"), ("network_admin", "b")]
PUBLISHING = [("moderator_a", "a"), ("network_admin", "b")]

# A draft title to look for in responses (ASCII, so it reads the same inside JSON).
DRAFT_TITLE = "Nabory 2026 - szkic do akceptacji"


# Helpers ----------------------------------------------------------------------------------


def log_in_as(client, network, role):
    client.force_login(network.users[role])
    return client


def home(municipality):
    return municipality.site.root_page.specific


def section(municipality, page_type):
    """The Polish section page of ``page_type`` under the municipality's home."""
    return page_type.objects.child_of(home(municipality)).get()


def english():
    return Locale.objects.get(language_code="en")


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def explore_url(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


def assert_denied(response, redirect_to=None):
    """Wagtail refuses with a redirect (to the dashboard unless told otherwise), 403 or 404."""
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"] == (redirect_to or reverse("wagtailadmin_home"))


def page_form_data(page, **changes):
    """What the page editor posts for a section page, with ``changes`` applied."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": rich_text(page.intro),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "show_in_menus": "on" if page.show_in_menus else "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return nested_form_data(data)


def make_room(parent, page_type):
    """Delete ``parent``'s only child of ``page_type``, so that one more may be put there."""
    page_type.objects.child_of(parent).get().delete()


def save_draft(page, title, user):
    page.title = title
    page.save_revision(user=user)
    return reload(page)


def lock(page, user):
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])


# Pages: finding them ----------------------------------------------------------------------


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


# Pages: opening them ----------------------------------------------------------------------


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


# Pages: changing them ---------------------------------------------------------------------


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


# Pages: moving and copying across the boundary --------------------------------------------


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


# Pages: a municipality's home stays where onboarding put it ---------------------------------


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


# Pages: drafts in moderation --------------------------------------------------------------


def submit_for_moderation(municipality, author):
    """Save a draft of the municipality's calls page and submit it to its own workflow."""
    page = save_draft(section(municipality, CallIndexPage), DRAFT_TITLE, author)
    workflow = page.get_workflow()
    assert workflow == municipality.workflow
    workflow.start(page, author)
    return reload(page)


def workflow_url(url_name, page, action="approve"):
    return reverse(url_name, args=[page.pk, action, page.current_workflow_task_state.pk])


def approve(client, page):
    return client.post(
        workflow_url("wagtailadmin_pages:workflow_action", page), {"comment": "Zgoda"}
    )


@pytest.fixture
def b_in_moderation(network):
    return submit_for_moderation(network.b, network.users["editor_b"])


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_approving_the_other_municipality_draft_is_refused(network, client, b_in_moderation, role):
    page = b_in_moderation
    task_state = page.current_workflow_task_state
    log_in_as(client, network, role)

    for response in [
        client.get(workflow_url("wagtailadmin_pages:workflow_action", page)),
        client.get(workflow_url("wagtailadmin_pages:collect_workflow_action_data", page)),
        client.get(
            reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id])
        ),
        client.get(reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk])),
        approve(client, page),
        client.post(workflow_url("wagtailadmin_pages:workflow_action", page, "reject")),
    ]:
        assert_denied(response)
        assert DRAFT_TITLE not in response.content.decode()

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    page = reload(page)
    assert (page.title, page.has_unpublished_changes) == ("Nabory wniosków", True)


@pytest.mark.parametrize(("role", "owner"), [("moderator_a", "a"), ("moderator_b", "b")])
def test_a_moderator_approves_own_municipality_draft(network, client, role, owner):
    municipality = getattr(network, owner)
    page = submit_for_moderation(municipality, network.users[f"editor_{owner}"])
    log_in_as(client, network, role)

    preview = client.get(
        reverse(
            "wagtailadmin_pages:workflow_preview",
            args=[page.pk, page.current_workflow_task_state.task_id],
        )
    )
    response = approve(client, page)

    assert preview.status_code == 200
    assert response.status_code == 302
    assert reload(page).title == DRAFT_TITLE


def test_network_admin_approves_the_municipality_draft(network, client, b_in_moderation):
    log_in_as(client, network, "network_admin")

    approve(client, b_in_moderation)

    assert reload(b_in_moderation).title == DRAFT_TITLE


# The dashboard and the reports that gather drafts, tasks, locks and history from the tree.
OVERVIEWS = [
    "wagtailadmin_home",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
]


@pytest.mark.parametrize("role", PEOPLE_OF_A)
@pytest.mark.parametrize("url_name", OVERVIEWS)
def test_overviews_do_not_show_the_other_municipality_drafts(
    network, client, b_in_moderation, role, url_name
):
    lock(b_in_moderation, network.users["moderator_b"])
    log_in_as(client, network, role)

    response = client.get(reverse(url_name))

    assert response.status_code in (200, 302)  # editors may not open the locked pages report
    assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.parametrize("url_name", OVERVIEWS)
def test_overviews_show_own_drafts(network, client, url_name):
    page = submit_for_moderation(network.a, network.users["editor_a"])
    lock(page, network.users["moderator_a"])
    log_in_as(client, network, "moderator_a")

    response = client.get(reverse(url_name))

    assert DRAFT_TITLE in response.content.decode()


def test_page_types_report_does_not_show_the_other_municipality_drafts(
    network, client, b_in_moderation
):
    log_in_as(client, network, "editor_a")

    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    results = client.get(reverse("wagtailadmin_reports:page_types_usage_results"))

    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    assert response.status_code == results.status_code == 302
    assert response.url == results.url == reverse("wagtailadmin_home")
    assert DRAFT_TITLE not in response.content.decode() + results.content.decode()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:page_types_usage") not in menu


def test_page_types_report_serves_the_network_admin(network, client, b_in_moderation):
    log_in_as(client, network, "network_admin")

    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))

    assert response.status_code == 200
    assert DRAFT_TITLE in response.content.decode()


# Pages: bulk actions ----------------------------------------------------------------------


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


def small_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("herb.png", buffer.getvalue(), content_type="image/png")


def small_pdf():
    return SimpleUploadedFile("uchwala.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


@dataclass(frozen=True)
class Media:
    """A kind of collection member and the admin URLs that manage it."""

    model: type
    factory: object
    upload: object
    app: str
    usage_view: str
    extra_fields: tuple = ()

    def url(self, name, *args):
        return reverse(f"{self.app}:{name}", args=args)

    def chooser_url(self, name, *args):
        return reverse(f"{self.app}_chooser:{name}", args=args)

    def form_data(self, item, **changes):
        data = {"title": item.title, "collection": item.collection_id, "tags": ""}
        data.update(dict.fromkeys(self.extra_fields, ""))
        data.update(changes)
        return data


MEDIA = {
    "image": Media(
        model=Image,
        factory=ImageFactory,
        upload=small_png,
        app="wagtailimages",
        usage_view="image_usage",
        extra_fields=("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"),
    ),
    "document": Media(
        model=Document,
        factory=partial(DocumentFactory, file__filename="uchwala.pdf"),
        upload=small_pdf,
        app="wagtaildocs",
        usage_view="document_usage",
    ),
}
TITLE_OF = {"a": "Plik gminy A", "b": "Plik gminy B"}


@pytest.fixture(params=MEDIA)
def media(request):
    return MEDIA[request.param]


@pytest.fixture
def items(network, media):
    """One item in A's collection and one in B's."""
    return {
        owner: media.factory(collection=getattr(network, owner).collection, title=title)
        for owner, title in TITLE_OF.items()
    }


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


# Site settings ----------------------------------------------------------------------------


def settings_url(site=None):
    args = ["portal", "sitecontactsettings"] + ([site.pk] if site else [])
    return reverse("wagtailsettings:edit", args=args)


CONTACT = {
    "email": "inicjatywa@example.org",
    "phone": "+48 32 000 00 00",
    "address": "ul. Przykładowa 1",
    "office_hours": "pn-pt 8-16",
}


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_editing_the_other_municipality_settings_is_refused(network, client, role):
    log_in_as(client, network, role)

    assert_denied(client.get(settings_url(network.b.site)))
    assert_denied(client.post(settings_url(network.b.site), CONTACT))

    assert SiteContactSettings.for_site(network.b.site).email == ""


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_edit_site_settings(network, client, role, owner):
    site = getattr(network, owner).site
    log_in_as(client, network, role)

    response = client.post(settings_url(site), CONTACT)

    assert response.status_code == 302
    assert SiteContactSettings.for_site(site).email == CONTACT["email"]


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_settings_opened_on_the_other_municipality_host_are_own(network, client, role):
    log_in_as(client, network, role)

    response = client.get(settings_url(), HTTP_HOST=network.b.site.hostname)

    assert response["Location"] == settings_url(network.a.site)
    # One site to edit, so no site switcher offering any other.
    assert client.get(response["Location"]).context["site_switcher"] is None


# Translation (wagtail-localize) -----------------------------------------------------------
#
# Municipality groups hold the global submit_translation permission; the object they
# translate must still be theirs.


def untranslated_contact_page(municipality):
    """The municipality's contact page, its English translation removed."""
    page = section(municipality, ContactPage)
    page.get_translation(english()).delete()
    return page


def submit_translation(client, page):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.get(url), client.post(url, {"locales": [english().pk]})


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_translating_the_other_municipality_page_is_refused(network, client, role):
    page = untranslated_contact_page(network.b)
    log_in_as(client, network, role)

    for response in submit_translation(client, page):
        assert_denied(response)

    assert not page.has_translation(english())


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_translate_pages(network, client, role, owner):
    page = untranslated_contact_page(getattr(network, owner))
    log_in_as(client, network, role)

    form, response = submit_translation(client, page)

    assert (form.status_code, response.status_code) == (200, 302)
    assert page.has_translation(english())


def sync_translations(client, page, publish):
    source = TranslationSource.objects.get_for_instance(page)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    return client.get(url), client.post(url, {"publish_translations": "on"} if publish else {})


@pytest.mark.parametrize("publish", [False, True], ids=["sync", "sync and publish"])
@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_syncing_the_other_municipality_translations_is_refused(network, client, role, publish):
    page = section(network.b, CallIndexPage)
    source = TranslationSource.objects.get_for_instance(page)
    translated = page.get_translation(english())
    log_in_as(client, network, role)

    for response in sync_translations(client, page, publish):
        assert_denied(response)

    assert TranslationSource.objects.get(pk=source.pk).last_updated_at == source.last_updated_at
    assert reload(translated).latest_revision_id == translated.latest_revision_id


@pytest.mark.parametrize(
    ("role", "owner", "publish"),
    [("editor_a", "a", False), ("moderator_a", "a", True), ("network_admin", "b", True)],
)
def test_own_people_sync_translations(
    network, client, django_capture_on_commit_callbacks, role, owner, publish
):
    page = section(getattr(network, owner), CallIndexPage)
    source = TranslationSource.objects.get_for_instance(page)
    translated = page.get_translation(english())
    log_in_as(client, network, role)

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes then
        form, response = sync_translations(client, page, publish)

    assert (form.status_code, response.status_code) == (200, 302)
    assert TranslationSource.objects.get(pk=source.pk).last_updated_at > source.last_updated_at
    if publish:
        assert reload(translated).live_revision_id != translated.live_revision_id


def test_an_editor_does_not_publish_translations_by_syncing(network, client):
    page = section(network.a, CallIndexPage)
    translated = page.get_translation(english())
    log_in_as(client, network, "editor_a")

    _form, response = sync_translations(client, page, publish=True)

    assert_denied(response)
    assert reload(translated).live_revision_id == translated.live_revision_id


def english_translation(municipality):
    source = TranslationSource.objects.get_for_instance(section(municipality, CallIndexPage))
    return Translation.objects.get(source=source, target_locale=english())


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_the_other_municipality_translation_tools_are_refused(network, client, role):
    translation = english_translation(network.b)
    log_in_as(client, network, role)

    for response in [
        client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk])),
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])),
        client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk])),
    ]:
        assert_denied(response)

    translation.refresh_from_db()
    assert translation.enabled


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_use_translation_tools(network, client, role, owner):
    translation = english_translation(getattr(network, owner))
    log_in_as(client, network, role)

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))

    assert download.status_code == 200
    translation.refresh_from_db()
    assert not translation.enabled


def translation_edit_urls(municipality):
    pages = [home(municipality), section(municipality, ContactPage)]
    return {
        reverse("wagtailadmin_pages:edit", args=[page.get_translation(english()).pk])
        for page in pages
    }


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_translations_report_lists_only_own_pages(network, client, role):
    log_in_as(client, network, role)

    html = client.get(reverse("wagtail_localize:translations_report")).content.decode()

    assert all(url in html for url in translation_edit_urls(network.a))
    assert not any(url in html for url in translation_edit_urls(network.b))


def test_translations_report_lists_every_municipality_for_network_admin(network, client):
    log_in_as(client, network, "network_admin")

    html = client.get(
        reverse("wagtail_localize:translations_report"),
        {"per_page": 100, "target_locale": "en"},
    ).content.decode()

    assert all(url in html for url in translation_edit_urls(network.b))
