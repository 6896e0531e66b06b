"""Request middleware of the portal."""

from django.conf import settings
from django.utils import translation


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
