"""Limits on guessing in the admin: failed logins and password-reset requests.

Failed logins are counted by django-axes (the ``AXES_*`` settings): after
``AXES_FAILURE_LIMIT`` failures for one username from one address, that pair is refused
for ``AXES_COOLOFF_MINUTES``; a successful login clears the count. The answer is
``lockout_response``.

django-axes watches logins only. The password-reset form, which sends an e-mail to whoever
owns the address typed in, gets a fixed-window counter in the cache instead
(``over_limit``, portal/rate_limits.py): at most ``PORTAL_PASSWORD_RESET_LIMIT`` requests
per window from one address and for one e-mail address. The shared cache of a multi-server
deployment (``CACHE_URL``) makes the count the same on every server.
"""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.admin.views.account import PasswordResetView

# Named here for django-axes (AXES_CLIENT_IP_CALLABLE) and the password-reset view.
from .rate_limits import TOO_MANY_REQUESTS, client_address, over_limit

__all__ = ["TOO_MANY_REQUESTS", "client_address", "lockout_response", "over_limit"]

TEMPLATE = "portal/admin/too_many_attempts.html"


def _refusal(request, heading, message):
    context = {"heading": heading, "message": message}
    return render(request, TEMPLATE, context, status=TOO_MANY_REQUESTS)


def _minutes(duration):
    return max(1, round(duration / timedelta(minutes=1)))


def lockout_response(request, original_response, credentials):
    """What django-axes answers to a locked-out login (``AXES_LOCKOUT_CALLABLE``)."""
    return _refusal(
        request,
        _("Zbyt wiele nieudanych prób logowania"),
        _(
            "Logowanie na to konto z tego adresu jest wstrzymane. Spróbuj ponownie za "
            "%(minutes)d min. Jeśli nie pamiętasz hasła, poproś administratora sieci GZM "
            "o jego zmianę."
        )
        % {"minutes": _minutes(settings.AXES_COOLOFF_TIME)},
    )


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password-reset form, refusing requests past the limit."""

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()[:254]
        keys = [f"address:{client_address(request)}", f"email:{email}"]
        if over_limit(
            "password-reset",
            keys,
            settings.PORTAL_PASSWORD_RESET_LIMIT,
            settings.PORTAL_PASSWORD_RESET_WINDOW,
        ):
            return _refusal(
                request,
                _("Zbyt wiele próśb o zmianę hasła"),
                _("Spróbuj ponownie najpóźniej za %(minutes)d min.")
                % {"minutes": _minutes(timedelta(seconds=settings.PORTAL_PASSWORD_RESET_WINDOW))},
            )
        return super().post(request, *args, **kwargs)
