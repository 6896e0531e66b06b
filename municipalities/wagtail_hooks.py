"""Admin rules that keep each municipality inside its own corner of the network."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.widgets import Button
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.admin_panels import LegalPagesPanel
from portal.permissions import is_network_admin

from . import dashboard_views
from .admin_onboarding import OnboardMunicipalityView, onboarding_panel
from .admin_panels import MunicipalityPanel
from .admin_views import (
    BULK_ACTIONS,
    MunicipalPageViewSet,
    PermittedPageTranslationView,
    PermittedSnippetTranslationView,
    PermittedTranslationsReportView,
    PermittedUpdateTranslationsView,
    outside_other_municipalities,
)
from .models import CallPage, ContactPage, Municipality, MunicipalityHomePage
from .people import TeamView, add_person_url, moderated_municipalities
from .permissions import municipalities_of


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = gettext_lazy("Gminy GZM")
    list_display = ["name", "county", "gmina_type", "site"]
    list_filter = ["gmina_type", "prototyping_school_2023"]
    # No ``search_fields``: the search runs over what the model indexes (its name, also as
    # you type). Naming fields here makes Wagtail's SQLite backend look for a column of
    # that name in its full-text table, which has none (OperationalError).
    add_to_admin_menu = True
    menu_order = 250
    add_view_class = OnboardMunicipalityView

    def get_index_view_kwargs(self, **kwargs):
        # Wagtail's "Dodaj %(model_name)s" would say "Dodaj gmina".
        return super().get_index_view_kwargs(add_item_label=gettext_lazy("Dodaj gminę"), **kwargs)

    def get_add_view_kwargs(self, **kwargs):
        # Its own, shorter form: what onboarding makes is not typed in.
        return super().get_add_view_kwargs(
            panel=onboarding_panel.bind_to_model(Municipality), form_class=None, **kwargs
        )


register_snippet(MunicipalityViewSet)


@hooks.register("register_snippet_listing_buttons")
def add_person_buttons(snippet, user, next_url=None):
    """On each municipality's row: start a new editor or moderator of it, see its team."""
    if not isinstance(snippet, Municipality) or not snippet.editors_group_id:
        return []
    buttons = [
        Button(_("Zespół gminy"), reverse("municipality_team", args=[snippet.pk]), priority=30)
    ]
    if user.has_perm("auth.add_user"):
        buttons[:0] = [
            Button(
                _("Dodaj redaktora"),
                add_person_url(snippet, "editors_group"),
                icon_name="user",
                priority=10,
            ),
            Button(
                _("Dodaj moderatora"),
                add_person_url(snippet, "moderators_group"),
                icon_name="user",
                priority=20,
            ),
        ]
    return buttons


class TeamMenuItem(MenuItem):
    def is_shown(self, request):
        return (
            not is_network_admin(request.user) and moderated_municipalities(request.user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_team_menu_item():
    return TeamMenuItem(
        _("Zespół gminy"), reverse("municipality_team_own"), icon_name="group", order=260
    )


@hooks.register("register_admin_urls")
def register_team_urls():
    return [
        path("zespol-gminy/", TeamView.as_view(), name="municipality_team_own"),
        path("zespol-gminy/<int:pk>/", TeamView.as_view(), name="municipality_team"),
    ]


def _refuse_on_municipality_home(request, page, message):
    if isinstance(page.specific, MunicipalityHomePage) and not is_network_admin(request.user):
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


@hooks.register("before_move_page")
def move_only_where_permitted(request, page, destination):
    """Refuse before the confirmation page, which would show the page to anyone who asks."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


@hooks.register("construct_page_chooser_queryset")
def hide_pages_of_other_municipalities(pages, request):
    """Offer a municipality's people their own pages and GZM's live ones, nothing of others."""
    if is_network_admin(request.user):
        return pages
    own = page_permission_policy.explorable_instances(request.user).values_list("pk", flat=True)
    visible = pages.filter(Q(live=True) | Q(pk__in=list(own)))
    return outside_other_municipalities(visible, request.user)


@hooks.register("construct_homepage_panels")
def add_municipality_panel(request, panels):
    if not is_network_admin(request.user):
        own = list(municipalities_of(request.user))
        if own:
            panels.insert(0, MunicipalityPanel(own))


@hooks.register("construct_homepage_panels")
def add_legal_pages_panel(request, panels):
    """Reminders about the accessibility statement and the other legal pages: GZM sees every
    overdue statement in the network; a municipality's people their own site's pages, the
    contact page included."""
    if is_network_admin(request.user):
        panels.append(LegalPagesPanel(network_wide=True))
        return
    homes = [
        municipality.site.root_page
        for municipality in municipalities_of(request.user).select_related("site__root_page")
        if municipality.site
    ]
    if homes:
        panels.append(LegalPagesPanel(homes=homes, extra_page_types=(ContactPage,)))


@hooks.register("construct_homepage_summary_items", order=1)  # after Wagtail adds its items
def count_only_own_pages(request, items):
    """Wagtail's page count spans the whole tree, every municipality's pages included."""
    if not is_network_admin(request.user):
        items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]


@hooks.register("construct_reports_menu")
def hide_network_reports(request, menu_items):
    if not is_network_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("register_admin_urls")
def register_network_dashboard_url():
    return [
        path(
            "siec/",
            dashboard_views.NetworkDashboardView.as_view(),
            name=dashboard_views.URL_NAME,
        )
    ]


@hooks.register("register_admin_menu_item")
def register_network_dashboard_menu_item():
    return dashboard_views.menu_item()


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return MunicipalPageViewSet()


@hooks.register("register_admin_urls", order=-1)
def register_permitted_translation_urls():
    """Serve wagtail-localize's submit, sync and report URLs with the views that check
    object permissions. Registered first, so these patterns win over wagtail-localize's own
    at the same paths (and its URL names still resolve to them)."""
    report = PermittedTranslationsReportView
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            PermittedPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            PermittedSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            PermittedUpdateTranslationsView.as_view(),
        ),
        path("localize/reports/translations/", report.as_view()),
        path("localize/reports/translations/results/", report.as_view(results_only=True)),
    ]


# After Wagtail's own (order 0), so these replace the bulk actions of the same name.
for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=1)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_social_work_is_outweighed(request, page):
    """The Act puts residents' social work first; a heavier criterion is allowed but flagged."""
    page = page.specific
    if not isinstance(page, CallPage):
        return
    for criterion in page.social_work_outweighed_by:
        messages.warning(
            request,
            _(
                "Uwaga: kryterium „%(names)s” ma więcej punktów niż wkład pracy społecznej "
                "mieszkańców. Ustawa każe uwzględniać ten wkład w pierwszej kolejności."
            )
            % {"names": criterion.name},
        )
