"""The network's audit log (Wagtail's site history): a municipality's people read their own
municipality's entries only, in the listing and in its downloads; GZM reads the whole network
and narrows it to one municipality."""

import io

from django.urls import reverse

from wagtail.log_actions import log

import pytest
from openpyxl import load_workbook

from municipalities.models import CallIndexPage, GalleryPage
from portal.factories import ImageFactory

from .helpers import PEOPLE_OF_A, log_in_as, section

CHANGED_TITLE = {"a": "Nabory gminy A po zmianie", "b": "Nabory gminy B po zmianie"}
GALLERY_TITLE = {"a": "Galeria gminy A po zmianie", "b": "Galeria gminy B po zmianie"}
IMAGE_TITLE = {"a": "Zdjecie gminy A w historii", "b": "Zdjecie gminy B w historii"}


@pytest.fixture
def history(network):
    """In each municipality: a page saved as a draft, a page published, an image logged."""
    for owner in ("a", "b"):
        municipality = getattr(network, owner)
        editor = network.users[f"editor_{owner}"]
        calls = section(municipality, CallIndexPage)
        calls.title = CHANGED_TITLE[owner]
        calls.save_revision(user=editor, log_action=True)
        gallery = section(municipality, GalleryPage)
        gallery.title = GALLERY_TITLE[owner]
        gallery.save_revision(user=network.users[f"moderator_{owner}"]).publish(
            user=network.users[f"moderator_{owner}"]
        )
        image = ImageFactory(collection=municipality.collection, title=IMAGE_TITLE[owner])
        log(image, "wagtail.edit", user=editor)
    return network


def site_history(client, **params):
    return client.get(reverse("wagtailadmin_reports:site_history"), params)


def downloaded_text(client, **params):
    csv_text = site_history(client, export="csv", **params).getvalue().decode()
    sheet = load_workbook(io.BytesIO(site_history(client, export="xlsx", **params).getvalue()))
    cells = [str(cell) for row in sheet.active.iter_rows(values_only=True) for cell in row]
    return csv_text + "\n".join(cells)


def names_of(owner):
    return [CHANGED_TITLE[owner], GALLERY_TITLE[owner], IMAGE_TITLE[owner]]


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_a_municipality_reads_none_of_the_other_municipality_history(client, history, role):
    log_in_as(client, history, role)

    for params in [{}, {"municipality": history.b.pk}, {"label": "gminy B"}]:
        html = site_history(client, **params).content.decode()
        results = client.get(
            reverse("wagtailadmin_reports:site_history_results"), params
        ).content.decode()
        downloads = downloaded_text(client, **params)
        for name in names_of("b"):
            assert name not in html
            assert name not in results
            assert name not in downloads


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_a_municipality_reads_its_own_page_history(client, history, role):
    log_in_as(client, history, role)

    html = site_history(client).content.decode()
    downloads = downloaded_text(client)

    assert CHANGED_TITLE["a"] in html
    assert GALLERY_TITLE["a"] in html
    assert CHANGED_TITLE["a"] in downloads


def test_a_municipality_reads_no_network_pages_history(client, history):
    home = history.home
    home.title = "Siec GZM po zmianie"
    home.save_revision(user=history.users["network_admin"], log_action=True)
    log_in_as(client, history, "editor_a")

    assert "Siec GZM po zmianie" not in site_history(client).content.decode()


def test_the_municipality_filter_offers_a_municipality_its_own_only(client, history):
    log_in_as(client, history, "moderator_a")

    html = site_history(client).content.decode()

    assert 'name="municipality"' in html
    assert "Czeladź" not in html


def test_the_network_admin_reads_every_municipality_and_narrows_to_one(client, history):
    log_in_as(client, history, "network_admin")

    everything = site_history(client).content.decode()
    only_b = site_history(client, municipality=history.b.pk).content.decode()
    only_b_downloaded = downloaded_text(client, municipality=history.b.pk)

    for name in [CHANGED_TITLE["a"], CHANGED_TITLE["b"], GALLERY_TITLE["b"]]:
        assert name in everything
    for name in [CHANGED_TITLE["b"], GALLERY_TITLE["b"]]:
        assert name in only_b
        assert name in only_b_downloaded
    for name in names_of("a"):
        assert name not in only_b
        assert name not in only_b_downloaded


def test_narrowing_to_a_municipality_keeps_its_images(admin_client, history):
    """A superuser reads the images' entries too (Wagtail shows a model's entries to those
    holding a global permission on it); the municipality filter keeps the right ones."""
    only_b = site_history(admin_client, municipality=history.b.pk).content.decode()

    assert IMAGE_TITLE["b"] in only_b
    assert IMAGE_TITLE["a"] not in only_b
