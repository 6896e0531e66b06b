"""What a resident notices when moving between page types: one breadcrumb root, the
language switcher everywhere, one name per handbook (issue 17)."""

import re

from django.utils import timezone

import pytest

from municipalities.factories import CallPageFactory, InitiativePageFactory
from municipalities.models import CallIndexPage, GalleryPage

pytestmark = pytest.mark.django_db

NETWORK_TITLE = "Inicjatywa lokalna w GZM"
CITY = "ruda-slaska.localhost"
CALL = "/nabory/nabor-2027/"
INITIATIVE = "/zrealizowane-inicjatywy/skwer-sasiedzki/"
CRUMBS = re.compile(r'<nav aria-label="Ścieżka nawigacji" class="breadcrumbs">(.*?)</nav>', re.S)
CRUMB = re.compile(r"<li>(?:<a href=\"([^\"]*)\">|<span aria-current=\"page\">)([^<]*)<")


@pytest.fixture
def call(network):
    index = CallIndexPage.objects.child_of(network.a.root_page).get()
    today = timezone.localdate()
    return CallPageFactory(
        parent=index,
        municipality=network.a,
        title="Nabór 2027",
        opens_on=today - timezone.timedelta(days=3),
        closes_on=today + timezone.timedelta(days=30),
    )


@pytest.fixture
def initiative(network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    return InitiativePageFactory(parent=gallery, title="Skwer sąsiedzki")


def crumbs(client, path, host="localhost"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    found = CRUMBS.search(response.content.decode())
    assert found, f"no breadcrumbs on {path}"
    return [(href, label.strip()) for href, label in CRUMB.findall(found.group(1))]


NETWORK_PAGES = [
    "/nabory/",
    "/inicjatywy/",
    "/model-procesu/",
    "/zalozenia-uchwaly/",
    "/podrecznik-dla-mieszkanca/",
    "/podrecznik-dla-mieszkanca/od-pomyslu-do-wniosku/",
    "/deklaracja-dostepnosci/",
    "/ochrona-danych/",
    "/tekst-latwy-do-czytania/",
    "/jezyk-migowy/",
]
CITY_PAGES = [
    "/",
    "/nabory/",
    "/zrealizowane-inicjatywy/",
    "/kontakt/",
    "/deklaracja-dostepnosci/",
]


@pytest.mark.parametrize("path", NETWORK_PAGES)
def test_network_pages_start_their_trail_at_the_network_home(client, network, path):
    trail = crumbs(client, path)

    assert trail[0] == ("/", NETWORK_TITLE)
    assert len(trail) >= 2


@pytest.mark.parametrize("path", CITY_PAGES)
def test_municipal_pages_start_at_the_network_home_then_the_city(client, network, path):
    trail = crumbs(client, path, host=CITY)

    assert trail[0] == ("http://localhost:8000/", NETWORK_TITLE)
    if path != "/":
        assert trail[1] == ("/", "Ruda Śląska")


def test_call_and_initiative_pages_share_the_root(client, network, call, initiative):
    for path, page in ((CALL, call), (INITIATIVE, initiative)):
        trail = crumbs(client, path, host=CITY)
        assert [label for _href, label in trail][:2] == [NETWORK_TITLE, "Ruda Śląska"]
        assert trail[-1] == ("", page.title)

    trail = crumbs(client, "/ruda-slaska" + CALL)
    assert trail[0] == ("/", NETWORK_TITLE)
    assert trail[1] == ("/ruda-slaska/", "Ruda Śląska")


def switcher(html):
    start = html.index('aria-label="Wybór języka"')
    return html[start : html.index("</nav>", start)]


def test_a_call_in_polish_only_keeps_the_language_switcher(client, network, call):
    html = client.get(CALL, HTTP_HOST=CITY).content.decode()
    languages = switcher(html)

    assert '<span aria-current="true" lang="pl">Polski</span>' in languages
    assert '<a href="/en/nabory/" hreflang="en"><span lang="en">English</span>' in languages
    assert 'href="/uk/nabory/" hreflang="uk"' in languages
    assert "ta strona nie ma tłumaczenia, przejdziesz do strony nadrzędnej" in languages
    # The call list in English is not the call in English: no alternate for search engines.
    assert '<link rel="alternate" hreflang="en"' not in html


def test_an_initiative_in_polish_only_keeps_the_language_switcher(client, network, initiative):
    html = client.get(INITIATIVE, HTTP_HOST=CITY).content.decode()

    assert 'href="/en/zrealizowane-inicjatywy/" hreflang="en"' in switcher(html)


def test_a_translated_page_still_links_its_translations(client, network):
    html = client.get("/nabory/", HTTP_HOST=CITY).content.decode()

    assert '<a href="/en/nabory/" hreflang="en" lang="en">English</a>' in switcher(html)
    assert '<link rel="alternate" hreflang="en"' in html


@pytest.mark.parametrize(
    ("path", "label", "title"),
    [
        ("/podrecznik-dla-mieszkanca/", "Podręcznik dla mieszkańca", "Podręcznik dla mieszkańca"),
        ("/podrecznik-dla-urzednika/", "Podręcznik dla urzędnika", "Podręcznik dla urzędnika"),
        ("/uk/podrecznik-dla-mieszkanca/", "Посібник для мешканця", "Посібник для мешканця"),
        ("/en/podrecznik-dla-mieszkanca/", "Handbook for residents", "Handbook for residents"),
    ],
)
def test_a_handbook_is_labelled_as_it_is_titled(client, network, path, label, title):
    html = client.get(path, HTTP_HOST="localhost").content.decode()

    assert f'<p class="eyebrow">{label}</p>' in html
    assert f"<h1>{title}</h1>" in html


# Print ------------------------------------------------------------------------------------

PRINT_BUTTON = (
    '<button type="button" class="print-button" data-print-button hidden>'
    "Drukuj lub zapisz jako PDF</button>"
)


def test_chapters_and_calls_offer_a_print_button(client, network, call):
    chapter = client.get("/podrecznik-dla-mieszkanca/zlozenie-wniosku/", HTTP_HOST="localhost")
    call_page = client.get(CALL, HTTP_HOST=CITY)

    for response in (chapter, call_page):
        html = response.content.decode()
        assert PRINT_BUTTON in html
        assert 'class="print-action no-print"' in html  # never on paper
        assert "/static/js/print.js" in html


def test_the_print_button_speaks_the_page_language(client, network):
    html = client.get("/en/podrecznik-dla-mieszkanca/zlozenie-wniosku/", HTTP_HOST="localhost")

    assert "Print or save as PDF</button>" in html.content.decode()


def test_the_print_view_renders_faq_answers_open(client, network):
    printed = client.get("/podrecznik-dla-mieszkanca/druk/", HTTP_HOST="localhost").content
    chapter = client.get("/podrecznik-dla-mieszkanca/zlozenie-wniosku/", HTTP_HOST="localhost")

    assert '<details class="faq" open><summary>Co, jeśli we wniosku' in printed.decode()
    assert '<details class="faq" open>' not in chapter.content.decode()
    assert PRINT_BUTTON in printed.decode()


# The footer -------------------------------------------------------------------------------


def footer(html):
    return html[html.index('<footer class="site-footer">') :]


def test_the_network_footer_gives_gzm_s_office_address(client, network):
    html = footer(client.get("/", HTTP_HOST="localhost").content.decode())

    assert "<p>Górnośląsko-Zagłębiowska Metropolia</p>" in html
    assert "<p>ul. Barbary 21A, 40-053 Katowice</p>" in html


def test_the_network_admins_edit_the_footer_contact(client, network):
    from portal.models import SiteContactSettings

    contact = SiteContactSettings.for_site(network.home.get_site())
    contact.phone = "+48 32 111 22 33"
    contact.email = "kontakt@gzm.example.org"
    contact.save()

    html = footer(client.get("/", HTTP_HOST="localhost").content.decode())

    assert "<p>tel. +48 32 111 22 33</p>" in html
    assert 'href="mailto:kontakt@gzm.example.org"' in html


def test_the_demo_footer_labels_its_phone_and_e_mail_as_an_example(client, network):
    from demo.content import EXAMPLE_LABEL, seed_demo_texts

    seed_demo_texts([])
    html = footer(client.get("/", HTTP_HOST="localhost").content.decode())

    assert "ul. Barbary 21A, 40-053 Katowice" in html
    assert "(przykład)" in html and "example.org" in html
    assert EXAMPLE_LABEL in html


# Demo calls on the network's list ---------------------------------------------------------


def test_demo_call_cards_are_told_apart_and_show_their_pool(client, network):
    from demo.calls import seed_demo_calls

    seed_demo_calls([network.a, network.b])
    html = client.get("/nabory/", HTTP_HOST="localhost", data={"status": "all"}).content
    html = html.decode()
    titles = re.findall(r'<h[23] class="card__title"><a href="[^"]*">([^<]+)</a>', html)
    cards = html.count('<li class="card call-card">')

    assert cards == 4
    assert len(set(titles)) == len(titles) == cards
    assert html.count('<p class="call-pool"><span class="call-pool__label">Pula środków:') == 4
    assert any(title.startswith("Przykład — Ruda Śląska:") for title in titles)
    assert any(title.startswith("Przykład — Czeladź:") for title in titles)
