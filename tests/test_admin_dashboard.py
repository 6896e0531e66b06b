"""What a municipality's editor finds on entering the admin: their own city, nothing else."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_editor_opening_pages_lands_on_their_municipality_home(client, network):
    client.force_login(network.users["editor_a"])

    response = client.get(reverse("wagtailadmin_explore_root"))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[network.a.site.root_page_id])
    listing = client.get(response.url).content.decode()
    assert "Nabory wniosków" in listing
    assert reverse("wagtailadmin_explore", args=[network.b.site.root_page_id]) not in listing


def test_network_admin_opening_pages_sees_the_whole_tree(client, network):
    client.force_login(network.users["network_admin"])

    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200


@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_dashboard_shows_own_municipality_shortcuts_only(client, network, role):
    client.force_login(network.users[role])

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Ruda Śląska" in html
    assert "Czeladź" not in html
    assert reverse("wagtailadmin_pages:edit", args=[network.a.site.root_page_id]) in html
    assert "http://ruda-slaska.localhost:8000/" in html
    # Wagtail's count of pages would count every municipality's pages.
    assert 'icon-doc-empty"' not in html


def test_network_admin_dashboard_keeps_the_network_page_count(client, network):
    client.force_login(network.users["network_admin"])

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'icon-doc-empty"' in html
    assert "Redagujesz serwis inicjatywy lokalnej tej gminy" not in html
