"""The page "GZM w liczbach": the network's figures over time, by municipality and by task
area, each chart with its data table and its CSV (docs/network.md)."""

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from portal.models import NetworkListingPage
from portal.opendata import csv_response, throttled

from .charts import CHART_KEYS, chart, charts
from .counts import network_figures


class FiguresPage(RoutablePageMixin, NetworkListingPage):
    """ "GZM w liczbach": what the network's members and residents have done together."""

    class Meta:
        verbose_name = _("GZM w liczbach")
        verbose_name_plural = _("GZM w liczbach")

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        figures = network_figures(self.locale, request)
        context["figures"] = figures
        context["totals"] = figures.totals
        context["charts"] = charts(figures)

    @path("pobierz/csv/<slug:key>/", name="chart_csv")
    def chart_csv(self, request, key):
        refusal = throttled(request)
        if refusal is not None:
            return refusal
        with translation.override(self.locale.language_code):
            found = chart(network_figures(self.locale, request), key)
        if found is None:
            raise Http404
        columns = [column.key for column in found.columns]
        filename = f"{self.slug}-{key}-{self.locale.language_code}.csv"
        return csv_response(found.records, columns, filename)

    def get_cached_paths(self):
        # The frontend cache keeps every chart's CSV beside the page.
        return [*super().get_cached_paths(), *(f"pobierz/csv/{key}/" for key in CHART_KEYS)]
