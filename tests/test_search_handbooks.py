"""Handbook chapters in search: a municipality finds its own variant, the network the model
once, not a copy per municipality."""

from django.conf import settings

import pytest

from handbooks import sync
from handbooks.models import HandbookChapterPage, HandbookPage

pytestmark = pytest.mark.django_db

A_HOST = "ruda-slaska.localhost"
NETWORK = "localhost"


@pytest.fixture
def variants(network):
    handbook = HandbookPage.objects.get(
        slug="podrecznik-dla-mieszkanca", locale__language_code=settings.LANGUAGE_CODE
    )
    return (
        handbook,
        sync.create_variant(handbook, network.a),
        sync.create_variant(handbook, network.b),
    )


def result_urls(client, host, query, **params):
    response = client.get("/szukaj/", {"q": query, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return [entry["page"].url_path for entry in response.context["entries"]]


def test_municipality_finds_its_variant_chapter(client, variants):
    handbook, variant_a, _variant_b = variants
    chapter = HandbookChapterPage.objects.child_of(variant_a).first()

    found = result_urls(client, A_HOST, chapter.title)

    assert chapter.url_path in found
    assert not any(path.startswith(handbook.url_path) for path in found)


def test_network_lists_the_model_chapter_once(client, variants):
    handbook, variant_a, variant_b = variants
    model = HandbookChapterPage.objects.child_of(handbook).first()

    for found in (
        result_urls(client, NETWORK, model.title),
        result_urls(client, A_HOST, model.title, zakres="gzm"),
    ):
        assert model.url_path in found
        assert not any(path.startswith(variant_a.url_path) for path in found)
        assert not any(path.startswith(variant_b.url_path) for path in found)


def test_network_lists_a_customised_chapter_as_the_municipality_own(client, variants):
    _handbook, variant_a, _variant_b = variants
    chapter = HandbookChapterPage.objects.child_of(variant_a).first()
    sync.customise_chapter(chapter)
    chapter = HandbookChapterPage.objects.get(pk=chapter.pk)
    assert chapter.alias_of_id is None

    assert chapter.url_path in result_urls(client, NETWORK, chapter.title)
