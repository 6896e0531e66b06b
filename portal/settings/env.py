"""The one place where the portal reads its environment.

Every value has a typed default that works on a developer's machine; production
settings ask for the values that must never have a default (``required``).
"""

import os

from django.core.exceptions import ImproperlyConfigured


def text(name, default=""):
    return os.environ.get(name, default)


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


def boolean(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def integer(name, default):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"The environment variable {name} must be a number.") from error


def number(name, default):
    """A number that may have a fraction (``1.5``)."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"The environment variable {name} must be a number.") from error


def fraction(name, default):
    """A number from 0 to 1 (``0.25``)."""
    value = number(name, default)
    if not 0 <= value <= 1:
        raise ImproperlyConfigured(f"The environment variable {name} must be between 0 and 1.")
    return value


def listing(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]
