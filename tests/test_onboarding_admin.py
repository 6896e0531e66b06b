"""Gminy GZM → Dodaj gminę: onboarding a new member from the admin, and its form's checks."""

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Collection, Site, Workflow
from wagtail.users.models import UserProfile

import pytest
from wagtail_factories import ImageFactory

from municipalities.models import Municipality
from municipalities.onboarding import GZM_MEMBERSHIP_START

from .conftest import log_in_as
from .test_onboarding import snapshot

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_municipalities_municipality:add")

NEW_MEMBER = {
    "name": "Gmina Czterdziesta Druga",
    "slug": "czterdziesta-druga",
    "terc": "2499012",
    "gmina_type": "rural",
    "county": "testowy",
    "membership_start": "2026-01-01",
    "bip_url": "https://bip.example.org/czterdziesta-druga",
}


def changes(before):
    after = snapshot()
    return {name: after[name] - before[name] for name in after}


@pytest.fixture
def admin(client, network):
    return log_in_as(client, network, "network_admin")


def test_the_form_onboards_a_member_as_the_command_does(admin, network):
    before = snapshot()

    response = admin.post(ADD_URL, NEW_MEMBER, follow=True)

    assert response.status_code == 200
    municipality = Municipality.objects.get(slug="czterdziesta-druga")
    made_by_admin = changes(before)
    messages = [str(message) for message in response.context["messages"]]
    assert any("dołączyła do sieci GZM" in message for message in messages), messages
    assert municipality.membership_start.isoformat() == "2026-01-01"
    assert municipality.bip_url == NEW_MEMBER["bip_url"]
    site = municipality.site
    assert (site.hostname, site.root_page_id) == (
        "czterdziesta-druga.localhost",
        municipality.root_page.pk,
    )
    home = municipality.root_page
    for page in [home, *home.get_children()]:
        assert page.live
        languages = {p.locale.language_code for p in page.get_translations()}
        assert languages == {"en", "uk"}
    assert municipality.collection.get_parent() == Collection.get_first_root_node()
    assert municipality.editors_group.name == "Gmina Czterdziesta Druga — redaktorzy"
    assert municipality.moderators_group.name == "Gmina Czterdziesta Druga — moderatorzy"
    assert home.get_workflow() == municipality.workflow

    before = snapshot()
    call_command(
        "onboard_municipality",
        "czterdziesta-trzecia",
        "--name=Gmina Czterdziesta Trzecia",
        "--terc=2499022",
        "--gmina-type=rural",
        "--county=testowy",
    )
    assert changes(before) == made_by_admin
    by_command = Municipality.objects.get(slug="czterdziesta-trzecia")
    assert by_command.membership_start == GZM_MEMBERSHIP_START


def test_the_command_onboards_a_new_member_again_without_changes(network):
    options = ["--name=Gmina Nowa", "--terc=2499032", "--gmina-type=rural", "--county=testowy"]
    call_command("onboard_municipality", "gmina-nowa", *options, "--membership-start=2025-05-01")
    before = snapshot()

    call_command("onboard_municipality", "gmina-nowa", *options)

    assert snapshot() == before
    assert Municipality.objects.get(slug="gmina-nowa").membership_start.isoformat() == (
        "2025-05-01"
    )


def test_the_command_refuses_a_new_member_with_a_wrong_terc(network):
    with pytest.raises(CommandError, match="TERC"):
        call_command(
            "onboard_municipality",
            "gmina-nowa",
            "--name=Gmina Nowa",
            "--terc=2499031",
            "--gmina-type=rural",
            "--county=testowy",
        )
    with pytest.raises(CommandError, match="--county"):
        call_command(
            "onboard_municipality", "gmina-nowa", "--name=Gmina Nowa", "--terc=2499032",
            "--gmina-type=rural",
        )  # fmt: skip


def test_the_coat_of_arms_comes_from_the_form(admin, network):
    image = ImageFactory(collection=Collection.get_first_root_node())

    admin.post(ADD_URL, {**NEW_MEMBER, "coat_of_arms": image.pk})

    assert Municipality.objects.get(slug="czterdziesta-druga").coat_of_arms == image


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slug", "ruda-slaska", "Ten identyfikator ma już inna gmina."),
        ("terc", "2472011", "Gmina z tym kodem TERC jest już w sieci GZM."),
        ("name", "czeladź", "Gmina o tej nazwie jest już w sieci GZM."),
        ("slug", "Nowa_Gmina", "najwyżej 63 znaki"),
        ("slug", "-nowa", "bez łącznika na początku i na końcu"),
        ("slug", "nowa-", "bez łącznika na początku i na końcu"),
        ("terc", "24990a2", "Kod TERC ma dokładnie siedem cyfr."),
        ("terc", "2499011", "Ostatnia cyfra kodu TERC (1) nie pasuje do rodzaju gminy"),
    ],
)
def test_each_mistake_is_named_and_what_was_typed_is_kept(admin, field, value, message):
    before = snapshot()

    response = admin.post(ADD_URL, {**NEW_MEMBER, field: value})

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    html = response.content.decode()
    assert 'value="Gmina Czterdziesta Druga"' in html or field == "name"
    assert NEW_MEMBER["bip_url"] in html
    assert snapshot() == before


def test_a_slug_longer_than_the_model_allows_is_refused(admin):
    # A host label may have 63 characters; the model's slug field keeps 60.
    response = admin.post(ADD_URL, {**NEW_MEMBER, "slug": "a" * 63})
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]


def test_the_mistakes_are_translated(admin, network):
    profile = UserProfile.get_for_user(network.users["network_admin"])
    profile.preferred_language = "en"
    profile.save()

    response = admin.post(ADD_URL, {**NEW_MEMBER, "terc": "2472011", "slug": "czeladz"})

    html = response.content.decode()
    assert "A municipality with this TERC code is already in the GZM network." in html
    assert "Another municipality already has this identifier." in html


@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_only_network_admins_may_onboard(client, network, role):
    log_in_as(client, network, role)
    before = snapshot()

    for response in (client.get(ADD_URL), client.post(ADD_URL, NEW_MEMBER)):
        assert response.status_code in (302, 403)

    assert snapshot() == before
    assert not Site.objects.filter(hostname__startswith="czterdziesta-druga").exists()


def test_someone_who_may_only_add_the_row_is_refused_too(client, network):
    group = Group.objects.create(name="Tylko dodawanie")
    group.permissions.add(
        *Group.objects.get(name="Administratorzy sieci GZM").permissions.filter(
            codename__in=["access_admin", "add_municipality"]
        )
    )
    network.users["editor_b"].groups.add(group)
    log_in_as(client, network, "editor_b")

    assert client.get(ADD_URL).status_code in (302, 403)
    assert not Workflow.objects.filter(name__contains="Czterdziesta").exists()
