"""Wagtail admin addresses served by this app's stricter views (see ``admin_views``).

Included in ``portal.urls`` before Wagtail's admin, so these win at the same paths, and
Wagtail's URL names keep resolving to the same addresses.
"""

from django.urls import path

from wagtail.admin.auth import require_admin_access

from .admin_views import MunicipalPageChooserBrowseView, PageTypesUsageForNetworkAdminsView

page_types_report = PageTypesUsageForNetworkAdminsView

urlpatterns = [
    # Names the last edited page of every type across all municipalities: GZM only.
    path(
        "reports/page-types-usage/",
        require_admin_access(page_types_report.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        require_admin_access(page_types_report.as_view(results_only=True)),
    ),
    path(
        "choose-page/<int:parent_page_id>/",
        require_admin_access(MunicipalPageChooserBrowseView.as_view()),
    ),
]
