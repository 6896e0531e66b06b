"""Counting requests per client: the fixed-window counter behind the password-reset limit
(portal/throttling.py) and the open-data limit (portal/opendata.py).

Plain functions over the cache, importable from models and views alike. The shared cache of
a multi-server deployment (``CACHE_URL``) makes a count the same on every server.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

TOO_MANY_REQUESTS = 429


def client_address(request):
    """The visitor's IP address.

    ``REMOTE_ADDR``, unless ``PORTAL_TRUSTED_PROXIES`` says how many proxies of our own
    stand in front of the application (each appends the address it saw to
    ``X-Forwarded-For``): then the address the outermost of them saw. Entries further left
    come from the client and are not trusted.
    """
    proxies = settings.PORTAL_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def over_limit(scope, keys, limit, window):
    """Count one more request under each of ``keys``; whether any has gone past ``limit``
    in its current window of ``window`` seconds (the window starts at its first request)."""
    exceeded = False
    for key in keys:
        digest = hashlib.sha256(key.encode()).hexdigest()
        cache_key = f"portal-limit:{scope}:{digest}"
        cache.add(cache_key, 0, window)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the window ended between the two calls
            cache.add(cache_key, 1, window)
            count = 1
        exceeded = exceeded or count > limit
    return exceeded
