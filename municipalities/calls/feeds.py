"""Feeds of calls for applications: an iCalendar file of dates and an Atom feed of new calls.

A municipality's call list serves its own calls; the network's call list serves every
municipality's. Both feeds show live, public calls in the language of the page that serves
them, never drafts, scheduled or expired ones, and link each call to its address on its
municipality's own host. The pages route to the functions here and hand them their calls
(``CallFeedRoutes.feed_calls`` in calls/models.py). A call page serves its own calendar file
too, of its closing day with a reminder (``build_call_calendar``), made of the same events.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

import icalendar

from portal.canonical import canonical_url

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
CALENDAR_PRODID = "-//GZM//Inicjatywa lokalna: nabory wnioskow//PL"
ATOM_ITEMS = 20
# A call's own calendar file reminds of its closing day this many days before.
REMINDER_DAYS = 3


def feed_name(index_page):
    """Who the feed speaks for: the municipality, or GZM for the network."""
    municipality = index_page.municipality
    return municipality.name if municipality else "GZM"


def feed_slug(index_page):
    municipality = index_page.municipality
    return municipality.slug if municipality else "gzm"


# iCalendar --------------------------------------------------------------------------------


def event_uid(call, kind):
    """The same for a call's event in every version of the feed, whatever its title or address.

    Built on the translation key, so a re-published, renamed or moved call keeps its events.
    """
    return f"nabor-{call.translation_key}-{kind}@{settings.PORTAL_DOMAIN}"


def _utc(moment):
    return (moment or timezone.now()).astimezone(UTC).replace(microsecond=0)


def _event(call, kind, day, summary, url):
    event = icalendar.Event()
    event.add("uid", event_uid(call, kind))
    # No METHOD on the calendar, so DTSTAMP is when the call was last revised (RFC 5545);
    # a LAST-MODIFIED would only repeat it.
    event.add("dtstamp", _utc(call.last_published_at))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    # The call's address goes at the end of the description, where Google Calendar, Outlook
    # and Apple's all show it as a link; the URL property, which only Apple's shows, would
    # repeat it in every event of the file.
    event.add("description", f"{call.summary}\n\n{url}")
    event.add("transp", "TRANSPARENT")
    return event


def _calendar(name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", CALENDAR_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    return calendar


def call_events(call, kinds=("opens", "closes")):
    """The all-day events of ``call``'s dates (of ``kinds``: its opening and closing day,
    where known), in the active language: what every calendar of calls is made of."""
    url = canonical_url(call)
    names = {"title": titled(call), "municipality": call.municipality.name}
    events = []
    if "opens" in kinds and call.opens_on:
        summary = _("Początek naboru: %(title)s (%(municipality)s)") % names
        events.append(_event(call, "opens", call.opens_on, summary, url))
    if "closes" in kinds and call.closes_on:
        summary = _("Koniec naboru: %(title)s (%(municipality)s)") % names
        events.append(_event(call, "closes", call.closes_on, summary, url))
    return events


def build_calendar(index_page, calls):
    """An iCalendar (RFC 5545) of the calls' dates: an all-day event on the closing day of
    every call that has one, and another on the opening day where it is known."""
    language = index_page.locale.language_code
    with translation.override(language):
        calendar = _calendar(_("Nabory wniosków: %(name)s") % {"name": feed_name(index_page)})
        events = [event for call in calls for event in call_events(call)]
        events.sort(key=lambda event: (event.decoded("dtstart"), str(event["uid"])))
        for event in events:
            calendar.add_component(event)
    return calendar.to_ical()


def build_call_calendar(call):
    """An iCalendar file of one call: its closing day, as in the call list's calendar (the
    same UID, so a calendar holding both keeps one event), with the call's address, how to
    apply, and a reminder ``REMINDER_DAYS`` days before. None for a call with no closing day.
    """
    with translation.override(call.locale.language_code):
        events = call_events(call, kinds=("closes",))
        if not events:
            return None
        event = events[0]
        url = canonical_url(call)
        event["description"] = icalendar.vText(
            "\n\n".join(part for part in (call.summary, how_to_apply_text(call), url) if part)
        )
        event.add("url", url)
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
        alarm.add(
            "description",
            _("Zbliża się koniec naboru: %(title)s. Ostatni dzień składania wniosków: %(day)s.")
            % {"title": call.title, "day": call.closes_on.strftime("%d.%m.%Y")},
        )
        event.add_component(alarm)
        calendar = _calendar(str(event["summary"]))
        calendar.add_component(event)
    return calendar.to_ical()


def how_to_apply_text(call):
    """The ways to apply the call names, one short line each, as plain text."""
    ways = []
    if call.online_url:
        ways.append(_("Formularz internetowy: %(value)s") % {"value": call.online_url})
    if call.epuap_address:
        ways.append(_("ePUAP: %(value)s") % {"value": call.epuap_address})
    if call.in_person:
        ways.append(_("Osobiście: %(value)s") % {"value": " ".join(call.in_person.split())})
    if call.by_post:
        ways.append(_("Pocztą: %(value)s") % {"value": " ".join(call.by_post.split())})
    if not ways:
        return ""
    return "\n".join([_("Jak złożyć wniosek:"), *ways])


def call_calendar_response(call, calendar):
    response = HttpResponse(calendar, content_type=CALENDAR_CONTENT_TYPE)
    # The slug in ASCII: a header's file name with Polish letters needs RFC 6266 encoding.
    name = slugify(call.slug) or str(call.pk)
    response["Content-Disposition"] = f'attachment; filename="nabor-{name}.ics"'
    return response


def titled(call):
    """The call's title; a Polish call in a feed of another language says so."""
    if call.is_fallback:
        return _("%(title)s [po polsku]") % {"title": call.title}
    return call.title


def calendar_response(index_page, calendar):
    """The iCalendar file ``calendar`` (``build_calendar``'s bytes) as a download."""
    response = HttpResponse(calendar, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="nabory-{feed_slug(index_page)}.ics"'
    return response


# Atom -------------------------------------------------------------------------------------


class NewCallsFeed(Feed):
    """The most recently published calls of one call list, newest first."""

    feed_type = Atom1Feed

    def __init__(self, index_page, calls):
        self.index_page = index_page
        self.calls = calls
        self.is_network = index_page.municipality is None

    def get_object(self, request, *args, **kwargs):
        return self.index_page

    def title(self, page):
        return _("Nowe nabory wniosków: %(name)s") % {"name": feed_name(page)}

    def subtitle(self, page):
        return _("Nabory wniosków w ramach inicjatywy lokalnej: %(name)s") % {
            "name": feed_name(page)
        }

    def link(self, page):
        return canonical_url(page)

    def feed_url(self, page):
        return canonical_url(page) + page.reverse_subpage("atom_feed")

    def author_name(self, page):
        return (
            page.municipality.name
            if page.municipality
            else _("Górnośląsko-Zagłębiowska Metropolia")
        )

    def items(self, page):
        return self.calls.order_by("-first_published_at", "-pk")[:ATOM_ITEMS]

    def item_title(self, call):
        if self.is_network:
            return f"{titled(call)} ({call.municipality.name})"
        return titled(call)

    def item_link(self, call):
        return canonical_url(call)

    def item_guid(self, call):
        # A tag URI (RFC 4151): stable while the call's address or title changes.
        return (
            f"tag:{settings.PORTAL_DOMAIN},{call.first_published_at:%Y-%m-%d}:"
            f"nabory/{call.translation_key}/{call.locale.language_code}"
        )

    def item_description(self, call):
        # Atom's summary is sent as HTML; the call's summary is plain text.
        return escape(call.summary)

    def item_author_name(self, call):
        return call.municipality.name

    def item_pubdate(self, call):
        return call.first_published_at

    def item_updateddate(self, call):
        return call.last_published_at or call.first_published_at


def atom_response(index_page, calls, request):
    with translation.override(index_page.locale.language_code):
        return NewCallsFeed(index_page, calls)(request)
