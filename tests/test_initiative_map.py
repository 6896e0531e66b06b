"""The initiatives map: Leaflet from npm served as static files, tiles only when configured.

The tile server comes from ``PORTAL_MAP_TILE_URL``; the test settings leave it empty, so no
test fetches a tile and the pages carry no Leaflet at all, only the list of places.
"""

import json
import re
from decimal import Decimal
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import override_settings

import pytest

from municipalities.factories import InitiativePageFactory
from municipalities.gallery.listing import map_config
from municipalities.models import GalleryNetworkIndexPage, GalleryPage

ASSETS = "municipalities/includes/initiative_map_assets.html"
TILES = override_settings(
    PORTAL_MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png",
    PORTAL_MAP_ATTRIBUTION="&copy; Przykładowi autorzy mapy",
)
LEAFLET_CSS = "/static/vendor/leaflet/leaflet.css"
LEAFLET_JS = "/static/vendor/leaflet/leaflet.js"
MAP_SCRIPT = "/static/js/initiative-map.js"
POINTS = [
    {"title": "Plac zabaw", "url": "/plac-zabaw/", "lat": 50.25, "lng": 18.85, "municipality": "A"}
]


def json_script(html, element_id):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    assert match, f"no json_script #{element_id}"
    return json.loads(match.group(1))


# Static files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet/images/marker-icon-2x.png",
        "vendor/leaflet/images/marker-shadow.png",
        "js/initiative-map.js",
        "css/initiative-map.css",
    ],
)
def test_map_files_are_found_by_the_staticfiles_finders(path):
    assert finders.find(path), f"{path} not found: run `npm ci` (scripts/setup)"


def test_the_map_script_reads_the_points_and_keeps_focus_free():
    source = Path(finders.find("js/initiative-map.js")).read_text(encoding="utf-8")
    assert '"initiative-map-points"' in source
    assert '"initiative-map-config"' in source
    assert "aria-label" in source
    assert "scrollWheelZoom: false" in source


# The include on its own ------------------------------------------------------------------


def test_without_a_tile_server_the_include_adds_nothing():
    assert (
        render_to_string(ASSETS, {"map_points": POINTS, "map_config": map_config()}).strip() == ""
    )


@TILES
def test_with_a_tile_server_the_include_adds_leaflet_and_the_settings():
    html = render_to_string(ASSETS, {"map_points": POINTS, "map_config": map_config()})

    assert f'<link rel="stylesheet" href="{LEAFLET_CSS}">' in html
    assert f'<script src="{LEAFLET_JS}" defer></script>' in html
    assert f'<script src="{MAP_SCRIPT}" defer></script>' in html
    config = json_script(html, "initiative-map-config")
    assert config["tileUrl"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["attribution"] == "&copy; Przykładowi autorzy mapy"
    assert config["label"]
    assert config["icons"]["iconUrl"] == "/static/vendor/leaflet/images/marker-icon.png"


@TILES
def test_with_no_points_the_include_adds_nothing():
    assert render_to_string(ASSETS, {"map_points": [], "map_config": map_config()}).strip() == ""


# The gallery pages -----------------------------------------------------------------------


@pytest.fixture
def initiatives(network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    with_point = InitiativePageFactory(
        parent=gallery,
        title="Plac zabaw przy ul. Lipowej",
        latitude=Decimal("50.256000"),
        longitude=Decimal("18.856000"),
    )
    without_point = InitiativePageFactory(parent=gallery, title="Warsztaty dla seniorów")
    return gallery, with_point, without_point


def get(client, page):
    url = urlsplit(page.full_url)
    response = client.get(url.path, HTTP_HOST=url.netloc)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@TILES
def test_gallery_with_a_tile_server_has_leaflet_the_container_and_the_points(client, initiatives):
    gallery, with_point, without_point = initiatives
    html = get(client, gallery)

    assert LEAFLET_CSS in html
    assert LEAFLET_JS in html
    assert MAP_SCRIPT in html
    assert re.search(r'<div id="initiative-map" class="initiative-map"[^>]* hidden', html)
    points = json_script(html, "initiative-map-points")
    assert [point["title"] for point in points] == [with_point.title]
    assert points[0]["url"].rstrip("/").endswith(with_point.slug)
    assert (points[0]["lat"], points[0]["lng"]) == (50.256, 18.856)
    assert json_script(html, "initiative-map-config")["tileUrl"].startswith("https://")
    # The list stays usable without JavaScript.
    assert f">{with_point.title}</a>" in html


@pytest.mark.django_db
def test_gallery_without_a_tile_server_has_no_leaflet_but_keeps_the_list(client, initiatives):
    gallery, with_point, _without_point = initiatives
    html = get(client, gallery)

    assert "/static/vendor/leaflet/" not in html
    assert MAP_SCRIPT not in html
    assert 'id="initiative-map-config"' not in html
    assert f">{with_point.title}</a>" in html


@pytest.mark.django_db
@TILES
def test_network_gallery_with_a_tile_server_maps_every_municipality(client, initiatives, network):
    gallery_b = GalleryPage.objects.child_of(network.b.root_page).get()
    in_b = InitiativePageFactory(
        parent=gallery_b,
        title="Ogród społeczny",
        latitude=Decimal("50.316000"),
        longitude=Decimal("19.076000"),
    )
    index = GalleryNetworkIndexPage.objects.live().first()
    html = get(client, index)

    assert LEAFLET_JS in html
    points = {point["title"]: point for point in json_script(html, "initiative-map-points")}
    assert points[in_b.title]["municipality"] == network.b.name
    assert points[initiatives[1].title]["municipality"] == network.a.name


@pytest.mark.django_db
@TILES
def test_the_gallery_map_reads_every_initiative_the_filters_match(client, network):
    gallery = GalleryPage.objects.child_of(network.a.root_page).get()
    for number in range(14):  # more than a page of cards
        InitiativePageFactory(
            parent=gallery,
            title=f"Skwer {number:02d}",
            year=2024 if number % 2 else 2025,
            latitude=Decimal("50.256000") + number,
            longitude=Decimal("18.856000"),
        )
    InitiativePageFactory(parent=gallery, title="Bez miejsca", year=2025)
    html = get(client, gallery)
    config = json_script(html, "initiative-map-config")
    # The page embeds its own twelve cards' points (one card has no place): 11 of 14.
    assert len(json_script(html, "initiative-map-points")) == 11

    url = urlsplit(gallery.full_url)
    every = client.get(config["pointsUrl"], HTTP_HOST=url.netloc).json()["points"]
    of_2025 = client.get(config["pointsUrl"], {"year": "2025"}, HTTP_HOST=url.netloc).json()

    assert sorted(point["title"] for point in every) == [f"Skwer {n:02d}" for n in range(14)]
    assert sorted(point["title"] for point in of_2025["points"]) == [
        f"Skwer {n:02d}" for n in range(0, 14, 2)
    ]


@pytest.mark.django_db
@TILES
def test_an_initiative_page_shows_its_place(client, initiatives):
    _gallery, with_point, without_point = initiatives

    html = get(client, with_point)
    assert json_script(html, "initiative-map-points") == [
        {"title": with_point.title, "lat": 50.256, "lng": 18.856}
    ]
    assert LEAFLET_JS in html
    assert "Współrzędne: 50.256000, 18.856000" in html
    assert "openstreetmap.org/?mlat=50.256000&amp;mlon=18.856000" in html

    assert "Miejsce na mapie" not in get(client, without_point)


def point_picker(html):
    match = re.search(r'data-point-picker="([^"]*)"', html)
    return json.loads(unescape(match.group(1))) if match else None


@pytest.mark.django_db
@TILES
def test_the_admin_offers_a_point_picker_opening_at_the_city(client, network, initiatives):
    _gallery, with_point, _without_point = initiatives
    network.a.latitude, network.a.longitude = Decimal("50.25600"), Decimal("18.85600")
    network.a.save()
    client.force_login(network.users["editor_a"])

    html = client.get(f"/admin/pages/{with_point.pk}/edit/").content.decode()
    picker = point_picker(html)

    assert (picker["latitudeId"], picker["longitudeId"]) == ("id_latitude", "id_longitude")
    assert (picker["centre"], picker["zoom"]) == ([50.256, 18.856], 14)
    assert "/static/municipalities/admin/point-picker.js" in html
    assert 'name="latitude"' in html  # the fields stay, the accessible way in


@pytest.mark.django_db
def test_without_a_tile_server_the_admin_keeps_the_fields_only(client, network, initiatives):
    _gallery, with_point, _without_point = initiatives
    client.force_login(network.users["editor_a"])

    html = client.get(f"/admin/pages/{with_point.pk}/edit/").content.decode()

    assert point_picker(html) is None
    assert "point-picker.js" not in html
    assert 'name="latitude"' in html
