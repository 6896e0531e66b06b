"""Publishing purges every cached address that shows the page, over real HTTP.

The frontend cache here is a small HTTP server on this machine that records the ``PURGE``
requests Wagtail's HTTP backend sends it (the real nginx is driven in tests/stack/).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from municipalities.models import CallPage, GalleryPage
from portal.models import PrivacyNoticePage

from .test_call_listings import make_call

pytestmark = pytest.mark.django_db

CITY = "http://ruda-slaska.localhost:8000"
NETWORK = "http://localhost:8000"


class Recorder(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purged.add(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def frontend_cache(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.purged = set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


def test_publishing_a_call_purges_it_its_listings_feeds_and_homes_on_both_hosts(
    network, frontend_cache, django_capture_on_commit_callbacks
):
    call = make_call(network.a, "Nabór na zieleń")
    frontend_cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call.save_revision().publish()

    slug = call.slug
    expected = {
        f"{CITY}/nabory/{slug}/",
        f"{NETWORK}/ruda-slaska/nabory/{slug}/",
        f"{CITY}/nabory/",
        f"{CITY}/nabory/kalendarz/",
        f"{CITY}/nabory/kanal-atom/",
        f"{NETWORK}/ruda-slaska/nabory/",
        f"{CITY}/",
        f"{NETWORK}/ruda-slaska/",
        f"{NETWORK}/nabory/",
        f"{NETWORK}/nabory/kalendarz/",
        f"{NETWORK}/en/nabory/",
        f"{NETWORK}/uk/nabory/",
        f"{CITY}/en/nabory/",
        f"{CITY}/uk/",
        f"{NETWORK}/",
        f"{NETWORK}/inicjatywy/",
        f"{CITY}/sitemap.xml",
    }
    missing = expected - frontend_cache
    assert not missing, sorted(missing)
    # The call is listed by its own site's sitemap, not by the network's.
    assert f"{NETWORK}/sitemap-pages.xml" not in frontend_cache
    # Another municipality's pages are not touched by A's call.
    assert not any("czeladz" in address for address in frontend_cache)


def test_unpublishing_and_deleting_purge_the_page(
    network, frontend_cache, django_capture_on_commit_callbacks
):
    call = make_call(network.a, "Nabór do wycofania")
    address = f"{CITY}/nabory/{call.slug}/"
    frontend_cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call.unpublish()
    assert address in frontend_cache
    assert f"{NETWORK}/nabory/" in frontend_cache

    other = make_call(network.a, "Nabór do usunięcia")
    frontend_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        CallPage.objects.get(pk=other.pk).delete()
    assert f"{CITY}/nabory/{other.slug}/" in frontend_cache


def test_moving_a_page_purges_its_old_and_new_addresses(
    network, frontend_cache, django_capture_on_commit_callbacks
):
    call = make_call(network.a, "Nabór do przeniesienia")
    gallery = GalleryPage.objects.descendant_of(network.a.root_page).get(locale__language_code="pl")
    frontend_cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        CallPage.objects.get(pk=call.pk).move(gallery, pos="last-child")

    assert f"{CITY}/nabory/{call.slug}/" in frontend_cache
    assert f"{CITY}/zrealizowane-inicjatywy/{call.slug}/" in frontend_cache


def test_a_change_to_the_frame_purges_every_page_of_that_site_only(
    network, frontend_cache, django_capture_on_commit_callbacks
):
    make_call(network.a, "Nabór w menu obok")
    privacy = PrivacyNoticePage.objects.descendant_of(network.a.root_page).get(
        locale__language_code="pl"
    )
    frontend_cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        privacy.save_revision().publish()

    # Every page of A links to its privacy notice in the footer.
    assert any("/nabory/nabor-w-menu-obok/" in address for address in frontend_cache)
    assert not any("czeladz" in address for address in frontend_cache)


def test_without_a_frontend_cache_nothing_is_sent(network, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    call = make_call(network.a, "Nabór bez pamięci podręcznej")

    call.save_revision().publish()  # no backend: no error, no request
    assert CallPage.objects.get(pk=call.pk).live


def test_restricting_a_page_purges_it_and_the_listings_that_showed_it(
    network, frontend_cache, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    call = make_call(network.a, "Nabór tylko dla zalogowanych")
    frontend_cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=call, restriction_type=PageViewRestriction.LOGIN)

    assert f"{CITY}/nabory/{call.slug}/" in frontend_cache
    assert f"{CITY}/nabory/" in frontend_cache
    assert f"{NETWORK}/nabory/" in frontend_cache


def test_new_contact_data_in_a_footer_purges_that_site_only(
    network, frontend_cache, django_capture_on_commit_callbacks
):
    from portal.models import SiteContactSettings

    call = make_call(network.a, "Nabór ze stopką")
    frontend_cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        contacts = SiteContactSettings.for_site(network.a.site)
        contacts.phone = "+48 32 000 00 00"
        contacts.save()

    assert {f"{CITY}/", f"{CITY}/nabory/{call.slug}/", f"{CITY}/en/nabory/"} <= frontend_cache
    assert not any("czeladz" in address for address in frontend_cache)


def test_changing_the_analytics_setting_purges_every_site(
    network, frontend_cache, django_capture_on_commit_callbacks
):
    from portal.models import AnalyticsSettings

    frontend_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        analytics = AnalyticsSettings.load()
        analytics.script_url = ""
        analytics.save()

    assert {f"{CITY}/", f"{NETWORK}/", f"{NETWORK}/czeladz/nabory/"} <= frontend_cache
    assert "http://czeladz.localhost:8000/uk/" in frontend_cache


def test_bulk_work_purges_every_page_once_at_the_end(
    network, frontend_cache, django_capture_on_commit_callbacks
):
    from portal import frontend_cache as purging

    with django_capture_on_commit_callbacks(execute=True), purging.one_purge_after():
        call = make_call(network.a, "Nabór z seedu")
        call.save_revision().publish()
    assert {f"{CITY}/nabory/{call.slug}/", f"{NETWORK}/", "http://czeladz.localhost:8000/"} <= (
        frontend_cache
    )
