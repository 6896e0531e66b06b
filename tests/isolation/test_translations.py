"""Translation (wagtail-localize): submitting, syncing and the translation tools and report."""

from django.urls import reverse

from wagtail_localize.models import Translation, TranslationSource

import pytest

from municipalities.models import CallIndexPage, ContactPage

from .helpers import (
    EDITING,
    PEOPLE_OF_A,
    assert_denied,
    english,
    home,
    log_in_as,
    reload,
    section,
)

# Municipality groups hold the global submit_translation permission; the object they
# translate must still be theirs.


def untranslated_contact_page(municipality):
    """The municipality's contact page, its English translation removed."""
    page = section(municipality, ContactPage)
    page.get_translation(english()).delete()
    return page


def submit_translation(client, page):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.get(url), client.post(url, {"locales": [english().pk]})


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_translating_the_other_municipality_page_is_refused(network, client, role):
    page = untranslated_contact_page(network.b)
    log_in_as(client, network, role)

    for response in submit_translation(client, page):
        assert_denied(response)

    assert not page.has_translation(english())


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_translate_pages(network, client, role, owner):
    page = untranslated_contact_page(getattr(network, owner))
    log_in_as(client, network, role)

    form, response = submit_translation(client, page)

    assert (form.status_code, response.status_code) == (200, 302)
    assert page.has_translation(english())


def sync_translations(client, page, publish):
    source = TranslationSource.objects.get_for_instance(page)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    return client.get(url), client.post(url, {"publish_translations": "on"} if publish else {})


@pytest.mark.parametrize("publish", [False, True], ids=["sync", "sync and publish"])
@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_syncing_the_other_municipality_translations_is_refused(network, client, role, publish):
    page = section(network.b, CallIndexPage)
    source = TranslationSource.objects.get_for_instance(page)
    translated = page.get_translation(english())
    log_in_as(client, network, role)

    for response in sync_translations(client, page, publish):
        assert_denied(response)

    assert TranslationSource.objects.get(pk=source.pk).last_updated_at == source.last_updated_at
    assert reload(translated).latest_revision_id == translated.latest_revision_id


@pytest.mark.parametrize(
    ("role", "owner", "publish"),
    [("editor_a", "a", False), ("moderator_a", "a", True), ("network_admin", "b", True)],
)
def test_own_people_sync_translations(
    network, client, django_capture_on_commit_callbacks, role, owner, publish
):
    page = section(getattr(network, owner), CallIndexPage)
    source = TranslationSource.objects.get_for_instance(page)
    translated = page.get_translation(english())
    log_in_as(client, network, role)

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes then
        form, response = sync_translations(client, page, publish)

    assert (form.status_code, response.status_code) == (200, 302)
    assert TranslationSource.objects.get(pk=source.pk).last_updated_at > source.last_updated_at
    if publish:
        assert reload(translated).live_revision_id != translated.live_revision_id


def test_an_editor_does_not_publish_translations_by_syncing(network, client):
    page = section(network.a, CallIndexPage)
    translated = page.get_translation(english())
    log_in_as(client, network, "editor_a")

    _form, response = sync_translations(client, page, publish=True)

    assert_denied(response)
    assert reload(translated).live_revision_id == translated.live_revision_id


def english_translation(municipality):
    source = TranslationSource.objects.get_for_instance(section(municipality, CallIndexPage))
    return Translation.objects.get(source=source, target_locale=english())


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_the_other_municipality_translation_tools_are_refused(network, client, role):
    translation = english_translation(network.b)
    log_in_as(client, network, role)

    for response in [
        client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk])),
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])),
        client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk])),
    ]:
        assert_denied(response)

    translation.refresh_from_db()
    assert translation.enabled


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_use_translation_tools(network, client, role, owner):
    translation = english_translation(getattr(network, owner))
    log_in_as(client, network, role)

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))

    assert download.status_code == 200
    translation.refresh_from_db()
    assert not translation.enabled


def translation_edit_urls(municipality):
    pages = [home(municipality), section(municipality, ContactPage)]
    return {
        reverse("wagtailadmin_pages:edit", args=[page.get_translation(english()).pk])
        for page in pages
    }


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_translations_report_lists_only_own_pages(network, client, role):
    log_in_as(client, network, role)

    html = client.get(reverse("wagtail_localize:translations_report")).content.decode()

    assert all(url in html for url in translation_edit_urls(network.a))
    assert not any(url in html for url in translation_edit_urls(network.b))


def test_translations_report_lists_every_municipality_for_network_admin(network, client):
    log_in_as(client, network, "network_admin")

    html = client.get(
        reverse("wagtail_localize:translations_report"),
        {"per_page": 100, "target_locale": "en"},
    ).content.decode()

    assert all(url in html for url in translation_edit_urls(network.b))
