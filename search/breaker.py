"""The search engine's circuit breaker, kept in the shared cache.

An engine that hangs costs every request that asks it the full timeout. After one failure
(a timeout, a refused or broken connection, an answer of 5xx) the breaker *opens* for
``SEARCH_BREAKER_SECONDS``: searches, suggestions and index updates leave the engine alone
and the database backend answers at once. When the window is over the breaker is
*half-open*: one request, from whichever worker comes first, goes to the engine as a trial;
the others keep to the database until it reports. A trial that succeeds closes the
breaker; one that fails opens it for another window.

The state lives in Django's ``default`` cache (Redis in production, shared by every
gunicorn worker; each test process's own memory in the tests), under two keys: the time
until which the breaker is open, and the claim of the running trial. The trial claim is
taken with ``cache.add``, which only one caller can win, and expires by itself so a worker
killed in the middle of a trial does not keep the engine shut. When the cache itself is
unreachable (it answers every read with a miss) the breaker is closed: requests then go to
the engine and pay its timeout, as they would without a breaker.
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

OPEN_UNTIL_KEY = "search-breaker:open-until"
TRIAL_KEY = "search-breaker:trial"

# Answers of the engine that say the request, not the engine, was wrong: the engine is up.
NOT_ENGINE_FAULTS = range(400, 500)
ENGINE_FAULTS_AMONG_4XX = {408, 429}  # request timeout, too many requests


class EngineUnavailable(Exception):
    """The breaker is open: the engine is not asked."""


def _window():
    return float(settings.SEARCH_BREAKER_SECONDS)


def _trial_lease():
    """How long a trial may take before another worker may try: a few engine timeouts."""
    return max(1, math.ceil(3 * float(settings.SEARCH_TIMEOUT)))


def is_engine_fault(error):
    """Whether ``error`` says the engine is unwell (rather than that a request was refused).

    Both clients (opensearch-py, elasticsearch) give the HTTP status as ``status_code``;
    connection errors and timeouts have none (or ``"N/A"``) and count as faults.
    """
    status = getattr(error, "status_code", None)
    if isinstance(status, int) and status in NOT_ENGINE_FAULTS:
        return status in ENGINE_FAULTS_AMONG_4XX
    return True


def is_open():
    """Whether the engine is being left alone right now (no trial is due)."""
    open_until = cache.get(OPEN_UNTIL_KEY)
    return open_until is not None and time.time() < open_until


def _admit():
    """Let a request through to the engine, or raise ``EngineUnavailable``.

    Returns whether the request is the half-open trial.
    """
    open_until = cache.get(OPEN_UNTIL_KEY)
    if open_until is None:
        return False
    if time.time() < open_until:
        raise EngineUnavailable
    if cache.add(TRIAL_KEY, True, timeout=_trial_lease()):
        logger.info("Search engine breaker half-open: sending one trial request.")
        return True
    raise EngineUnavailable


def trip():
    """Open the breaker for a window from now."""
    # Kept without expiry: after the window the key says "half-open", so a single trial
    # goes first instead of every worker at once.
    cache.set(OPEN_UNTIL_KEY, time.time() + _window(), timeout=None)
    cache.delete(TRIAL_KEY)
    logger.warning(
        "Search engine breaker open for %s s: the database backend answers meanwhile.",
        settings.SEARCH_BREAKER_SECONDS,
    )


def reset():
    """Close the breaker: the engine is asked again."""
    cache.delete_many([OPEN_UNTIL_KEY, TRIAL_KEY])


def call(function, *args, **kwargs):
    """``function(*args, **kwargs)``, a request to the engine, through the breaker.

    Raises ``EngineUnavailable`` without calling it while the breaker is open; an engine
    fault opens the breaker and is raised again for the caller to handle.
    """
    trial = _admit()
    try:
        result = function(*args, **kwargs)
    except Exception as error:
        if is_engine_fault(error):
            trip()
        elif trial:
            reset()  # the engine answered, if only to refuse this request
        raise
    if trial:
        reset()
        logger.info("Search engine breaker closed: the trial request succeeded.")
    return result
