"""Two-factor sign-in to the admin (django-otp): an authenticator app's codes (TOTP) and
single-use backup codes. Required for GZM's network administration, available to every other
editor; see docs/admin-security.md."""
