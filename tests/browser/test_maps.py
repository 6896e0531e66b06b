"""The maps, in a real browser (issue 17). Tiles are asked of a closed port on this machine
(tests/browser/server.py), so nothing leaves it; markers, clusters and popups need no tiles.
"""

import re

import pytest

from .axe import assert_no_violations

pytestmark = pytest.mark.browser

FOUND = re.compile(r"Znalezione inicjatywy: (\d+)")


def test_an_initiative_page_draws_its_marker(page, portal):
    page.goto(portal.url("/zrealizowane-inicjatywy/", "ruda-slaska"))
    page.locator("main .initiative-card .card__title a").first.click()
    page.wait_for_load_state()

    page.wait_for_selector("#initiative-map .leaflet-marker-icon")
    assert page.locator("#initiative-map .leaflet-marker-icon").count() == 1
    assert page.locator("#initiative-map").get_attribute("aria-label") == (
        "Mapa: miejsce inicjatywy"
    )
    # Without the map the place is still given, as coordinates and a link.
    assert page.get_by_text("Współrzędne:").is_visible()
    assert_no_violations(page)


def found(page):
    return int(FOUND.search(page.locator("main").inner_text()).group(1))


@pytest.mark.parametrize("query", ["", "?county=b%C4%99dzi%C5%84ski"])
def test_the_gallery_map_shows_every_initiative_the_filters_match(page, portal, query):
    page.goto(portal.url(f"/inicjatywy/{query}"))
    total = found(page)
    assert total > 1  # (more than a page of cards: tests/test_initiative_map.py)

    page.wait_for_selector("#initiative-map[data-points]")
    assert int(page.get_attribute("#initiative-map", "data-points")) == total
    # Clustered: near places share one numbered circle, the numbers adding up to the total.
    clusters = page.locator("#initiative-map .marker-cluster").all_inner_texts()
    singles = page.locator("#initiative-map .leaflet-marker-icon:not(.marker-cluster)").count()
    assert sum(int(text) for text in clusters) + singles == total
    assert_no_violations(page)


def test_the_network_home_maps_each_municipality_with_its_open_calls(page, portal):
    page.goto(portal.url("/"))

    page.wait_for_selector("#initiative-map .map-count")
    circles = page.locator("#initiative-map .map-count")
    listed = page.locator("section.municipalities .municipality-list li")
    assert circles.count() == listed.count() >= 2  # the list names every one of them too
    assert circles.first.get_attribute("title") in {
        f"{name.split(' (')[0]}: {detail}"
        for name in listed.all_inner_texts()
        for detail in ["brak trwającego naboru", *(f"trwające nabory: {n}" for n in range(1, 9))]
    }

    # Keyboard: a circle takes focus and opens its popup, which links to the city.
    circles.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for()
    assert popup.get_attribute("href").startswith("http://")
    assert_no_violations(page)


EDITOR = """
from municipalities.models import Municipality
from portal.factories import UserFactory
city = Municipality.objects.get(slug="ruda-slaska")
UserFactory(username="redaktor-mapy", groups=[city.editors_group])
"""
PASSWORD = "haslo-testowe-123"  # portal.factories.UserFactory's


def test_an_editor_places_an_initiative_by_clicking_the_map(page, portal):
    portal.run_python(EDITOR)
    page.goto(portal.url("/admin/login/"))
    page.fill("input[name=username]", "redaktor-mapy")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.goto(portal.url("/admin/pages/"))  # an editor's explorer opens at their city
    with page.expect_navigation():
        page.get_by_role(
            "link", name="Przeglądaj strony pochodne 'Zrealizowane inicjatywy'"
        ).click()
    with page.expect_navigation():
        page.locator("header").get_by_role(
            "link", name=re.compile("Dodaj stronę podrzędną")
        ).first.click()

    picker = page.locator("[data-point-picker]")
    picker.scroll_into_view_if_needed()
    picker.wait_for(state="visible")
    assert page.input_value("#id_latitude") == ""
    # The map opens at the city's centre; a click there writes the point into the fields.
    picker.click()
    latitude = float(page.input_value("#id_latitude"))
    longitude = float(page.input_value("#id_longitude"))
    assert abs(latitude - 50.2560) < 0.05 and abs(longitude - 18.8560) < 0.05
    assert picker.locator(".leaflet-marker-icon").count() == 1

    # Typing into the fields (the accessible way) moves the marker, not the other way round.
    before = picker.locator(".leaflet-marker-icon").bounding_box()
    page.fill("#id_latitude", f"{latitude + 0.002:.6f}")
    page.wait_for_timeout(300)
    after = picker.locator(".leaflet-marker-icon").bounding_box()
    assert after["y"] < before["y"]  # further north is higher up
    assert page.input_value("#id_longitude") == f"{longitude:.6f}"
