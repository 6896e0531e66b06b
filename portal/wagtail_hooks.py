"""Admin registrations of the portal: GZM's shared taxonomy, the admin API's media endpoints.

The legal-page reminders (``admin_panels.LegalPagesPanel``) are put on the dashboard by
municipalities/wagtail_hooks.py, which knows whose pages each editor works on."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_api import ENDPOINTS
from .models import TaskArea


class TaskAreaViewSet(SnippetViewSet):
    """Statutory task areas: edited by GZM only (municipal groups hold no snippet rights)."""

    model = TaskArea
    icon = "list-ul"
    menu_label = _("Obszary zadań")
    list_display = ["name_pl", "statute_ref"]
    ordering = ["sort_order"]
    add_to_admin_menu = True
    menu_order = 260

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            add_item_label=_("Dodaj obszar zadań publicznych"), **kwargs
        )


register_snippet(TaskAreaViewSet)


@hooks.register("construct_admin_api", order=1)  # after Wagtail registers its own endpoints
def serve_only_choosable_media(router):
    for name, viewset in ENDPOINTS.items():
        router.register_endpoint(name, viewset)
