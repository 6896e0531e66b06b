"""The admin's two-factor pages: overview, set-up, the second step of signing in, new backup
codes and switching it off. Every page is reachable before the second step (the middleware
lets them through); those that change an existing set-up ask for the second step first."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.permissions import is_network_admin

from . import devices
from .forms import ConfirmAuthenticatorForm, VerifyForm

TEMPLATES = "portal/two_factor/"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _must_verify_first(request):
    """A set-up that exists can only be changed from a session that passed the second step
    (a stolen password alone must not replace the authenticator)."""
    return devices.has_second_factor(request.user) and not devices.is_verified(request.user)


def _to(view_name, next_url):
    return redirect(f"{reverse(view_name)}?{urlencode({'next': next_url})}")


def _to_verification(request):
    return _to("two_factor_verify", request.get_full_path())


def _render(request, template, title, **context):
    return TemplateResponse(
        request,
        TEMPLATES + template,
        {"page_title": title, "header_icon": "key", **context},
    )


def overview(request):
    user = request.user
    return _render(
        request,
        "overview.html",
        _("Logowanie dwuetapowe"),
        enabled=devices.has_second_factor(user),
        required=devices.is_required(user) and not devices.has_second_factor(user),
        network_admin=is_network_admin(user),
        backup_codes_left=devices.remaining_backup_codes(user),
    )


def enrol(request):
    if _must_verify_first(request):
        return _to_verification(request)
    device = devices.pending_authenticator(request.user)
    form = ConfirmAuthenticatorForm(
        request.POST if request.method == "POST" else None, request=request, device=device
    )
    if form.is_valid():
        messages.success(request, _("Logowanie dwuetapowe jest włączone."))
        return _render(
            request,
            "backup_codes.html",
            _("Kody zapasowe"),
            codes=form.backup_codes,
            next_url=_next_url(request),
        )
    return _render(
        request,
        "enrol.html",
        _("Włącz logowanie dwuetapowe"),
        form=form,
        required=is_network_admin(request.user),
        qr_code=devices.qr_code_svg(device),
        manual_key=devices.manual_key(device),
        next_url=_next_url(request),
    )


def verify(request):
    if not devices.has_second_factor(request.user):
        return _to("two_factor_enrol", _next_url(request))
    if devices.is_verified(request.user):
        return redirect(_next_url(request))
    form = VerifyForm(request.POST if request.method == "POST" else None, request=request)
    if form.is_valid():
        return redirect(_next_url(request))
    return _render(
        request,
        "verify.html",
        _("Potwierdź logowanie"),
        form=form,
        next_url=_next_url(request),
    )


@require_POST
def backup_codes(request):
    if _must_verify_first(request) or not devices.has_second_factor(request.user):
        return _to_verification(request)
    codes = devices.new_backup_codes(request.user)
    return _render(
        request,
        "backup_codes.html",
        _("Kody zapasowe"),
        codes=codes,
        next_url=reverse("two_factor_overview"),
    )


def disable(request):
    if not devices.has_second_factor(request.user):
        return redirect("two_factor_overview")
    form = VerifyForm(request.POST if request.method == "POST" else None, request=request)
    if form.is_valid():
        devices.remove_all(request.user)
        messages.success(request, _("Logowanie dwuetapowe jest wyłączone."))
        return redirect("two_factor_overview")
    return _render(
        request,
        "disable.html",
        _("Wyłącz logowanie dwuetapowe"),
        form=form,
        required=is_network_admin(request.user),
    )
