"""The open-data API: the network's calls and initiatives as JSON, page by page.

``/api/v1/calls/`` answers what "Nabory w GZM" (``CallNetworkIndexPage``) lists and
``/api/v1/initiatives/`` what "Zrealizowane inicjatywy w GZM" (``GalleryNetworkIndexPage``)
lists: the same filter forms read the same GET parameters, the same queries select and
order the items, and the records are those of the pages' own downloads (portal/opendata.py).
The calls add one filter the page has not: the year the tasks are done in.

The language is the ``lang`` parameter (``pl`` by default): the listing page in that
language answers. Filter values the listing would report and ignore are ignored here too,
and named under ``ignored``; a bad ``lang``, ``page`` or ``page_size`` is a 400 with a
message. See docs/open-data.md.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.canonical import canonical_url
from portal.opendata import json_response, licence, throttled
from portal.visibility import public_q

from .calls.forms import CallDataFilterForm
from .models import CallNetworkIndexPage, GalleryNetworkIndexPage

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Longer numbers than this are not page numbers; refused before int() reads them.
MAX_DIGITS = 6


class Refusal(Exception):
    """A request the API answers with 400 and this message."""


@require_safe
def calls(request):
    return _answer(request, CallNetworkIndexPage, CallDataFilterForm)


@require_safe
def initiatives(request):
    return _answer(request, GalleryNetworkIndexPage, None)


def _answer(request, page_type, form_class):
    try:
        language, refused = _language(request), None
    except Refusal as error:
        language, refused = settings.LANGUAGE_CODE, error
    with translation.override(language):
        throttled_answer = throttled(request)
        if throttled_answer is not None:
            return throttled_answer
        if refused is not None:
            return json_response({"error": str(refused)}, status=400)
        try:
            payload = _payload(request, page_type, form_class, language)
        except Refusal as error:
            return json_response({"error": str(error)}, status=400)
        if payload is None:
            return json_response(
                {"error": _("Ta lista nie jest opublikowana w tym języku.")}, status=404
            )
        response = json_response(payload)
    # Nothing in the answer is personal. The frontend cache keeps the unfiltered first page
    # for a short while (an answer is not purged on publish: it expires).
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=settings.PORTAL_OPEN_DATA_CACHE_SECONDS
    )
    return response


def _language(request):
    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    if language not in codes:
        raise Refusal(
            _("Nieznany język „%(lang)s”. Dostępne: %(codes)s.")
            % {"lang": language[:20], "codes": ", ".join(codes)}
        )
    return language


def _whole_number(request, name, default, low, high, message):
    value = request.GET.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or len(value) > MAX_DIGITS or not low <= int(value) <= high:
        raise Refusal(message)
    return int(value)


def _payload(request, page_type, form_class, language):
    page = (
        page_type.objects.live()
        .filter(public_q(), locale__language_code=language)
        .select_related("locale")
        .first()
    )
    if page is None:
        return None
    number = _whole_number(
        request,
        "page",
        1,
        1,
        10**MAX_DIGITS,
        _("Numer strony („page”) musi być liczbą całkowitą od 1."),
    )
    size = _whole_number(
        request,
        "page_size",
        PAGE_SIZE,
        1,
        MAX_PAGE_SIZE,
        _("Liczba wyników na stronie („page_size”) musi być liczbą od 1 do %(max)d.")
        % {"max": MAX_PAGE_SIZE},
    )
    listing, items = page.open_data_items(request, form_class)
    paginator = Paginator(items, size)
    if number > paginator.num_pages:
        raise Refusal(
            _("Nie ma strony %(page)d: wyników jest %(count)d, stron %(pages)d.")
            % {"page": number, "count": paginator.count, "pages": paginator.num_pages}
        )
    shown = paginator.page(number)
    form = listing.form
    return {
        "licence": licence(),
        "language": language,
        "listing": canonical_url(page),
        "count": paginator.count,
        "page": number,
        "page_size": size,
        "num_pages": paginator.num_pages,
        "next": _page_link(request, number + 1) if shown.has_next() else None,
        "previous": _page_link(request, number - 1) if shown.has_previous() else None,
        "filters": listing.filters,
        "ignored": {name: " ".join(errors) for name, errors in form.errors.items()},
        "results": page.open_data_records(shown.object_list),
    }


def _page_link(request, number):
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
