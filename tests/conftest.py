"""Shared test data: the network with two municipalities (A and B) and their people.

Onboarding is the code under test elsewhere, so the shared network is built with it once
per test session; every test runs in a transaction that is rolled back, so what one test
changes no other test sees.

Below the network: the fixtures and helpers that more than one module uses (logging in as
one of the network's people, GZM's model handbook, B's handbook variant).
"""

from dataclasses import dataclass

import pytest

from handbooks import sync
from municipalities.factories import UserFactory
from municipalities.onboarding import (
    NETWORK_ADMINS_GROUP,
    MunicipalityRecord,
    ensure_network,
    onboard_municipality,
)

from .handbook_helpers import model_chapter, model_handbook, publish_model_edit, variant_chapter

PASSWORD = "haslo-testowe-123"

CITY_A = MunicipalityRecord(
    name="Ruda Śląska",
    slug="ruda-slaska",
    terc="2472011",
    gmina_type="city_county",
    county="miasto na prawach powiatu",
    prototyping_school_2023=True,
    bip_url="https://bip.example.org/ruda-slaska",
)
CITY_B = MunicipalityRecord(
    name="Czeladź",
    slug="czeladz",
    terc="2401021",
    gmina_type="urban",
    county="będziński",
    prototyping_school_2023=True,
)


@dataclass
class Network:
    home: object
    a: object
    b: object
    users: dict


def _build_network():
    from django.contrib.auth.models import Group

    home = ensure_network()
    a = onboard_municipality(CITY_A)
    b = onboard_municipality(CITY_B)
    users = {
        "editor_a": UserFactory(username="redaktor-a", groups=[a.editors_group]),
        "moderator_a": UserFactory(username="moderator-a", groups=[a.moderators_group]),
        "editor_b": UserFactory(username="redaktor-b", groups=[b.editors_group]),
        "moderator_b": UserFactory(username="moderator-b", groups=[b.moderators_group]),
        "network_admin": UserFactory(
            username="admin-gzm", groups=[Group.objects.get(name=NETWORK_ADMINS_GROUP)]
        ),
    }
    return home.pk, a.pk, b.pk, {role: user.pk for role, user in users.items()}


@pytest.fixture(scope="session")
def network_ids(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _build_network()


@pytest.fixture
def network(network_ids, db):
    from django.contrib.auth import get_user_model

    from municipalities.models import Municipality
    from portal.models import NetworkHomePage

    home_id, a_id, b_id, user_ids = network_ids
    users = {role: get_user_model().objects.get(pk=pk) for role, pk in user_ids.items()}
    return Network(
        home=NetworkHomePage.objects.get(pk=home_id),
        a=Municipality.objects.select_related("site", "collection").get(pk=a_id),
        b=Municipality.objects.select_related("site", "collection").get(pk=b_id),
        users=users,
    )


def login(client, user):
    client.force_login(user)
    return client


def log_in_as(client, network, role):
    """Log ``client`` in as one of the network's people (``network.users[role]``)."""
    return login(client, network.users[role])


@pytest.fixture
def editor_a(client, network):
    """The test client, logged in as A's editor."""
    return log_in_as(client, network, "editor_a")


@pytest.fixture
def handbook(network):
    """GZM's model handbook for residents, which ``ensure_network`` puts on the network."""
    return model_handbook()


@pytest.fixture
def variant_b(network, handbook):
    """B's variant with one customised chapter that is behind the model."""
    variant = sync.create_variant(handbook, network.b)
    sync.customise_chapter(variant_chapter(variant, "wklad-wlasny"))
    publish_model_edit(model_chapter(handbook, "wklad-wlasny"))
    return variant
