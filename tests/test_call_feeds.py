"""Feeds of calls: the iCalendar file of dates and the Atom feed of new calls.

Both are read back with real parsers (``icalendar`` and ``feedparser``), per municipality and
for the whole network, from the addresses a resident's calendar or feed reader would use.
"""

import html
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

import feedparser
import icalendar
import pytest
import time_machine

from municipalities.calls import feeds
from municipalities.models import (
    CallCriterion,
    CallIndexPage,
    CallMode,
    CallNetworkIndexPage,
    CallPage,
)

pytestmark = pytest.mark.django_db
# The example calls below are of the 2026 spring round; the feeds are read in that year.
SPRING_2026 = datetime(2026, 5, 20, 10, tzinfo=UTC)

NETWORK_HOST = "localhost"
HOST_A = "ruda-slaska.localhost"
HOST_B = "czeladz.localhost"
CALENDAR_TYPE = "text/calendar; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


@pytest.fixture(autouse=True)
def in_spring_2026():
    with time_machine.travel(SPRING_2026, tick=True):
        yield


def call_index(municipality):
    return CallIndexPage.objects.child_of(municipality.root_page).get()


def network_index():
    return CallNetworkIndexPage.objects.get(locale__language_code="pl")


def add_call(municipality, slug, *, publish=True, **fields):
    values = {
        "title": f"Nabór {slug}",
        "slug": slug,
        "summary": "Zgłoś pomysł na zadanie dla swojej dzielnicy.",
        "mode": CallMode.ROUND,
        "year": 2026,
        "opens_on": date(2026, 3, 1),
        "closes_on": date(2026, 4, 30),
        "pool_total": Decimal("100000"),
        "live": publish,
    }
    values.update(fields)
    call = CallPage(**values)
    call.criteria.add(
        CallCriterion(name="Wkład pracy społecznej", max_points=20, statutory="social_work")
    )
    call_index(municipality).add_child(instance=call)
    revision = call.save_revision()
    if publish:
        revision.publish()
    return CallPage.objects.get(pk=call.pk)


def get(client, path, host=NETWORK_HOST):
    return client.get(path, HTTP_HOST=host)


def calendar_at(client, path, host=NETWORK_HOST):
    response = get(client, path, host)
    assert response.status_code == 200
    assert response["Content-Type"] == CALENDAR_TYPE
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def link(event):
    """The call's address: the last line of the event's description, as calendars show it."""
    return str(event["description"]).splitlines()[-1]


def atom_at(client, path, host=NETWORK_HOST):
    response = get(client, path, host)
    assert response.status_code == 200
    assert response["Content-Type"] == ATOM_TYPE
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def uid(call, kind):
    return f"nabor-{call.translation_key}-{kind}@localhost"


# iCalendar --------------------------------------------------------------------------------


def test_municipality_calendar_has_an_event_for_each_date_of_its_live_calls(client, network):
    round_ = add_call(network.a, "nabor-2026", title="Nabór wniosków 2026")
    continuous = add_call(
        network.a,
        "nabor-ciagly",
        title="Nabór ciągły",
        mode=CallMode.CONTINUOUS,
        opens_on=date(2026, 1, 2),
        closes_on=None,
    )

    events = events_by_uid(calendar_at(client, "/nabory/kalendarz/", HOST_A))

    assert set(events) == {
        uid(round_, "opens"),
        uid(round_, "closes"),
        uid(continuous, "opens"),
    }
    closing = events[uid(round_, "closes")]
    assert closing.decoded("dtstart") == date(2026, 4, 30)
    assert closing.decoded("dtend") == date(2026, 5, 1)
    assert closing["dtstart"].params["VALUE"] == "DATE"
    assert str(closing["summary"]) == "Koniec naboru: Nabór wniosków 2026 (Ruda Śląska)"
    assert link(closing) == "http://ruda-slaska.localhost:8000/nabory/nabor-2026/"
    assert "http://ruda-slaska.localhost:8000/nabory/nabor-2026/" in str(closing["description"])
    assert "Zgłoś pomysł" in str(closing["description"])
    assert closing.decoded("dtstamp") == round_.last_published_at.replace(microsecond=0)
    opening = events[uid(round_, "opens")]
    assert opening.decoded("dtstart") == date(2026, 3, 1)
    assert opening.decoded("dtend") == date(2026, 3, 2)
    assert str(opening["summary"]) == "Początek naboru: Nabór wniosków 2026 (Ruda Śląska)"
    assert events[uid(continuous, "opens")].decoded("dtstart") == date(2026, 1, 2)


def test_calendar_is_well_formed_rfc_5545(client, network):
    title = "Zieleń, place; boiska — nabór na zadania z długą nazwą, która nie mieści się w linii"
    add_call(network.a, "dluga-nazwa", title=title, summary="Pierwsza linia\nDruga; linia, z \\")

    response = get(client, "/nabory/kalendarz/", HOST_A)
    body = response.content
    calendar = icalendar.Calendar.from_ical(body)

    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert body.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # long lines are folded
    assert b"\r\n " in body
    assert b"SUMMARY:Koniec naboru: Ziele\xc5\x84\\, place\\; boiska" in body.replace(b"\r\n ", b"")
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == feeds.CALENDAR_PRODID
    assert str(calendar["x-wr-calname"]) == "Nabory wniosków: Ruda Śląska"
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == f"Początek naboru: {title} (Ruda Śląska)"
    assert str(event["description"]).startswith("Pierwsza linia\nDruga; linia, z \\\n\n")
    assert 'filename="nabory-ruda-slaska.ics"' in response["Content-Disposition"]


def test_municipality_calendar_keeps_to_its_own_calls(client, network):
    own = add_call(network.a, "nabor-a")
    other = add_call(network.b, "nabor-b")

    calendar_a = events_by_uid(calendar_at(client, "/nabory/kalendarz/", HOST_A))
    calendar_b = events_by_uid(calendar_at(client, "/nabory/kalendarz/", HOST_B))

    assert set(calendar_a) == {uid(own, "opens"), uid(own, "closes")}
    assert set(calendar_b) == {uid(other, "opens"), uid(other, "closes")}


@pytest.mark.parametrize(
    ("host", "path"),
    [(HOST_A, "/nabory/kalendarz/"), (NETWORK_HOST, "/ruda-slaska/nabory/kalendarz/")],
    ids=["own-host", "under-network-host"],
)
def test_calendar_answers_at_both_addresses_of_the_municipality(client, network, host, path):
    call = add_call(network.a, "nabor-a")

    events = events_by_uid(calendar_at(client, path, host))

    url = link(events[uid(call, "closes")])
    assert url == "http://ruda-slaska.localhost:8000/nabory/nabor-a/"


def test_drafts_unpublished_and_restricted_calls_stay_out_of_the_feeds(client, network):
    from wagtail.models import PageViewRestriction

    live = add_call(network.a, "opublikowany", title="Opublikowany")
    add_call(network.a, "szkic", title="Szkic", publish=False)
    withdrawn = add_call(network.a, "wycofany", title="Wycofany")
    withdrawn.unpublish()
    private = add_call(network.a, "prywatny", title="Prywatny")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    live.title = "Opublikowany — zmiana w szkicu"
    live.save_revision()  # a draft on top of the live version

    for host, path in [(HOST_A, "/nabory/"), (NETWORK_HOST, "/nabory/")]:
        calendar = calendar_at(client, path + "kalendarz/", host)
        atom = atom_at(client, path + "kanal-atom/", host)

        summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
        assert summaries == [
            "Początek naboru: Opublikowany (Ruda Śląska)",
            "Koniec naboru: Opublikowany (Ruda Śląska)",
        ]
        assert [entry.link for entry in atom.entries] == [
            "http://ruda-slaska.localhost:8000/nabory/opublikowany/"
        ]


def test_network_calendar_has_every_municipalitys_calls(client, network):
    call_a = add_call(network.a, "nabor-a", closes_on=date(2026, 4, 30))
    call_b = add_call(network.b, "nabor-b", closes_on=date(2026, 5, 15))
    add_call(network.b, "szkic-b", publish=False)

    calendar = calendar_at(client, "/nabory/kalendarz/")
    events = events_by_uid(calendar)

    assert set(events) == {
        uid(call_a, "opens"),
        uid(call_a, "closes"),
        uid(call_b, "opens"),
        uid(call_b, "closes"),
    }
    assert str(events[uid(call_b, "closes")]["summary"]) == "Koniec naboru: Nabór nabor-b (Czeladź)"
    assert link(events[uid(call_b, "closes")]) == ("http://czeladz.localhost:8000/nabory/nabor-b/")
    starts = [event.decoded("dtstart") for event in calendar.walk("VEVENT")]
    assert starts == sorted(starts)
    assert str(calendar["x-wr-calname"]) == "Nabory wniosków: GZM"


def test_event_uids_survive_renaming_and_republishing(client, network):
    call = add_call(network.a, "nabor-a")
    before = set(events_by_uid(calendar_at(client, "/nabory/kalendarz/", HOST_A)))

    call.title = "Nowa nazwa naboru"
    call.slug = "nowa-nazwa"
    call.save_revision().publish()
    after = set(events_by_uid(calendar_at(client, "/nabory/kalendarz/", HOST_A)))

    assert before == after == {uid(call, "opens"), uid(call, "closes")}


# Atom -------------------------------------------------------------------------------------


def add_calls_published_on(municipality, days):
    """One call published at noon on each day, in that order."""
    calls = []
    for index, day in enumerate(days):
        with time_machine.travel(datetime(2026, 1, day, 12, tzinfo=UTC), tick=False):
            calls.append(add_call(municipality, f"nabor-{index}", title=f"Nabór {index}"))
    return calls


def test_municipality_atom_feed_lists_new_calls_newest_first(client, network):
    first, second, third = add_calls_published_on(network.a, [5, 10, 15])
    add_call(network.b, "nabor-b")
    with time_machine.travel(datetime(2026, 1, 20, 12, tzinfo=UTC), tick=False):
        first.summary = "Przedłużony termin <do końca maja> & więcej."
        first.save_revision().publish()

    feed = atom_at(client, "/nabory/kanal-atom/", HOST_A)

    assert feed.feed.title == "Nowe nabory wniosków: Ruda Śląska"
    assert feed.feed.link == "http://ruda-slaska.localhost:8000/nabory/"
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == ["http://ruda-slaska.localhost:8000/nabory/kanal-atom/"]
    assert [entry.title for entry in feed.entries] == ["Nabór 2", "Nabór 1", "Nabór 0"]
    assert [entry.link for entry in feed.entries] == [
        f"http://ruda-slaska.localhost:8000/nabory/{call.slug}/" for call in (third, second, first)
    ]
    newest, _, oldest = feed.entries
    assert newest.summary == "Zgłoś pomysł na zadanie dla swojej dzielnicy."
    assert newest.published_parsed[:3] == (2026, 1, 15)
    assert newest.author == "Ruda Śląska"
    # Re-publishing updates the entry without moving it up the list of new calls.
    assert oldest.published_parsed[:3] == (2026, 1, 5)
    assert oldest.updated_parsed[:3] == (2026, 1, 20)
    # The plain-text summary reaches the reader as text, not as markup to interpret.
    assert oldest.summary_detail.type == "text/html"
    assert html.unescape(oldest.summary) == "Przedłużony termin <do końca maja> & więcej."
    assert feed.feed.updated_parsed[:3] == (2026, 1, 20)
    assert len({entry.id for entry in feed.entries}) == 3
    assert all(entry.id.startswith("tag:localhost,2026-01-") for entry in feed.entries)


def test_network_atom_feed_has_every_municipalitys_calls_up_to_the_limit(
    client, network, monkeypatch
):
    monkeypatch.setattr(feeds, "ATOM_ITEMS", 3)
    add_calls_published_on(network.a, [1, 3])
    with time_machine.travel(datetime(2026, 1, 2, 12, tzinfo=UTC), tick=False):
        add_call(network.b, "nabor-b", title="Nabór w Czeladzi")
    with time_machine.travel(datetime(2025, 12, 1, 12, tzinfo=UTC), tick=False):
        add_call(network.b, "stary", title="Stary nabór")

    feed = atom_at(client, "/nabory/kanal-atom/")

    assert feed.feed.title == "Nowe nabory wniosków: GZM"
    assert feed.feed.link == "http://localhost:8000/nabory/"
    assert [(entry.title, entry.link) for entry in feed.entries] == [
        ("Nabór 1 (Ruda Śląska)", "http://ruda-slaska.localhost:8000/nabory/nabor-1/"),
        ("Nabór w Czeladzi (Czeladź)", "http://czeladz.localhost:8000/nabory/nabor-b/"),
        ("Nabór 0 (Ruda Śląska)", "http://ruda-slaska.localhost:8000/nabory/nabor-0/"),
    ]


def test_atom_feed_keeps_to_the_municipalitys_own_calls(client, network):
    add_call(network.a, "nabor-a", title="Nabór w Rudzie")
    add_call(network.b, "nabor-b", title="Nabór w Czeladzi")

    feed_a = atom_at(client, "/ruda-slaska/nabory/kanal-atom/")
    feed_b = atom_at(client, "/nabory/kanal-atom/", HOST_B)

    assert [entry.title for entry in feed_a.entries] == ["Nabór w Rudzie"]
    assert [entry.title for entry in feed_b.entries] == ["Nabór w Czeladzi"]


# Empty, languages, links on the pages -----------------------------------------------------


def test_feeds_of_a_municipality_without_calls_are_empty_but_valid(client, network):
    calendar = calendar_at(client, "/nabory/kalendarz/", HOST_B)
    feed = atom_at(client, "/nabory/kanal-atom/", HOST_B)

    assert calendar.walk("VEVENT") == []
    assert str(calendar["x-wr-calname"]) == "Nabory wniosków: Czeladź"
    assert feed.entries == []
    assert feed.feed.title == "Nowe nabory wniosków: Czeladź"


def test_feeds_keep_to_the_language_of_the_page(client, network):
    from portal.translation import ensure_translations

    call = add_call(network.a, "nabor-a")
    english, _ukrainian = ensure_translations(call)
    english = english.specific
    english.title = "Call for applications"
    english.save_revision().publish()

    polish_events = calendar_at(client, "/nabory/kalendarz/", HOST_A).walk("VEVENT")
    english_events = calendar_at(client, "/en/nabory/kalendarz/", HOST_A).walk("VEVENT")
    english_feed = atom_at(client, "/en/nabory/kanal-atom/")

    assert {link(event) for event in polish_events} == {
        "http://ruda-slaska.localhost:8000/nabory/nabor-a/"
    }
    assert {link(event) for event in english_events} == {
        "http://ruda-slaska.localhost:8000/en/nabory/nabor-a/"
    }
    assert all("Call for applications" in str(event["summary"]) for event in english_events)
    assert [entry.title for entry in english_feed.entries] == [
        "Call for applications (Ruda Śląska)"
    ]
    assert [entry.link for entry in english_feed.entries] == [
        "http://ruda-slaska.localhost:8000/en/nabory/nabor-a/"
    ]


@pytest.mark.parametrize(
    ("host", "page"),
    [(HOST_A, "municipality"), (NETWORK_HOST, "network")],
)
def test_feed_links_for_the_page_templates_lead_to_the_feeds(client, network, host, page):
    index = call_index(network.a) if page == "municipality" else network_index()
    request = RequestFactory().get("/", HTTP_HOST=host)
    context = {"page": index, "request": request}

    head = render_to_string("municipalities/includes/call_feeds_head.html", context)
    body = render_to_string("municipalities/includes/call_feeds.html", context)

    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert 'href="/nabory/kanal-atom/"' in head
    assert 'href="/nabory/kalendarz/"' in head
    assert '<a href="/nabory/kalendarz/" type="text/calendar">' in body
    assert '<a href="/nabory/kanal-atom/" type="application/atom+xml">' in body
    assert get(client, "/nabory/kalendarz/", host)["Content-Type"] == CALENDAR_TYPE
    assert get(client, "/nabory/kanal-atom/", host)["Content-Type"] == ATOM_TYPE


def test_call_list_page_still_answers_beside_its_feeds(client, network):
    add_call(network.a, "nabor-a")

    assert get(client, "/nabory/", HOST_A).status_code == 200
    assert get(client, "/nabory/").status_code == 200
    assert get(client, "/nabory/nabor-a/", HOST_A).status_code == 200


def test_feeds_cost_the_same_number_of_queries_for_few_calls_or_many(
    client, network, django_assert_max_num_queries
):
    get(client, "/nabory/kalendarz/")  # warm the site-root-paths cache
    for count in (1, 8):
        for index in range(count):
            add_call(network.a if index % 2 else network.b, f"nabor-{count}-{index}")
        # Publishing makes what the portal keeps stale: the first request builds it again.
        calendar_at(client, "/nabory/kalendarz/")
        atom_at(client, "/nabory/kanal-atom/")

        with django_assert_max_num_queries(11):
            calendar_at(client, "/nabory/kalendarz/")
        with django_assert_max_num_queries(11):
            atom_at(client, "/nabory/kanal-atom/")


def test_closing_day_event_ends_the_next_day(network):
    call = add_call(network.a, "nabor-a", closes_on=date(2026, 12, 31))

    index = call_index(network.a)
    calendar = icalendar.Calendar.from_ical(feeds.build_calendar(index, index.feed_calls()))
    closing = events_by_uid(calendar)[uid(call, "closes")]

    assert closing.decoded("dtend") - closing.decoded("dtstart") == timedelta(days=1)
    assert closing.decoded("dtend") == date(2027, 1, 1)


def test_the_calendar_leaves_out_calls_closed_more_than_half_a_year_ago(client, network):
    today = timezone.localdate()
    old = add_call(
        network.a,
        "nabor-dawny",
        opens_on=today - timedelta(days=260),
        closes_on=today - timedelta(days=200),
        year=(today - timedelta(days=200)).year,
    )
    recent = add_call(
        network.a,
        "nabor-niedawny",
        opens_on=today - timedelta(days=150),
        closes_on=today - timedelta(days=100),
    )

    events = events_by_uid(calendar_at(client, "/nabory/kalendarz/"))

    assert uid(recent, "closes") in events
    assert uid(old, "closes") not in events
    assert uid(old, "opens") not in events
