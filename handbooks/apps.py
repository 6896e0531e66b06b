from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbooksConfig(AppConfig):
    name = "handbooks"
    verbose_name = _("Podręczniki")

    def ready(self):
        from wagtail import hooks

        from municipalities.signals import network_ready
        from portal.hooks import SITE_ROOT_CONTEXT

        from .links import add_handbook_links
        from .seed import add_model_content

        # The network setup adds GZM's model texts; the home pages link to them.
        network_ready.connect(add_model_content, dispatch_uid="handbooks-model-content")
        hooks.register(SITE_ROOT_CONTEXT, add_handbook_links)
