from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal sieci GZM")

    def ready(self):
        from . import freshness, frontend_cache

        freshness.connect()
        frontend_cache.connect()
