"""The local demo's administrator account."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.two_factor.devices import new_backup_codes


def ensure_demo_admin(username="admin", password_file=None):
    """A superuser for the local demo; its password is kept in .local/ and printed by the caller.

    A superuser must sign in with a second factor. Until one sets up an authenticator app, each
    call gives the account fresh backup codes (returned third), so that the printed login works
    at once; the admin then offers to set up the app."""
    password_file = Path(password_file or settings.BASE_DIR / ".local" / "admin-password")
    password_file.parent.mkdir(parents=True, exist_ok=True)
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    has_app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    codes = [] if has_app else new_backup_codes(user)
    return username, password, codes
