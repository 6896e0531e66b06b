from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "portal.two_factor"
    label = "portal_two_factor"
    verbose_name = _("Logowanie dwuetapowe")
