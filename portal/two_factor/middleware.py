from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import devices

# Admin views an editor reaches before the second step: signing in and out, the
# translations the admin's scripts load, and the two-factor pages themselves.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "two_factor_overview",
    "two_factor_enrol",
    "two_factor_verify",
    "two_factor_disable",
}


class RequireTwoFactorMiddleware:
    """Send an editor who must use a second factor to it before any other admin page.

    Applies under ``/admin/`` to signed-in editors of whom ``devices.is_required`` asks it
    (GZM's network administration; anyone who set it up): without a device they are sent to
    set one up, with one to the second step, and back to the page they asked for after it.
    Needs ``django_otp.middleware.OTPMiddleware`` before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(self.admin_prefix):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or devices.is_verified(user):
            return None
        if not devices.is_required(user):
            return None
        step = "two_factor_verify" if devices.has_second_factor(user) else "two_factor_enrol"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
