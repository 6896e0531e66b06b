"""A call's own calendar file ("Dodaj do kalendarza"): one event on its closing day.

Read back with ``icalendar`` from the address the call page links, in Polish, English and
Ukrainian; drafts, restricted calls and calls with no closing day have no such file.
"""

from datetime import UTC, date, datetime, timedelta

from wagtail.models import PageViewRestriction

import icalendar
import pytest
import time_machine

from municipalities.calls import feeds
from municipalities.models import CallIndexPage, CallMode

from .test_call_feeds import add_call as add_feed_call

pytestmark = pytest.mark.django_db

SPRING_2026 = datetime(2026, 4, 10, 10, tzinfo=UTC)
HOST_A = "ruda-slaska.localhost"
CALENDAR_TYPE = "text/calendar; charset=utf-8"
CALL_URL = "http://ruda-slaska.localhost:8000/nabory/nabor-2026/"
LINK_TEXT = "Dodaj do kalendarza"


@pytest.fixture(autouse=True)
def in_spring_2026():
    with time_machine.travel(SPRING_2026, tick=True):
        yield


def add_call(municipality, slug="nabor-2026", *, publish=True, **fields):
    """A call as the feeds' tests make it, with ways to apply for the event's description."""
    defaults = {
        "title": "Nabór wniosków 2026",
        "epuap_address": "/umruda/skrytka",
        "in_person": "Urząd Miasta,\npok. 12",
    }
    return add_feed_call(municipality, slug, publish=publish, **{**defaults, **fields})


def calendar_file(client, path, host=HOST_A):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == CALENDAR_TYPE
    return response, icalendar.Calendar.from_ical(response.content)


def test_the_file_holds_one_event_on_the_closing_day_with_a_reminder(client, network):
    call = add_call(network.a)

    response, calendar = calendar_file(client, "/nabory/nabor-2026/kalendarz/")

    assert response["Content-Disposition"] == 'attachment; filename="nabor-nabor-2026.ics"'
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == date(2026, 4, 30)
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert event.decoded("dtend") == date(2026, 5, 1)
    assert str(event["summary"]) == "Koniec naboru: Nabór wniosków 2026 (Ruda Śląska)"
    assert str(event["url"]) == CALL_URL
    # The same UID as the call list's calendar gives the closing day: importing both keeps one.
    assert str(event["uid"]) == f"nabor-{call.translation_key}-closes@localhost"
    description = str(event["description"])
    assert description.startswith("Zgłoś pomysł")
    assert "ePUAP: /umruda/skrytka" in description
    assert "Osobiście: Urząd Miasta, pok. 12" in description
    assert description.splitlines()[-1] == CALL_URL
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(days=-3)
    assert str(alarm["description"]) == (
        "Zbliża się koniec naboru: Nabór wniosków 2026. "
        "Ostatni dzień składania wniosków: 30.04.2026."
    )
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == feeds.CALENDAR_PRODID


def test_the_file_is_public_for_the_frontend_cache_like_the_feeds(client, network, settings):
    settings.PORTAL_FRONTEND_CACHE_SECONDS = 600
    add_call(network.a)

    response = client.get("/nabory/nabor-2026/kalendarz/", HTTP_HOST=HOST_A)

    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "s-maxage=600"}
    assert not response.cookies


def test_the_call_page_purges_its_calendar_file_too(network):
    call = add_call(network.a)

    assert "kalendarz/" in call.get_cached_paths()


def test_the_file_answers_under_the_network_host_with_the_canonical_address(client, network):
    add_call(network.a)

    _response, calendar = calendar_file(
        client, "/ruda-slaska/nabory/nabor-2026/kalendarz/", "localhost"
    )

    assert str(calendar.walk("VEVENT")[0]["url"]) == CALL_URL


@pytest.mark.parametrize(
    ("language", "summary", "reminder"),
    [
        ("en", "Call closes: ", "The call closes soon"),
        ("uk", "Завершення прийому заявок: ", "Незабаром завершується"),
    ],
)
def test_the_file_speaks_the_language_of_the_call(client, network, language, summary, reminder):
    from portal.translation import ensure_translations

    call = add_call(network.a)
    ensure_translations(call)

    _response, calendar = calendar_file(client, f"/{language}/nabory/nabor-2026/kalendarz/")

    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]).startswith(summary)
    assert str(event["url"]) == f"http://ruda-slaska.localhost:8000/{language}/nabory/nabor-2026/"
    assert reminder in str(event.walk("VALARM")[0]["description"])
    assert event.decoded("dtstart") == date(2026, 4, 30)


def test_a_draft_call_has_no_calendar_file(client, network):
    add_call(network.a, publish=False)

    assert client.get("/nabory/nabor-2026/kalendarz/", HTTP_HOST=HOST_A).status_code == 404


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN], ids=["password", "login"]
)
def test_a_restricted_call_has_no_calendar_file(client, network, kind):
    call = add_call(network.a)
    PageViewRestriction.objects.create(page=call, restriction_type=kind, password="tajne")

    assert client.get("/nabory/nabor-2026/kalendarz/", HTTP_HOST=HOST_A).status_code == 404


def test_a_call_below_a_restricted_page_has_no_calendar_file(client, network):
    add_call(network.a)
    index = CallIndexPage.objects.child_of(network.a.root_page).get()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)

    assert client.get("/nabory/nabor-2026/kalendarz/", HTTP_HOST=HOST_A).status_code == 404


def test_a_continuous_call_without_a_closing_day_has_no_file_and_no_link(client, network):
    add_call(network.a, mode=CallMode.CONTINUOUS, closes_on=None)

    page = client.get("/nabory/nabor-2026/", HTTP_HOST=HOST_A).content.decode()

    assert LINK_TEXT not in page
    assert client.get("/nabory/nabor-2026/kalendarz/", HTTP_HOST=HOST_A).status_code == 404


@pytest.mark.parametrize(
    ("opens_on", "closes_on"),
    [(date(2026, 3, 1), date(2026, 4, 30)), (date(2026, 5, 1), date(2026, 5, 31))],
    ids=["open", "upcoming"],
)
def test_an_open_or_upcoming_call_links_its_file(client, network, opens_on, closes_on):
    add_call(network.a, opens_on=opens_on, closes_on=closes_on)

    page = client.get("/nabory/nabor-2026/", HTTP_HOST=HOST_A).content.decode()

    assert (
        f'<a href="/nabory/nabor-2026/kalendarz/" type="text/calendar" download>{LINK_TEXT}</a>'
        in page
    )


def test_a_closed_call_does_not_link_a_file(client, network):
    add_call(network.a, opens_on=date(2026, 2, 1), closes_on=date(2026, 3, 31))

    page = client.get("/nabory/nabor-2026/", HTTP_HOST=HOST_A).content.decode()

    assert LINK_TEXT not in page
    assert "kalendarz/" not in page.split('class="call-feeds"')[0].split("<main")[-1]


@pytest.mark.parametrize(("language", "text"), [("en", "Add to calendar"), ("uk", "Додати")])
def test_the_link_is_translated(client, network, language, text):
    from portal.translation import ensure_translations

    ensure_translations(add_call(network.a))

    page = client.get(f"/{language}/nabory/nabor-2026/", HTTP_HOST=HOST_A).content.decode()

    assert f'href="/{language}/nabory/nabor-2026/kalendarz/"' in page
    assert text in page


def test_the_file_costs_a_few_queries_and_none_once_kept(
    client, network, django_assert_max_num_queries
):
    add_call(network.a)
    client.get("/nabory/", HTTP_HOST=HOST_A)  # the site and routing kept for the generation

    with django_assert_max_num_queries(10):  # as the call page itself
        calendar_file(client, "/nabory/nabor-2026/kalendarz/")
    with django_assert_max_num_queries(1):
        calendar_file(client, "/nabory/nabor-2026/kalendarz/")
