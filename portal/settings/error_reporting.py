"""Error reports to a Sentry-compatible service (Sentry, self-hosted Sentry, GlitchTip).

Off unless ``SENTRY_DSN`` is set (base.py). Residents' data must not leave for a third
party, so an event keeps what tells an engineer where the code failed (the exception, the
stack without local variables, the path and method of the request, the route) and loses
what a visitor sent or is: cookies, the body, the query string (search terms), most
headers, the address, any user beyond an id, and the process's command line.
docs/configuration.md, "Error reports".
"""

from urllib.parse import urlsplit, urlunsplit

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

# Request headers an event may keep: none of them names or tracks a visitor.
KEPT_HEADERS = {"accept", "accept-language", "content-length", "content-type", "host"}


def start(dsn, environment="", traces_sample_rate=0.0, release=""):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=without_personal_data,
        before_send_transaction=without_personal_data,
        before_breadcrumb=breadcrumb_without_personal_data,
    )


def _without_query(url):
    if not isinstance(url, str):
        return url
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def without_personal_data(event, hint=None):
    """The event with the request and the user reduced to what carries no personal data."""
    request = event.get("request")
    if request:
        headers = request.get("headers") or {}
        event["request"] = {
            "method": request.get("method"),
            "url": _without_query(request.get("url")),
            "headers": {
                name: value for name, value in headers.items() if name.lower() in KEPT_HEADERS
            },
        }
    # A command line can name a person (``manage.py changepassword jan.kowalski``).
    (event.get("extra") or {}).pop("sys.argv", None)
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if user.get("id") else {}
    for breadcrumb in (event.get("breadcrumbs") or {}).get("values", []):
        breadcrumb_without_personal_data(breadcrumb)
    return event


def breadcrumb_without_personal_data(breadcrumb, hint=None):
    """SQL without its parameters, addresses without their query strings."""
    data = breadcrumb.get("data")
    if data:
        data.pop("params", None)
        data.pop("http.query", None)
        if "url" in data:
            data["url"] = _without_query(data["url"])
    return breadcrumb
