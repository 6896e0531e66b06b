"""Cookie consent: analytics only after the visitor says yes.

Without analytics configured the portal sets no cookie at all for an anonymous visitor.
When GZM configures an analytics script (``AnalyticsSettings``, network-wide), every page
first shows a banner; the script is rendered only after the visitor accepts. The choice is
kept in one strictly necessary cookie, ``gzm_zgoda`` (``tak`` or ``nie``). See docs/cookies.md.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import freshness
from .models import AnalyticsSettings

COOKIE_NAME = "gzm_zgoda"
ACCEPT = "tak"
REJECT = "nie"
CHOICES = (ACCEPT, REJECT)
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # one year


@dataclass(frozen=True)
class Consent:
    """What a page shows about consent: the banner, the script, the footer link."""

    script_url: str = ""
    provider_name: str = ""
    privacy_info: str = ""
    choice: str | None = None

    @property
    def configured(self):
        return bool(self.script_url)

    @property
    def ask(self):
        """Show the banner: analytics is configured and the visitor has not chosen yet."""
        return self.configured and self.choice is None

    @property
    def load_script(self):
        return self.configured and self.choice == ACCEPT


def consent_for(request):
    """The consent state of ``request``: the network-wide setting (kept for the content
    generation) and the visitor's cookie."""
    if request is None:
        return Consent()
    script_url, provider_name, privacy_info = freshness.cached(
        ("analytics",), lambda: _analytics(request), request
    )
    choice = request.COOKIES.get(COOKIE_NAME)
    return Consent(
        script_url=script_url,
        provider_name=provider_name,
        privacy_info=privacy_info,
        choice=choice if choice in CHOICES else None,
    )


def _analytics(request):
    analytics = AnalyticsSettings.load(request_or_site=request)
    return (analytics.script_url, analytics.provider_name, analytics.privacy_info)


def safe_next(request, target):
    """``target`` if it stays on this host (and scheme), else the site's root."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def remember_choice(response, choice):
    response.set_cookie(
        COOKIE_NAME,
        choice,
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


def cookie_settings(request, status=200, error=""):
    """The cookie information page, with the two choices when analytics is configured."""
    return TemplateResponse(
        request,
        "portal/cookie_settings.html",
        {"consent": consent_for(request), "consent_error": error, "consent_page": True},
        status=status,
    )


@require_GET
def cookie_settings_view(request):
    return cookie_settings(request)


def sent_from_this_site(request):
    """Whether the browser says the POST comes from a page of this very site.

    The consent form carries no CSRF token: a token would make every page showing the banner
    personal, and so never cached, for as long as analytics is configured. Instead the
    browser's own word is checked, as OWASP recommends: ``Sec-Fetch-Site`` where the browser
    sends it, else ``Origin``, else ``Referer``; a request with none of them is refused.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site == "same-origin"
    own = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin:
        return origin == own
    referer = request.headers.get("Referer", "")
    return referer == own or referer.startswith(own + "/")


@csrf_exempt  # checked by sent_from_this_site instead
@require_POST
def cookie_consent(request):
    """Remember the visitor's choice (a POST from the banner or the settings page)."""
    if not sent_from_this_site(request):
        return cookie_settings(
            request,
            status=403,
            error=_("Wybór można zapisać tylko z formularza w tym serwisie. Wybierz ponownie."),
        )
    choice = request.POST.get("zgoda", "")
    if choice not in CHOICES:
        return cookie_settings(
            request, status=400, error=_("Nie rozpoznano wyboru. Wybierz jeden z przycisków.")
        )
    response = HttpResponseRedirect(safe_next(request, request.POST.get("next", "")))
    if consent_for(request).configured:
        remember_choice(response, choice)
    return response
