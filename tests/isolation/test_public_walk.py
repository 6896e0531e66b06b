"""The public side of every host, crawled as a visitor with B's hidden pages planted.

B holds a call that was never published, a live call whose newer revision is only a draft,
and a live call behind a password; each carries ``SECRET`` in its title, summary or
address. A visitor walks every site (the network and each municipality, in pl, en and uk)
by following the links it serves, starting also from its robots.txt and sitemaps and
following the addresses these list, and also asks each site's search, suggestions and feeds
for the secret: no answer names it, and none is a server error.

The positive control: an open call of B with ``PUBLIC`` in its title is found by the same
walk on B's site and on the network's, so the walk reaches where the secrets would show.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from wagtail.models import PageViewRestriction

import pytest

from municipalities.factories import CallPageFactory
from municipalities.models import CallIndexPage

from .helpers import reload, save_draft, section

pytestmark = pytest.mark.django_db

SECRET = "qx7ukryte"
PUBLIC = "qx7jawne"
# What names a hidden page: its title, summary or address (a search page repeats the bare
# word it was asked for, so the word alone is not a leak).
HIDDEN = (
    f"{SECRET} szkic",
    f"{SECRET}-szkic",
    f"{SECRET} poprawka",
    f"poprawka {SECRET}",
    f"{SECRET} za hasłem",
    f"{SECRET}-haslo",
)
NETWORK_HOST = "localhost"
LANGUAGE_ROOTS = ("/", "/en/", "/uk/")
# What a crawler reads first (docs/findability.md).
CRAWLER_STARTS = ("/robots.txt", "/sitemap.xml", "/sitemap-pages.xml")
# Enough for every page of a test network in three languages; the walk stops there.
MOST_PAGES_PER_HOST = 600
LINK = re.compile(r'(?:href|src)="([^"#]+)|<loc>([^<]+)</loc>')
NOT_CRAWLED = ("/admin/", "/static/", "/media/", "/documents/")


def plant(network):
    b, editor_b = network.b, network.users["editor_b"]
    calls = section(b, CallIndexPage)

    never_published = CallPageFactory(
        parent=calls, title=f"Nabór {SECRET} szkic", slug=f"{SECRET}-szkic"
    )
    never_published.unpublish()

    revised = CallPageFactory(parent=calls, title="Nabór z poprawką", slug="z-poprawka")
    revised.save_revision().publish()
    revised = reload(revised)
    revised.summary = f"Poprawka {SECRET} czeka na akceptację."
    save_draft(revised, f"Nabór {SECRET} poprawka", editor_b)

    behind_password = CallPageFactory(
        parent=calls, title=f"Nabór {SECRET} za hasłem", slug=f"{SECRET}-haslo"
    )
    behind_password.save_revision().publish()
    PageViewRestriction.objects.create(
        page=behind_password, restriction_type=PageViewRestriction.PASSWORD, password="h4slo"
    )

    public = CallPageFactory(parent=calls, title=f"Nabór {PUBLIC} otwarty", slug=PUBLIC)
    public.save_revision().publish()
    return behind_password


def hosts(network):
    return [NETWORK_HOST, network.a.site.hostname, network.b.site.hostname]


def same_host_links(html, base, host):
    for attribute, location in LINK.findall(html):
        link = attribute or location
        url = urlsplit(urljoin(base, link.replace("&amp;", "&")))
        if url.scheme not in ("", "http", "https") or url.hostname not in (None, host):
            continue
        if url.path.startswith(NOT_CRAWLED):
            continue
        yield url.path + (f"?{url.query}" if url.query else "")


def crawl(client, host, starts):
    """Every address of ``host`` reachable from ``starts``: {path: (status, body)}."""
    seen, queue = {}, deque(starts)
    while queue and len(seen) < MOST_PAGES_PER_HOST:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path, HTTP_HOST=host)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode(errors="replace")
        seen[path] = (response.status_code, text)
        if response.status_code == 200 and (
            "html" in response.get("Content-Type", "") or "xml" in response.get("Content-Type", "")
        ):
            queue.extend(same_host_links(text, f"http://{host}{path}", host))
    return seen


def asked_for_the_secret(client, host):
    found = {}
    for root in LANGUAGE_ROOTS:
        prefix = root.rstrip("/")
        for path in (
            f"{prefix}/szukaj/?q={SECRET}",
            f"{prefix}/szukaj/?q=Nabór+{SECRET}",
            f"{prefix}/szukaj/podpowiedzi/?q={SECRET}",
        ):
            response = client.get(path, HTTP_HOST=host)
            found[path] = (response.status_code, response.content.decode(errors="replace"))
    return found


@pytest.fixture
def walked(client, network):
    behind_password = plant(network)
    answers = {}
    for host in hosts(network):
        for path, answer in crawl(client, host, (*LANGUAGE_ROOTS, *CRAWLER_STARTS)).items():
            answers[(host, path)] = answer
        for path, answer in asked_for_the_secret(client, host).items():
            answers[(host, path)] = answer
    return answers, behind_password


def test_no_public_answer_names_a_hidden_page_of_the_municipality(walked):
    answers, _ = walked

    leaks = sorted(
        where for where, (_, text) in answers.items() if any(h in text.lower() for h in HIDDEN)
    )
    server_errors = sorted(where for where, (status, _) in answers.items() if status >= 500)
    assert not server_errors
    assert not leaks
    assert len(answers) > 200  # the walk went through the sites, not only their homes


def test_the_walk_finds_the_municipality_open_call_on_its_site_and_the_network(walked, network):
    answers, _ = walked

    found_on = {host for (host, _), (_, text) in answers.items() if PUBLIC in text.lower()}
    assert {network.b.site.hostname, NETWORK_HOST} <= found_on
    # B's sitemap lists the open call, so the walk read the sitemaps where a secret would show.
    assert PUBLIC in answers[(network.b.site.hostname, "/sitemap.xml")][1]


def test_the_call_behind_a_password_still_asks_for_it(client, walked, network):
    _, behind_password = walked

    path = urlsplit(behind_password.full_url).path
    response = client.get(path, HTTP_HOST=network.b.site.hostname)

    assert response.status_code == 200
    assert 'type="password"' in response.content.decode()
