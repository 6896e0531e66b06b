"""The search page and the search box's suggestions.

On a municipality's site the search covers that municipality's pages in the current
language; ``zakres=gzm`` widens it to the whole network, which is what the network's own
site always searches. Queries are reduced to plain words and then to base forms
(search/polish.py) before any backend sees them.
"""

import functools
import logging
import operator
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page, Site

from municipalities.models import MunicipalityHomePage, member_q
from portal import freshness
from portal.canonical import canonical_url
from portal.chrome import LANGUAGE_NAMES, LanguageLink, build_chrome
from portal.models import NetworkHomePage
from portal.routing import site_for
from portal.visibility import shown_in_q

from . import results as search_results
from .backend import ranked_ids
from .folding import fold
from .polish import language_of
from .query import MAX_QUERY_LENGTH, find, plain_words

logger = logging.getLogger(__name__)

PER_PAGE = 10
SUGGESTIONS = 8
WIDE_SCOPE = "gzm"
FACET_PARAMS = ("typ", "gmina", "rok")


def _query(request):
    return request.GET.get("q", "")[: MAX_QUERY_LENGTH * 2].strip()[:MAX_QUERY_LENGTH]


def _param(request, name, length=80):
    return request.GET.get(name, "")[:length].strip()


class Scope:
    """Where a search looks: the current site's subtree, or the whole network."""

    def __init__(self, request):
        self.site = site_for(request)
        language = translation.get_language()
        # The same for every search on this site in this language until something is
        # published: kept for the content generation.
        lookups = freshness.cached(
            ("search-scope-sources", self.site.pk if self.site else 0, language),
            lambda: self._lookups(language),
            request,
        )
        self.locale, root, self.network, localized, sources, self.former_members = lookups
        network_root = self.network or root
        self.is_network_site = root is None or (
            network_root is not None and root.translation_key == network_root.translation_key
        )
        self.widened = not self.is_network_site and request.GET.get("zakres") == WIDE_SCOPE
        self.home = localized[root.pk] if root else None
        self.municipality = getattr(self.home, "municipality", None)
        self.root = localized[network_root.pk] if (self.widened and network_root) else self.home
        scope_root = network_root if (self.widened and network_root) else root
        self.source_root = sources.get(scope_root.pk) if scope_root else None
        self.searches_sources = (
            self.source_root is not None and self.source_root.locale_id != self.locale.pk
        )

    def _lookups(self, language):
        locale = Locale.objects.get_for_language(language)
        root = self.site.root_page.specific if self.site else None
        network = (
            NetworkHomePage.objects.filter(locale=locale).first() or NetworkHomePage.objects.first()
        )
        # With the translations of both in this language (or themselves when there is none).
        localized = {page.pk: page.localized for page in (root, network) if page is not None}
        # And their Polish originals, whose pages stand in for those not translated.
        source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        sources = {
            page.pk: page.get_translation_or_none(source_locale)
            for page in (root, network)
            if page is not None
        }
        # The homes of municipalities that have left the network (in this language and in
        # Polish): a search of the whole network leaves them out (their own site still
        # searches its archive).
        former_members = list(
            MunicipalityHomePage.objects.filter(locale__in=[locale, source_locale])
            .exclude(member_q("municipality__"))
            .values_list("path", flat=True)
        )
        return locale, root, network, localized, sources, former_members

    def pages(self):
        if self.root is None:
            return Page.objects.none()
        # In English and Ukrainian the Polish pages of the scope are searched too; those
        # with a live translation give way to it in ``shown``.
        within = Q(path__startswith=self.root.path, locale=self.locale)
        if self.searches_sources:
            source = self.source_root
            within |= Q(path__startswith=source.path, locale_id=source.locale_id)
        pages = Page.objects.live().public().filter(within)
        if self.is_network_site or self.widened:
            for path in self.former_members:
                pages = pages.exclude(path__startswith=path)
        return pages

    def shown(self, ids):
        """``ids`` as the results show them. Across the network a municipality's unchanged
        handbook chapter (an alias of GZM's model chapter) would repeat the model once per
        municipality, so the model stands for them all; customised chapters stay."""
        if not ids:
            return ids
        # A Polish page found in another language stands only for a missing translation.
        conditions = []
        if self.searches_sources:
            conditions.append(~shown_in_q(self.locale.pk))
        if self.is_network_site or self.widened:
            conditions.append(Q(alias_of__isnull=False))
        if not conditions:
            return ids
        hidden = functools.reduce(operator.or_, conditions)
        left_out = set(Page.objects.filter(hidden, pk__in=ids).values_list("pk", flat=True))
        return [pk for pk in ids if pk not in left_out]

    def mark(self, page):
        """``page`` as a result shows it: a Polish page in another language is labelled."""
        page.is_fallback = page.locale_id != self.locale.pk
        return page


def _search_url(language, params):
    with translation.override(language):
        path = reverse("search")
    query = urlencode({key: value for key, value in params.items() if value})
    return f"{path}?{query}" if query else path


def _chrome(request, scope, params):
    if scope.home is None:
        return None
    chrome = build_chrome(scope.home, request)
    current = translation.get_language()
    chrome.languages = [
        LanguageLink(code, LANGUAGE_NAMES[code], _search_url(code, params), code == current)
        for code in LANGUAGE_NAMES
    ]
    chrome.canonical_url = request.build_absolute_uri(_search_url(current, params))
    chrome.alternates = [
        (code, request.build_absolute_uri(_search_url(code, params))) for code in LANGUAGE_NAMES
    ]
    return chrome


def _count_hit(words):
    """Count the query for the search statistics (Wagtail's search promotions report)."""
    try:
        with transaction.atomic():
            Query.get(words).add_hit()
    except DatabaseError:
        # A statistic is not worth a failed search (e.g. SQLite busy with another writer).
        logger.warning("Could not count a hit for the query %r.", words)


def _promotions(query, scope_pages):
    """Promoted pages (within the scope) and links for this query."""
    record = Query.get(query)
    picks = list(record.editors_picks.select_related("page").order_by("sort_order"))
    in_scope = set(
        scope_pages.filter(pk__in=[pick.page_id for pick in picks if pick.page_id]).values_list(
            "pk", flat=True
        )
    )
    return [
        pick
        for pick in picks
        if (pick.page_id and pick.page_id in in_scope)
        or (not pick.page_id and pick.external_link_url)
    ]


def _link_facets(facets, get):
    """Give every facet item the address that selects it (or, when selected, drops it)."""
    params = {key: get.get(key, "") for key in ("q", "zakres", *FACET_PARAMS)}
    for name, items in (
        ("typ", facets.kinds),
        ("gmina", facets.municipalities),
        ("rok", facets.years),
    ):
        for item in items:
            chosen = {**params, name: "" if item.selected else item.value}
            item.url = "?" + urlencode({key: value for key, value in chosen.items() if value})


def _page_number(request, paginator):
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


@require_GET
def search(request):
    query = _query(request)
    words = plain_words(query)
    scope = Scope(request)
    selection = {name: _param(request, name) for name in FACET_PARAMS}
    if words:
        _count_hit(words)
    base_params = {"q": query, "zakres": WIDE_SCOPE if scope.widened else ""}
    chrome_params = {**base_params, **selection}
    chrome = _chrome(request, scope, chrome_params)
    context = {
        "search_query": query,
        "selection": selection,
        "scope": scope,
        "base_params": base_params,
        "chrome": chrome,
        "widen_url": _search_url(translation.get_language(), {"q": query, "zakres": WIDE_SCOPE}),
        "narrow_url": _search_url(translation.get_language(), {"q": query}),
        "page_query": urlencode({k: v for k, v in chrome_params.items() if v}),
        # The results are built only when they are not kept (templatetags/page_body.py).
        "add_body_context": lambda request, body: body.update(
            _results(request, words, scope, selection)
        ),
        "body_cache_key": _results_key(request, scope, chrome_params),
    }
    return TemplateResponse(request, "search/search.html", context)


def _results_key(request, scope, params):
    """The results depend on the query, the scope, the filters, the page and the language;
    they are kept for the content generation like pages' content."""
    described = [
        scope.site.pk if scope.site else 0,
        scope.root.pk if scope.root else 0,
        translation.get_language(),
        urlencode(sorted(params.items())),
        request.GET.get("page", "")[:10],
    ]
    return ":".join(
        [
            "portal",
            str(freshness.current(request)),
            "search",
            freshness.key_digest("|".join(map(str, described))),
        ]
    )


def _results(request, words, scope, selection):
    language = language_of(translation.get_language())
    scope_pages = scope.pages()
    found = find(scope_pages, words, language)
    terms = found.terms
    described = search_results.describe(scope.shown(found.ids))
    promotions = _promotions(words, scope_pages) if terms else []
    hits, facets = search_results.facet_and_filter(
        described, kind=selection["typ"], municipality=selection["gmina"], year=selection["rok"]
    )
    _link_facets(facets, request.GET)
    promoted_ids = {pick.page_id for pick in promotions if pick.page_id}
    hits = [hit for hit in hits if hit.pk not in promoted_ids]

    paginator = Paginator(hits, PER_PAGE)
    current = _page_number(request, paginator)
    pages = {
        page.pk: scope.mark(page)
        for page in Page.objects.filter(pk__in=[hit.pk for hit in current])
        .select_related("locale")
        .specific()
    }
    link = _linker(request)
    entries = [
        {
            "page": pages[hit.pk],
            "url": link(pages[hit.pk]),
            "hit": hit,
            "title": search_results.title_marked(pages[hit.pk], terms, language),
            "snippet": search_results.snippet(pages[hit.pk], terms, language),
            "kind": search_results.kind_label(hit.kind),
        }
        for hit in current
        if hit.pk in pages
    ]
    return {
        "search_results": current,
        "page_range": paginator.get_elided_page_range(current.number, on_each_side=2, on_ends=1),
        "entries": entries,
        "promotions": promotions if current.number == 1 else [],
        "facets": facets,
        "any_word": found.any_word,
        "only_stop_words": found.only_stop_words,
        "corrected_query": found.corrected,
        "corrected_url": _search_url(
            translation.get_language(),
            {"q": found.corrected, "zakres": WIDE_SCOPE if scope.widened else ""},
        )
        if found.corrected
        else "",
        "showing_corrected": found.showing_corrected,
        "fallback": found.fallback,
        # Results from the fallback (the search engine failed) are not kept.
        "keep_body": not found.fallback,
    }


def _linker(request):
    """A result's link: the page's canonical address, on its own site's host (a city's page
    found on the network's site links to ``<city>.<domain>``, not to the network's copy of
    the path), and only its path when that is the host the visitor is on."""
    root_paths = Site.get_site_root_paths()
    site = site_for(request)
    here = site.root_url if site else ""

    def link(page):
        url = canonical_url(page, root_paths)
        return url[len(here) :] if here and url.startswith(here + "/") else url

    return link


@require_GET
def suggestions(request):
    """Titles and addresses of up to eight pages whose title starts like the query (JSON)."""
    words = plain_words(_query(request))
    scope = Scope(request)
    items = []
    fallback = False
    if words:
        # Titles are matched folded as well (``suggested_title``): "swie" finds "Święto".
        candidates = scope.pages()
        city = _param(request, "gmina")
        if city:  # the header's box on a city's pages under the network's host
            homes = MunicipalityHomePage.objects.filter(
                municipality__slug=city, locale=scope.locale
            ).values_list("path", flat=True)
            candidates = candidates.filter(path__startswith=next(iter(homes), "-"))
        found = ranked_ids(candidates, fold(words), limit=SUGGESTIONS, method="autocomplete")
        fallback = found.fallback
        ids = scope.shown(found.ids)
        pages = Page.objects.filter(pk__in=ids).select_related("locale").in_bulk()
        # The town of each: titles such as "Nabory wniosków" repeat in every municipality.
        places = {
            hit.pk: hit.municipality.name if hit.municipality else ""
            for hit in search_results.describe([pk for pk in ids if pk in pages])
        }
        link = _linker(request)
        items = [
            _suggestion(scope.mark(pages[pk]), link, places.get(pk, ""))
            for pk in ids
            if pk in pages
        ]
    return JsonResponse({"query": words, "results": items, "fallback": fallback})


def _suggestion(page, link, place):
    item = {"title": page.title, "place": place, "url": link(page)}
    if page.is_fallback:
        # The script reads the title in Polish and says so in the interface's language.
        item.update(lang=settings.LANGUAGE_CODE, label=gettext("po polsku"))
    return item
