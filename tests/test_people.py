"""The people of each municipality: the user form's groups by municipality, starting a new
editor or moderator from a municipality, and the moderators' read-only team page."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from municipalities.onboarding import NETWORK_ADMINS_GROUP
from portal.collation import polish_key
from portal.factories import UserFactory

from .conftest import log_in_as

pytestmark = pytest.mark.django_db

ADD_USER_URL = reverse("wagtailusers_users:add")
MUNICIPALITIES_URL = reverse("wagtailsnippets_municipalities_municipality:list")


def team_url(municipality):
    return reverse("municipality_team", args=[municipality.pk])


@pytest.fixture
def admin(client, network):
    return log_in_as(client, network, "network_admin")


def test_the_user_form_groups_the_groups_by_municipality(admin, network):
    for url in (
        ADD_USER_URL,
        reverse("wagtailusers_users:edit", args=[network.users["editor_a"].pk]),
    ):
        choices = admin.get(url).context["form"].fields["groups"].choices

        headings = [heading for heading, _options in choices]
        assert headings[0] == "GZM"
        assert NETWORK_ADMINS_GROUP in [name for _pk, name in choices[0][1]]
        municipalities = headings[1:]
        assert {"Czeladź", "Ruda Śląska"} <= set(municipalities)
        assert municipalities == sorted(municipalities, key=polish_key)
        options = dict(choices)["Czeladź"]
        assert [name for _pk, name in options] == ["Czeladź — moderatorzy", "Czeladź — redaktorzy"]


def test_a_grouped_form_still_saves_the_groups_ticked(admin, network):
    response = admin.post(
        ADD_USER_URL,
        {
            "username": "nowy-redaktor",
            "email": "nowy@example.org",
            "first_name": "Nowy",
            "last_name": "Redaktor",
            "password1": "Trudne-haslo-2026!",
            "password2": "Trudne-haslo-2026!",
            "groups": [network.a.editors_group_id],
        },
    )

    assert response.status_code == 302
    person = get_user_model().objects.get(username="nowy-redaktor")
    assert list(person.groups.all()) == [network.a.editors_group]


def test_a_municipality_row_starts_a_new_editor_or_moderator_in_its_group(admin, network):
    listing = admin.get(MUNICIPALITIES_URL).content.decode()
    for group in (network.a.editors_group, network.a.moderators_group):
        url = f"{ADD_USER_URL}?group={group.pk}"
        assert url.replace("?", "?") in listing.replace("&amp;", "&")

        form = admin.get(url).context["form"]

        assert form.initial["groups"] == [group.pk]
        assert re.search(rf'value="{group.pk}"[^>]*checked', str(form["groups"]))


def test_an_unknown_group_preselects_nothing(admin, network):
    admin_group = network.users["network_admin"].groups.get()
    for value in ("abc", "999999", str(admin_group.pk)):
        assert "groups" not in admin.get(ADD_USER_URL, {"group": value}).context["form"].initial


def test_moderators_see_who_edits_and_moderates_their_city(client, network):
    network.users["editor_a"].first_name = "Zofia"
    network.users["editor_a"].last_name = "Łęcka"
    network.users["editor_a"].email = "zofia@example.org"
    network.users["editor_a"].save()
    log_in_as(client, network, "moderator_a")

    response = client.get(team_url(network.a))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Zofia Łęcka" in html and "zofia@example.org" in html
    assert network.users["moderator_a"].get_username() in html
    assert network.users["editor_b"].get_username() not in html
    assert network.users["moderator_b"].get_username() not in html
    assert 'type="submit"' not in html.split('id="main"')[-1]
    assert client.get(reverse("municipality_team_own")).context["municipality"] == network.a
    assert (
        reverse("municipality_team_own")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


@pytest.mark.parametrize("role", ["moderator_a", "editor_a"])
def test_no_one_sees_another_citys_team(client, network, role):
    log_in_as(client, network, role)

    assert client.get(team_url(network.b)).status_code == 404


def test_editors_do_not_see_the_team_page(client, network):
    log_in_as(client, network, "editor_a")

    assert client.get(team_url(network.a)).status_code == 404
    assert client.get(reverse("municipality_team_own")).status_code == 404


def test_a_moderator_of_two_cities_sees_both_but_only_theirs(client, network):
    moderator = UserFactory(groups=[network.a.moderators_group, network.b.moderators_group])
    client.force_login(moderator)

    own = client.get(reverse("municipality_team_own"))

    assert own.status_code == 200
    assert (
        team_url(network.b) in own.content.decode() or team_url(network.a) in own.content.decode()
    )
    assert client.get(team_url(network.b)).status_code == 200


def test_the_network_admin_sees_any_team(admin, network):
    assert admin.get(team_url(network.b)).status_code == 200


def test_a_network_admin_cannot_make_a_superuser(admin, network):
    form = admin.get(ADD_USER_URL).context["form"]
    assert "is_superuser" not in form.fields

    response = admin.post(
        ADD_USER_URL,
        {
            "username": "ambitny",
            "email": "ambitny@example.org",
            "first_name": "Ambitny",
            "last_name": "Redaktor",
            "password1": "Trudne-haslo-2026!",
            "password2": "Trudne-haslo-2026!",
            "is_superuser": "on",
            "groups": [network.a.editors_group_id],
        },
    )

    assert response.status_code == 302
    assert not get_user_model().objects.get(username="ambitny").is_superuser
    edit = admin.get(reverse("wagtailusers_users:edit", args=[network.users["editor_a"].pk]))
    assert "is_superuser" not in edit.context["form"].fields


def test_a_network_admin_cannot_open_a_superusers_account(admin, network):
    root = UserFactory(username="root", is_superuser=True)

    response = admin.post(
        reverse("wagtailusers_users:edit", args=[root.pk]),
        {"password1": "Przejete-haslo-2026!", "password2": "Przejete-haslo-2026!"},
    )

    # Wagtail's admin answers a refused view by sending the person to the dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert admin.get(reverse("wagtailusers_users:edit", args=[root.pk])).status_code == 302
    root.refresh_from_db()
    assert not root.check_password("Przejete-haslo-2026!")


def test_a_superuser_still_grants_superuser(client, network):
    root = UserFactory(username="root", is_superuser=True)
    client.force_login(root)

    assert "is_superuser" in client.get(ADD_USER_URL).context["form"].fields
    edit = client.get(reverse("wagtailusers_users:edit", args=[network.users["editor_a"].pk]))
    assert "is_superuser" in edit.context["form"].fields
