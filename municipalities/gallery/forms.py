"""The filter forms of a municipality's gallery and of the network's, sent by GET."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.collation import polish_key

from ..filters import (
    NetworkFilterForm,
    area_field,
    county_field,
    distinct_values,
    invalid,
    municipality_field,
)
from .stages import StageChoice


class GalleryFilterForm(NetworkFilterForm):
    """The filters of a municipality's gallery of initiatives, sent by GET.

    Years and districts are offered from the initiatives the gallery holds (``initiatives``,
    the listing before any filter), so a resident never picks a value that finds nothing.
    """

    stage = forms.ChoiceField(
        label=_("Etap"),
        required=False,
        error_messages=invalid(_("Nie ma takiego etapu. Pokazujemy zrealizowane inicjatywy.")),
    )
    year = forms.TypedChoiceField(
        label=_("Rok realizacji"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages=invalid(
            _("W galerii nie ma inicjatyw z takiego roku. Pokazujemy wszystkie lata.")
        ),
    )
    area = area_field()
    district = forms.ChoiceField(
        label=_("Dzielnica lub jednostka pomocnicza"),
        required=False,
        error_messages=invalid(
            _("W galerii nie ma inicjatyw z takiej dzielnicy. Pokazujemy wszystkie miejsca.")
        ),
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = StageChoice.choices
        years = sorted(distinct_values(initiatives, "year"), reverse=True)
        self.fields["year"].choices = [
            ("", _("wszystkie lata")),
            *((str(year), str(year)) for year in years),
        ]
        self._offer_areas()
        districts = distinct_values(initiatives.exclude(district=""), "district")
        self.fields["district"].choices = [
            ("", _("wszystkie dzielnice")),
            *((district, district) for district in sorted(set(districts), key=polish_key)),
        ]

    @property
    def offers_initiatives(self):
        """Whether the gallery holds initiatives at any stage (each has a year)."""
        return len(self.fields["year"].choices) > 1


class NetworkGalleryFilterForm(GalleryFilterForm):
    """The filters of "Zrealizowane inicjatywy w GZM": the gallery's, plus municipality and
    county."""

    municipality = municipality_field()
    county = county_field()

    field_order = ["stage", "municipality", "county", "year", "area", "district"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_members()
