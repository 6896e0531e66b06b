"""The filter form of "Nabory w GZM", sent by GET, and the form of the e-mail alerts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..filters import NetworkFilterForm, area_field, county_field, invalid, municipality_field
from .status import StatusFilter


class CallFilterForm(NetworkFilterForm):
    """The filters of "Nabory w GZM", sent by GET."""

    municipality = municipality_field()
    county = county_field()
    area = area_field()
    status = forms.ChoiceField(
        label=_("Stan naboru"),
        required=False,
        choices=StatusFilter.choices,
        error_messages=invalid(
            _("Nie ma takiego stanu naboru. Pokazujemy nabory, które teraz trwają.")
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_members()
        self._offer_areas()

    def filters(self):
        """Keyword arguments for ``CallPageQuerySet.filtered``: the valid values, defaults for
        the rest."""
        data = self.valid_data()
        return {
            "municipality": data.get("municipality") or None,
            "county": data.get("county") or None,
            "area": data.get("area") or None,
            "status": data.get("status") or StatusFilter.OPEN,
        }


class CallDataFilterForm(CallFilterForm):
    """The open-data API's filters of calls: the network page's, and the year the tasks are
    done in."""

    year = forms.IntegerField(
        label=_("Rok realizacji zadań"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Rok podaj jako liczbę, np. 2025. Pokazujemy wszystkie lata."),
            "min_value": _("Nie ma naborów z takiego roku. Pokazujemy wszystkie lata."),
            "max_value": _("Nie ma naborów z takiego roku. Pokazujemy wszystkie lata."),
        },
    )

    def filters(self):
        return {**super().filters(), "year": self.valid_data().get("year")}


class CallAlertForm(forms.Form):
    """E-mail alerts about new calls: the address, the consent, the scope (a municipality's
    slug, empty for the network) and a honeypot that people leave empty."""

    email = forms.EmailField(
        label=_("Adres e-mail"),
        max_length=254,
        error_messages={
            "required": _("Wpisz adres e-mail."),
            "invalid": _("Wpisz poprawny adres e-mail, np. jan.kowalski@example.pl."),
        },
    )
    consent = forms.BooleanField(
        label=_("Zgadzam się na przetwarzanie mojego adresu e-mail w celu wysyłania powiadomień."),
        error_messages={
            "required": _("Zaznacz zgodę: bez niej nie możemy wysyłać powiadomień."),
        },
    )
    gmina = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Nie wypełniaj tego pola"), required=False)
