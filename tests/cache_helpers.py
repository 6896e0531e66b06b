"""Helpers for tests that count what a page costs when nothing of it is cached."""

from collections import OrderedDict

from django.core.cache import cache

from portal import freshness


def forget_cached_content():
    """Drop every cached piece of content, in the shared cache and in this process's memory, as
    after a restart of the whole stack: the next request renders from the database."""
    cache.clear()
    with freshness._local_lock:
        freshness._local.update(generation=None, entries=OrderedDict(), bytes=0)
    freshness._advance_now()
