"""A gallery of "zrealizowane inicjatywy" lists, counts and maps completed initiatives only,
unless a resident asks for those still under way (the stage filter, issue 17)."""

import json
import re
from decimal import Decimal

import pytest

from municipalities.models import InitiativeStage

from .test_gallery_listings import (
    A_GALLERY,
    A_HOST,
    NETWORK_GALLERY,
    get,
    make_initiative,
    titles,
)

pytestmark = pytest.mark.django_db

POINTS = re.compile(r'<script id="initiative-map-points" type="application/json">(.*?)</script>')


@pytest.fixture
def staged(network):
    point = {"latitude": Decimal("50.25"), "longitude": Decimal("18.85")}
    values = {"social_work_value": Decimal(1000), "residents_involved": 10, **point}
    make_initiative(network.a, "Zrobione", year=2024, stage=InitiativeStage.COMPLETED, **values)
    make_initiative(network.a, "Rozliczone", year=2023, stage=InitiativeStage.SETTLED, **values)
    make_initiative(network.a, "Budowane", year=2025, stage=InitiativeStage.IN_PROGRESS, **values)
    make_initiative(
        network.b, "Z umową", year=2025, stage=InitiativeStage.AGREEMENT_SIGNED, **values
    )


def totals_box(html):
    box = html[html.index('class="gallery-totals"') :]
    return box[: box.index("</section>")]


def map_titles(html):
    return [point["title"] for point in json.loads(POINTS.search(html).group(1))]


@pytest.mark.parametrize(("path", "host"), [(NETWORK_GALLERY, "localhost"), (A_GALLERY, A_HOST)])
def test_galleries_show_completed_initiatives_by_default(client, staged, path, host):
    response = get(client, path, host=host)
    html = response.content.decode()

    assert titles(response) == ["Zrobione", "Rozliczone"]
    assert "Znalezione inicjatywy: 2" in html
    assert "<dt>Zrealizowane inicjatywy</dt><dd>2</dd>" in totals_box(html)
    assert response.context["totals"].residents_involved == 20
    assert map_titles(html) == ["Zrobione", "Rozliczone"]
    assert "W toku:" not in html


def test_the_stage_filter_defaults_to_completed_and_offers_the_others(client, staged):
    html = get(client, NETWORK_GALLERY).content.decode()
    select = html[html.index('name="stage"') :]
    select = select[: select.index("</select>")]

    assert '<option value="">zrealizowane</option>' in select
    assert '<option value="w-toku">w toku (umowa podpisana lub w realizacji)</option>' in select
    assert '<option value="wszystkie">wszystkie etapy</option>' in select


def test_initiatives_under_way_are_reachable_and_labelled(client, staged):
    response = get(client, NETWORK_GALLERY, stage="w-toku")
    html = response.content.decode()

    assert titles(response) == ["Budowane", "Z umową"]
    assert "<dt>Inicjatywy w toku</dt><dd>2</dd>" in totals_box(html)
    assert "Razem dla wybranych filtrów" in totals_box(html)
    assert "W toku: w realizacji" in html
    assert "W toku: umowa podpisana" in html
    assert map_titles(html) == ["Budowane", "Z umową"]


def test_all_stages_together_say_so(client, staged):
    response = get(client, A_GALLERY, host=A_HOST, stage="wszystkie")
    html = response.content.decode()

    assert titles(response) == ["Budowane", "Zrobione", "Rozliczone"]
    assert "<dt>Inicjatywy na wszystkich etapach</dt><dd>3</dd>" in totals_box(html)
    assert html.count("W toku:") == 1


def test_an_unknown_stage_is_reported_and_completed_ones_shown(client, staged):
    response = get(client, NETWORK_GALLERY, stage="planowane")

    assert titles(response) == ["Zrobione", "Rozliczone"]
    assert "Nie ma takiego etapu. Pokazujemy zrealizowane inicjatywy." in (
        response.content.decode()
    )


def test_the_municipality_home_counts_completed_initiatives(client, staged):
    html = get(client, "/ruda-slaska/").content.decode()
    card = html[html.index("Zrealizowane inicjatywy</a></h3>") :]
    card = card[: card.index("</li>")]

    assert "Zrealizowane inicjatywy w galerii: 2" in card


def test_a_gallery_with_nothing_completed_yet_points_to_what_is_under_way(client, network):
    make_initiative(network.b, "Budowane", year=2025, stage=InitiativeStage.IN_PROGRESS)

    html = get(client, A_GALLERY, host="czeladz.localhost").content.decode()

    assert "W galerii nie ma jeszcze zrealizowanych inicjatyw." in html
    assert 'href="/zrealizowane-inicjatywy/?stage=w-toku">Zobacz inicjatywy w toku</a>' in html
    assert titles(get(client, A_GALLERY, host="czeladz.localhost", stage="w-toku")) == ["Budowane"]


def test_an_empty_gallery_offers_no_link_to_initiatives_under_way(client, network):
    html = get(client, A_GALLERY, host="czeladz.localhost").content.decode()

    assert "W galerii nie ma jeszcze zrealizowanych inicjatyw." in html
    assert "Zobacz inicjatywy w toku" not in html
