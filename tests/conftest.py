"""Shared test data: the network with two municipalities (A and B) and their people.

Onboarding is the code under test elsewhere, so the shared network is built with it once
per test session (under pytest-xdist once per run, and every worker gets a copy of the
database: ``worker_database``); every test runs in a transaction that is rolled back, so
what one test changes no other test sees.

Below the network: the fixtures and helpers that more than one module uses (logging in as
one of the network's people, GZM's model handbook, B's handbook variant).
"""

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from django.test import Client

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from handbooks import sync
from municipalities.onboarding import (
    NETWORK_ADMINS_GROUP,
    MunicipalityRecord,
    ensure_network,
    onboard_municipality,
)
from portal.factories import UserFactory
from portal.two_factor import devices as two_factor

from .handbook_helpers import model_chapter, model_handbook, publish_model_edit, variant_chapter
from .once_per_run import run_directory
from .worker_database import WorkerDatabase

PASSWORD = "haslo-testowe-123"

# pytest-xdist's id of this worker (gw0, gw1, …); empty when the tests run in one process.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")

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


if XDIST_WORKER:

    @pytest.fixture(scope="session")
    def django_db_setup(django_test_environment, django_db_blocker, tmp_path_factory):
        """This worker's copy of the run's one test database, the network built in it.

        Yields the network's ids (see ``worker_database``); replaces pytest-django's fixture
        under pytest-xdist only.
        """
        database = WorkerDatabase(run_directory(tmp_path_factory), XDIST_WORKER)
        with django_db_blocker.unblock():
            network_ids = database.set_up(build=_build_network)
        yield network_ids
        with django_db_blocker.unblock():
            database.tear_down()


@pytest.fixture(scope="session")
def network_ids(django_db_setup, django_db_blocker):
    if XDIST_WORKER:  # built with the database this worker copied
        return django_db_setup
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


@pytest.fixture(autouse=True)
def fresh_content_generation():
    """Every test starts with nothing cached for the content: the database is rolled back
    after each test, the cache is not (portal/freshness.py)."""
    from django.core.cache import cache

    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

    from portal import freshness

    freshness._advance_now()
    # Wagtail keeps the sites' root paths in the cache too, and a rolled-back test's sites
    # would stay in it (the sitemap index and the purges read them).
    cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)


@pytest.fixture(autouse=True)
def closed_search_breaker():
    """Every test starts with the search engine's breaker closed: the cache outlives tests,
    and a test with an engine that is down leaves the breaker open (search/breaker.py)."""
    from search import breaker

    breaker.reset()


@pytest.fixture(scope="module")
def emulator():
    """osmem-server, an in-memory OpenSearch-compatible emulator (not OpenSearch itself), on a
    free port of this machine for the tests of one module (tests/search_helpers.py points
    search at it)."""
    osmem_server = pytest.importorskip("osmem_server", reason="osmem-server is not installed")
    try:
        server = osmem_server.OsmemServer.start(japanese=False, startup_timeout=30)
    except (osmem_server.OsmemError, OSError) as error:
        pytest.skip(f"the osmem-server emulator could not start: {error}")
    yield server
    server.close()


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploads and renditions go to this process's own temporary directory.

    ``tmp_path_factory`` gives every pytest-xdist worker a directory of its own, which pytest
    removes after a few runs.
    """
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(media)):
        yield media


def pytest_unconfigure(config):
    """Remove the media directory the test settings make on import, left empty by ``media_root``.

    Every process makes one, the xdist controller too.
    """
    from django.conf import settings

    made_by_settings = Path(settings.MEDIA_ROOT) if settings.configured else None
    if made_by_settings and made_by_settings.name.startswith("gzm-test-media-"):
        with contextlib.suppress(OSError):  # not empty: leave it alone
            made_by_settings.rmdir()


class TwoFactorClient(Client):
    """The test client; ``force_login`` also passes the second step of signing in for a user
    who must take it (a GZM network admin), as ``django_otp.login`` does after a right code:
    the session names a real, confirmed authenticator of that user.

    Tests of the second step itself sign in with a password through the login form instead
    (tests/test_two_factor.py)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if two_factor.is_required(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="test")
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return TwoFactorClient()


@pytest.fixture
def admin_client(db, admin_user):
    client = TwoFactorClient()
    client.force_login(admin_user)
    return client


def login(client, user):
    client.force_login(user)
    return client


def log_in_as(client, network, role):
    """Log ``client`` in as one of the network's people (``network.users[role]``)."""
    return login(client, network.users[role])


@pytest.fixture(scope="module")
def cluster():
    """A PostgreSQL cluster of the module's own (tests/throwaway_postgres.py), removed after
    the module; the modules that ask for it skip where PostgreSQL is not installed."""
    from . import throwaway_postgres

    server = throwaway_postgres.started()
    yield server
    server.remove()


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
