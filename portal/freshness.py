"""One number that says how fresh the public content is: the content generation.

Every cached piece of a public page (the page frame, a page's language links, the
host-to-site map) carries the generation it was built in, so that publishing anything
makes all of it stale at once, in every worker that shares the cache (Redis in
production), without knowing which pieces the change touched. Publishing is rare next to
reading, so throwing the whole app cache away on each publish costs little.

What changes the generation: a page published, unpublished, moved or deleted; a site,
locale, setting, snippet, image or document saved or deleted (``connect``, called from
``PortalConfig.ready``). The frontend cache in front of the app is purged separately, by
address (``portal.frontend_cache``).
"""

import hashlib
import pickle
import threading
import time
from collections import OrderedDict
from functools import cache as cache_function

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import transaction

KEY = "portal:content-generation"
# How long a cached piece lives even if nothing is published: a bound on how stale a
# change that no signal reports (a raw SQL fix, say) can be.
TIMEOUT = 15 * 60


def current(request=None):
    """The content generation now (read once per request when ``request`` is given)."""
    if request is not None:
        known = getattr(request, "_portal_generation", None)
        if known is not None:
            return known
    value = cache.get(KEY)
    if value is None:
        # Start from the clock, not from zero: if the number itself is evicted, a restart
        # at zero could meet pieces cached under an old number again.
        value = time.time_ns() // 1_000_000
        if not cache.add(KEY, value, timeout=None):
            value = cache.get(KEY, value)
    if request is not None:
        request._portal_generation = value
        _seen.value = value
    return value


def advance():
    """Make everything cached so far stale: now, and again once the surrounding transaction
    commits, since another process may cache what it still reads from before the commit in
    between."""
    _advance_now()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_advance_now)


def _advance_now():
    try:
        cache.incr(KEY)
    except ValueError:  # not there yet (or evicted): any fresh start is newer
        current()
        cache.incr(KEY)


def cached(key_parts, build, request=None, timeout=TIMEOUT):
    """``build()``'s value, kept in the cache for the current generation under ``key_parts``."""
    key = ":".join(["portal", str(current(request)), *map(str, key_parts)])
    value = get(key)
    if value is None:
        value = build()
        put(key, value, timeout)
    return value


# A value kept under a generation never changes: the next publish moves every key on. So each
# process can keep what it has read in its own memory and ask the shared cache only for the
# generation, once per request. What is kept locally belongs to one generation and is dropped
# when a request sees a newer one; it is bounded by count and size.
LOCAL_MAX_ENTRIES = 2_000
LOCAL_MAX_BYTES = 24 * 1024 * 1024
_local = {"generation": None, "entries": OrderedDict(), "bytes": 0}
_local_lock = threading.Lock()
# The generation the request this thread serves has read (``current(request)``).
_seen = threading.local()


def get(key):
    """The value kept under ``key`` (a key of the current generation), or None."""
    kept = _local_get(key)
    if kept is not None:
        return kept
    value = cache.get(key)
    if value is not None:
        _local_put(key, value)
    return value


def put(key, value, timeout=TIMEOUT):
    cache.set(key, value, timeout)
    _local_put(key, value)


def _local_get(key):
    with _local_lock:
        entry = _local["entries"].get(key)
        if entry is None:
            return None
        _local["entries"].move_to_end(key)
    stored, pickled = entry
    # Objects are kept pickled so that no request changes another's copy.
    return pickle.loads(stored) if pickled else stored  # noqa: S301 (written by this process)


def _local_put(key, value):
    generation = key.split(":", 2)[1]
    if isinstance(value, str | bytes):
        entry, size = (value, False), len(value)
    else:
        try:
            stored = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        entry, size = (stored, True), len(stored)
    with _local_lock:
        if _local["generation"] != generation:
            _local.update(generation=generation, entries=OrderedDict(), bytes=0)
        entries = _local["entries"]
        if key in entries:
            return
        entries[key] = entry
        _local["bytes"] += size
        while len(entries) > LOCAL_MAX_ENTRIES or _local["bytes"] > LOCAL_MAX_BYTES:
            _old_key, (old, _pickled) = entries.popitem(last=False)
            _local["bytes"] -= len(old)


class GenerationCache(BaseCache):
    """A cache alias (``CACHES["generation"]``) for ``{% cache %}`` fragments whose keys carry
    the generation: read from this process's memory first, then from the shared cache."""

    def __init__(self, location, params):
        super().__init__(params)

    def _key(self, key, version=None):
        # The generation leads the key, as in ``cached``'s keys.
        generation = getattr(_seen, "value", None) or current()
        return ":".join(["portal", str(generation), "fragment", key])

    def get(self, key, default=None, version=None):
        value = get(self._key(key, version))
        return default if value is None else value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        timeout = TIMEOUT if timeout is DEFAULT_TIMEOUT else timeout
        put(self._key(key, version), value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.get(key, version=version) is not None:
            return False
        self.set(key, value, timeout, version)
        return True

    def delete(self, key, version=None):
        return cache.delete(self._key(key, version))

    def clear(self):
        with _local_lock:
            _local.update(generation=None, entries=OrderedDict(), bytes=0)


def key_digest(text):
    """A short fixed-length stand-in for ``text`` (an address, a query) inside a cache key."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _on_change(**kwargs):
    advance()


@cache_function
def _watched_models():
    """The models whose rows show on public pages besides pages themselves."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    # A view restriction added or lifted changes what every visitor may see at once.
    models = {Site, Locale, PageViewRestriction, get_image_model(), get_document_model()}
    models.update(get_snippet_models())
    models.update(settings_registry)
    # A snippet's inline rows are saved with it, and its own save reports the change.
    return frozenset(models)


def _on_row_change(sender, created=False, instance=None, **kwargs):
    if sender not in _watched_models():
        # A live page saved outside publishing (by code: onboarding, imports, syncs) is
        # public at once. Saving a draft of a live page lands here too: a harmless extra.
        if getattr(instance, "live", False) and _is_page(instance):
            advance()
        return
    # A new row shows nowhere until a page uses it (an image, a snippet) or it holds only
    # defaults (a site's settings, created on first read); a new site or locale changes
    # which addresses answer at once.
    if created and sender not in _routing_models():
        return
    advance()


def _is_page(instance):
    from wagtail.models import Page

    return isinstance(instance, Page)


@cache_function
def _routing_models():
    from wagtail.models import Locale, PageViewRestriction, Site

    return frozenset({Site, Locale, PageViewRestriction})


def connect():
    """Advance the generation whenever public content may have changed."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_change, dispatch_uid="portal-freshness-page")
    # Saving a draft changes nothing public; deleting a page does.
    post_delete.connect(_on_change, sender=Page, dispatch_uid="portal-freshness-page-delete")
    post_save.connect(_on_row_change, dispatch_uid="portal-freshness-row-save")
    post_delete.connect(_on_row_change, dispatch_uid="portal-freshness-row-delete")
