"""The index follows the pages (publish, unpublish, move, delete); promotions and statistics."""

import re

from django.core.management import call_command
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from municipalities.factories import InitiativePageFactory
from municipalities.models import GalleryPage

from .conftest import login

pytestmark = pytest.mark.django_db

A_HOST = "ruda-slaska.localhost"
B_HOST = "czeladz.localhost"
HIT_TITLE = re.compile(r'<h3 class="search-hit__title"><a href="[^"]*">(.*?)</a></h3>')


def titles(client, host, query, **params):
    response = client.get("/szukaj/", {"q": query, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return [re.sub(r"</?mark>", "", title) for title in HIT_TITLE.findall(response.text)]


def gallery(municipality):
    return GalleryPage.objects.child_of(municipality.root_page).get()


def test_published_changes_are_found_at_once(client, network):
    page = InitiativePageFactory(parent=gallery(network.a), title="Skatepark przy hali")
    assert titles(client, A_HOST, "skateparku") == ["Skatepark przy hali"]

    page.title = "Pumptrack przy hali"
    page.save_revision().publish()

    assert titles(client, A_HOST, "skateparku") == []
    assert titles(client, A_HOST, "pumptracku") == ["Pumptrack przy hali"]


def test_unpublished_and_deleted_pages_disappear(client, network):
    page = InitiativePageFactory(parent=gallery(network.a), title="Fontanna w parku")
    assert titles(client, A_HOST, "fontanny") == ["Fontanna w parku"]

    page.unpublish()
    assert titles(client, A_HOST, "fontanny") == []

    page.save_revision().publish()
    assert titles(client, A_HOST, "fontanny") == ["Fontanna w parku"]

    page.delete()
    assert titles(client, A_HOST, "fontanny") == []


def test_a_moved_page_is_searched_where_it_now_stands(client, network):
    page = InitiativePageFactory(parent=gallery(network.a), title="Altana ogrodowa")
    assert titles(client, A_HOST, "altany") == ["Altana ogrodowa"]

    page.move(gallery(network.b), pos="last-child")

    assert titles(client, A_HOST, "altany") == []
    assert titles(client, B_HOST, "altany") == ["Altana ogrodowa"]


def test_update_index_rebuilds_the_index(client, network):
    InitiativePageFactory(parent=gallery(network.a), title="Wiata przystankowa")

    call_command("update_index", verbosity=0)

    assert titles(client, A_HOST, "wiaty") == ["Wiata przystankowa"]


def test_promoted_pages_come_first_and_queries_are_counted(client, network):
    promoted = InitiativePageFactory(parent=gallery(network.a), title="Regulamin konkursu")
    InitiativePageFactory(parent=gallery(network.a), title="Konkurs na logo")
    query = Query.get("konkurs")
    SearchPromotion.objects.create(
        query=query, page=promoted, sort_order=0, description="Zasady w jednym miejscu."
    )

    response = client.get("/szukaj/", {"q": "Konkurs"}, HTTP_HOST=A_HOST)
    html = response.text

    assert html.index("Regulamin konkursu") < html.index("</mark> na logo")
    assert "Zasady w jednym miejscu." in html
    assert html.count("Regulamin konkursu") == 1  # not repeated among the ordinary results
    assert Query.get("konkurs").hits == 1


def test_a_promotion_of_another_site_is_not_shown_outside_its_scope(client, network):
    promoted = InitiativePageFactory(parent=gallery(network.b), title="Czeladzki konkurs")
    SearchPromotion.objects.create(query=Query.get("konkurs"), page=promoted, sort_order=0)

    assert (
        "Czeladzki konkurs" not in client.get("/szukaj/", {"q": "konkurs"}, HTTP_HOST=A_HOST).text
    )


@pytest.mark.parametrize("role", ["editor_a", "moderator_a", "editor_b"])
def test_municipal_people_cannot_see_or_change_promotions(client, network, role):
    login(client, network.users[role])

    for name in ("wagtailsearchpromotions:index", "wagtailsearchpromotions:add"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403), name
    response = client.post(reverse("wagtailsearchpromotions:add"), {"query_string": "x"})
    assert response.status_code in (302, 403)
    assert not Query.objects.filter(query_string="x").exists()


def test_network_admins_manage_promotions(client, network):
    login(client, network.users["network_admin"])

    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    assert client.get(reverse("wagtailsearchpromotions:add")).status_code == 200


def test_admins_see_query_statistics(client, network):
    from portal.factories import UserFactory

    client.get("/szukaj/", {"q": "Plac zabaw"}, HTTP_HOST=A_HOST)
    client.get("/szukaj/", {"q": "plac  zabaw"}, HTTP_HOST=A_HOST)
    login(client, UserFactory(username="superuser-gzm", is_superuser=True, is_staff=True))

    response = client.get(reverse("wagtailsearchpromotions:search_terms"))

    assert response.status_code == 200
    assert "plac zabaw" in response.text
    assert Query.get("plac zabaw").hits == 2
