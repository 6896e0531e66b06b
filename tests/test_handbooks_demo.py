"""The demo network shows the issue's "done when": GZM publishes a model chapter; the city that
follows the model shows the new text at once, the city that customised it sees it is behind."""

from django.urls import reverse

from demo import handbooks as demo
from demo.seed import seed_demo_content
from handbooks import sync
from handbooks.models import ChapterStatus, HandbookChapterPage, VariantChapterState

from .handbook_helpers import model_handbook, page_text


def variant_state(municipality, slug):
    variant = sync.variant_of(model_handbook(), municipality)
    page = HandbookChapterPage.objects.child_of(variant).get(slug=slug)
    return VariantChapterState.objects.get(page=page)


def test_demo_shows_a_followed_and_a_behind_chapter(client, network):
    seed_demo_content([network.a, network.b])

    czeladz = page_text(
        client, "/podrecznik-dla-mieszkanca/wklad-wlasny/", host="czeladz.localhost"
    )
    assert demo.MODEL_UPDATE_QUESTION in czeladz
    ruda = page_text(client, "/podrecznik-dla-mieszkanca/wklad-wlasny/")
    assert "Jak to robimy w Rudzie Śląskiej" in ruda
    assert demo.MODEL_UPDATE_QUESTION not in ruda
    assert variant_state(network.a, "wklad-wlasny").status == ChapterStatus.BEHIND
    assert variant_state(network.b, "wklad-wlasny").status == ChapterStatus.FOLLOWS
    assert variant_state(network.a, "konsultacje").status == ChapterStatus.LOCAL

    client.force_login(network.users["editor_a"])
    page = variant_state(network.a, "wklad-wlasny").page
    changes = client.get(reverse("handbooks_admin:changes", args=[page.pk])).content.decode()
    assert f"<ins>{demo.MODEL_UPDATE_QUESTION}" in changes


def test_municipality_home_links_to_its_variants_or_to_the_model(client, network):
    html = page_text(client, "/")
    assert "Gmina nie ma jeszcze lokalnej wersji podręczników" in html
    assert model_handbook().full_url.replace("http://localhost:8000", "") in html

    seed_demo_content([network.a])

    html = page_text(client, "/")
    assert 'href="/podrecznik-dla-mieszkanca/"' in html
    assert "Gmina nie ma jeszcze" not in html


def test_network_home_links_to_the_model(client, network):
    html = page_text(client, "/", host="localhost")

    for path in ("/model-procesu/", "/zalozenia-uchwaly/", "/podrecznik-dla-urzednika/"):
        assert f'href="{path}"' in html
    english = page_text(client, "/en/", host="localhost")
    assert "Handbook for residents" in english


def test_handbook_interface_is_translated(client, network):
    seed_demo_content([network.a])
    english = page_text(client, "/en/podrecznik-dla-mieszkanca/wklad-wlasny/")
    ukrainian = page_text(client, "/uk/podrecznik-dla-mieszkanca/wklad-wlasny/")

    assert "<h1>Your contribution</h1>" in english
    assert ">Contents</h2>" in english and "Next chapter" in english
    assert "The version of Ruda Śląska, based on the model prepared by GZM." in english
    assert ">Зміст</h2>" in ukrainian and "Наступний розділ" in ukrainian
    for html in (english, ukrainian):
        assert "Spis treści" not in html and "Następny rozdział" not in html


def test_model_process_is_translated(client, network):
    english = page_text(client, "/en/model-procesu/", host="localhost")
    ukrainian = page_text(client, "/uk/model-procesu/", host="localhost")

    assert "<h1>Model process of a local initiative</h1>" in english
    assert "Substantive assessment" in english and "Who acts" in english
    assert "Оцінювання по суті" in ukrainian
