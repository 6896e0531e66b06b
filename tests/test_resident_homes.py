"""What the homes show a resident at a glance (issue 17): on the network home the calls
closing soonest across GZM, the latest completed initiatives with photos and every
municipality with its open calls (a list, and a map where a tile server is set); on a
municipality's home its open calls first, then its latest completed initiatives."""

import json
import re
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

import pytest

from municipalities.models import InitiativeStage

from .test_call_listings import make_call
from .test_gallery_listings import make_initiative, photo

pytestmark = pytest.mark.django_db

NETWORK_HOST = "localhost"
A_HOST = "ruda-slaska.localhost"
TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"


def section(html, heading_id):
    """The HTML of the home's section labelled by ``heading_id``."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, f"no section {heading_id}"
    return match.group(0)


def card_titles(html):
    return re.findall(r'class="card__title"><a href="[^"]*"[^>]*>([^<]+)</a>', html)


def home(client, host=NETWORK_HOST, path="/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_the_network_home_shows_the_calls_closing_soonest_across_gzm(client, network):
    make_call(network.a, "Ruda: zamyka się za 20 dni", closes=20)
    make_call(network.b, "Czeladź: zamyka się za 3 dni", closes=3)
    make_call(network.b, "Czeladź: zakończony", opens=-40, closes=-5)
    make_call(network.a, "Ruda: zapowiedziany", opens=10, closes=40)
    make_call(network.a, "Ruda: szkic", closes=1, live=False)

    calls = section(home(client), "closing-calls-heading")

    assert card_titles(calls) == ["Czeladź: zamyka się za 3 dni", "Ruda: zamyka się za 20 dni"]
    assert "Czeladź</p>" in calls  # the town above each card
    assert "Wszystkie nabory w GZM (trwające: 2)" in calls


def test_at_most_six_calls_are_shown(client, network):
    for offset in range(8):
        make_call(network.a, f"Nabór {offset + 1}", closes=offset + 1)

    calls = section(home(client), "closing-calls-heading")

    assert card_titles(calls) == [f"Nabór {number}" for number in range(1, 7)]
    assert "(trwające: 8)" in calls


def test_a_former_members_calls_leave_the_network_home(client, network):
    make_call(network.b, "Czeladź: trwa", closes=5)
    network.b.membership_end = timezone.localdate() - timedelta(days=1)
    network.b.save()

    html = home(client)

    assert "Czeladź: trwa" not in html
    assert "Czeladź" not in section(html, "municipalities-heading")


def test_with_no_open_call_the_home_says_so(client, network):
    make_call(network.a, "Ruda: zakończony", opens=-40, closes=-5)

    calls = section(home(client), "closing-calls-heading")

    assert card_titles(calls) == []
    assert "Teraz w żadnej gminie GZM nie trwa nabór wniosków" in calls


def test_the_network_home_shows_the_latest_completed_initiatives_with_photos(client, network):
    make_initiative(network.a, "Skwer 2023", year=2023, photos=[photo(network.a, "Skwer")])
    make_initiative(network.b, "Boisko 2025", year=2025, photos=[photo(network.b, "Boisko")])
    make_initiative(network.a, "Bez zdjęć 2025", year=2025)
    make_initiative(
        network.b,
        "W toku 2025",
        year=2025,
        stage=InitiativeStage.IN_PROGRESS,
        photos=[photo(network.b, "Plac budowy")],
    )

    latest = section(home(client), "latest-initiatives-heading")

    assert card_titles(latest) == ["Boisko 2025", "Skwer 2023"]
    assert 'alt="Boisko"' in latest


def test_each_municipality_says_how_many_calls_are_open(client, network):
    make_call(network.a, "Ruda: pierwszy", closes=5)
    make_call(network.a, "Ruda: drugi", closes=9)

    municipalities = section(home(client), "municipalities-heading")

    assert re.search(r"Ruda Śląska</a> <span[^>]*>\(trwające nabory: 2\)", municipalities)
    assert not re.search(r"Czeladź</a> <span", municipalities)
    assert "Gminy, w których trwa teraz nabór wniosków: 1." in municipalities


@override_settings(PORTAL_MAP_TILE_URL=TILES)
def test_the_map_places_each_municipality_with_its_open_calls(client, network):
    network.a.latitude, network.a.longitude = "50.25600", "18.85600"
    network.a.save()
    make_call(network.a, "Ruda: trwa", closes=5)

    html = home(client)
    points = json.loads(
        re.search(r'id="initiative-map-points"[^>]*>(.*?)</script>', html, re.S).group(1)
    )

    ruda = next(point for point in points if point["title"] == "Ruda Śląska")
    assert (ruda["lat"], ruda["lng"], ruda["count"]) == (50.256, 18.856, 1)
    assert ruda["detail"] == "trwające nabory: 1"
    assert re.fullmatch(r"http://ruda-slaska\.localhost(:\d+)?/", ruda["url"])  # its own host
    assert 'id="initiative-map"' in html and "leaflet.js" in html


def test_without_a_tile_server_the_list_stands_alone(client, network):
    network.a.latitude, network.a.longitude = "50.25600", "18.85600"
    network.a.save()

    html = home(client)

    assert "leaflet" not in html and 'id="initiative-map"' not in html
    assert "Ruda Śląska</a>" in section(html, "municipalities-heading")


def test_a_municipality_home_shows_its_open_call_first_then_its_initiatives(client, network):
    make_call(network.a, "Ruda: trwa", closes=12)
    make_call(network.a, "Ruda: zakończony", opens=-40, closes=-5)
    make_call(network.b, "Czeladź: trwa", closes=4)
    make_initiative(network.a, "Ruda: skwer", year=2025, photos=[photo(network.a, "Skwer")])
    make_initiative(network.b, "Czeladź: boisko", year=2025, photos=[photo(network.b, "Boisko")])

    html = home(client, A_HOST)

    assert card_titles(section(html, "open-calls-heading")) == ["Ruda: trwa"]
    assert card_titles(section(html, "latest-initiatives-heading")) == ["Ruda: skwer"]
    assert html.index("open-calls-heading") < html.index("latest-initiatives-heading")
    assert html.index("latest-initiatives-heading") < html.index("sections-heading")


def test_a_municipality_home_without_open_calls_shows_no_empty_section(client, network):
    make_call(network.a, "Ruda: zakończony", opens=-40, closes=-5)

    html = home(client, A_HOST)

    assert 'aria-labelledby="open-calls-heading"' not in html
    assert 'aria-labelledby="latest-initiatives-heading"' not in html


def test_in_english_a_polish_call_is_labelled(client, network):
    make_call(network.a, "Ruda: trwa", closes=12)

    calls = section(home(client, path="/en/"), "closing-calls-heading")

    assert re.search(r'<a href="[^"]*" lang="pl" hreflang="pl">Ruda: trwa</a>', calls)
