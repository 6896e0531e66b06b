"""Publishing purges the page cache: a new title shows through nginx at once, everywhere.

A call of Ruda Śląska is changed in all three languages; its page (on both hosts), its
municipality's list of calls (both hosts) and the network's list of calls must show the new
title through the cache within a second of publishing. Needs the app's Cache-Control
(s-maxage) and its purges on publish (FRONTEND_CACHE_URL, portal/frontend_cache.py).
"""

import html
import json
import time
import uuid

import pytest

LANGUAGES = ("pl", "en", "uk")
VISIBLE_WITHIN = 1.0

# The addresses of a page on every site that holds it, in its own language.
ADDRESSES = """
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

def addresses(page):
    language = page.locale.language_code
    found = []
    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path) and root.language_code == language:
            with translation.override(language):
                path = reverse("wagtail_serve", args=(page.url_path[len(root.root_path):],))
            found.append(root.root_url + path)
    return found
"""

# The first call of Ruda Śląska, open from now on (the network's list shows open calls only),
# in all three languages, and where each version is listed.
OPEN_CALL = """
import datetime
import json
from municipalities.calls.models import CallNetworkIndexPage, CallPage
from portal.translation import ensure_translations
call = (
    CallPage.objects.live()
    .filter(locale__language_code="pl", municipality__slug="ruda-slaska")
    .order_by("pk")
    .first()
    .get_latest_revision_as_object()
)
today = datetime.date.today()
call.mode = "round"
call.opens_on = today - datetime.timedelta(days=7)
call.closes_on = today + datetime.timedelta(days=60)
call.save_revision().publish()
ensure_translations(call)
result = {}
for page in [call, *call.get_translations()]:
    network_list = CallNetworkIndexPage.objects.get(locale=page.locale)
    result[page.locale.language_code] = {
        "pk": page.pk,
        "title": page.title,
        "page": addresses(page),
        "list": addresses(page.get_parent()),
        "network list": addresses(network_list),
    }
print(json.dumps(result))
"""

PUBLISH = """
from municipalities.calls.models import CallPage
for pk, title in {titles!r}:
    page = CallPage.objects.get(pk=pk).get_latest_revision_as_object()
    page.title = title
    page.save_revision().publish()
"""


def shows(response, title):
    text = response.text
    return response.status == 200 and (title in text or html.escape(title) in text)


@pytest.fixture(scope="module")
def call(stack):
    return json.loads(stack.shell(ADDRESSES + OPEN_CALL))


def test_the_call_exists_in_every_language(call):
    assert set(call) == set(LANGUAGES)


def test_a_published_title_shows_through_the_cache_within_a_second(stack, call):
    addresses = {
        (language, kind, address): versions["title"]
        for language, versions in call.items()
        for kind in ("page", "list", "network list")
        for address in versions[kind]
    }
    # Both hosts of the page and of its list; the network's list on the network host.
    assert {kind for _language, kind, _address in addresses} == {"page", "list", "network list"}
    assert len([key for key in addresses if key[:2] == ("pl", "page")]) == 2

    for (language, kind, address), title in addresses.items():
        stack.url(address)
        warm = stack.url(address)
        assert shows(warm, title), (language, kind, address)
        assert warm.cache == "HIT", (address, warm.headers.get("Cache-Control"))

    marker = uuid.uuid4().hex[:8]
    new_titles = {
        language: f"{versions['title']} (zmiana {marker})" for language, versions in call.items()
    }
    stack.shell(
        PUBLISH.format(
            titles=[(versions["pk"], new_titles[language]) for language, versions in call.items()]
        )
    )

    deadline = time.monotonic() + VISIBLE_WITHIN
    stale = set(addresses)
    while stale and time.monotonic() < deadline:
        stale = {key for key in stale if not shows(stack.url(key[2]), new_titles[key[0]])}
        if stale:
            time.sleep(0.1)
    assert not stale, f"still the old title after {VISIBLE_WITHIN}s: {sorted(stale)}"
