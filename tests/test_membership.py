"""Leaving the network and re-joining it, over time: from its end date a municipality is in
no network listing, feed, search, sitemap or total; its subsite stays as an archive with a
notice; its people lose their edit rights on that day (the daily ``apply_memberships``);
nothing is deleted and re-joining gives everything back."""

from datetime import date, timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Page

import pytest
import time_machine

from municipalities.factories import CallPageFactory, InitiativePageFactory
from municipalities.membership import apply_memberships
from municipalities.models import CallIndexPage, GalleryPage, Municipality

from .search_helpers import titles

pytestmark = pytest.mark.django_db

NETWORK = "localhost"
A_HOST = "ruda-slaska.localhost"
B_HOST = "czeladz.localhost"
# The day Czeladź's membership ends in these tests, and the days around it.
END = date(2027, 3, 1)
EVE = END - timedelta(days=1)
CALL_TITLE = "Nabór czeladzki kwitnących skwerów"
INITIATIVE_TITLE = "Kwitnący skwer przy rynku w Czeladzi"
ARCHIVE_NOTICE = "nie jest już członkiem GZM od"


def on(day):
    """Time at noon of ``day``, moving on as the test runs."""
    return time_machine.travel(f"{day.isoformat()} 12:00 +01:00", tick=True)


def page(client, path, host=NETWORK):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (path, host, response.status_code)
    return response.content.decode()


@pytest.fixture
def czeladz_content(network):
    """An open call and a completed initiative of Czeladź (B), made before its end date."""
    with on(EVE - timedelta(days=20)):
        call = CallPageFactory(
            parent=CallIndexPage.objects.child_of(network.b.root_page).get(),
            title=CALL_TITLE,
            slug="kwitnace-skwery",
            opens_on=date(2027, 2, 1),
            closes_on=date(2027, 6, 30),
            year=2027,
        )
        initiative = InitiativePageFactory(
            parent=GalleryPage.objects.child_of(network.b.root_page).get(),
            title=INITIATIVE_TITLE,
            slug="kwitnacy-skwer",
        )
    return call, initiative


def network_shows_czeladz(client):
    """Where the network names Czeladź, by place: True where it does."""
    return {
        "home": "Czeladź" in page(client, "/"),
        "calls": CALL_TITLE in page(client, "/nabory/"),
        "calls filter": 'value="czeladz"' in page(client, "/nabory/"),
        "gallery": INITIATIVE_TITLE in page(client, "/inicjatywy/"),
        "calendar": "kwitnace-skwery" in page(client, "/nabory/kalendarz/"),
        "search": CALL_TITLE in titles(client, NETWORK, "kwitnących skwerów")[1],
        "sitemap": "czeladz.localhost" in page(client, "/sitemap.xml"),
    }


def may_edit(user, call):
    """Whether ``user`` may edit ``call``, asked afresh (Wagtail keeps a user's permissions
    on the user object, as a request's user would not across requests)."""
    user = get_user_model().objects.get(pk=user.pk)
    return Page.objects.get(pk=call.pk).permissions_for_user(user).can_edit()


def test_a_municipality_leaves_on_its_end_date_and_comes_back_when_it_re_joins(
    client, network, czeladz_content
):
    call, _initiative = czeladz_content
    editor, moderator = network.users["editor_b"], network.users["moderator_b"]
    with on(EVE - timedelta(days=10)):
        network.b.membership_end = END
        network.b.save()

    # The day before: still a member everywhere, and its people still edit.
    with on(EVE):
        assert apply_memberships() == []
        assert all(network_shows_czeladz(client).values())
        assert ARCHIVE_NOTICE not in page(client, "/", B_HOST)
        assert may_edit(editor, call)

    # The end date: the daily command withholds the rights and every network place forgets it.
    with on(END):
        output = StringIO()
        call_command("apply_memberships", stdout=output)
        assert "Czeladź: membership ended 2027-03-01, edit rights withheld" in output.getvalue()
        assert not any(network_shows_czeladz(client).values())
        # Its own site stays readable, as an archive that says so, in every language.
        home = page(client, "/", B_HOST)
        assert "Czeladź nie jest już członkiem GZM od 1 marca 2027." in home
        assert "is no longer a member of GZM: its membership ended on 1 March 2027." in page(
            client, "/en/", B_HOST
        )
        assert CALL_TITLE in page(client, "/nabory/kwitnace-skwery/", B_HOST)
        assert ARCHIVE_NOTICE in page(client, "/nabory/kwitnace-skwery/", B_HOST)
        assert CALL_TITLE in titles(client, B_HOST, "kwitnących skwerów")[1]
        # Others are untouched.
        assert "Ruda Śląska" in page(client, "/")
        assert ARCHIVE_NOTICE not in page(client, "/", A_HOST)
        assert not may_edit(editor, call)
        assert not may_edit(moderator, call)
        assert may_edit(network.users["network_admin"], call)
        client.force_login(editor)
        edit = client.get(f"/admin/pages/{call.pk}/edit/", HTTP_HOST=NETWORK)
        assert edit.status_code in (302, 403)
        # Their dashboard says why.
        dashboard = client.get("/admin/", HTTP_HOST=NETWORK).content.decode()
        assert "Członkostwo gminy w GZM zakończyło się 1 marca 2027" in dashboard
        client.logout()
        # Nothing is deleted: the people, their groups, the pages.
        assert editor.groups.filter(pk=network.b.editors_group_id).exists()
        assert Page.objects.filter(pk=call.pk, live=True).exists()
        # A second run the same day changes nothing.
        assert apply_memberships() == []

    # Re-joining (the end date cleared in the admin) gives the rights back at once.
    with on(END + timedelta(days=30)):
        network.b.refresh_from_db()
        network.b.membership_end = None
        network.b.save()
        assert may_edit(editor, call)
        assert all(network_shows_czeladz(client).values())
        assert ARCHIVE_NOTICE not in page(client, "/", B_HOST)


def test_an_end_date_already_past_takes_effect_when_saved(client, network, czeladz_content):
    call, _initiative = czeladz_content
    network.b.membership_end = date.today() - timedelta(days=1)
    network.b.save()

    assert not may_edit(network.users["editor_b"], call)
    assert ARCHIVE_NOTICE in page(client, "/", B_HOST)
    assert "Czeladź" not in page(client, "/")
    assert may_edit(
        network.users["editor_a"],
        CallPageFactory(parent=CallIndexPage.objects.child_of(network.a.root_page).get()),
    )


def test_rights_gzm_added_by_hand_come_back_too(network):
    """Re-joining restores exactly what was there, not only what onboarding gives."""
    group = network.b.editors_group
    home = network.b.root_page
    lock = Permission.objects.get(content_type__app_label="wagtailcore", codename="lock_page")
    GroupPagePermission.objects.create(group=group, page=home, permission=lock)
    before = set(GroupPagePermission.objects.filter(group=group).values_list("page", "permission"))

    network.b.membership_end = date.today()
    network.b.save()
    assert not GroupPagePermission.objects.filter(group=group).exists()
    network.b.refresh_from_db()
    assert network.b.edit_rights_withheld_on == date.today()

    network.b.membership_end = date.today() + timedelta(days=365)
    network.b.save()
    after = set(GroupPagePermission.objects.filter(group=group).values_list("page", "permission"))
    assert after == before
    assert Municipality.objects.get(pk=network.b.pk).withheld_permissions == {}
    # The other city's rights were never touched.
    assert GroupPagePermission.objects.filter(group=network.a.editors_group).exists()
