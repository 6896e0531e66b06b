"""Wagtail admin addresses served by this app's stricter views (``admin_views`` and
``admin_choices``).

Included in ``portal.urls`` before Wagtail's admin, so these win at the same paths, and
Wagtail's URL names keep resolving to the same addresses.
"""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_choices as choices
from .admin_views import MunicipalPageChooserBrowseView, PageTypesUsageForNetworkAdminsView
from .network_log import NetworkLogView

page_types_report = PageTypesUsageForNetworkAdminsView

urlpatterns = [
    # Names the last edited page of every type across all municipalities: GZM only.
    path(
        "reports/page-types-usage/",
        page_types_report.as_view(),
    ),
    path(
        "reports/page-types-usage/results/",
        page_types_report.as_view(results_only=True),
    ),
    path(
        "choose-page/<int:parent_page_id>/",
        MunicipalPageChooserBrowseView.as_view(),
    ),
    # Choices narrowed to the person's own municipalities (admin_choices).
    path("images/", choices.OwnTagsImageIndexView.as_view()),
    path("images/results/", choices.OwnTagsImageIndexView.as_view(results_only=True)),
    path("images/chooser/", choices.image_choose_view()),
    path("documents/", choices.OwnTagsDocumentIndexView.as_view()),
    path("documents/results/", choices.OwnTagsDocumentIndexView.as_view(results_only=True)),
    path("tag-autocomplete/", choices.tag_autocomplete),
    path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", choices.tag_autocomplete),
    # The network's audit log: by municipality for GZM, one's own for the others.
    path("reports/site-history/", NetworkLogView.as_view()),
    path("reports/site-history/results/", NetworkLogView.as_view(results_only=True)),
    path("reports/locked/", choices.OwnPeopleLockedPagesView.as_view()),
    path("reports/locked/results/", choices.OwnPeopleLockedPagesView.as_view(results_only=True)),
    path("reports/workflow/", choices.OwnWorkflowReportView.as_view()),
    path("reports/workflow/results/", choices.OwnWorkflowReportView.as_view(results_only=True)),
    path("reports/workflow_tasks/", choices.OwnWorkflowTasksReportView.as_view()),
    path(
        "reports/workflow_tasks/results/",
        choices.OwnWorkflowTasksReportView.as_view(results_only=True),
    ),
    *(
        path(f"workflows/task_chooser/{suffix}", choices.for_workflow_managers(view))
        for suffix, view in choices.task_chooser_views.items()
    ),
    path(
        "workflows/task_chooser/<int:task_id>/",
        choices.for_workflow_managers(choices.task_chosen),
    ),
]

urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
