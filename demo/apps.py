from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and benchmark data for development and tests; not installed in production."""

    name = "demo"
    verbose_name = _("Dane demonstracyjne")
