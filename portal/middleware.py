"""Request middleware of the portal: the admin's language, incomplete page forms."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

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
