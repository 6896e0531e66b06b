"""Admin registrations of search: the search terms report for GZM's network administration."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.permissions import is_network_admin

from . import admin_views


@hooks.register("register_admin_urls")
def register_search_terms_url():
    return [path("wyszukiwane-frazy/", admin_views.search_terms, name="portal_search_terms")]


class NetworkAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_network_admin(request.user)


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return NetworkAdminMenuItem(
        _("Wyszukiwane frazy"),
        reverse("portal_search_terms"),
        name="portal-search-terms",
        icon_name="search",
        order=1310,
    )
