"""The handbooks admin, used the way editors use it: logged in, through real requests.

The isolation rule for handbooks is proven in ``tests/isolation/test_handbooks.py``.
"""

from django.conf import settings
from django.urls import reverse

from wagtail.models import Page

import pytest

from handbooks import sync
from handbooks.factories import HandbookChapterPageFactory
from handbooks.models import (
    ChapterStatus,
    HandbookVariantPage,
    VariantChapterState,
)

from .conftest import log_in_as
from .handbook_helpers import action_url, create, model_chapter, publish_model_edit, variant_chapter

# The editor's way through -------------------------------------------------------------------


def test_editor_creates_the_variant_in_one_action(client, network, handbook):
    log_in_as(client, network, "editor_a")

    index = client.get(reverse("handbooks_admin:index"))
    assert "Utwórz wariant dla gminy Ruda Śląska" in index.content.decode()
    response = create(client, handbook, network.a)

    variant = HandbookVariantPage.objects.get(
        model_handbook=handbook, locale__language_code=settings.LANGUAGE_CODE
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("handbooks_admin:variant", args=[variant.pk])
    assert variant.get_parent().pk == network.a.root_page.pk
    assert variant.live
    status = client.get(response["Location"]).content.decode()
    assert status.count('data-status="follows"') == 4


def test_editor_customises_and_sees_a_behind_chapter_with_the_diff(client, network, handbook):
    log_in_as(client, network, "editor_a")
    create(client, handbook, network.a)
    variant = sync.variant_of(handbook, network.a)
    page = variant_chapter(variant, "wklad-wlasny")

    response = client.post(action_url(page, "customise"))

    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).alias_of_id is None
    publish_model_edit(model_chapter(handbook, "wklad-wlasny"))

    status = client.get(reverse("handbooks_admin:variant", args=[variant.pk])).content.decode()
    assert 'data-status="behind"' in status
    changes = client.get(reverse("handbooks_admin:changes", args=[page.pk])).content.decode()
    assert "koordynator odpowiada w ciągu trzech dni roboczych" in changes
    assert "<ins>" in changes and "<del>" in changes


@pytest.mark.parametrize("action", ["keep", "take", "merged"])
def test_editor_clears_behind_with_each_action(client, network, handbook, action):
    variant = sync.create_variant(handbook, network.a)
    page = variant_chapter(variant, "wklad-wlasny")
    sync.customise_chapter(page)
    publish_model_edit(model_chapter(handbook, "wklad-wlasny"))
    log_in_as(client, network, "editor_a")

    client.post(action_url(page, action))

    assert VariantChapterState.objects.get(page=page).status == ChapterStatus.CUSTOMISED


def test_editor_hides_and_shows_a_chapter(client, network, handbook):
    variant = sync.create_variant(handbook, network.a)
    page = variant_chapter(variant, "realizacja")
    log_in_as(client, network, "editor_a")

    client.post(action_url(page, "hide"))
    assert VariantChapterState.objects.get(page=page).hidden
    client.post(action_url(page, "show"))
    assert not VariantChapterState.objects.get(page=page).hidden


def test_an_action_that_does_not_apply_is_a_message_not_an_error(client, network, handbook):
    variant = sync.create_variant(handbook, network.a)
    page = variant_chapter(variant, "realizacja")
    log_in_as(client, network, "editor_a")

    response = client.post(action_url(page, "keep"), follow=True)

    assert response.status_code == 200
    assert "nie jest dostosowany" in response.content.decode()


@pytest.mark.parametrize(
    "data", [{}, {"handbook": "x", "municipality": "y"}, {"handbook": "0", "municipality": "0"}]
)
def test_bad_input_to_create_is_a_404(client, network, data):
    log_in_as(client, network, "editor_a")

    assert client.post(reverse("handbooks_admin:create_variant"), data).status_code == 404


def test_unknown_action_and_get_are_refused(client, network, handbook):
    variant = sync.create_variant(handbook, network.a)
    page = variant_chapter(variant, "realizacja")
    log_in_as(client, network, "editor_a")

    assert client.post(action_url(page, "delete-everything")).status_code == 404
    assert client.get(action_url(page, "hide")).status_code == 405


def test_editor_adds_a_new_model_chapter_to_the_variant(client, network, handbook):
    variant = sync.create_variant(handbook, network.a)
    new = HandbookChapterPageFactory(parent=handbook, title="Nowy rozdział GZM", slug="nowy")
    new.save_revision().publish()
    log_in_as(client, network, "editor_a")

    status = client.get(reverse("handbooks_admin:variant", args=[variant.pk])).content.decode()
    assert "Nowy rozdział GZM" in status
    client.post(
        reverse("handbooks_admin:add_model_chapter", args=[variant.pk]), {"chapter": new.pk}
    )

    assert variant_chapter(variant, "nowy").alias_of_id == new.pk


# The network at a glance --------------------------------------------------------------------


def test_network_admin_sees_every_municipality_with_counts(client, network, variant_b):
    log_in_as(client, network, "network_admin")

    response = client.get(reverse("handbooks_admin:index"))

    rows = {row.municipality.pk: row for row in response.context["overview"]}
    assert (rows[network.b.pk].customised, rows[network.b.pk].behind) == (1, 1)
    assert rows[network.a.pk].variants == []
    assert "Sieć GZM: warianty podręczników w gminach" in response.content.decode()


def test_editors_do_not_get_the_network_overview(client, network, variant_b):
    log_in_as(client, network, "editor_a")

    response = client.get(reverse("handbooks_admin:index"))

    assert response.context.get("overview") is None
    assert "Czeladź" not in response.content.decode()


def test_editor_opens_the_page_editor_for_a_local_chapter(client, network, handbook):
    variant = sync.create_variant(handbook, network.a)
    log_in_as(client, network, "editor_a")

    url = reverse("wagtailadmin_pages:add", args=["handbooks", "handbookchapterpage", variant.pk])
    status = client.get(reverse("handbooks_admin:variant", args=[variant.pk])).content.decode()

    assert url in status
    assert client.get(url).status_code == 200


def test_dashboard_tells_editors_and_gzm_what_is_behind(client, network, variant_b):
    log_in_as(client, network, "editor_b")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Rozdziały za modelem: 1" in html

    log_in_as(client, network, "editor_a")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gmina nie ma jeszcze wariantu podręcznika" in html
    assert "Rozdziały za modelem" not in html

    log_in_as(client, network, "network_admin")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Gminy z wariantem podręcznika: 1 z 2." in html
    assert "w tym za modelem: 1" in html
