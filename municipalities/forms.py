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


class CallFilterForm(forms.Form):
    """The filters of "Nabory w GZM", sent by GET.

    A value that is not on the list (an old link, a typo, a tampered address) is reported
    and left out; the rest of the filters still apply, so the page always answers.
    """

    municipality = forms.ChoiceField(
        label=_("Gmina"),
        required=False,
        error_messages=_invalid(_("Nie ma takiej gminy w sieci GZM. Pokazujemy wszystkie gminy.")),
    )
    county = forms.ChoiceField(
        label=_("Powiat"),
        required=False,
        error_messages=_invalid(_("Nie ma takiego powiatu w sieci GZM. Pokazujemy wszystkie.")),
    )
    area = forms.ChoiceField(
        label=_("Obszar zadań"),
        required=False,
        error_messages=_invalid(_("Nie ma takiego obszaru zadań. Pokazujemy wszystkie obszary.")),
    )
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
        self.fields["area"].choices = [
            ("", _("wszystkie obszary")),
            *((area.key, area.name) for area in TaskArea.objects.all()),
        ]

    def filters(self):
        """Keyword arguments for ``network_calls``: the valid values, defaults for the rest."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "municipality": data.get("municipality") or None,
            "county": data.get("county") or None,
            "area": data.get("area") or None,
            "status": data.get("status") or StatusFilter.OPEN,
        }


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
