"""Open data: the listings' rows as CSV and JSON, under GZM's licence (docs/open-data.md).

A listing page that offers downloads is an ``OpenDataRoutes`` page: it says how one of its
items reads as a record (``open_data_record``) and which record fields make the CSV's
columns (``open_data_columns``). The downloads hold every item the page lists under the
request's filters, in the page's order (``FilteredListingMixin.filtered_listing``), all
pages of results at once. The open-data API (``municipalities/opendata.py``) builds its
records the same way.

Every answer here counts against one limit per client address (``over_limit``): past
``PORTAL_OPEN_DATA_LIMIT`` requests in ``PORTAL_OPEN_DATA_WINDOW`` seconds the client gets
429 with a translated message. Answers that the frontend cache keeps never reach the count.
"""

import csv
import io
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Site

from .canonical import canonical_url
from .rate_limits import TOO_MANY_REQUESTS, client_address, over_limit

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.pl",
    "attribution": "Górnośląsko-Zagłębiowska Metropolia i gminy członkowskie",
}
# Cells a spreadsheet would read as a formula (CSV injection): the text is prefixed with an
# apostrophe, which Excel and LibreOffice show as plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"


def licence():
    """The licence every answer states, with its attribution, in the active language."""
    return {**LICENCE, "notice": licence_notice()}


def licence_notice():
    return _("Dane udostępniamy na licencji %(name)s. Podając źródło, napisz: %(attribution)s.") % {
        "name": LICENCE["name"],
        "attribution": LICENCE["attribution"],
    }


class DataEncoder(DjangoJSONEncoder):
    """Amounts and coordinates as JSON numbers, dates in ISO 8601."""

    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def json_response(payload, status=200):
    return JsonResponse(
        payload, status=status, encoder=DataEncoder, json_dumps_params={"ensure_ascii": False}
    )


def safe_cell(value):
    """A value as a CSV cell: text that could start a formula is made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(
            str(item.get("name", "")) if isinstance(item, dict) else str(item) for item in value
        )
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)


def field_of(record, dotted):
    """``record["a"]["b"]`` for ``"a.b"``; None where a part is missing."""
    value = record
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def csv_response(records, columns, filename):
    """The records as a CSV file: UTF-8 with a BOM (so Excel reads Polish letters), one
    header row of the record's field names, the licence in the last column."""
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*(column.replace(".", "_") for column in columns), "licence"])
    notice = f"{LICENCE['name']} ({LICENCE['url']}), {LICENCE['attribution']}"
    for record in records:
        writer.writerow([*(safe_cell(field_of(record, c)) for c in columns), notice])
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def throttled(request):
    """The 429 answer when the client has gone past the open-data limit, else None."""
    window = settings.PORTAL_OPEN_DATA_WINDOW
    if not over_limit(
        "open-data", [f"address:{client_address(request)}"], settings.PORTAL_OPEN_DATA_LIMIT, window
    ):
        return None
    message = _("Zbyt wiele zapytań o dane z tego adresu. Spróbuj ponownie za %(seconds)d s.") % {
        "seconds": window
    }
    response = json_response({"error": message}, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(window)
    return response


class OpenDataRoutes(RoutablePageMixin):
    """CSV and JSON downloads of a ``FilteredListingMixin`` page's items under the request's
    filters (the query string is kept by the links, ``open_data_links``)."""

    open_data_columns = ()
    open_data_related = ("locale",)

    def open_data_record(self, item, root_paths):
        """One item as a dict of plain values (``root_paths``: for its canonical address)."""
        raise NotImplementedError

    def open_data_records(self, items):
        """``items`` as records in this page's language (one query for the site roots)."""
        root_paths = Site.get_site_root_paths()
        with translation.override(self.locale.language_code):
            return [self.open_data_record(item, root_paths) for item in items]

    def open_data_items(self, request, form_class=None):
        """The filtered listing, and its items in order with what the records read joined."""
        listing = self.filtered_listing(request, form_class)
        return listing, listing.ordered.select_related(*self.open_data_related)

    def open_data_filename(self, extension):
        return f"{self.slug}-{self.locale.language_code}.{extension}"

    @path("pobierz/csv/", name="download_csv")
    def download_csv(self, request):
        refusal = throttled(request)
        if refusal is not None:
            return refusal
        _listing, items = self.open_data_items(request)
        records = self.open_data_records(items)
        return csv_response(records, self.open_data_columns, self.open_data_filename("csv"))

    @path("pobierz/json/", name="download_json")
    def download_json(self, request):
        refusal = throttled(request)
        if refusal is not None:
            return refusal
        _listing, items = self.open_data_items(request)
        records = self.open_data_records(items)
        with translation.override(self.locale.language_code):
            payload = {
                "licence": licence(),
                "source": canonical_url(self),
                "generated_at": timezone.now().replace(microsecond=0),
                "count": len(records),
                "results": records,
            }
        response = json_response(payload)
        filename = self.open_data_filename("json")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
        return response

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        # The downloads keep the filters and hold every page of results.
        query = request.GET.copy()
        query.pop("page", None)
        context["download_query"] = query.urlencode()

    def get_cached_paths(self):
        # The frontend cache keeps the unfiltered downloads beside the page.
        return [*super().get_cached_paths(), "pobierz/csv/", "pobierz/json/"]
