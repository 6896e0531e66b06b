"""A page form posted without what the editor's browser always sends (a StreamField's
management fields, e.g. ``body-count``) is a bad request (400), not a server error."""

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError

import pytest

from municipalities.factories import InitiativePageFactory
from municipalities.models import GalleryPage, InitiativePage
from portal.middleware import IncompletePageFormMiddleware

from .conftest import log_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    page = InitiativePageFactory(parent=gallery, title="Siłownia pod chmurką", slug="silownia")
    page.save_revision().publish()
    return page


def test_editing_without_the_body_management_fields_is_a_bad_request(client, network, initiative):
    log_in_as(client, network, "editor_a")

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[initiative.pk]),
        {"title": "Zmieniony tytuł", "slug": "silownia"},
    )

    assert response.status_code == 400
    assert "Formularz strony dotarł niekompletny" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.title == "Siłownia pod chmurką"
    assert initiative.latest_revision.content["title"] == "Siłownia pod chmurką"


@pytest.mark.parametrize("view", ["add", "preview_on_add"])
def test_creating_without_the_body_management_fields_is_a_bad_request(client, network, view):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    log_in_as(client, network, "editor_a")

    url = reverse(
        f"wagtailadmin_pages:{view}", args=["municipalities", "initiativepage", gallery.pk]
    )

    response = client.post(url, {"title": "Nowa inicjatywa", "slug": "nowa"})

    assert response.status_code == 400
    assert not InitiativePage.objects.filter(slug="nowa").exists()


def test_the_same_error_elsewhere_is_left_alone(network):
    """Only the admin's page forms are answered with 400; a missing key anywhere else is a
    bug to see in the error log."""
    middleware = IncompletePageFormMiddleware(lambda request: HttpResponse())
    request = RequestFactory().post("/szukaj/", {})
    request.resolver_match = None

    assert middleware.process_exception(request, MultiValueDictKeyError("body-count")) is None
    assert middleware.process_exception(request, KeyError("x")) is None
