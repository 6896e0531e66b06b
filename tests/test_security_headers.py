"""The security headers a response carries: a strict Content-Security-Policy on public pages
(scripts only from the portal itself, map tiles from the configured tile server), the admin's
own policy, Permissions-Policy everywhere, and an admin that fetches nothing from outside.

docs/admin-security.md lists the headers; the browser tests prove the pages still work under
them (tests/browser/test_security_headers.py).
"""

import re
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

import pytest

from municipalities.models import CallIndexPage, GalleryPage
from portal.models import AnalyticsSettings

pytestmark = pytest.mark.django_db

CITY = "ruda-slaska.localhost"
TILES = "https://kafelki.example.org/{z}/{x}/{y}.png"
ANALYTICS = "https://statystyki.example.org/matomo.js"
# Script types a browser treats as data and never runs.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def policy(response, header="Content-Security-Policy"):
    """The policy as {directive: [sources]}."""
    assert response.has_header(header), f"no {header} header"
    parsed = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def scripts(html):
    """(attributes, body) of every <script> element of the page."""
    return [
        (dict(re.findall(r'([\w-]+)="([^"]*)"', attributes)), body)
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    ]


def assert_every_script_is_a_file_of_the_portal_or_data(html):
    found = scripts(html)
    assert found
    for attributes, body in found:
        if attributes.get("type") in DATA_SCRIPT_TYPES:
            continue
        assert "src" in attributes and not body.strip(), f"an inline script: {body[:120]}"
        assert urlsplit(attributes["src"]).netloc in ("", CITY, "localhost"), attributes["src"]
    for handler in ("onclick", "onload", "onchange", "onsubmit", "onerror"):
        assert f" {handler}=" not in html
    assert " style=" not in html


@pytest.mark.parametrize(
    ("host", "path"),
    [
        ("localhost", "/"),
        (CITY, "/"),
        (CITY, "/nabory/"),
        (CITY, "/en/"),
        (CITY, "/szukaj/?q=plac"),
    ],
)
def test_a_public_page_allows_only_the_portals_own_scripts_and_styles(client, network, host, path):
    response = client.get(path, HTTP_HOST=host)

    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert_every_script_is_a_file_of_the_portal_or_data(response.content.decode())


def test_the_policy_is_the_same_on_every_request_so_pages_keep_their_etag(client, network):
    """No per-request nonce: a page is the same bytes each time and revalidates with a 304."""
    first = client.get("/nabory/", HTTP_HOST=CITY)
    again = client.get("/nabory/", HTTP_HOST=CITY, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert (
        first["Content-Security-Policy"]
        == client.get("/nabory/", HTTP_HOST=CITY)["Content-Security-Policy"]
    )


def test_the_contact_pages_structured_data_is_a_data_block(client, network):
    from municipalities.models import ContactPage

    contact = ContactPage.objects.descendant_of(network.a.root_page).live().first()
    url = urlsplit(contact.full_url)
    html = client.get(url.path, HTTP_HOST=url.netloc).content.decode()

    assert any(attrs.get("type") == "application/ld+json" for attrs, _ in scripts(html))
    assert_every_script_is_a_file_of_the_portal_or_data(html)


def test_map_tiles_may_come_from_the_configured_tile_server(client, network, settings):
    settings.PORTAL_MAP_TILE_URL = TILES
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    url = urlsplit(gallery.full_url)

    directives = policy(client.get(url.path, HTTP_HOST=url.netloc))

    assert directives["img-src"] == ["'self'", "https://kafelki.example.org"]
    assert directives["script-src"] == ["'self'"]


def test_without_a_tile_server_images_come_from_the_portal_only(client, network, settings):
    settings.PORTAL_MAP_TILE_URL = ""

    assert policy(client.get("/", HTTP_HOST=CITY))["img-src"] == ["'self'"]


def test_the_analytics_script_gzm_configures_is_allowed_and_nothing_else(client, network):
    setting = AnalyticsSettings.load()
    setting.script_url = ANALYTICS
    setting.save()

    directives = policy(client.get("/", HTTP_HOST=CITY))

    assert directives["script-src"] == ["'self'", "https://statystyki.example.org"]
    assert directives["connect-src"] == ["'self'", "https://statystyki.example.org"]
    assert "https://statystyki.example.org" in directives["img-src"]


def test_the_admin_has_its_own_policy(client, network):
    client.force_login(network.users["editor_a"])

    for url in (reverse("wagtailadmin_home"), reverse("wagtailimages:index")):
        response = client.get(url)
        assert response.status_code == 200
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["frame-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        # Nothing from another host, and no nonce that would switch 'unsafe-inline' off.
        assert "http" not in response["Content-Security-Policy"]
        assert "'nonce-" not in response["Content-Security-Policy"]


def test_a_preview_is_framed_by_the_admin_under_the_admins_policy(client, network):
    client.force_login(network.users["editor_a"])
    calls = CallIndexPage.objects.child_of(network.a.root_page).get()

    preview = client.get(f"/admin/pages/{calls.pk}/edit/preview/", HTTP_HOST=CITY)

    assert preview.status_code == 200
    assert policy(preview)["frame-ancestors"] == ["'self'"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"


def test_a_page_rendered_for_the_admin_keeps_the_admins_policy(client, network):
    """Wagtail renders previews and drafts on a stand-in request for the page's public address,
    through every middleware; the public policy must not stick to what the admin shows."""
    client.force_login(network.users["editor_a"])
    calls = CallIndexPage.objects.child_of(network.a.root_page).get()
    calls.save_revision()

    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[calls.pk]))

    assert draft.status_code == 200
    assert calls.title in draft.content.decode()
    directives = policy(draft)
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]


@pytest.mark.parametrize(("host", "path"), [(CITY, "/"), ("localhost", "/admin/login/")])
def test_every_response_turns_off_browser_features_the_portal_never_uses(host, path, network):
    response = Client().get(path, HTTP_HOST=host)

    features = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()", feature


def test_the_admin_fetches_nothing_from_outside(client, network, settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    client.force_login(network.users["network_admin"])

    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        html = client.get(url).content.decode()
        assert "gravatar" not in html
        assert "releases.wagtail.io" not in html
        # Links to Wagtail's guide are fine; nothing is loaded from elsewhere.
        assert not re.findall(r'src="https?://(?!testserver|localhost)', html), url
        assert not re.findall(r'<link[^>]*href="https?://(?!testserver|localhost)', html), url
