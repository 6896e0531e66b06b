"""Site settings: A's people edit their own site's settings, never B's."""

from django.urls import reverse

import pytest

from portal.models import SiteContactSettings

from .helpers import (
    EDITING,
    PEOPLE_OF_A,
    assert_denied,
    log_in_as,
)


def settings_url(site=None):
    args = ["portal", "sitecontactsettings"] + ([site.pk] if site else [])
    return reverse("wagtailsettings:edit", args=args)


CONTACT = {
    "email": "inicjatywa@example.org",
    "phone": "+48 32 000 00 00",
    "address": "ul. Przykładowa 1",
    "office_hours": "pn-pt 8-16",
}


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_editing_the_other_municipality_settings_is_refused(network, client, role):
    log_in_as(client, network, role)

    assert_denied(client.get(settings_url(network.b.site)))
    assert_denied(client.post(settings_url(network.b.site), CONTACT))

    assert SiteContactSettings.for_site(network.b.site).email == ""


@pytest.mark.parametrize(("role", "owner"), EDITING)
def test_own_people_edit_site_settings(network, client, role, owner):
    site = getattr(network, owner).site
    log_in_as(client, network, role)

    response = client.post(settings_url(site), CONTACT)

    assert response.status_code == 302
    assert SiteContactSettings.for_site(site).email == CONTACT["email"]


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_settings_opened_on_the_other_municipality_host_are_own(network, client, role):
    log_in_as(client, network, role)

    response = client.get(settings_url(), HTTP_HOST=network.b.site.hostname)

    assert response["Location"] == settings_url(network.a.site)
    # One site to edit, so no site switcher offering any other.
    assert client.get(response["Location"]).context["site_switcher"] is None
