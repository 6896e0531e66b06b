from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Gminy")

    def ready(self):
        from django.db.models.signals import post_save

        from wagtail import hooks

        from portal.hooks import SITE_ROOT_CONTEXT, SITEMAP_SITES

        from .listing import add_network_listings
        from .membership import on_municipality_saved
        from .models import Municipality
        from .sitemaps import member_sites

        # The network home lists the municipalities by county and links to the network's
        # listings of calls and initiatives.
        hooks.register(SITE_ROOT_CONTEXT, add_network_listings)
        # GZM's sitemap index points to the sitemaps of current members only.
        hooks.register(SITEMAP_SITES, member_sites)
        # A membership's end date typed in the admin takes effect at once when it has come
        # (the daily ``apply_memberships`` command takes care of dates still ahead).
        post_save.connect(
            on_municipality_saved, sender=Municipality, dispatch_uid="municipality-membership"
        )
