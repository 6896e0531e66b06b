"""Pages behind a view restriction (password, login, groups) stay out of sight of visitors
who may not open them: the menu, the home's cards, the listings of calls and initiatives,
the calendar and Atom feeds, search results and suggestions. Descendants of a restricted
page count as restricted.
"""

import re

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from municipalities.factories import CallPageFactory, InitiativePageFactory
from municipalities.models import CallIndexPage, ContactPage, GalleryPage
from portal.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db

NETWORK_HOST = "localhost"
A_HOST = "ruda-slaska.localhost"

OPEN_CALL = "Nabór Wiatrakowo jawny"
HIDDEN_CALL = "Nabór Wiatrakowo za hasłem"
HIDDEN_INITIATIVE = "Inicjatywa Wiatrakowo dla zalogowanych"
HIT_TITLE = re.compile(r'<h3 class="search-hit__title"><a href="[^"]*">(.*?)</a></h3>')


def child(municipality, page_type):
    return page_type.objects.child_of(municipality.root_page).get()


def published(page):
    page.save_revision().publish()
    return page


def restrict(page, kind, **values):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **values)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.create(name="Zespół wewnętrzny")])
    return restriction


@pytest.fixture
def restricted(network):
    """In A: an open call and one behind a password; the gallery (so its initiative too)
    for logged-in visitors only; the contact page for one group."""
    calls = child(network.a, CallIndexPage)
    gallery = child(network.a, GalleryPage)
    published(CallPageFactory(parent=calls, title=OPEN_CALL, slug="jawny"))
    hidden = published(CallPageFactory(parent=calls, title=HIDDEN_CALL, slug="za-haslem"))
    published(
        InitiativePageFactory(parent=gallery, title=HIDDEN_INITIATIVE, slug="dla-zalogowanych")
    )
    restrict(hidden, PageViewRestriction.PASSWORD, password="tajne-haslo")
    restrict(gallery, PageViewRestriction.LOGIN)
    restrict(child(network.a, ContactPage), PageViewRestriction.GROUPS)
    return network


def html(client, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return response.content.decode()


def main_menu(page_html):
    start = page_html.index('<nav class="main-nav"')
    return page_html[start : page_html.index("</nav>", start)]


def test_menu_leaves_out_restricted_sections(client, restricted):
    menu = main_menu(html(client, "/", A_HOST))

    assert "Nabory wniosków" in menu
    assert "Zrealizowane inicjatywy" not in menu
    assert "Kontakt" not in menu


def test_home_cards_leave_out_restricted_sections_and_calls(client, restricted):
    page = html(client, "/", A_HOST)
    cards = page[page.index('<ul class="cards">') :]

    assert OPEN_CALL in cards
    assert HIDDEN_CALL not in cards
    assert "/zrealizowane-inicjatywy/" not in cards
    assert "/kontakt/" not in cards


def test_footer_leaves_out_a_restricted_legal_page(client, restricted):
    assert 'href="/deklaracja-dostepnosci/"' in html(client, "/", A_HOST)
    restrict(child(restricted.a, AccessibilityStatementPage), PageViewRestriction.LOGIN)

    page = html(client, "/", A_HOST)

    assert 'href="/deklaracja-dostepnosci/"' not in page[page.index("<footer") :]


def test_network_home_leaves_out_a_restricted_municipality(client, restricted):
    restrict(restricted.b.root_page, PageViewRestriction.PASSWORD, password="w-przygotowaniu")

    page = html(client, "/", NETWORK_HOST)

    assert "Ruda Śląska" in page
    assert "Czeladź" not in page


@pytest.mark.parametrize(
    ("path", "host"), [("/nabory/", A_HOST), ("/nabory/", NETWORK_HOST), ("/", NETWORK_HOST)]
)
def test_call_listings_leave_out_restricted_calls(client, restricted, path, host):
    page = html(client, path, host)

    assert OPEN_CALL in page or path == "/"
    assert HIDDEN_CALL not in page


def test_network_gallery_leaves_out_initiatives_under_a_restricted_gallery(client, restricted):
    assert HIDDEN_INITIATIVE not in html(client, "/inicjatywy/", NETWORK_HOST)


@pytest.mark.parametrize(
    ("path", "host"),
    [
        ("/nabory/kalendarz/", A_HOST),
        ("/nabory/kalendarz/", NETWORK_HOST),
        ("/nabory/kanal-atom/", A_HOST),
        ("/nabory/kanal-atom/", NETWORK_HOST),
    ],
)
def test_feeds_leave_out_restricted_calls(client, restricted, path, host):
    feed = client.get(path, HTTP_HOST=host).content.decode()

    assert "jawny" in feed
    assert "za-haslem" not in feed
    assert "za hasłem" not in feed


@pytest.mark.parametrize("host", [A_HOST, NETWORK_HOST])
def test_search_leaves_out_restricted_pages(client, restricted, host):
    params = {"q": "Wiatrakowo", "zakres": "gzm"}
    results = client.get("/szukaj/", params, HTTP_HOST=host).content.decode()
    hits = [re.sub(r"</?mark>", "", title) for title in HIT_TITLE.findall(results)]
    suggestions = client.get("/szukaj/podpowiedzi/", {"q": "Wiatrak"}, HTTP_HOST=host).json()

    assert OPEN_CALL in hits
    assert HIDDEN_CALL not in hits
    assert HIDDEN_INITIATIVE not in hits
    titles = [item["title"] for item in suggestions["results"]]
    assert OPEN_CALL in titles
    assert HIDDEN_CALL not in titles
    assert HIDDEN_INITIATIVE not in titles


def test_a_restricted_page_itself_still_asks_for_its_password(client, restricted):
    response = client.get("/nabory/za-haslem/", HTTP_HOST=A_HOST)

    assert response.status_code == 200
    assert HIDDEN_CALL not in response.content.decode()


@pytest.mark.parametrize(("path", "host"), [("/", A_HOST), ("/nabory/", NETWORK_HOST)])
def test_restrictions_cost_no_queries_per_restricted_page(client, restricted, path, host):
    """More restricted pages (B's sections here) cost no more queries."""

    def count():
        client.get(path, HTTP_HOST=host)
        with CaptureQueriesContext(connection) as queries:
            client.get(path, HTTP_HOST=host)
        return len(queries)

    before = count()
    for page_type in (CallIndexPage, GalleryPage, ContactPage):
        restrict(child(restricted.b, page_type), PageViewRestriction.LOGIN)

    assert count() == before
