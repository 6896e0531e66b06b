"""A municipality's handbook variant kept in step with GZM's model (``handbooks.sync``).

Every test publishes real revisions of the model chapters, the way GZM does in the admin,
and reads the variant back from the database and over HTTP on the municipality's host.
"""

from django.conf import settings

from wagtail.models import Locale, Page

import pytest

from handbooks import sync
from handbooks.factories import HandbookChapterPageFactory
from handbooks.models import (
    ChapterStatus,
    HandbookChapterPage,
    VariantChapterState,
)

from .handbook_helpers import (
    HOST_A,
    NEW_TEXT,
    model_chapter,
    model_handbook,
    page_text,
    publish_model_edit,
    reload,
    variant_chapter,
)


@pytest.fixture
def variant(network, handbook):
    return sync.create_variant(handbook, network.a)


# Creating a variant -------------------------------------------------------------------------


def test_variant_lives_under_the_municipality_with_every_model_chapter_as_alias(
    network, handbook, variant
):
    assert variant.get_parent().pk == network.a.root_page.pk
    chapters = list(HandbookChapterPage.objects.child_of(variant).order_by("path"))
    model = list(HandbookChapterPage.objects.child_of(handbook).order_by("path"))
    assert [chapter.alias_of_id for chapter in chapters] == [chapter.pk for chapter in model]
    states = VariantChapterState.objects.filter(variant=variant)
    assert {state.municipality_id for state in states} == {network.a.pk}
    assert all(state.status == ChapterStatus.FOLLOWS for state in states)


def test_creating_a_variant_twice_gives_the_same_variant(network, handbook, variant):
    pages = Page.objects.count()

    assert sync.create_variant(handbook, network.a).pk == variant.pk
    assert Page.objects.count() == pages


def test_residents_see_the_variant_and_can_reach_the_model(client, variant, handbook):
    html = page_text(client, "/podrecznik-dla-mieszkanca/")

    assert "Wersja gminy Ruda Śląska" in html
    assert handbook.full_url in html
    chapter = page_text(client, "/podrecznik-dla-mieszkanca/wklad-wlasny/")
    assert model_chapter(handbook, "wklad-wlasny").full_url in chapter


def test_variant_is_translated_and_its_chapters_follow_the_translated_model(
    client, variant, handbook
):
    english = Locale.objects.get(language_code="en")
    english_variant = variant.get_translation(english)
    english_model = model_chapter(handbook, "wklad-wlasny").get_translation(english)

    alias = variant_chapter(english_variant, "wklad-wlasny")
    assert alias.alias_of_id == english_model.pk
    assert alias.translation_key == variant_chapter(variant, "wklad-wlasny").translation_key
    html = page_text(client, "/en/podrecznik-dla-mieszkanca/wklad-wlasny/")
    assert "<h1>Your contribution</h1>" in html
    assert 'hreflang="pl"' in html


# Following the model ------------------------------------------------------------------------


def test_an_alias_follows_the_model_on_publish(client, handbook, variant):
    chapter = model_chapter(handbook, "wklad-wlasny")
    assert NEW_TEXT not in page_text(client, "/podrecznik-dla-mieszkanca/wklad-wlasny/")

    publish_model_edit(chapter)

    alias = variant_chapter(variant, "wklad-wlasny")
    assert NEW_TEXT in str(alias.body)
    assert NEW_TEXT in page_text(client, "/podrecznik-dla-mieszkanca/wklad-wlasny/")


def test_customising_keeps_the_base_revision_and_the_own_text(client, handbook, variant):
    chapter = model_chapter(handbook, "wklad-wlasny")
    base = reload(chapter).live_revision_id
    page = variant_chapter(variant, "wklad-wlasny")

    state = sync.customise_chapter(page)

    assert reload(page).alias_of_id is None
    assert state.based_on_revision_id == base
    assert state.status == ChapterStatus.CUSTOMISED

    publish_model_edit(chapter)

    state.refresh_from_db()
    assert state.based_on_revision_id == base
    assert NEW_TEXT not in page_text(client, "/podrecznik-dla-mieszkanca/wklad-wlasny/")


def test_customising_twice_is_refused(variant):
    page = variant_chapter(variant, "wklad-wlasny")
    sync.customise_chapter(page)

    with pytest.raises(sync.SyncError):
        sync.customise_chapter(reload(page))


def behind_chapter(handbook, variant):
    page = variant_chapter(variant, "wklad-wlasny")
    sync.customise_chapter(page)
    publish_model_edit(model_chapter(handbook, "wklad-wlasny"))
    state = VariantChapterState.objects.get(page=page)
    assert state.status == ChapterStatus.BEHIND
    return reload(page), state


def test_behind_is_detected_after_a_model_publish(handbook, variant):
    page, state = behind_chapter(handbook, variant)

    assert state.is_behind


@pytest.mark.parametrize("action", ["keep_mine", "take_model", "mark_merged"])
def test_behind_is_cleared_by_each_action(handbook, variant, action):
    page, state = behind_chapter(handbook, variant)

    getattr(sync, action)(page)

    state.refresh_from_db()
    assert state.status == ChapterStatus.CUSTOMISED
    assert reload(page).alias_of_id is None


def test_keeping_ones_own_keeps_the_text_and_a_newer_model_makes_it_behind_again(
    client, handbook, variant
):
    page, state = behind_chapter(handbook, variant)
    sync.keep_mine(page)
    assert NEW_TEXT not in page_text(client, "/podrecznik-dla-mieszkanca/wklad-wlasny/")

    publish_model_edit(model_chapter(handbook, "wklad-wlasny"), "Jeszcze nowsze zdanie modelu.")

    state.refresh_from_db()
    assert state.status == ChapterStatus.BEHIND


def test_taking_the_model_copies_its_new_text(client, handbook, variant):
    page, state = behind_chapter(handbook, variant)

    sync.take_model(page)

    assert NEW_TEXT in page_text(client, "/podrecznik-dla-mieszkanca/wklad-wlasny/")
    state.refresh_from_db()
    assert (
        state.based_on_revision_id
        == reload(model_chapter(handbook, "wklad-wlasny")).live_revision_id
    )


def test_actions_on_a_chapter_that_follows_the_model_are_refused(variant):
    page = variant_chapter(variant, "wklad-wlasny")

    for action in (sync.keep_mine, sync.take_model, sync.mark_merged):
        with pytest.raises(sync.SyncError):
            action(page)


def test_diff_shows_what_changed_in_the_model(handbook, variant):
    page, state = behind_chapter(handbook, variant)

    rows = sync.model_changes(state)

    changed = "".join(str(row.html) for row in rows if row.kind != "same")
    assert "<ins>" in changed and "<del>" in changed
    assert "koordynator odpowiada w ciągu trzech dni roboczych" in changed
    assert "Wkład mieszkańców może mieć trzy formy" in changed  # the old text, struck out
    assert any(row.kind == "same" and "Praca liczy się najbardziej" in row.html for row in rows)


def test_text_diff_marks_single_words_and_escapes_html():
    rows = sync.text_diff(["Wniosek <b>składa</b> grupa"], ["Wniosek składa grupa sąsiadów"])

    assert rows[0].kind == "changed"
    assert "&lt;b&gt;" in rows[0].html
    assert "<ins> sąsiadów</ins>" in rows[0].html


# Hiding and adding --------------------------------------------------------------------------


def test_hiding_a_model_chapter_takes_it_out_of_the_variant(client, handbook, variant):
    page = variant_chapter(variant, "wklad-wlasny")

    sync.set_hidden(page, True)

    html = page_text(client, "/podrecznik-dla-mieszkanca/")
    assert "wklad-wlasny" not in html
    response = client.get("/podrecznik-dla-mieszkanca/wklad-wlasny/", HTTP_HOST=HOST_A)
    assert response.status_code == 404
    english = client.get("/en/podrecznik-dla-mieszkanca/wklad-wlasny/", HTTP_HOST=HOST_A)
    assert english.status_code == 404
    previous = page_text(client, "/podrecznik-dla-mieszkanca/od-pomyslu-do-wniosku/")
    assert "zlozenie-wniosku/" in previous and "wklad-wlasny/" not in previous
    # The model still has it, and a model publish does not bring it back.
    publish_model_edit(model_chapter(handbook, "wklad-wlasny"))
    assert (
        client.get("/podrecznik-dla-mieszkanca/wklad-wlasny/", HTTP_HOST=HOST_A).status_code == 404
    )
    assert "wklad-wlasny" in page_text(client, "/podrecznik-dla-mieszkanca/", host="localhost")

    sync.set_hidden(page, False)
    assert "wklad-wlasny" in page_text(client, "/podrecznik-dla-mieszkanca/")


def test_adding_a_local_chapter(client, variant):
    state = sync.add_local_chapter(
        variant,
        "Nasz punkt konsultacyjny",
        "punkt-konsultacyjny",
        summary="Dyżury koordynatora w dzielnicach.",
    )

    assert state.status == ChapterStatus.LOCAL
    html = page_text(client, "/podrecznik-dla-mieszkanca/")
    assert "Nasz punkt konsultacyjny" in html
    assert "Dyżury koordynatora" in page_text(
        client, "/podrecznik-dla-mieszkanca/punkt-konsultacyjny/"
    )
    assert "Nasz punkt konsultacyjny" in page_text(client, "/podrecznik-dla-mieszkanca/druk/")


def test_a_chapter_added_in_the_page_editor_counts_as_local(variant):
    page = HandbookChapterPageFactory(parent=variant, title="Dodany w edytorze", slug="dodany")

    states = {state.page_id: state for state in sync.variant_chapters(variant)}

    assert states[page.pk].status == ChapterStatus.LOCAL
    assert states[page.pk].municipality == variant.municipality


def test_print_view_shows_the_whole_handbook(client, handbook):
    html = page_text(client, "/podrecznik-dla-mieszkanca/druk/", host="localhost")

    for chapter in HandbookChapterPage.objects.child_of(handbook):
        assert chapter.title in html
    assert "Praca liczy się najbardziej" in html
    assert (
        "@media print"
        in open(  # noqa: SIM115 (read the stylesheet the page links)
            settings.BASE_DIR / "handbooks" / "static" / "handbooks" / "handbooks.css"
        ).read()
    )


# The network at a glance --------------------------------------------------------------------


def test_network_overview_counts_variants_customised_and_behind(
    network, handbook, variant, django_assert_max_num_queries
):
    behind_chapter(handbook, variant)
    sync.customise_chapter(variant_chapter(variant, "realizacja"))
    officials = sync.create_variant(model_handbook("podrecznik-dla-urzednika"), network.a)

    with django_assert_max_num_queries(4):
        rows = {row.municipality.pk: row for row in sync.network_overview([network.a, network.b])}

    a, b = rows[network.a.pk], rows[network.b.pk]
    assert {page.pk for page in a.variants} == {variant.pk, officials.pk}
    assert (a.customised, a.behind) == (2, 1)
    assert (b.variants, b.customised, b.behind) == ([], 0, 0)
