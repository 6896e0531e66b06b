"""Finding the site roots of the network: GZM's network home and the municipality homes.

The page types are not imported here: they declare themselves (``portal_site_root`` and
``is_network_root``, see ``portal.models.base.SiteRootPage``), so the floor of the project
can find a municipality's home without knowing the municipal app.
"""

from functools import cache

from django.apps import apps

from . import freshness


@cache
def _site_root_models():
    roots = [
        model
        for model in apps.get_models()
        if getattr(model, "portal_site_root", False) and not model._meta.abstract
    ]
    network = [model for model in roots if model.is_network_root]
    municipal = [model for model in roots if not model.is_network_root]
    return (network[0] if network else None, municipal[0] if municipal else None)


def network_root_model():
    """The page type of GZM's network home."""
    return _site_root_models()[0]


def municipal_root_model():
    """The page type of a municipality's home."""
    return _site_root_models()[1]


def network_home_for(locale_id=None):
    """GZM's network home in the given locale, else in any locale; None before setup."""
    model = network_root_model()
    if model is None:
        return None
    return freshness.cached(
        ("network-home", locale_id or 0), lambda: _network_home(model, locale_id)
    )


def _network_home(model, locale_id):
    homes = model.objects.all()
    return (locale_id and homes.filter(locale_id=locale_id).first()) or homes.first()
