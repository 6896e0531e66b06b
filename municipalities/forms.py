"""Forms residents fill in on the public site."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.collation import polish_key
from portal.taxonomy import TaskArea

from .call_listing import StatusFilter
from .models import GminaType, Municipality


def _invalid(message):
    return {"invalid_choice": message}


def _municipality_field():
    return forms.ChoiceField(
        label=_("Gmina"),
        required=False,
        error_messages=_invalid(_("Nie ma takiej gminy w sieci GZM. Pokazujemy wszystkie gminy.")),
    )


def _county_field():
    return forms.ChoiceField(
        label=_("Powiat"),
        required=False,
        error_messages=_invalid(_("Nie ma takiego powiatu w sieci GZM. Pokazujemy wszystkie.")),
    )


def _area_field():
    return forms.ChoiceField(
        label=_("Obszar zadań"),
        required=False,
        error_messages=_invalid(_("Nie ma takiego obszaru zadań. Pokazujemy wszystkie obszary.")),
    )


class FilterForm(forms.Form):
    """A GET form of listing filters that always answers.

    A value that is not on the list (an old link, a typo, a tampered address) is reported
    and left out; the rest of the filters still apply.
    """

    def valid_data(self):
        """The values that passed, without the ones reported as errors."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def _offer_areas(self):
        if "area" in self.fields:
            self.fields["area"].choices = [
                ("", _("wszystkie obszary")),
                *((area.key, area.name) for area in TaskArea.objects.all()),
            ]

    def _offer_members(self):
        """Municipality and county choices from the network's current members (one query)."""
        members = sorted(
            Municipality.objects.filter(membership_end__isnull=True).only(
                "name", "slug", "county", "gmina_type"
            ),
            key=lambda municipality: polish_key(municipality.name),
        )
        self.fields["municipality"].choices = [
            ("", _("wszystkie gminy")),
            *((municipality.slug, municipality.name) for municipality in members),
        ]
        self.fields["county"].choices = [("", _("wszystkie powiaty")), *_county_choices(members)]


class CallFilterForm(FilterForm):
    """The filters of "Nabory w GZM", sent by GET."""

    municipality = _municipality_field()
    county = _county_field()
    area = _area_field()
    status = forms.ChoiceField(
        label=_("Stan naboru"),
        required=False,
        choices=StatusFilter.choices,
        error_messages=_invalid(
            _("Nie ma takiego stanu naboru. Pokazujemy nabory, które teraz trwają.")
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_members()
        self._offer_areas()

    def filters(self):
        """Keyword arguments for ``network_calls``: the valid values, defaults for the rest."""
        data = self.valid_data()
        return {
            "municipality": data.get("municipality") or None,
            "county": data.get("county") or None,
            "area": data.get("area") or None,
            "status": data.get("status") or StatusFilter.OPEN,
        }


class GalleryFilterForm(FilterForm):
    """The filters of a municipality's gallery of initiatives, sent by GET.

    Years and districts are offered from the initiatives the gallery holds (``initiatives``,
    the listing before any filter), so a resident never picks a value that finds nothing.
    """

    year = forms.TypedChoiceField(
        label=_("Rok realizacji"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages=_invalid(
            _("W galerii nie ma inicjatyw z takiego roku. Pokazujemy wszystkie lata.")
        ),
    )
    area = _area_field()
    district = forms.ChoiceField(
        label=_("Dzielnica lub jednostka pomocnicza"),
        required=False,
        error_messages=_invalid(
            _("W galerii nie ma inicjatyw z takiej dzielnicy. Pokazujemy wszystkie miejsca.")
        ),
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        years = initiatives.order_by("-year").values_list("year", flat=True).distinct()
        self.fields["year"].choices = [
            ("", _("wszystkie lata")),
            *((str(year), str(year)) for year in years),
        ]
        self._offer_areas()
        districts = (
            initiatives.exclude(district="")
            .order_by("district")
            .values_list("district", flat=True)
            .distinct()
        )
        self.fields["district"].choices = [
            ("", _("wszystkie dzielnice")),
            *((district, district) for district in sorted(set(districts), key=polish_key)),
        ]

    def filters(self):
        """Keyword arguments for ``gallery_listing.filter_initiatives``."""
        data = self.valid_data()
        return {name: data.get(name) or None for name in self.fields}


class NetworkGalleryFilterForm(GalleryFilterForm):
    """The filters of "Zrealizowane inicjatywy w GZM": the gallery's, plus municipality and
    county."""

    municipality = _municipality_field()
    county = _county_field()

    field_order = ["municipality", "county", "year", "area", "district"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_members()


def _county_choices(municipalities):
    """Counties as stored on the members; cities with county rights form one group."""
    city_counties = {m.county for m in municipalities if m.gmina_type == GminaType.CITY_COUNTY}
    counties = {m.county for m in municipalities} - city_counties
    choices = [
        (county, gettext("Miasta na prawach powiatu"))
        for county in sorted(city_counties, key=polish_key)
    ]
    choices.extend(
        (county, gettext("Powiat %(name)s") % {"name": county})
        for county in sorted(counties, key=polish_key)
    )
    return choices
