"""The network dashboard in the admin (/admin/siec/): the table of ``network_dashboard``,
sorted and filtered by county, and the same table as CSV or XLSX.

GZM's network admins see every member of the network; a municipality's editors and
moderators see the row of their own municipality only; anyone else is turned away.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.collation import polish_key
from portal.permissions import is_network_admin
from portal.spreadsheets import csv_response, xlsx_response

from . import network_dashboard as dashboard
from .models import Municipality
from .permissions import municipalities_of

URL_NAME = "municipalities_network_dashboard"
EXPORTS = ("csv", "xlsx")


def dashboard_municipalities(user):
    """Whose rows ``user`` sees: the network's members for GZM, one's own for the others."""
    if is_network_admin(user):
        return Municipality.objects.members().select_related("site")
    return municipalities_of(user)  # with its site


def may_see_dashboard(user):
    return is_network_admin(user) or municipalities_of(user).exists()


def shown(column, value):
    """A cell as the table shows it."""
    if value is None:
        return "—"
    if column.kind == dashboard.FLAG:
        return _("tak") if value else _("nie")
    if column.kind == dashboard.DATETIME:
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if column.kind == dashboard.DATE:
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


def exported(column, value):
    """A cell as the downloads carry it: numbers and dates typed, flags as words."""
    if column.kind == dashboard.FLAG and value is not None:
        return _("tak") if value else _("nie")
    return value


class NetworkDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_dashboard(request.user)


def menu_item():
    return NetworkDashboardMenuItem(
        gettext_lazy("Przegląd gmin"), reverse(URL_NAME), icon_name="table", order=245
    )


class NetworkDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "municipalities/admin/network_dashboard.html"
    page_title = gettext_lazy("Przegląd gmin")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_dashboard(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def municipalities(self):
        return list(dashboard_municipalities(self.request.user))

    @cached_property
    def counties(self):
        return sorted({m.county for m in self.municipalities}, key=polish_key)

    @cached_property
    def county(self):
        county = self.request.GET.get("county", "")
        return county if county in self.counties else ""

    @cached_property
    def table(self):
        """(columns, rows, sorted column, descending) for the current filter and sort."""
        chosen = [m for m in self.municipalities if not self.county or m.county == self.county]
        columns, rows = dashboard.network_rows(chosen)
        by_key = {column.key: column for column in columns}
        ordering = self.request.GET.get("ordering", dashboard.NAME.key)
        descending = ordering.startswith("-")
        column = by_key.get(ordering.lstrip("-"))
        if column is None:
            column, descending = dashboard.NAME, False
        return columns, dashboard.sort_rows(rows, column, descending), column, descending

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in EXPORTS:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def export(self, file_format):
        columns, rows, _column, _descending = self.table
        headings = [str(column.heading) for column in columns]
        values = [[exported(column, value) for column, value in row.cells(columns)] for row in rows]
        name = f"gminy-gzm-{timezone.localdate().isoformat()}.{file_format}"
        if file_format == "csv":
            return csv_response(name, headings, values)
        return xlsx_response(name, headings, values, title=str(self.page_title))

    def _query(self, **changes):
        params = self.request.GET.copy()
        params.pop("export", None)
        for key, value in changes.items():
            params[key] = value
        return "?" + params.urlencode()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns, rows, sorted_by, descending = self.table
        headers = []
        for column in columns:
            current = column == sorted_by
            headers.append(
                {
                    "column": column,
                    "aria_sort": ("descending" if descending else "ascending")
                    if current
                    else "none",
                    "url": self._query(
                        ordering=f"-{column.key}" if current and not descending else column.key
                    ),
                }
            )
        context.update(
            headers=headers,
            rows=[
                {
                    "municipality": row.municipality,
                    "cells": [shown(column, value) for column, value in row.cells(columns)],
                }
                for row in rows
            ],
            counties=self.counties,
            county=self.county,
            network=is_network_admin(self.request.user),
            csv_url=self._query(export="csv"),
            xlsx_url=self._query(export="xlsx"),
        )
        return context
