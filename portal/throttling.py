"""Limits on guessing in the admin: failed logins and password-reset requests.

Failed logins are counted by django-axes (the ``AXES_*`` settings): after
``AXES_FAILURE_LIMIT`` failures for one username from one address, that pair is refused
for ``AXES_COOLOFF_MINUTES``; a successful login clears the count. The answer is
``lockout_response``.

django-axes watches logins only. The password-reset form, which sends an e-mail to whoever
owns the address typed in, gets a fixed-window counter in the cache instead
(``over_limit``): at most ``PORTAL_PASSWORD_RESET_LIMIT`` requests per window from one
address and for one e-mail address. The shared cache of a multi-server deployment
(``CACHE_URL``) makes the count the same on every server.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.admin.views.account import PasswordResetView

TOO_MANY_REQUESTS = 429
TEMPLATE = "portal/admin/too_many_attempts.html"


def client_address(request):
    """The visitor's IP address.

    ``REMOTE_ADDR``, unless ``PORTAL_TRUSTED_PROXIES`` says how many proxies of our own
    stand in front of the application (each appends the address it saw to
    ``X-Forwarded-For``): then the address the outermost of them saw. Entries further left
    come from the client and are not trusted.
    """
    proxies = settings.PORTAL_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


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


def over_limit(scope, keys, limit, window):
    """Count one more request under each of ``keys``; whether any has gone past ``limit``
    in its current window of ``window`` seconds (the window starts at its first request)."""
    exceeded = False
    for key in keys:
        digest = hashlib.sha256(key.encode()).hexdigest()
        cache_key = f"portal-limit:{scope}:{digest}"
        cache.add(cache_key, 0, window)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the window ended between the two calls
            cache.add(cache_key, 1, window)
            count = 1
        exceeded = exceeded or count > limit
    return exceeded


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
