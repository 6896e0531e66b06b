"""English and Ukrainian that serve residents: a call or initiative with no live translation
is listed in its Polish original, labelled "in Polish" in the interface's language, marked
lang="pl" and linked to the Polish page; one with a live translation is listed translated.

Each translation key appears once in every listing, and counts, filters and feeds are the
same in the three languages.
"""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from municipalities.factories import CallPageFactory, InitiativePageFactory
from municipalities.models import CallIndexPage, GalleryPage
from portal.models import TaskArea
from portal.translation import ensure_translations

pytestmark = pytest.mark.django_db

SUBSITE_HOST = "ruda-slaska.localhost"
LABELS = {"en": "in Polish", "uk": "польською"}
# A card's title: its link (with its attributes) and the label that may follow it.
CARD = re.compile(
    r'<h[23] class="card__title"><a href="(?P<url>[^"]*)"(?P<attrs>[^>]*)>(?P<title>[^<]+)</a>'
    r'(?: <span class="tag tag--in-polish">(?P<label>[^<]+)</span>)?'
)


def days(offset):
    return timezone.localdate() + timedelta(days=offset)


def cards(response):
    assert response.status_code == 200
    return [match.groupdict() for match in CARD.finditer(response.content.decode())]


def get(client, path, host="localhost", **params):
    return client.get(path, params, HTTP_HOST=host)


def make_call(municipality, title, slug, *, closes=30, areas=("education",)):
    return CallPageFactory(
        parent=CallIndexPage.objects.child_of(municipality.root_page).get(),
        municipality=municipality,
        title=title,
        slug=slug,
        summary=f"Opis: {title}",
        opens_on=days(-10),
        closes_on=days(closes),
        task_areas=[TaskArea.objects.get(key=key) for key in areas],
        first_published_at=timezone.now(),
    )


@pytest.fixture
def calls(network):
    """Municipality A: a Polish-only call and one translated into English only (its
    Ukrainian translation is not live); municipality B: a Polish-only call, closed."""
    polish = make_call(network.a, "Nabór tylko po polsku", "tylko-po-polsku")
    translated = make_call(network.a, "Nabór przetłumaczony", "przetlumaczony", closes=60)
    english, ukrainian = ensure_translations(translated)
    english.title = "Translated call"
    english.save_revision().publish()
    ukrainian.unpublish()
    closed = make_call(network.b, "Nabór zamknięty", "zamkniety", closes=-5, areas=("nature",))
    return {"polish": polish, "translated": translated, "english": english, "closed": closed}


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_polish_only_call_is_listed_labelled_and_linked_to_polish(client, calls, language):
    for path, host in [
        (f"/{language}/nabory/", "localhost"),
        (f"/{language}/nabory/", SUBSITE_HOST),
    ]:
        listed = {card["title"]: card for card in cards(get(client, path, host, status="all"))}

        card = listed["Nabór tylko po polsku"]
        assert card["label"] == LABELS[language]
        assert 'lang="pl"' in card["attrs"]
        assert card["url"].endswith("/nabory/tylko-po-polsku/")
        assert f"/{language}/" not in card["url"]


def test_a_translated_call_is_listed_translated_in_english_and_in_polish_in_ukrainian(
    client, calls
):
    english = [card["title"] for card in cards(get(client, "/en/nabory/", status="all"))]
    ukrainian = cards(get(client, "/uk/nabory/", status="all"))

    assert "Translated call" in english
    assert "Nabór przetłumaczony" not in english  # never twice
    translated = [card for card in ukrainian if card["title"] == "Nabór przetłumaczony"]
    assert len(translated) == 1
    assert translated[0]["label"] == LABELS["uk"]
    english_card = next(
        card for card in cards(get(client, "/en/nabory/")) if card["title"] == "Translated call"
    )
    assert english_card["label"] is None
    assert 'lang="pl"' not in english_card["attrs"]


def test_the_summary_of_a_polish_call_is_marked_polish(client, calls):
    html = get(client, "/uk/nabory/", SUBSITE_HOST).content.decode()

    assert '<p lang="pl">Opis: Nabór tylko po polsku</p>' in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "all"},
        {"status": "closed"},
        {"area": "nature"},
        {"municipality": "ruda-slaska"},
    ],
)
def test_counts_and_filters_are_the_same_in_every_language(client, calls, network, params):
    if "municipality" in params:
        params = {"municipality": network.a.slug}
    found = {
        language: len(cards(get(client, f"{prefix}/nabory/", **params)))
        for language, prefix in [("pl", ""), ("en", "/en"), ("uk", "/uk")]
    }

    assert found["pl"] == found["en"] == found["uk"]


def test_the_municipality_home_offers_the_open_polish_calls_on_english_and_ukrainian(client, calls):
    for language in ("en", "uk"):
        html = get(client, f"/{language}/", SUBSITE_HOST).content.decode()

        assert 'lang="pl" hreflang="pl">Nabór tylko po polsku</a>' in html
        assert LABELS[language] in html
    english = get(client, "/en/", SUBSITE_HOST).content.decode()
    assert ">Translated call</a>" in english


def test_the_home_card_counts_fallback_entries(network, calls):
    from municipalities.models import MunicipalityHomePage

    polish_home = network.a.root_page.specific
    english_home = MunicipalityHomePage.objects.get(
        translation_key=polish_home.translation_key, locale__language_code="en"
    )
    counts = {type(s).__name__: s.entry_count for s in polish_home.sections()}
    english_counts = {type(s).__name__: s.entry_count for s in english_home.sections()}

    assert counts["CallIndexPage"] == 2
    assert english_counts == counts


@pytest.mark.parametrize("language", ["en", "uk"])
def test_calendar_feeds_hold_the_polish_calls(client, calls, language):
    network_feed = get(client, f"/{language}/nabory/kalendarz/").content.decode()
    city_feed = get(client, f"/{language}/nabory/kalendarz/", SUBSITE_HOST).content.decode()
    unfolded = network_feed.replace("\r\n ", "")

    assert f"Nabór tylko po polsku [{LABELS[language]}]" in unfolded
    assert "Nabór zamknięty" in unfolded
    assert "Nabór tylko po polsku" in city_feed.replace("\r\n ", "")
    assert "Nabór zamknięty" not in city_feed.replace("\r\n ", "")
    # One event per call and date, whichever language it is read in.
    assert network_feed.count("BEGIN:VEVENT") == get(
        client, "/nabory/kalendarz/"
    ).content.decode().count("BEGIN:VEVENT")


def test_the_atom_feed_holds_the_polish_calls(client, calls):
    feed = get(client, "/uk/nabory/kanal-atom/").content.decode()

    assert "Nabór tylko po polsku [польською]" in feed
    assert feed.count("<entry>") == 3


def test_galleries_list_polish_initiatives_in_other_languages(client, network):
    InitiativePageFactory(
        parent=GalleryPage.objects.child_of(network.a.root_page).get(),
        title="Ławki na skwerze",
    )

    for language in ("en", "uk"):
        for host in ("localhost", SUBSITE_HOST):
            path = f"/{language}/inicjatywy/" if host == "localhost" else None
            if path is None:
                gallery = GalleryPage.objects.child_of(network.a.root_page).get()
                path = f"/{language}/{gallery.slug}/"
            listed = cards(get(client, path, host))
            assert [(c["title"], c["label"]) for c in listed] == [
                ("Ławki na skwerze", LABELS[language])
            ]


def test_a_polish_publish_reaches_the_english_listing(client, network):
    assert cards(get(client, "/en/nabory/")) == []

    make_call(network.a, "Nowy nabór", "nowy")

    assert [card["title"] for card in cards(get(client, "/en/nabory/"))] == ["Nowy nabór"]


def test_search_in_ukrainian_finds_a_polish_only_call_marked(client, calls):

    html = get(client, "/uk/szukaj/", SUBSITE_HOST, q="tylko").content.decode()

    assert 'lang="pl" hreflang="pl">Nabór <mark>tylko</mark> po polsku</a>' in html or (
        'lang="pl" hreflang="pl">' in html and "польською" in html
    )
    assert html.count("/nabory/tylko-po-polsku/") == 1


def test_search_shows_a_translated_call_once(client, calls):

    html = get(client, "/en/szukaj/", SUBSITE_HOST, q="przetłumaczony").content.decode()

    # The Polish original gives way to the live English translation.
    assert "/nabory/przetlumaczony/" not in html.replace("/en/nabory/przetlumaczony/", "")


def test_suggestions_label_a_polish_page(client, calls):

    data = get(client, "/uk/szukaj/podpowiedzi/", SUBSITE_HOST, q="nabór tyl").json()

    polish = [item for item in data["results"] if "tylko" in item["title"]]
    assert polish
    assert polish[0]["lang"] == "pl"
    assert polish[0]["label"] == "польською"
