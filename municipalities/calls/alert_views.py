"""The pages of the e-mail alerts: the subscription form's answer, confirming, unsubscribing.

The call lists that show the form are kept by the frontend cache, so the form carries no
CSRF token (a token would make every call list personal, never cached). It posts here
instead, to a view that is never cached and is exempt from the CSRF check: the double opt-in
itself stops a forged subscription (nothing is sent to an address that does not confirm),
the browser must say the form came from this site (``sent_from_this_site``, as for the
cookie consent), a client address may ask only ``PORTAL_CALL_ALERTS_LIMIT`` times an hour,
and one e-mail address gets at most one mail an hour (calls/alerts.py).

Unsubscribing is a page with a button (GET changes nothing, so a mail scanner following the
link unsubscribes no one) and the POST of that button or of a mail client's one-click
unsubscribe (RFC 8058: a POST with ``List-Unsubscribe=One-Click`` and no Origin), which
the token in the address alone authorises.
"""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale

from portal.chrome import LANGUAGE_NAMES, LanguageLink, build_chrome
from portal.consent import sent_from_this_site
from portal.rate_limits import TOO_MANY_REQUESTS, client_address, over_limit

from ..models.municipality import Municipality
from . import alerts
from .forms import CallAlertForm
from .models import CallIndexPage, CallNetworkIndexPage

FORM_TEMPLATE = "municipalities/alerts/subscribe.html"
DONE_TEMPLATE = "municipalities/alerts/message.html"
UNSUBSCRIBE_TEMPLATE = "municipalities/alerts/unsubscribe.html"


def scope_of(slug):
    """The municipality a form's ``gmina`` names (a current member), None for the network."""
    if not slug:
        return None
    municipality = Municipality.objects.members().filter(slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality


def calls_page(municipality):
    """The call list the alerts are about, in the active language: the frame of the pages."""
    locale = Locale.get_active()
    if municipality is None:
        page = CallNetworkIndexPage.objects.filter(locale=locale).first()
        page = page or CallNetworkIndexPage.objects.first()
    else:
        root = municipality.root_page
        page = CallIndexPage.objects.child_of(root.get_translation_or_none(locale) or root).first()
    if page is None:
        raise Http404
    return page


def render(request, template, municipality, context, status=200, url_name=None, kwargs=None):
    page = calls_page(municipality)
    chrome = build_chrome(page, request)
    current = translation.get_language()
    if url_name:
        # The language switcher leads to this same page in the other languages.
        urls = {}
        for code in LANGUAGE_NAMES:
            with translation.override(code):
                urls[code] = reverse(url_name, kwargs=kwargs)
        chrome.languages = [
            LanguageLink(code, LANGUAGE_NAMES[code], urls[code], code == current)
            for code in LANGUAGE_NAMES
        ]
    chrome.canonical_url = request.build_absolute_uri(request.path)
    chrome.alternates = []
    context = {
        **context,
        "calls_page": page,
        "chrome": chrome,
        "alert_municipality": municipality,
        "alert_scope": alerts.scope_name(municipality),
        "alert_controller": alerts.controller_name(municipality),
        # Nothing of these pages is kept (templatetags/page_body.py).
        "add_body_context": lambda request, body: None,
        "body_cache_key": None,
    }
    response = TemplateResponse(request, template, context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


@csrf_exempt  # see the module's docstring: a cached page's form, checked otherwise
@require_http_methods(["GET", "POST"])
def subscribe(request):
    data = request.POST if request.method == "POST" else request.GET
    municipality = scope_of(data.get("gmina", ""))
    if request.method == "GET":
        form = CallAlertForm(initial={"gmina": data.get("gmina", "")})
        return render(request, FORM_TEMPLATE, municipality, {"form": form})
    form = CallAlertForm(request.POST)
    if not sent_from_this_site(request):
        error = _("Zapis można wysłać tylko z formularza w tym serwisie. Spróbuj ponownie.")
        return render(
            request, FORM_TEMPLATE, municipality, {"form": form, "alert_error": error}, 403
        )
    window = settings.PORTAL_CALL_ALERTS_WINDOW
    if over_limit(
        "call-alerts",
        [f"address:{client_address(request)}"],
        settings.PORTAL_CALL_ALERTS_LIMIT,
        window,
    ):
        error = _("Zbyt wiele zapisów z tego adresu. Spróbuj ponownie za godzinę.")
        response = render(
            request,
            FORM_TEMPLATE,
            municipality,
            {"form": form, "alert_error": error},
            TOO_MANY_REQUESTS,
        )
        response["Retry-After"] = str(window)
        return response
    if not form.is_valid():
        return render(request, FORM_TEMPLATE, municipality, {"form": form}, 400)
    if not form.cleaned_data["website"]:  # the honeypot: filled in only by robots
        alerts.subscribe(form.cleaned_data["email"], municipality, translation.get_language())
    return render(
        request,
        DONE_TEMPLATE,
        municipality,
        {
            "heading": _("Sprawdź swoją skrzynkę e-mail"),
            "message": _(
                "Jeśli ten adres nie jest jeszcze zapisany, wysłaliśmy na niego wiadomość z "
                "linkiem potwierdzającym. Powiadomienia zaczniemy wysyłać dopiero po kliknięciu "
                "tego linku. Niepotwierdzony zapis usuniemy po 7 dniach."
            ),
        },
    )


@require_http_methods(["GET"])
def confirm(request, token):
    subscription = alerts.confirm(token)
    if subscription is None:
        return render(
            request,
            DONE_TEMPLATE,
            None,
            {
                "heading": _("Nie znaleziono zapisu"),
                "message": _(
                    "Ten link jest nieaktualny: zapis został usunięty albo nie został "
                    "potwierdzony w ciągu 7 dni. Możesz zapisać się ponownie."
                ),
            },
            404,
            "call_alerts_confirm",
            {"token": token},
        )
    return render(
        request,
        DONE_TEMPLATE,
        subscription.municipality,
        {
            "heading": _("Zapis potwierdzony"),
            "message": _(
                "Będziemy wysyłać powiadomienia o nowych naborach wniosków: %(scope)s. Link do "
                "wypisania się znajdziesz w każdej wiadomości."
            )
            % {"scope": alerts.scope_name(subscription.municipality)},
        },
        200,
        "call_alerts_confirm",
        {"token": token},
    )


@csrf_exempt  # authorised by the token in the address; mail clients post with no token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = alerts.subscription_to_end(token)
    municipality = subscription.municipality if subscription else None
    names = ("call_alerts_unsubscribe", {"token": token})
    if request.method == "POST" and subscription is not None:
        alerts.unsubscribe(token)
        return render(
            request,
            DONE_TEMPLATE,
            municipality,
            {
                "heading": _("Wypisano z powiadomień"),
                "message": _(
                    "Nie będziemy już wysyłać powiadomień o naborach na ten adres. Usunęliśmy "
                    "go z listy."
                ),
            },
            200,
            *names,
        )
    if subscription is None:
        return render(
            request,
            DONE_TEMPLATE,
            None,
            {
                "heading": _("Nie znaleziono zapisu"),
                "message": _("Ten adres nie jest zapisany na powiadomienia albo już go wypisano."),
            },
            404,
            *names,
        )
    return render(
        request,
        UNSUBSCRIBE_TEMPLATE,
        municipality,
        {"subscription": subscription},
        200,
        *names,
    )
