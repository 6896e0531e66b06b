"""What residents search for, for GZM's network administration.

Wagtail's own "Search terms" report is for superusers only; GZM's network administrators
manage promotions, so they see the terms too. Municipal editors do not: the terms are typed
across the whole network.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query

from portal.permissions import is_network_admin

PERIODS = {"7": 7, "30": 30, "365": 365}
TOP = 100


def search_terms(request):
    if not is_network_admin(request.user):
        raise PermissionDenied
    days = PERIODS.get(request.GET.get("dni", ""), 30)
    since = timezone.localdate() - timedelta(days=days)
    terms = [
        {"text": query.query_string, "hits": query._hits}
        for query in Query.get_most_popular(since)[:TOP]
    ]
    return TemplateResponse(
        request,
        "search/admin/search_terms.html",
        {
            "terms": terms,
            "days": days,
            "periods": sorted(PERIODS.values()),
            "page_title": _("Wyszukiwane frazy"),
            "header_icon": "search",
        },
    )
