"""The search terms report: GZM's network administration sees what residents search for."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def searched(client, query, times=1):
    for _ in range(times):
        assert (
            client.get("/szukaj/", {"q": query}, HTTP_HOST="czeladz.localhost").status_code == 200
        )


def test_network_admin_sees_the_terms_most_searched_first(client, network):
    searched(client, "plac zabaw", times=3)
    searched(client, "wniosek")
    client.force_login(network.users["network_admin"])

    response = client.get(reverse("portal_search_terms"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("plac zabaw") < html.index("wniosek")
    assert "<td>3</td>" in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("portal_search_terms") in dashboard  # in the reports menu


@pytest.mark.parametrize("role", ["editor_a", "moderator_b"])
def test_municipal_people_do_not_see_the_network_terms(client, network, role):
    searched(client, "plac zabaw")
    client.force_login(network.users[role])

    response = client.get(reverse("portal_search_terms"))

    assert response.status_code in (302, 403)
    assert "plac zabaw" not in response.content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("portal_search_terms") not in dashboard


def test_unknown_period_falls_back_to_30_days(client, network):
    client.force_login(network.users["network_admin"])
    response = client.get(reverse("portal_search_terms"), {"dni": "<script>"})
    assert response.status_code == 200
    assert response.context["days"] == 30
