"""Error reports (SENTRY_DSN) sent to a local emulator of a Sentry ingest endpoint.

The emulator is a real HTTP server on loopback that accepts what sentry-sdk posts (envelopes,
``/api/<project>/envelope/``, gzip'd or not) and keeps them. The portal runs in a
subprocess (``manage.py shell``) so that the SDK it starts never hooks into this test
process: a view there fails on a request carrying a session cookie, a password, an e-mail
address, a search term and a client address, and the report that reaches the emulator must
name the exception and hold none of them.
"""

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent

SESSION = "sesja-6f1c2d9e4b7a"
CSRF_TOKEN = "csrf-3b9d0e7f1a2c4d5e6f708192a3b4c5d6"
PASSWORD = "Tajne-Haslo-Mieszkanca-42"
EMAIL = "jan.kowalski@example.org"
SEARCH_TERM = "remont-podworka-nr-7"
CLIENT_ADDRESS = "203.0.113.77"
SECRETS = [SESSION, CSRF_TOKEN, PASSWORD, EMAIL, SEARCH_TERM, CLIENT_ADDRESS]

# A view that fails, served through the portal's WSGI application and middleware on a
# loopback port, and one request to it from a resident's browser (as far as the app can tell).
FAILING_REQUEST = f"""
import sys, threading, types, urllib.error, urllib.parse, urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server
import sentry_sdk
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

class ResidentFormFailed(Exception):
    pass

@csrf_exempt  # the cookie and the token are there to be left out of the report
def failing_view(request):
    sentry_sdk.set_user({{"id": "7", "email": "{EMAIL}", "ip_address": "{CLIENT_ADDRESS}"}})
    raise ResidentFormFailed("the application form could not be saved")

urls = types.ModuleType("emulator_test_urls")
urls.urlpatterns = [path("wniosek/", failing_view)]
sys.modules[urls.__name__] = urls

class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass

server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
threading.Thread(target=server.serve_forever, daemon=True).start()
form = {{"email": "{EMAIL}", "password": "{PASSWORD}", "opis": "Ławka pod blokiem"}}
request = urllib.request.Request(
    f"http://127.0.0.1:{{server.server_port}}/wniosek/?q={SEARCH_TERM}",
    data=urllib.parse.urlencode(form).encode(),
    headers={{
        "Cookie": "sessionid={SESSION}; csrftoken={CSRF_TOKEN}",
        "X-Forwarded-For": "{CLIENT_ADDRESS}",
        "Referer": "http://localhost/szukaj/?q={SEARCH_TERM}",
        "User-Agent": "Mozilla/5.0 (emulator test)",
    }},
)
with override_settings(ROOT_URLCONF=urls.__name__):
    try:
        status = urllib.request.urlopen(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
server.shutdown()
print("status", status)
print("reporting", sentry_sdk.get_client().is_active())
sentry_sdk.flush(timeout=10)
"""


class IngestEmulator(ThreadingHTTPServer):
    """Accepts Sentry envelopes on loopback and keeps every request it was sent."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), EnvelopeHandler)
        self.requests = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def dsn(self, project=42):
        return f"http://emulator-public-key@127.0.0.1:{self.server_address[1]}/{project}"

    def events(self):
        """The error events among the envelopes' items."""
        found = []
        for _path, body in self.requests:
            lines = body.split(b"\n")
            # An envelope: its header line, then pairs of an item header and a payload.
            for header, payload in zip(lines[1::2], lines[2::2], strict=False):
                if json.loads(header).get("type") == "event":
                    found.append((json.loads(payload), payload.decode()))
        return found

    def close(self):
        self.shutdown()
        self.server_close()


class EnvelopeHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding:
            raise AssertionError(f"the emulator cannot read {encoding!r} envelopes")
        self.server.requests.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def emulator():
    server = IngestEmulator()
    yield server
    server.close()


def fail_a_request(tmp_path, **variables):
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SENTRY_", "DATABASE_", "CACHE_", "DJANGO_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        # The failing view asks the database nothing; an empty file of the test's own.
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **variables,
    )
    result = subprocess.run(  # noqa: S603 (manage.py of this checkout)
        [sys.executable, "manage.py", "shell", "-v0", "-c", FAILING_REQUEST],
        cwd=CHECKOUT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "status 500" in result.stdout
    return result


def test_the_emulator_receives_the_exception_without_personal_data(emulator, tmp_path):
    result = fail_a_request(tmp_path, SENTRY_DSN=emulator.dsn(), SENTRY_ENVIRONMENT="emulator-test")

    assert "reporting True" in result.stdout
    assert {path for path, _body in emulator.requests} == {"/api/42/envelope/"}
    [(event, raw)] = emulator.events()
    [exception] = event["exception"]["values"]
    assert exception["type"] == "ResidentFormFailed"
    assert exception["value"] == "the application form could not be saved"
    assert event["environment"] == "emulator-test"
    # Where it failed is kept: the request's method and path, the stack.
    assert event["request"]["method"] == "POST"
    assert event["request"]["url"].endswith("/wniosek/")
    assert exception["stacktrace"]["frames"]
    # What the resident sent or is, is not.
    for secret in SECRETS:
        assert secret not in raw, f"{secret} reached the error report"
    assert "Ławka pod blokiem" not in raw and "\\u0141awka" not in raw
    assert "cookies" not in event["request"] and "data" not in event["request"]
    assert "query_string" not in event["request"]
    assert event.get("user", {}) in ({}, {"id": "7"})
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])


def test_without_a_dsn_nothing_is_sent(emulator, tmp_path):
    result = fail_a_request(tmp_path, SENTRY_ENVIRONMENT="emulator-test", SENTRY_DSN="")

    assert "reporting False" in result.stdout
    assert emulator.requests == []
