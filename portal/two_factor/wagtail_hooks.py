from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("logowanie-dwuetapowe/", views.overview, name="two_factor_overview"),
        path("logowanie-dwuetapowe/wlacz/", views.enrol, name="two_factor_enrol"),
        path("logowanie-dwuetapowe/potwierdz/", views.verify, name="two_factor_verify"),
        path(
            "logowanie-dwuetapowe/kody-zapasowe/",
            views.backup_codes,
            name="two_factor_backup_codes",
        ),
        path("logowanie-dwuetapowe/wylacz/", views.disable, name="two_factor_disable"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_overview"),
        "label": _("Logowanie dwuetapowe"),
        "help_text": _(
            "Przy logowaniu, oprócz hasła, kod z aplikacji w telefonie. Wymagane dla "
            "administratorów sieci GZM."
        ),
    }
