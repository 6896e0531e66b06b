"""Settings models: a site's contact data (per site) and the network's analytics (GZM's)."""

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting


@register_setting(icon="mail")
class SiteContactSettings(BaseSiteSetting):
    """Contact data shown in the footer of one site (the network or one municipality)."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.TextField(_("adres urzędu"), blank=True)
    office_hours = models.CharField(_("godziny pracy"), max_length=200, blank=True)

    panels = [
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("address"),
        FieldPanel("office_hours"),
    ]

    class Meta:
        verbose_name = _("dane kontaktowe serwisu")


# Its own code: a model form would swap the message of code "invalid" for "Enter a valid URL".
validate_https_url = URLValidator(
    schemes=["https"],
    message=_("Podaj pełny adres skryptu zaczynający się od https://."),
    code="https_required",
)


@register_setting(icon="view")
class AnalyticsSettings(BaseGenericSetting):
    """The analytics script of the whole network. Edited by GZM's network admins only:
    whatever is entered here loads on every municipality's site, so it is a URL, never code."""

    script_url = models.URLField(
        _("adres skryptu analitycznego"),
        max_length=500,
        blank=True,
        validators=[validate_https_url],
        help_text=_(
            "Tylko adres https:// pliku JavaScript, np. skryptu Matomo. Puste pole wyłącza "
            "analitykę i baner zgody. Skrypt ładuje się dopiero po zgodzie odwiedzającego."
        ),
    )
    provider_name = models.CharField(
        _("nazwa narzędzia"),
        max_length=100,
        blank=True,
        help_text=_("Pokazywana w banerze zgody, np. Matomo."),
    )
    privacy_info = models.TextField(
        _("informacja dla odwiedzających"),
        max_length=500,
        blank=True,
        help_text=_("Krótki tekst w banerze: kto przetwarza dane i jak długo. Bez kodu HTML."),
    )

    panels = [FieldPanel("script_url"), FieldPanel("provider_name"), FieldPanel("privacy_info")]

    class Meta:
        verbose_name = _("analityka i zgoda na cookie")

    def __str__(self):
        return str(self._meta.verbose_name)
