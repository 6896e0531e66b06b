"""Admin registrations of the portal: GZM's shared taxonomy, legal-page reminders."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_panels import LegalPagesPanel
from .taxonomy import TaskArea


class TaskAreaViewSet(SnippetViewSet):
    """Statutory task areas: edited by GZM only (municipal groups hold no snippet rights)."""

    model = TaskArea
    icon = "list-ul"
    menu_label = _("Obszary zadań")
    list_display = ["name_pl", "statute_ref"]
    ordering = ["sort_order"]
    add_to_admin_menu = True
    menu_order = 260


register_snippet(TaskAreaViewSet)


@hooks.register("construct_homepage_panels")
def add_legal_pages_panel(request, panels):
    """Reminders about the accessibility statement and the other legal pages."""
    from municipalities.permissions import is_network_admin, municipalities_of

    if is_network_admin(request.user):
        panels.append(LegalPagesPanel(network_wide=True))
        return
    homes = [
        municipality.site.root_page
        for municipality in municipalities_of(request.user).select_related("site__root_page")
        if municipality.site
    ]
    if homes:
        panels.append(LegalPagesPanel(homes=homes))
