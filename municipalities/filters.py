"""What the filter forms of the municipal and network listings share: the municipality,
county and task-area fields, offered from the database."""

import hashlib

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from portal import freshness
from portal.collation import polish_key
from portal.listing import FilterForm
from portal.models import TaskArea

from .models.municipality import GminaType, Municipality


def invalid(message):
    return {"invalid_choice": message}


def municipality_field():
    return forms.ChoiceField(
        label=_("Gmina"),
        required=False,
        error_messages=invalid(_("Nie ma takiej gminy w sieci GZM. Pokazujemy wszystkie gminy.")),
    )


def county_field():
    return forms.ChoiceField(
        label=_("Powiat"),
        required=False,
        error_messages=invalid(_("Nie ma takiego powiatu w sieci GZM. Pokazujemy wszystkie.")),
    )


def area_field():
    return forms.ChoiceField(
        label=_("Obszar zadań"),
        required=False,
        error_messages=invalid(_("Nie ma takiego obszaru zadań. Pokazujemy wszystkie obszary.")),
    )


class NetworkFilterForm(FilterForm):
    """A listing filter form that offers the network's task areas and current members."""

    def _offer_areas(self):
        if "area" in self.fields:
            areas = freshness.cached(
                ("filter-areas", get_language()),
                lambda: [(area.key, area.name) for area in TaskArea.objects.all()],
            )
            self.fields["area"].choices = [("", _("wszystkie obszary")), *areas]

    def _offer_members(self):
        """Municipality and county choices from the network's current members (one query,
        kept for the content generation)."""
        members = freshness.cached(("filter-members",), _current_members)
        self.fields["municipality"].choices = [
            ("", _("wszystkie gminy")),
            *((municipality.slug, municipality.name) for municipality in members),
        ]
        self.fields["county"].choices = [("", _("wszystkie powiaty")), *_county_choices(members)]


def _current_members():
    return sorted(
        Municipality.objects.members().only("name", "slug", "county", "gmina_type"),
        key=lambda municipality: polish_key(municipality.name),
    )


def distinct_values(queryset, field):
    """The distinct values of ``field`` in ``queryset`` (one query, kept for the content
    generation under the query's own text)."""
    values = queryset.order_by(field).values_list(field, flat=True).distinct()
    key = hashlib.sha1(str(values.query).encode(), usedforsecurity=False).hexdigest()
    return freshness.cached(("distinct", field, key), lambda: list(values))


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
