"""A 42nd member joins, in a real browser: a GZM network admin onboards it in the admin (a
mistake first, refused with what was typed kept), a resident opens its subsite at its own
host, the admin starts its first editor and moderator from its row, the editor writes a
call and sends it to moderation, the moderator accepts it, and the resident finds it."""

import pytest
from django_otp.oath import totp

from .axe import assert_no_violations

pytestmark = pytest.mark.browser

PASSWORD = "haslo-testowe-123"  # portal.factories.UserFactory's
ADMIN = "admin-gzm-onboarding"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test key, in hex
SLUG = "nowa-gmina-42"
NAME = "Nowa Gmina Czterdziesta Druga"
CALL = "Zielone podwórka 2027"

NETWORK_ADMIN = """
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from municipalities.onboarding import NETWORK_ADMINS_GROUP
from portal.factories import UserFactory
admin = UserFactory(username={username!r}, groups=[Group.objects.get(name=NETWORK_ADMINS_GROUP)])
TOTPDevice.objects.create(user=admin, name="telefon", key={key!r}, confirmed=True)
"""


@pytest.fixture(scope="module")
def network_admin(portal):
    portal.run_python(NETWORK_ADMIN.format(username=ADMIN, key=TOTP_KEY))
    return ADMIN


def sign_in(page, portal, username, password=PASSWORD, second_factor=False):
    page.goto(portal.url("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    # A code typed at the end of its 30-second window may be refused: then the next one.
    for _attempt in range(3 if second_factor else 0):
        page.goto(portal.url("/admin/logowanie-dwuetapowe/potwierdz/?next=/admin/"))
        page.fill("input[name=code]", f"{totp(bytes.fromhex(TOTP_KEY)):06d}")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        if "logowanie-dwuetapowe" not in page.url:
            break
        page.wait_for_timeout(30_000)
    page.goto(portal.url("/admin/"))
    assert page.url == portal.url("/admin/"), page.url  # not sent to a sign-in step again


def test_a_network_admin_onboards_a_member_whose_site_a_resident_opens(
    browser, page, portal, network_admin
):
    sign_in(page, portal, network_admin, second_factor=True)

    # Gminy GZM → Dodaj gminę: first a mistake, which keeps what was typed.
    page.goto(portal.url("/admin/snippets/municipalities/municipality/add/"))
    assert_no_violations(page)
    page.fill("input[name=name]", NAME)
    page.fill("input[name=slug]", "Nowa_Gmina")
    page.fill("input[name=terc]", "2413012")
    page.select_option("select[name=gmina_type]", "rural")
    page.fill("input[name=county]", "gliwicki")
    page.fill("input[name=membership_start]", "2026-12-01")
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()
    assert page.get_by_text("najwyżej 63 znaki").is_visible()
    assert page.input_value("input[name=name]") == NAME
    page.wait_for_timeout(1000)  # Wagtail's error banner fades in; axe measures it once shown
    assert_no_violations(page)

    page.fill("input[name=slug]", SLUG)
    with page.expect_navigation(timeout=180_000):  # onboarding a whole subsite takes a while
        page.locator("main button[type=submit]").first.click()
    assert page.get_by_text(f"Gmina „{NAME}” dołączyła do sieci GZM").is_visible()

    # A resident opens the new subsite at its own host.
    resident = browser.new_context(locale="pl-PL").new_page()
    try:
        response = resident.goto(portal.url("/", municipality=SLUG))
        assert response.status == 200
        assert NAME in resident.title()
        assert resident.get_by_role("link", name="Nabory wniosków").first.is_visible()

        # GZM starts the city's first editor and moderator from its row of "Gminy GZM".
        editor = add_person(page, portal, "Dodaj redaktora", "redaktor-42")
        moderator = add_person(page, portal, "Dodaj moderatora", "moderator-42")

        # The editor writes a call and sends it to the city's moderation.
        writer = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
        try:
            write_call(writer.new_page(), portal, editor)
        finally:
            writer.close()

        # The moderator accepts it, which publishes it.
        reviewer = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
        try:
            accept_call(reviewer.new_page(), portal, moderator)
        finally:
            reviewer.close()

        # The resident finds it among the city's calls.
        resident.goto(portal.url("/nabory/", municipality=SLUG))
        resident.get_by_role("link", name=CALL).first.click()
        assert resident.get_by_role("heading", level=1).inner_text() == CALL
        assert resident.get_by_text("31 marca 2027").first.is_visible()
    finally:
        resident.context.close()


def add_person(page, portal, action, username):
    """The network admin adds a person from the municipality's row; its group is ticked."""
    page.goto(portal.url("/admin/snippets/municipalities/municipality/?q=Nowa+Gmina"))
    page.get_by_role("button", name=f"Więcej opcji dla '{NAME}'").click()
    with page.expect_navigation():
        page.get_by_role("link", name=action).click()
    page.fill("input[name=username]", username)
    page.fill("input[name=email]", f"{username}@nowa-gmina.example")
    page.fill("input[name=first_name]", "Anna")
    page.fill("input[name=last_name]", username.split("-")[0].capitalize())
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()
    assert "/admin/users/" in page.url and "/new/" not in page.url, page.url
    return username


def write_call(page, portal, editor):
    sign_in(page, portal, editor)
    page.goto(portal.url("/admin/pages/"))  # an editor's explorer opens at their city
    with page.expect_navigation():
        page.get_by_role("link", name="Dodaj stronę podrzędną do 'Nabory wniosków'").click()
    page.fill("#id_title", CALL)
    page.fill("#id_summary", "Mieszkańcy i gmina razem zazieleniają podwórka w 2027 roku.")
    page.fill("#id_year", "2027")
    page.fill("#id_opens_on", "2026-11-01")
    page.fill("#id_closes_on", "2027-03-31")
    page.fill("#id_pool_total", "100000")
    page.get_by_label("Ochrona przyrody i zieleń").check()
    page.fill("#id_criteria-0-name", "Wkład pracy społecznej mieszkańców")
    page.fill("#id_criteria-0-max_points", "10")
    page.select_option("#id_criteria-0-statutory", "social_work")
    # Editors do not publish: the more-actions menu sends the page to moderation.
    page.locator("footer .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    sent = f"Utworzono stronę „{CALL}” i przekazano ją do akceptacji."
    assert page.get_by_text(sent).is_visible()


def accept_call(page, portal, moderator):
    sign_in(page, portal, moderator)
    review = page.locator("#awaiting-review-section")
    assert review.get_by_role("link", name=CALL).is_visible()
    review.get_by_role("button", name="Akcje").first.click()
    with page.expect_navigation():
        review.get_by_role("button", name="Akceptuj", exact=True).click()
    page.goto(portal.url(f"/admin/pages/search/?q={CALL}"))
    assert page.get_by_text("Opublikowana").first.is_visible()
