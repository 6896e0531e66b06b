"""Site search. Polish morphology, facets and the network-wide scope arrive with the search work;
for now the view searches live pages of the current subsite in the current language."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from wagtail.models import Locale, Page, Site

MAX_QUERY_LENGTH = 200
NOT_A_WORD = re.compile(r"[^\w\s]+")


def plain_words(raw):
    """The words of a query, without characters or operators a search engine would parse."""
    return " ".join(NOT_A_WORD.sub(" ", raw[: MAX_QUERY_LENGTH * 2]).lower().split())[
        :MAX_QUERY_LENGTH
    ]


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    words = plain_words(query)
    site = Site.find_for_request(request)
    results = Page.objects.none()
    if words and site:
        root = site.root_page.localized
        results = (
            Page.objects.live()
            .public()
            .descendant_of(root, inclusive=True)
            .filter(locale=Locale.get_active())
            .search(words)
        )
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "search_results": page}
    )
