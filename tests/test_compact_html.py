"""Public pages are sent without the templates' indentation (portal/middleware.py): fewer
bytes for phones and the frontend cache, and the same page for the reader."""

import re
from html.parser import HTMLParser

from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

import pytest

from municipalities.factories import CallPageFactory
from municipalities.models import CallIndexPage
from portal import freshness
from portal.middleware import compact_html

pytestmark = pytest.mark.django_db

WITHOUT_COMPACTING = [
    name for name in settings.MIDDLEWARE if name != "portal.middleware.CompactHtmlMiddleware"
]


class Reading(HTMLParser):
    """What a reader gets from a page: its words and its links, whitespace aside."""

    def __init__(self):
        super().__init__()
        self.words, self.links = [], []

    def handle_data(self, data):
        self.words.extend(data.split())

    def handle_starttag(self, tag, attrs):
        self.links.extend(value for name, value in attrs if name in {"href", "src"})


def reading(content):
    parser = Reading()
    parser.feed(content.decode())
    return parser.words, parser.links


def indented_lines(content):
    outside = re.sub(rb"<(pre|textarea|script)\b.*?</\1>", b"", content, flags=re.DOTALL)
    return [line for line in outside.split(b"\n") if line[:1] in (b" ", b"\t")]


def test_a_public_page_reads_the_same_in_fewer_bytes(client, network):
    today = timezone.localdate()
    calls = CallIndexPage.objects.descendant_of(network.a.root_page).get()
    CallPageFactory(
        parent=calls,
        municipality=network.a,
        title="Nabór na zieleń osiedlową",
        opens_on=today - timezone.timedelta(days=3),
        closes_on=today + timezone.timedelta(days=20),
    )
    host = f"{network.a.slug}.localhost"

    sent = client.get("/nabory/", HTTP_HOST=host)
    freshness.advance()
    with override_settings(MIDDLEWARE=WITHOUT_COMPACTING):
        # A client of its own: a client keeps the middleware it started with.
        rendered = Client().get("/nabory/", HTTP_HOST=host)

    assert sent.status_code == rendered.status_code == 200
    assert "Nabór na zieleń osiedlową" in sent.content.decode()
    assert reading(sent.content) == reading(rendered.content)
    assert indented_lines(rendered.content) and not indented_lines(sent.content)
    assert len(sent.content) < 0.9 * len(rendered.content)
    assert sent["ETag"] != rendered["ETag"]


def test_preformatted_text_form_fields_and_scripts_keep_their_whitespace():
    page = (
        b"<main>\n    <p>Wniosek</p>\n\n"
        b"<pre>\n  ul. Lipowa 1\n    40-001 Katowice\n</pre>\n"
        b'    <textarea name="opis">\n  akapit pierwszy\n\n  drugi</textarea>\n'
        b"  <script>\n  const text = `a\n    b`;\n</script>\n</main>\n"
    )
    assert compact_html(page) == (
        b"<main>\n<p>Wniosek</p>\n"
        b"<pre>\n  ul. Lipowa 1\n    40-001 Katowice\n</pre>\n"
        b'<textarea name="opis">\n  akapit pierwszy\n\n  drugi</textarea>\n'
        b"<script>\n  const text = `a\n    b`;\n</script>\n</main>\n"
    )


def test_the_admin_is_left_as_wagtail_renders_it(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert indented_lines(response.content)
