"""Handbooks: a municipality's people (A) cannot change GZM's model or another municipality's
(B) variant, cannot run the sync actions on B's chapters, and B's people do not see A's
customisations as their own. Each denial has a positive control (B's own editor, GZM's
network admin); ids of B's objects answer 404, never a server error.
"""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from handbooks import sync
from handbooks.models import ChapterStatus, HandbookPage, HandbookVariantPage, VariantChapterState

from ..handbook_helpers import (
    action_url,
    create,
    model_chapter,
    publish_model_edit,
    variant_chapter,
)
from .helpers import log_in_as


@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_people_of_a_cannot_edit_the_model(client, network, handbook, role):
    chapter = model_chapter(handbook, "wklad-wlasny")
    log_in_as(client, network, role)
    before = Page.objects.get(pk=chapter.pk).latest_revision_id

    for page in (handbook, chapter):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code in (302, 403)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[chapter.pk]),
        nested_form_data(
            {"title": "Przejęty", "slug": chapter.slug, "summary": "", "body": streamfield([])}
        ),
    )
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=chapter.pk).latest_revision_id == before
    assert Page.objects.get(pk=chapter.pk).title != "Przejęty"


def test_network_admin_edits_the_model(client, network, handbook):
    chapter = model_chapter(handbook, "wklad-wlasny")
    log_in_as(client, network, "network_admin")

    assert client.get(reverse("wagtailadmin_pages:edit", args=[chapter.pk])).status_code == 200


@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_people_of_a_cannot_create_a_variant_for_b(client, network, handbook, role):
    log_in_as(client, network, role)

    response = create(client, handbook, network.b)

    assert response.status_code == 404
    assert sync.variant_of(handbook, network.b) is None


@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_people_of_a_cannot_see_or_change_bs_variant(client, network, variant_b, role):
    page = variant_chapter(variant_b, "wklad-wlasny")
    alias = variant_chapter(variant_b, "realizacja")
    state_before = VariantChapterState.objects.filter(variant=variant_b).values_list(
        "pk", "based_on_revision_id", "reviewed_revision_id", "hidden"
    )
    state_before = sorted(state_before)
    log_in_as(client, network, role)

    assert client.get(reverse("handbooks_admin:variant", args=[variant_b.pk])).status_code == 404
    assert client.get(reverse("handbooks_admin:changes", args=[page.pk])).status_code == 404
    for action in ("keep", "take", "merged", "hide"):
        assert client.post(action_url(page, action)).status_code == 404
    assert client.post(action_url(alias, "customise")).status_code == 404
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code in (302, 403)
    assert (
        client.post(
            reverse("handbooks_admin:add_model_chapter", args=[variant_b.pk]), {"chapter": 1}
        ).status_code
        == 404
    )

    assert Page.objects.get(pk=alias.pk).alias_of_id is not None
    after = VariantChapterState.objects.filter(variant=variant_b).values_list(
        "pk", "based_on_revision_id", "reviewed_revision_id", "hidden"
    )
    assert sorted(after) == state_before


def test_own_people_and_gzm_act_on_bs_variant(client, network, variant_b):
    page = variant_chapter(variant_b, "wklad-wlasny")
    for role in ("editor_b", "network_admin"):
        log_in_as(client, network, role)
        assert client.get(reverse("handbooks_admin:changes", args=[page.pk])).status_code == 200
    response = client.post(action_url(page, "keep"))
    assert response.status_code == 302
    assert VariantChapterState.objects.get(page=page).status == ChapterStatus.CUSTOMISED


def test_b_does_not_see_as_customisations_as_its_own(client, network, handbook, variant_b):
    variant_a = sync.create_variant(handbook, network.a)
    sync.customise_chapter(variant_chapter(variant_a, "realizacja"))
    publish_model_edit(model_chapter(handbook, "realizacja"))
    log_in_as(client, network, "editor_b")

    response = client.get(reverse("handbooks_admin:variant", args=[variant_b.pk]))

    states = response.context["states"]
    assert {state.municipality_id for state in states} == {network.b.pk}
    by_slug = {state.page.slug: state.status for state in states}
    assert by_slug["realizacja"] == ChapterStatus.FOLLOWS
    assert by_slug["wklad-wlasny"] == ChapterStatus.BEHIND
    index = client.get(reverse("handbooks_admin:index")).content.decode()
    assert "Ruda Śląska" not in index
    assert client.get(reverse("handbooks_admin:variant", args=[variant_a.pk])).status_code == 404


def test_model_handbook_page_types_are_not_offered_to_municipalities(network):
    assert HandbookVariantPage.is_creatable is False
    assert "handbooks.HandbookPage" not in [
        f"{model._meta.app_label}.{model.__name__}"
        for model in network.a.root_page.specific.creatable_subpage_models()
    ]
    assert HandbookPage in network.home.specific.creatable_subpage_models()
