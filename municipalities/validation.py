"""The rules a new member's identifiers must meet, shared by the admin's onboarding form
and the ``onboard_municipality`` command."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models.municipality import GminaType

# One label of a DNS name (RFC 1123), lowercase only: the subsite is <slug>.<PORTAL_DOMAIN>.
HOST_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
TERC = re.compile(r"^\d{7}$")

# The last digit of a gmina's TERC code: its kind (a city with county rights is urban).
TERC_KIND_DIGIT = {
    GminaType.CITY_COUNTY: "1",
    GminaType.URBAN: "1",
    GminaType.RURAL: "2",
    GminaType.URBAN_RURAL: "3",
}


def validate_host_label(slug):
    if not HOST_LABEL.match(slug or ""):
        raise ValidationError(
            _(
                "Identyfikator staje się adresem serwisu gminy, więc może mieć najwyżej 63 "
                "znaki: małe litery bez polskich znaków, cyfry i łączniki, bez łącznika na "
                "początku i na końcu."
            ),
            code="host_label",
        )


def validate_terc(terc):
    if not TERC.match(terc or ""):
        raise ValidationError(_("Kod TERC ma dokładnie siedem cyfr."), code="terc_format")


def validate_terc_kind(terc, gmina_type):
    """The last digit of ``terc`` must name the kind of gmina chosen."""
    expected = TERC_KIND_DIGIT.get(gmina_type)
    if expected and terc[-1] != expected:
        raise ValidationError(
            _(
                "Ostatnia cyfra kodu TERC (%(digit)s) nie pasuje do rodzaju gminy: dla "
                "„%(kind)s” powinna to być %(expected)s."
            ),
            code="terc_kind",
            params={
                "digit": terc[-1],
                "kind": GminaType(gmina_type).label,
                "expected": expected,
            },
        )
