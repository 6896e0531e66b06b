from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm

from . import devices


class PasswordLoginForm(LoginForm):
    """The first step of signing in: Wagtail's form, its password field labelled.

    Wagtail gives the field no label, so Django makes one of its name, in English
    ("Password"), whatever the admin's language (``WAGTAILADMIN_USER_LOGIN_FORM``).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Hasło")


def throttled():
    """django-otp refuses codes for a while after a wrong one (1 s, doubling each time)."""
    return forms.ValidationError(
        _("Po błędnym kodzie trzeba chwilę odczekać. Spróbuj ponownie za kilka sekund."),
        code="throttled",
    )


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Kod"),
            max_length=32,
            strip=True,
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
            ),
            **kwargs,
        )


class ConfirmAuthenticatorForm(forms.Form):
    """The first code from a newly added authenticator app, which proves it was set up."""

    code = CodeField(help_text=_("Sześć cyfr, które pokazuje teraz aplikacja."))

    def __init__(self, *args, request, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.device = device
        self.backup_codes = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not self.device.verify_is_allowed()[0]:
            raise throttled()
        self.backup_codes = devices.confirm_authenticator(self.request, self.device, code)
        if self.backup_codes is None:
            raise forms.ValidationError(
                _(
                    "Ten kod się nie zgadza. Sprawdź, czy zegar telefonu jest ustawiony "
                    "poprawnie, i wpisz kod, który aplikacja pokazuje teraz."
                ),
                code="invalid",
            )
        return code


class VerifyForm(forms.Form):
    """The second step of signing in: a code from the app, or one of the backup codes."""

    code = CodeField(
        help_text=_("Kod z aplikacji uwierzytelniającej albo jeden z kodów zapasowych.")
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_code(self):
        code = self.cleaned_data["code"]
        if devices.is_throttled(self.request.user, code):
            raise throttled()
        if devices.verify(self.request, code) is None:
            raise forms.ValidationError(
                _(
                    "Ten kod się nie zgadza albo został już użyty. Wpisz kod, który aplikacja "
                    "pokazuje teraz, albo nieużyty kod zapasowy."
                ),
                code="invalid",
            )
        return code
