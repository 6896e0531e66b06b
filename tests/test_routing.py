"""What a resident sees at the network's and the municipalities' addresses, in each language."""

import re

import pytest

from municipalities.models import GalleryPage

pytestmark = pytest.mark.django_db

NETWORK_HOST = "localhost"


def get(client, path, host=NETWORK_HOST, **headers):
    return client.get(path, HTTP_HOST=host, **headers)


def canonical(response):
    match = re.search(r'<link rel="canonical" href="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_network_home_lists_municipalities_grouped_by_county(client, network):
    response = get(client, "/")
    html = response.content.decode()

    assert response.status_code == 200
    assert html_lang(response) == "pl"
    assert "<h1>Inicjatywa lokalna w GZM</h1>" in html
    cities = html.index("Miasta na prawach powiatu")
    county = html.index("Powiat będziński")
    assert cities < html.index(">Ruda Śląska</a>") < county < html.index(">Czeladź</a>")
    assert 'href="/ruda-slaska/"' in html
    assert 'href="/czeladz/"' in html


@pytest.mark.parametrize(
    ("host", "path"),
    [("ruda-slaska.localhost", "/"), (NETWORK_HOST, "/ruda-slaska/")],
    ids=["own-host", "under-network-host"],
)
def test_municipality_home_answers_at_both_addresses(client, network, host, path):
    response = get(client, path, host=host)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Ruda Śląska</h1>" in html
    for section in ("Nabory wniosków", "Zrealizowane inicjatywy", "Kontakt", "Podręczniki"):
        assert section in html
    assert "Gmina nie ogłosiła jeszcze naboru" in html  # an empty section says so
    assert 'href="https://bip.example.org/ruda-slaska"' in html
    assert "Wróć do sieci GZM" in html
    assert canonical(response) == "http://ruda-slaska.localhost:8000/"


def test_way_back_to_network_from_municipality_host_is_absolute(client, network):
    html = get(client, "/", host="ruda-slaska.localhost").content.decode()

    assert 'href="http://localhost:8000/">Wróć do sieci GZM' in html


def test_section_canonical_points_at_municipality_host(client, network):
    response = get(client, "/czeladz/nabory/")

    assert response.status_code == 200
    assert canonical(response) == "http://czeladz.localhost:8000/nabory/"


def test_municipality_without_bip_says_so(client, network):
    html = get(client, "/czeladz/").content.decode()

    assert "Adres Biuletynu Informacji Publicznej gminy nie został jeszcze podany." in html


def test_footer_has_contact_bip_and_statement_links(client, network):
    html = get(client, "/", host="ruda-slaska.localhost").content.decode()
    footer = html[html.index("<footer") :]

    assert "Kontakt" in footer
    assert 'href="https://bip.example.org/ruda-slaska"' in footer
    assert 'href="/deklaracja-dostepnosci/">Deklaracja dostępności' in footer


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("/", "pl", "Inicjatywa lokalna w GZM"),
        ("/en/", "en", "Local initiative in GZM"),
        ("/uk/", "uk", "Місцева ініціатива в ГЗМ"),
    ],
)
def test_languages_are_served_with_prefix_except_polish(client, network, path, lang, title):
    response = get(client, path)

    assert response.status_code == 200
    assert html_lang(response) == lang
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_english_municipality_page_on_own_host(client, network):
    response = get(client, "/en/nabory/", host="ruda-slaska.localhost")

    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "<h1>Calls for applications</h1>" in response.content.decode()
    assert canonical(response) == "http://ruda-slaska.localhost:8000/en/nabory/"


def test_polish_is_default_whatever_the_browser_prefers(client, network):
    response = get(client, "/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert html_lang(response) == "pl"


def test_language_switcher_offers_only_existing_translations(client, network):
    gallery = GalleryPage.objects.descendant_of(network.a.root_page).get()
    html = get(client, "/ruda-slaska/zrealizowane-inicjatywy/").content.decode()
    assert '<link rel="alternate" hreflang="en"' in html

    for translation in gallery.get_translations():
        translation.delete()
    html = get(client, "/ruda-slaska/zrealizowane-inicjatywy/").content.decode()

    # The switcher stays, leading to the nearest page above that is in English; that page
    # is no alternate version of this one.
    switcher = html[html.index('aria-label="Wybór języka"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert '<a href="/en/ruda-slaska/" hreflang="en"><span lang="en">English</span>' in switcher
    assert "ta strona nie ma tłumaczenia" in switcher
    assert '<link rel="alternate" hreflang="en"' not in html
    assert get(client, "/en/ruda-slaska/zrealizowane-inicjatywy/").status_code == 404


def test_unknown_url_is_a_polish_404(client, network):
    response = get(client, "/nie-ma-takiej-strony/")

    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()


def test_unknown_subdomain_falls_back_to_the_network(client, network):
    response = get(client, "/", host="nieznana.localhost")

    assert response.status_code == 200
    assert "<h1>Inicjatywa lokalna w GZM</h1>" in response.content.decode()


def test_admin_is_polish_by_default(client, network):
    client.force_login(network.users["editor_a"])

    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert html_lang(response) == "pl"


def test_admin_follows_an_editors_own_language_choice(client, network):
    from wagtail.users.models import UserProfile

    editor = network.users["editor_a"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)

    assert html_lang(client.get("/admin/")) == "en"
