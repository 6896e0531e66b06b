"""What search engines and link previews find: sitemaps, robots.txt, the favicon, the
description and the Open Graph tags, on every host a page answers at.

A municipality's pages are listed by its own site's sitemap at their canonical addresses;
GZM's sitemap is an index of its own pages and of the current members' sitemaps.
"""

import re
from datetime import timedelta
from xml.etree import ElementTree

from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from municipalities.factories import CallPageFactory, InitiativePageFactory, InitiativePhotoFactory
from municipalities.models import CallIndexPage, ContactPage, GalleryPage
from portal import freshness
from portal.factories import ImageFactory

pytestmark = pytest.mark.django_db

NETWORK_HOST = "localhost"
A_HOST = "ruda-slaska.localhost"
B_HOST = "czeladz.localhost"
NETWORK = "http://localhost:8000"
CITY_A = "http://ruda-slaska.localhost:8000"
CITY_B = "http://czeladz.localhost:8000"

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def child(municipality, page_type):
    return page_type.objects.child_of(municipality.root_page).get()


def call_in(municipality, **fields):
    return CallPageFactory(
        parent=child(municipality, CallIndexPage), municipality=municipality, **fields
    )


def get(client, path, host):
    return client.get(path, HTTP_HOST=host)


def sitemap_entries(client, host, path="/sitemap.xml", lastmod=None):
    """{location: {language: alternate address}} of a sitemap; ``lastmod`` (a dict) gets
    each location's date of last change."""
    response = get(client, path, host)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    entries = {}
    for url in root.findall("sm:url", NS):
        location = url.findtext("sm:loc", namespaces=NS)
        if lastmod is not None:
            lastmod[location] = url.findtext("sm:lastmod", namespaces=NS)
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    return entries


def index_locations(client, host):
    response = get(client, "/sitemap.xml", host)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return [entry.findtext("sm:loc", namespaces=NS) for entry in root.findall("sm:sitemap", NS)]


def head_meta(response):
    """{name or property: content} of the page's <meta> tags (the last one of a name wins,
    og:locale:alternate collected in a list)."""
    assert response.status_code == 200
    html = response.content.decode()
    head = html.split("</head>", 1)[0]
    tags = {}
    for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', head):
        if key == "og:locale:alternate":
            tags.setdefault(key, []).append(value)
        else:
            tags[key] = value
    return tags


# Sitemaps ---------------------------------------------------------------------------------


@pytest.fixture
def planted(network):
    """In A: a live call, a never-published one, one behind a password, and the contact page
    for logged-in visitors only. In B: a live call."""
    live = call_in(network.a, title="Nabór jawny w Rudzie", slug="jawny")
    draft = call_in(network.a, title="Nabór roboczy", slug="roboczy", live=False)
    hidden = call_in(network.a, title="Nabór za hasłem", slug="za-haslem")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    contact = child(network.a, ContactPage)
    PageViewRestriction.objects.create(page=contact, restriction_type=PageViewRestriction.LOGIN)
    other = call_in(network.b, title="Nabór w Czeladzi", slug="w-czeladzi")
    return {"live": live, "draft": draft, "hidden": hidden, "other": other}


def test_a_municipality_sitemap_lists_its_live_public_pages_only(client, network, planted):
    entries = sitemap_entries(client, A_HOST)

    assert f"{CITY_A}/" in entries
    assert f"{CITY_A}/nabory/" in entries
    assert f"{CITY_A}/en/nabory/" in entries
    assert f"{CITY_A}/nabory/jawny/" in entries
    # Every address is the canonical one, on A's own host; nothing of B or of the network.
    assert all(location.startswith(f"{CITY_A}/") for location in entries)
    # Never published, behind a password, for logged-in visitors: not there.
    assert not [location for location in entries if "roboczy" in location]
    assert not [location for location in entries if "za-haslem" in location]
    assert f"{CITY_A}/kontakt/" not in entries


def test_the_sitemap_names_the_live_translations_of_each_page(client, network):
    entries = sitemap_entries(client, A_HOST)
    assert entries[f"{CITY_A}/nabory/"] == {
        "pl": f"{CITY_A}/nabory/",
        "en": f"{CITY_A}/en/nabory/",
        "uk": f"{CITY_A}/uk/nabory/",
        "x-default": f"{CITY_A}/nabory/",
    }

    # A translation taken offline is no alternate any more; a page in one language has none.
    english_contact = ContactPage.objects.get(
        translation_key=child(network.a, ContactPage).translation_key, locale__language_code="en"
    )
    english_contact.unpublish()
    call_in(network.a, title="Nabór tylko po polsku", slug="po-polsku")

    entries = sitemap_entries(client, A_HOST)
    contact = entries[f"{CITY_A}/kontakt/"]
    assert set(contact) == {"pl", "uk", "x-default"}
    assert f"{CITY_A}/en/kontakt/" not in entries
    assert entries[f"{CITY_A}/nabory/po-polsku/"] == {}


def test_the_same_sitemap_answers_under_the_network_host(client, network, planted):
    response = get(client, "/ruda-slaska/sitemap.xml", NETWORK_HOST)

    assert response.status_code == 301
    assert response["Location"] == f"{CITY_A}/sitemap.xml"


def test_the_network_sitemap_is_an_index_of_its_pages_and_its_members(client, network):
    assert index_locations(client, NETWORK_HOST) == [
        f"{NETWORK}/sitemap-pages.xml",
        f"{CITY_A}/sitemap.xml",
        f"{CITY_B}/sitemap.xml",
    ]

    entries = sitemap_entries(client, NETWORK_HOST, "/sitemap-pages.xml")
    assert f"{NETWORK}/" in entries
    assert f"{NETWORK}/nabory/" in entries
    assert entries[f"{NETWORK}/"]["uk"] == f"{NETWORK}/uk/"
    # The municipalities' pages are listed by their own sites, not under the network host.
    assert not [location for location in entries if "ruda-slaska" in location]
    assert not [location for location in entries if "czeladz" in location]


def test_a_municipality_that_left_is_not_in_the_network_sitemap_from_its_end_date(client, network):
    today = timezone.localdate()
    network.b.membership_end = today + timedelta(days=1)
    network.b.save()
    assert f"{CITY_B}/sitemap.xml" in index_locations(client, NETWORK_HOST)

    network.b.membership_end = today
    network.b.save()
    assert index_locations(client, NETWORK_HOST) == [
        f"{NETWORK}/sitemap-pages.xml",
        f"{CITY_A}/sitemap.xml",
    ]
    # Its own site stays readable, and so does its own sitemap.
    assert f"{CITY_B}/" in sitemap_entries(client, B_HOST)


def test_publishing_shows_in_the_sitemap_at_once_with_its_date(client, network):
    sitemap_entries(client, A_HOST)
    call = call_in(network.a, title="Nabór świeży", slug="swiezy", live=False)
    call.save_revision().publish()

    dates = {}
    assert f"{CITY_A}/nabory/swiezy/" in sitemap_entries(client, A_HOST, lastmod=dates)
    assert dates[f"{CITY_A}/nabory/swiezy/"] == timezone.localdate().isoformat()


def sitemap_queries(client):
    get(client, "/sitemap.xml", A_HOST)  # Wagtail's own caches (the sites' root paths) warm
    freshness._advance_now()  # nothing of the portal's kept: the sitemap is built afresh
    with CaptureQueriesContext(connection) as queries:
        response = get(client, "/sitemap.xml", A_HOST)
    assert response.status_code == 200
    return len(queries)


def test_sitemap_queries_do_not_grow_with_the_pages(client, network):
    for _ in range(5):
        call_in(network.a)
    with_five = sitemap_queries(client)
    for _ in range(45):
        call_in(network.a)

    # Measured the same way (Wagtail's own caches warm, the portal's cold): the same count.
    assert sitemap_queries(client) == with_five
    assert len([url for url in sitemap_entries(client, A_HOST) if "/nabory/" in url]) >= 51


def test_a_warm_sitemap_asks_the_database_nothing(client, network, django_assert_num_queries):
    get(client, "/sitemap.xml", A_HOST)
    with django_assert_num_queries(0):
        response = get(client, "/sitemap.xml", A_HOST)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=3600"


# robots.txt and the favicon ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "sitemap"),
    [
        (NETWORK_HOST, f"{NETWORK}/sitemap.xml"),
        (A_HOST, f"{CITY_A}/sitemap.xml"),
        (B_HOST, f"{CITY_B}/sitemap.xml"),
    ],
)
def test_robots_points_to_the_sitemap_of_its_own_host(client, network, host, sitemap):
    response = get(client, "/robots.txt", host)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {sitemap}" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [f"Sitemap: {sitemap}"]
    assert "User-agent: *" in lines
    for path in ("/admin/", "/szukaj/", "/en/szukaj/", "/uk/szukaj/"):
        assert f"Disallow: {path}" in lines
    # Pages themselves stay open to crawlers.
    assert "Disallow: /" not in lines


def test_the_favicon_is_linked_and_served(client, network):
    response = get(client, "/favicon.ico", A_HOST)
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
    assert finders.find("favicon.ico")
    svg = finders.find("favicon.svg")
    assert svg
    with open(svg, encoding="utf-8") as icon:
        assert "<svg" in icon.read()

    page = get(client, "/", A_HOST).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page


# Description and Open Graph ---------------------------------------------------------------


@pytest.fixture
def shared(network):
    """A call and an initiative of A, the initiative with a photo; A has a coat of arms."""
    network.a.coat_of_arms = ImageFactory(collection=network.a.collection, title="Herb Rudy")
    network.a.save()
    call = call_in(
        network.a,
        title="Nabór na zieleń osiedlową",
        slug="zielen",
        summary="Zgłoś zadanie & posadź drzewa razem z sąsiadami.",
    )
    initiative = InitiativePageFactory(
        parent=child(network.a, GalleryPage),
        title="Skwer przy Lipowej",
        slug="skwer",
        summary="Mieszkańcy urządzili skwer z ławkami.",
        photos=[
            InitiativePhotoFactory.build(
                image=ImageFactory(
                    collection=network.a.collection, file__width=1600, file__height=1000
                ),
                alt_text="Nowe ławki na skwerze",
                role="after",
            )
        ],
    )
    return call, initiative


@pytest.mark.parametrize(
    ("host", "prefix"), [(A_HOST, ""), (NETWORK_HOST, "/ruda-slaska")], ids=["own", "network"]
)
def test_a_call_tells_previews_what_it_is_on_both_hosts(client, network, shared, host, prefix):
    tags = head_meta(get(client, f"{prefix}/nabory/zielen/", host))

    assert tags["description"] == "Zgłoś zadanie &amp; posadź drzewa razem z sąsiadami."
    assert tags["og:description"] == tags["description"]
    assert tags["og:title"] == "Nabór na zieleń osiedlową"
    assert tags["og:type"] == "article"
    assert tags["og:url"] == f"{CITY_A}/nabory/zielen/"
    assert tags["og:locale"] == "pl_PL"
    assert tags["og:site_name"] == "Ruda Śląska — Inicjatywa lokalna w GZM"
    # A call has no picture: the municipality's coat of arms, as a rendition on A's host.
    assert re.fullmatch(rf"{CITY_A}/media/images/.+\.fill-1200x630\.\w+", tags["og:image"])
    assert tags["og:image:alt"] == "Herb: Ruda Śląska"


@pytest.mark.parametrize(
    ("host", "prefix"), [(A_HOST, ""), (NETWORK_HOST, "/ruda-slaska")], ids=["own", "network"]
)
def test_an_initiative_shares_its_photo(client, network, shared, host, prefix):
    tags = head_meta(get(client, f"{prefix}/zrealizowane-inicjatywy/skwer/", host))

    assert tags["description"] == "Mieszkańcy urządzili skwer z ławkami."
    assert tags["og:type"] == "article"
    assert tags["og:url"] == f"{CITY_A}/zrealizowane-inicjatywy/skwer/"
    assert re.fullmatch(rf"{CITY_A}/media/images/.+\.fill-1200x630\.\w+", tags["og:image"])
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == "Nowe ławki na skwerze"
    assert tags["twitter:card"] == "summary_large_image"


def test_a_photo_whose_file_is_gone_leaves_the_page_served_without_a_preview(
    client, network, shared
):
    _call, initiative = shared
    photo = initiative.photos.first().image
    # No copy made before the loss either (Wagtail keeps renditions by the file's hash).
    photo.renditions.all().delete()
    photo.file_hash = "lost"
    photo.save(update_fields=["file_hash"])
    photo.file.storage.delete(photo.file.name)

    response = get(client, "/zrealizowane-inicjatywy/skwer/", A_HOST)

    assert response.status_code == 200
    assert "og:image" not in head_meta(response)
    assert "Skwer przy Lipowej" in response.content.decode()


def test_the_search_description_comes_first(client, network, shared):
    call, _initiative = shared
    call.search_description = "Opis dla wyszukiwarek."
    call.save_revision().publish()

    tags = head_meta(get(client, "/nabory/zielen/", A_HOST))
    assert tags["description"] == "Opis dla wyszukiwarek."


def test_an_intro_becomes_plain_short_text(client, network):
    calls = child(network.a, CallIndexPage)
    calls.intro = (
        "<p>Tu <b>zgłosisz</b> zadanie &amp; znajdziesz terminy.</p><p>"
        + "Bardzo długi opis. " * 30
        + "</p>"
    )
    calls.save_revision().publish()

    description = head_meta(get(client, "/nabory/", A_HOST))["description"]
    assert description.startswith("Tu zgłosisz zadanie &amp; znajdziesz terminy. Bardzo długi")
    assert "<" not in description
    assert len(description.replace("&amp;", "&")) <= 200


def test_a_page_without_text_of_its_own_gets_its_site_default(client, network):
    contact = head_meta(get(client, "/kontakt/", A_HOST))
    network_page = head_meta(get(client, "/nabory/", NETWORK_HOST))

    assert contact["description"].startswith("Ruda Śląska — inicjatywa lokalna")
    assert network_page["description"].startswith("Inicjatywa lokalna w gminach")
    assert contact["og:type"] == "website"
    assert "og:image" not in contact
    assert contact["twitter:card"] == "summary"


def test_an_english_page_says_its_locale_and_its_translations(client, network):
    tags = head_meta(get(client, "/en/", A_HOST))

    assert tags["og:locale"] == "en_GB"
    assert sorted(tags["og:locale:alternate"]) == ["pl_PL", "uk_UA"]
    assert tags["og:url"] == f"{CITY_A}/en/"
    assert tags["og:site_name"] == "Ruda Śląska — Local initiative in GZM"
    contact = head_meta(get(client, "/en/kontakt/", A_HOST))
    assert contact["description"].startswith("Ruda Śląska — local initiative: calls")


def test_no_other_municipality_shows_in_a_page_head(client, network, shared):
    head = get(client, "/nabory/zielen/", A_HOST).content.decode().split("</head>")[0]

    assert "czeladz" not in head.lower()
    assert "Czeladź" not in head
