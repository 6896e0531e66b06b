"""Filters and choosers offer a municipality's people their own tags, people, workflows and
tasks (``municipalities/admin_choices.py``), and GZM's network admins all of them."""

import json

from django.urls import reverse

import pytest

from portal.factories import ImageFactory

from .helpers import log_in_as


@pytest.fixture
def tagged(network):
    for owner, tag in (("a", "zieleń"), ("b", "zielnik")):
        image = ImageFactory(collection=getattr(network, owner).collection)
        image.tags.add(tag)


def test_the_image_listing_offers_own_tags_only(network, client, tagged):
    log_in_as(client, network, "editor_a")

    html = client.get(reverse("wagtailimages:index")).content.decode()

    assert 'value="zieleń"' in html
    assert "zielnik" not in html


def test_the_network_admin_image_listing_offers_every_tag(network, client, tagged):
    log_in_as(client, network, "network_admin")

    html = client.get(reverse("wagtailimages:index")).content.decode()

    assert 'value="zieleń"' in html
    assert 'value="zielnik"' in html


@pytest.mark.parametrize(
    ("role", "suggested"), [("editor_a", ["zieleń"]), ("network_admin", ["zieleń", "zielnik"])]
)
def test_tag_fields_suggest_the_tags_one_may_see(network, client, tagged, role, suggested):
    log_in_as(client, network, role)

    response = client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "ziel"})

    assert json.loads(response.content) == suggested


def test_the_workflow_report_offers_own_workflow_and_the_network_admin_every(network, client):
    own, other = network.a.workflow.name, network.b.workflow.name

    log_in_as(client, network, "moderator_a")
    html = client.get(reverse("wagtailadmin_reports:workflow_tasks")).content.decode()
    assert own in html
    assert other not in html

    log_in_as(client, network, "network_admin")
    html = client.get(reverse("wagtailadmin_reports:workflow_tasks")).content.decode()
    assert own in html
    assert other in html


@pytest.mark.parametrize(("role", "status"), [("moderator_a", 302), ("network_admin", 200)])
def test_the_task_chooser_is_for_those_who_set_up_workflows(network, client, role, status):
    log_in_as(client, network, role)

    response = client.get(reverse("wagtailadmin_workflows:task_chooser"))

    assert response.status_code == status


def test_an_external_link_sent_without_an_address_is_a_form_error(network, client):
    log_in_as(client, network, "editor_a")

    response = client.post(reverse("wagtailadmin_choose_page_external_link"), {})

    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "external_link"
    assert "error" in json.loads(response.content)["html"]
