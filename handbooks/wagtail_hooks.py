"""The handbooks admin in Wagtail's menu, at /admin/podreczniki/."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from municipalities.network_dashboard import NETWORK_DASHBOARD_COLUMNS, Column
from portal.permissions import is_network_admin

from . import admin_urls, sync
from .admin_panels import HandbooksPanel
from .admin_views import managed_municipalities


@hooks.register("register_admin_urls")
def register_handbooks_admin_urls():
    return [path("podreczniki/", include(admin_urls, namespace="handbooks_admin"))]


@hooks.register("register_admin_menu_item")
def register_handbooks_menu_item():
    return MenuItem(
        _("Podręczniki gmin"), reverse("handbooks_admin:index"), icon_name="doc-full", order=240
    )


@hooks.register("construct_homepage_panels")
def add_handbooks_panel(request, panels):
    user = request.user
    network = is_network_admin(user)
    municipalities = list(managed_municipalities(user))
    if municipalities:
        panels.append(HandbooksPanel(sync.network_overview(municipalities), network))


HANDBOOK_VARIANTS = Column("handbook_variants", _("Warianty podręczników"))
CHAPTERS_BEHIND = Column("handbook_chapters_behind", _("Rozdziały podręcznika za modelem"))


@hooks.register(NETWORK_DASHBOARD_COLUMNS)
def handbook_columns(municipalities, day):
    """The network dashboard's view of each municipality's handbook variants."""
    rows = sync.network_overview(municipalities)
    return [
        (HANDBOOK_VARIANTS, {row.municipality.pk: len(row.variants) for row in rows}),
        (CHAPTERS_BEHIND, {row.municipality.pk: row.behind for row in rows}),
    ]
