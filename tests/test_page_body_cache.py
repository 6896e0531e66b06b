"""The content of public pages is kept for the content generation (templatetags/page_body.py):
what residents see changes with the next request after a publish, and what only editors may
see (a preview, a draft) never lands in it."""

from django.utils import timezone

import pytest

from municipalities.factories import CallPageFactory
from municipalities.models import CallIndexPage
from portal import freshness

pytestmark = pytest.mark.django_db


def open_call(municipality, title):
    today = timezone.localdate()
    calls = CallIndexPage.objects.descendant_of(municipality.root_page).get()
    return CallPageFactory(
        parent=calls,
        municipality=municipality,
        title=title,
        opens_on=today - timezone.timedelta(days=3),
        closes_on=today + timezone.timedelta(days=20),
    )


def html(client, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_published_change_shows_on_the_page_and_in_every_listing_at_once(client, network):
    call = open_call(network.a, "Nabór na ławki przy stawie")
    city = f"{network.a.slug}.localhost"
    where = [
        (call.relative_url(network.a.site), city),
        ("/nabory/", city),
        ("/nabory/", "localhost"),
        (f"/{network.a.slug}/nabory/", "localhost"),
    ]
    for path, host in where:
        assert "Nabór na ławki przy stawie" in html(client, path, host)

    call.title = "Nabór na ławki przy stawie i fontannę"
    call.save_revision().publish()

    for path, host in where:
        assert "ławki przy stawie i fontannę" in html(client, path, host), (path, host)


def test_a_draft_or_a_preview_never_reaches_the_kept_content(client, admin_client, network):
    call = open_call(network.a, "Nabór jawny")
    city = f"{network.a.slug}.localhost"
    path = call.relative_url(network.a.site)
    assert "Nabór jawny" in html(client, path, city)

    call.title = "Nabór roboczy — szkic"
    call.save_revision()
    preview = admin_client.get(f"/admin/pages/{call.pk}/edit/preview/", HTTP_HOST=city)
    assert preview.status_code == 200

    for _ in range(2):
        page = html(client, path, city)
        assert "Nabór jawny" in page
        assert "szkic" not in page
        assert "szkic" not in html(client, "/nabory/", city)


def test_kept_content_is_per_address_language_and_site(client, network):
    """Filters, page numbers, languages and the two hosts of a municipality each have
    their own kept content: one never answers for another."""
    open_call(network.a, "Nabór na zieleń przy szkole")
    city = f"{network.a.slug}.localhost"
    everything = html(client, "/nabory/", "localhost")
    assert "Nabór na zieleń przy szkole" in everything
    other = html(client, f"/nabory/?municipality={network.b.slug}", "localhost")
    assert "Nabór na zieleń przy szkole" not in other
    own_host = html(client, "/nabory/", city)
    network_path = html(client, f"/{network.a.slug}/nabory/", "localhost")
    assert "Nabór na zieleń przy szkole" in own_host
    assert "Nabór na zieleń przy szkole" in network_path
    english = html(client, "/en/nabory/", "localhost")
    assert 'lang="en"' in english
    assert html(client, "/nabory/", "localhost") == everything


def test_a_kept_page_content_takes_no_query_and_a_fresh_one_stays_flat(client, network):
    """Warm, the listing's content comes whole from the cache; right after a publish it is
    built again with the same number of queries, whatever the number of calls."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(path, host, cold):
        client.get(path, HTTP_HOST=host)
        if cold:
            freshness._advance_now()
        with CaptureQueriesContext(connection) as captured:
            client.get(path, HTTP_HOST=host)
        return len(captured)

    open_call(network.a, "Nabór pierwszy")
    warm = queries("/nabory/", "localhost", cold=False)
    cold = queries("/nabory/", "localhost", cold=True)
    for number in range(6):
        open_call(network.b, f"Nabór kolejny {number}")
    assert queries("/nabory/", "localhost", cold=False) == warm
    assert queries("/nabory/", "localhost", cold=True) == cold
    assert warm <= 2 < cold
