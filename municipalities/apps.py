from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Gminy")

    def ready(self):
        from wagtail import hooks

        from portal.hooks import SITE_ROOT_CONTEXT

        from .listing import add_network_listings

        # The network home lists the municipalities by county and links to the network's
        # listings of calls and initiatives.
        hooks.register(SITE_ROOT_CONTEXT, add_network_listings)
