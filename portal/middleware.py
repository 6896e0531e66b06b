"""Request middleware of the portal: the admin's language, incomplete page forms, media
that could not be stored, cached routing, cache headers, compact HTML."""

import logging
import re

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

from . import routing
from .storage import MediaStorageError

logger = logging.getLogger(__name__)

# The admin's page views that read a whole page form from the request.
PAGE_FORM_VIEWS = {
    "wagtailadmin_pages:add",
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:preview_on_add",
    "wagtailadmin_pages:preview_on_edit",
}


class AdminDefaultLanguageMiddleware:
    """Serve the admin in Polish unless the editor chose another language in their profile.

    Without this the admin would follow the browser's Accept-Language header. Wagtail
    applies an editor's own preference on top of what is active here.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        if request.path_info.startswith(self.admin_prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


class IncompletePageFormMiddleware:
    """Answer 400 to a page form that arrives without the fields every editor's browser sends.

    A StreamField reads its management fields (``body-count`` and the like) straight from
    the request and raises ``MultiValueDictKeyError`` when one is missing, which would be a
    500. Only that error, only from the admin's page add, edit and preview views, is
    answered here; anything else goes on to Django's error handling.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = getattr(request, "resolver_match", None)
        if (
            isinstance(exception, MultiValueDictKeyError)
            and request.method == "POST"
            and match is not None
            and match.view_name in PAGE_FORM_VIEWS
        ):
            return HttpResponseBadRequest(
                _(
                    "Formularz strony dotarł niekompletny. Otwórz stronę do edycji jeszcze "
                    "raz i zapisz zmiany ponownie."
                ),
                content_type="text/plain; charset=utf-8",
            )
        return None


class CachedRoutingMiddleware:
    """Find the site and the page of a public request from the shared cache.

    Wagtail looks the site up by host (one query) and walks the page tree from the site's
    root to the page (two queries per level) on every request. Both answers only change
    when content does, so they are kept for the content generation (``portal.freshness``):
    the site as an object, the route as the page's type, id and how many path components
    it took (the rest is a routable page's own sub-path, resolved without queries). Wagtail
    reads both from the request (``_wagtail_site``, ``_wagtail_route_for_request``); what
    it does with them, view restrictions and serve hooks included, is unchanged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views as wagtail_views

        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        routing.prepare(request, path)
        # A page of the tree: public if nothing about the request or response is personal
        # (CacheHeadersMiddleware decides).
        request._portal_public_page = True
        return None


# Cookies that make a response personal: the session (an editor, a passed page password),
# the CSRF token (a form on the page), the visitor's cookie-consent choice.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "gzm_zgoda")


class CacheHeadersMiddleware:
    """Say who may keep a response, on every response.

    A published page served to a visitor with none of the portal's cookies, that set no
    cookie and rendered no CSRF token, is public: the frontend cache may keep it for
    ``PORTAL_FRONTEND_CACHE_SECONDS`` (``s-maxage``; publishing purges it sooner, see
    ``portal.frontend_cache``) and browsers revalidate it each time (``max-age=0``, with the
    ETag that ``ConditionalGetMiddleware`` adds, a 304 costs no download). It varies on
    ``Cookie`` only: its language is in its address, never in ``Accept-Language``.
    Everything else — the admin, previews, search, forms, anything for a logged-in
    person — is private, and the admin is not stored at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if self._is_public(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.PORTAL_FRONTEND_CACHE_SECONDS,
            )
            vary = [
                value.strip()
                for value in response.get("Vary", "").split(",")
                if value.strip() and value.strip().lower() != "accept-language"
            ]
            if "cookie" not in {value.lower() for value in vary}:
                vary.append("Cookie")
            response["Vary"] = ", ".join(vary)
        elif request.path_info.startswith(self.admin_prefix):
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _is_public(request, response):
        return (
            getattr(request, "_portal_public_page", False)
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
            and "CSRF_COOKIE" not in request.META
            and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
            and not getattr(request, "is_preview", False)
            and not (hasattr(request, "user") and request.user.is_authenticated)
        )


class MediaStorageErrorMiddleware:
    """Tell an editor, instead of a 500, that an upload could not be stored.

    ``MediaStorageError`` (``portal/storage.py``) comes from the media storage only, when the
    directory is read-only, missing or full; the part written is already gone. The
    multiple-upload views answer in the JSON their page reads; the others go back to the
    form with the message. The error is logged for whoever runs the servers.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (
            isinstance(exception, MediaStorageError)
            and request.method == "POST"
            and request.path_info.startswith(self.admin_prefix)
        ):
            return None
        logger.error("An upload could not be stored: %s", exception)
        message = _(
            "Nie udało się zapisać pliku: magazyn plików portalu jest pełny albo nie można w "
            "nim zapisywać. Spróbuj ponownie później, a jeśli błąd się powtórzy, powiadom "
            "administratora sieci GZM."
        )
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "add_multiple":
            return JsonResponse({"success": False, "error_message": message})
        messages.error(request, message)
        return redirect(request.get_full_path())


# Elements whose whitespace is content: left exactly as rendered.
VERBATIM_ELEMENTS = re.compile(rb"(<(pre|textarea|script)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
# A line break with the indentation and blank lines after it.
INDENTED_BREAK = re.compile(rb"\n\s+")


def compact_html(content):
    """``content`` (HTML bytes) without the templates' indentation and blank lines.

    Each run of whitespace that starts with a line break becomes that one line break, so the
    page reads and renders exactly as before (a line break is as good a word space as any);
    ``<pre>``, ``<textarea>`` and ``<script>`` keep theirs. About a sixth of a listing page.
    """
    parts = VERBATIM_ELEMENTS.split(content)
    # split() gives [text, element, element name, text, element, element name, …, text].
    compacted = []
    for position in range(0, len(parts), 3):
        compacted.append(INDENTED_BREAK.sub(b"\n", parts[position]))
        if position + 1 < len(parts):
            compacted.append(parts[position + 1])
    return b"".join(compacted)


class CompactHtmlMiddleware:
    """Send public HTML pages without the templates' indentation (``compact_html``).

    Fewer bytes for every visitor on a phone and for the frontend cache to hold and send;
    the admin is Wagtail's and is left as it renders. It sits inside ConditionalGet, so the
    ETag is that of the bytes sent.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or request.path.startswith(self.admin_prefixes)
        ):
            return response
        response.content = compact_html(response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
