"""Admin rules that keep each municipality inside its own corner of the network."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Municipality, MunicipalityHomePage


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gminy GZM")
    list_display = ["name", "county", "gmina_type", "site"]
    list_filter = ["gmina_type", "prototyping_school_2023"]
    search_fields = ["name"]
    add_to_admin_menu = True
    menu_order = 250


register_snippet(MunicipalityViewSet)


def _is_network_admin(user):
    return user.is_superuser or user.has_perm("municipalities.change_municipality")


def _refuse_on_municipality_home(request, page, message):
    if isinstance(page.specific, MunicipalityHomePage) and not _is_network_admin(request.user):
        messages.error(request, message)
        return redirect("wagtailadmin_explore", page.pk)
    return None


@hooks.register("before_delete_page")
def keep_municipality_home(request, page):
    return _refuse_on_municipality_home(
        request, page, _("Stronę główną gminy może usunąć tylko administrator sieci GZM.")
    )


@hooks.register("before_move_page")
def keep_municipality_home_in_place(request, page, destination):
    return _refuse_on_municipality_home(
        request, page, _("Stronę główną gminy może przenieść tylko administrator sieci GZM.")
    )
