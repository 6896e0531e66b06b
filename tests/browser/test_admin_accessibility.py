"""Accessibility of the admin pages the portal adds: the network dashboard, in a real
browser, for GZM (every municipality) and for a municipality's editor (its own row).

The network admin signs in with a password and a backup code, as GZM's people must take the
second step (docs/admin-security.md).
"""

import pytest

from .axe import assert_no_violations

pytestmark = pytest.mark.browser

PASSWORD = "haslo-testowe-123"  # portal.factories.UserFactory's
NETWORK_ADMIN = "admin-gzm-a11y"
EDITOR = "redaktor-a11y"
BACKUP_CODE = "a11ykod1"

PEOPLE = """
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from municipalities.models import Municipality
from municipalities.onboarding import NETWORK_ADMINS_GROUP
from portal.factories import UserFactory
admin = UserFactory(username={admin!r}, groups=[Group.objects.get(name=NETWORK_ADMINS_GROUP)])
device = StaticDevice.objects.create(user=admin, name="zapasowe", confirmed=True)
device.token_set.create(token={code!r})
city = Municipality.objects.get(slug="ruda-slaska")
UserFactory(username={editor!r}, groups=[city.editors_group])
"""


@pytest.fixture(scope="module")
def people(portal):
    portal.run_python(PEOPLE.format(admin=NETWORK_ADMIN, editor=EDITOR, code=BACKUP_CODE))


def sign_in(page, portal, username, code=None):
    page.goto(portal.url("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if code:
        page.fill("input[name=code]", code)
        with page.expect_navigation():
            page.click("button[type=submit]")


def test_network_dashboard_for_gzm_has_no_wcag_violations(page, portal, people):
    sign_in(page, portal, NETWORK_ADMIN, BACKUP_CODE)  # a backup code works once: one test

    for query in ["", "?ordering=-open_calls", "?county=b%C4%99dzi%C5%84ski&ordering=county"]:
        response = page.goto(portal.url(f"/admin/siec/{query}"))

        assert response.status == 200, page.url
        assert page.locator("table.network-dashboard caption").count() == 1
        assert page.locator("table.network-dashboard tbody tr").count() >= 1
        sorted_headers = page.locator("table.network-dashboard thead th:not([aria-sort=none])")
        assert sorted_headers.count() == 1
        assert_no_violations(page)


def test_network_dashboard_for_an_editor_has_no_wcag_violations(page, portal, people):
    sign_in(page, portal, EDITOR)

    response = page.goto(portal.url("/admin/siec/"))

    assert response.status == 200
    assert page.locator("table.network-dashboard tbody tr").count() == 1
    assert "Ruda Śląska" in page.locator("table.network-dashboard tbody").inner_text()
    assert_no_violations(page)
