"""Who may keep a response: public pages for the frontend cache, everything personal not."""

from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from municipalities.models import GalleryPage

pytestmark = pytest.mark.django_db

CITY = "ruda-slaska.localhost"


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_an_anonymous_page_is_public_for_the_frontend_cache(client, network, settings):
    settings.PORTAL_FRONTEND_CACHE_SECONDS = 600
    response = client.get("/nabory/", HTTP_HOST=CITY)

    assert response.status_code == 200
    assert directives(response) == {"public", "max-age=0", "s-maxage=600"}
    assert response["Vary"] == "Cookie"
    assert not response.cookies


def test_unprefixed_polish_pages_do_not_vary_on_the_browser_language(client, network):
    polish = client.get("/", HTTP_HOST=CITY, HTTP_ACCEPT_LANGUAGE="en")
    english = client.get("/en/", HTTP_HOST=CITY)

    assert "accept-language" not in polish["Vary"].lower()
    assert 'lang="pl"' in polish.content.decode()
    assert "accept-language" not in english["Vary"].lower()


def test_a_page_revalidates_with_its_etag(client, network):
    first = client.get("/nabory/", HTTP_HOST=CITY)
    assert first.has_header("ETag")

    again = client.get("/nabory/", HTTP_HOST=CITY, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_a_feed_is_public_too(client, network):
    response = client.get("/nabory/kalendarz/", HTTP_HOST=CITY)

    assert response.status_code == 200
    assert "public" in directives(response)


def test_a_logged_in_editor_gets_private_pages(editor_a):
    response = editor_a.get("/nabory/", HTTP_HOST=CITY)

    assert response.status_code == 200
    assert "private" in directives(response)
    assert "public" not in directives(response)


def test_a_visitor_with_a_csrf_or_consent_cookie_gets_private_pages(network):
    for name, value in (("csrftoken", "x" * 32), ("gzm_zgoda", "tak")):
        visitor = Client()
        visitor.cookies[name] = value
        response = visitor.get("/nabory/", HTTP_HOST=CITY)

        assert "private" in directives(response), name


def test_the_admin_is_never_stored(editor_a):
    response = editor_a.get("/admin/")

    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_search_results_are_private(client, network):
    response = client.get("/szukaj/", {"q": "nabór"}, HTTP_HOST=CITY)

    assert response.status_code == 200
    assert "private" in directives(response)


def test_a_password_protected_page_is_never_public(client, network):
    gallery = GalleryPage.objects.descendant_of(network.a.root_page).get(locale__language_code="pl")
    PageViewRestriction.objects.create(
        page=gallery, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )

    form = client.get("/zrealizowane-inicjatywy/", HTTP_HOST=CITY)
    assert "public" not in directives(form)

    restriction = PageViewRestriction.objects.get(page=gallery)
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{gallery.pk}/",
        {"password": "tajne", "return_url": "/zrealizowane-inicjatywy/"},
        HTTP_HOST=CITY,
    )
    page = client.get("/zrealizowane-inicjatywy/", HTTP_HOST=CITY)

    assert page.status_code == 200
    assert "private" in directives(page)
