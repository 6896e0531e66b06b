"""Who must sign in with a second factor, and the devices that give it.

An editor's devices are django-otp's: one authenticator app (``TOTPDevice``) and one set of
backup codes (``StaticDevice``, each code good for one sign-in). Views, the middleware and
the tests call these functions; django-otp's ``addstatictoken`` command adds a recovery code
to the same backup set.
"""

from base64 import b32encode

from django.db import transaction
from django.utils.safestring import mark_safe

import django_otp
import qrcode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from portal.permissions import is_network_admin

AUTHENTICATOR_NAME = "authenticator"
BACKUP_NAME = "backup"
BACKUP_CODE_COUNT = 10
TOTP_DIGITS = 6


def has_second_factor(user):
    """The user has set up an authenticator app (or was given backup codes)."""
    return any(django_otp.devices_for_user(user, confirmed=True))


def is_required(user):
    """A second factor is asked of GZM's network administration and of anyone who set one up."""
    return is_network_admin(user) or (user.is_authenticated and has_second_factor(user))


def is_verified(user):
    """This session passed the second step (``django_otp.middleware.OTPMiddleware``)."""
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def pending_authenticator(user):
    """The authenticator being set up: made on the first visit and kept until confirmed, so
    that reloading the page shows the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def manual_key(device):
    """The device's secret as the base32 text an authenticator app accepts, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The device's ``otpauth://`` address as an inline SVG QR code on white (readable in the
    admin's dark theme too; nothing is fetched)."""
    image = qrcode.make(device.config_url, image_factory=SvgPathFillImage, box_size=10, border=4)
    # Markup generated here from our own data, not from user input.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


@transaction.atomic
def confirm_authenticator(request, device, code):
    """Confirm ``device`` with a code from the app. On success it replaces any earlier
    authenticator, the session counts as verified, and new backup codes are returned (to be
    shown once); on failure ``None``."""
    if not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user):
    """A fresh set of backup codes for ``user``, replacing the old ones; returned in clear
    text this once (they are stored as django-otp keeps them)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_NAME, defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def remaining_backup_codes(user):
    return StaticToken.objects.filter(device__user=user).count()


def _normalised(code):
    return "".join(code.split()).lower()


def _devices_for(user, code):
    """The devices a code is meant for: six digits come from the app, anything else is a
    backup code (so a mistyped code of one kind never slows down the other)."""
    if code.isdigit() and len(code) == TOTP_DIGITS:
        return list(TOTPDevice.objects.filter(user=user, confirmed=True))
    return list(StaticDevice.objects.filter(user=user, confirmed=True))


def is_throttled(user, code):
    """After wrong codes django-otp refuses further ones for a while (1 s, then doubling)."""
    return any(
        not device.verify_is_allowed()[0] for device in _devices_for(user, _normalised(code))
    )


def verify(request, code):
    """Check ``code`` against the user's authenticator or their backup codes (a backup code is
    used up). On success the session counts as verified and the device is returned."""
    user = request.user
    code = _normalised(code)
    for device in _devices_for(user, code):
        matched = django_otp.verify_token(user, device.persistent_id, code)
        if matched is not None:
            django_otp.login(request, matched)
            return matched
    return None


@transaction.atomic
def remove_all(user):
    """Forget every device of ``user`` (turning two-factor sign-in off)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
