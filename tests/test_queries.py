"""Page query counts do not grow with the size of the network."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from municipalities.factories import MunicipalityRecordFactory
from municipalities.onboarding import onboard_municipality

pytestmark = pytest.mark.django_db


def count_queries(client, path, host):
    client.get(path, HTTP_HOST=host)  # warm the site-root-paths cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("path", "host"),
    [("/", "localhost"), ("/en/", "localhost"), ("/", "ruda-slaska.localhost")],
)
def test_queries_do_not_depend_on_the_number_of_municipalities(client, network, path, host):
    with_two = count_queries(client, path, host)
    for _ in range(3):
        onboard_municipality(MunicipalityRecordFactory())

    assert count_queries(client, path, host) == with_two


def test_network_home_query_budget(client, network, django_assert_max_num_queries):
    client.get("/", HTTP_HOST="localhost")
    # 17: one query reads the analytics setting (portal/consent.py), uncached on purpose so
    # that GZM removing a script takes effect at once on every server process; one loads the
    # model process and handbooks.
    with django_assert_max_num_queries(17):
        client.get("/", HTTP_HOST="localhost")
