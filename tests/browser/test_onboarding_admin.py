"""A 42nd member joins, in a real browser: a GZM network admin onboards it in the admin and
starts its first editor from its row, a resident opens its subsite at its own host, and the
editor's first call goes live once a moderator (here the network admin) approves it."""

import re
from datetime import date

import pytest
from django_otp.oath import totp

from .axe import assert_no_violations

pytestmark = pytest.mark.browser

PASSWORD = "haslo-testowe-123"  # portal.factories.UserFactory's
ADMIN = "admin-gzm-onboarding"
EDITOR = "redaktor-pyskowice"
EDITOR_PASSWORD = "Nowe-haslo-redaktora-2026"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test key, in hex
SLUG = "nowa-gmina-42"
NAME = "Nowa Gmina Czterdziesta Druga"
CALL_TITLE = "Inicjatywa lokalna 2027"

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


def test_a_network_admin_onboards_a_member_whose_editor_publishes_a_call(
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
    finally:
        resident.context.close()

    # Its first editor, started from the municipality's row (the group comes ticked).
    page.goto(portal.url("/admin/snippets/municipalities/municipality/"))
    add_editor = page.locator("tr", has_text=NAME).locator("a", has_text="Dodaj redaktora").first
    page.goto(portal.url(add_editor.get_attribute("href")))
    editors_box = page.get_by_label(f"{NAME} — redaktorzy")
    assert editors_box.is_checked()
    page.fill("input[name=username]", EDITOR)
    page.fill("input[name=email]", "redaktor@nowa-gmina.example.org")
    page.fill("input[name=first_name]", "Ewa")
    page.fill("input[name=last_name]", "Nowak")
    page.fill("input[name=password1]", EDITOR_PASSWORD)
    page.fill("input[name=password2]", EDITOR_PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()
    assert "/admin/users/" in page.url, page.url

    # The editor writes the call and sends it to the municipality's moderators.
    editor = browser.new_context(locale="pl-PL").new_page()
    try:
        sign_in(editor, portal, EDITOR, EDITOR_PASSWORD)
        editor.goto(portal.url("/admin/pages/"))
        editor.get_by_role("link", name=NAME).first.click()
        editor.get_by_role("link", name="Nabory wniosków").first.click()
        index_id = re.search(r"/admin/pages/(\d+)/", editor.url).group(1)
        editor.goto(portal.url(f"/admin/pages/add/municipalities/callpage/{index_id}/"))
        editor.fill("#id_title", CALL_TITLE)
        editor.fill("#id_slug", "inicjatywa-lokalna-2027")
        editor.fill("#id_summary", "Nabór wniosków o realizację zadań w 2027 roku.")
        editor.fill("#id_year", "2027")
        editor.fill("#id_closes_on", date(date.today().year + 1, 3, 31).isoformat())
        editor.fill("#id_pool_total", "50000")
        editor.locator("input[name=task_areas]").first.check()
        editor.fill("#id_criteria-0-name", "Wkład pracy społecznej mieszkańców")
        editor.fill("#id_criteria-0-max_points", "10")
        editor.select_option("#id_criteria-0-statutory", index=1)
        editor.locator("footer [data-w-dropdown-target=toggle]").first.click()
        with editor.expect_navigation(timeout=90_000):
            editor.get_by_role("button", name=re.compile("Wyślij do")).first.click()
        assert editor.locator(".messages .success").first.is_visible(), editor.content()[:3000]
    finally:
        editor.context.close()

    # The network admin, who may approve in any municipality, approves; the call is live.
    page.goto(portal.url("/admin/"))
    page.get_by_role("link", name=CALL_TITLE).first.click()
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation(timeout=90_000):
        page.get_by_role("button", name="Zatwierdź", exact=True).first.click()
    call = page.context.new_page()
    response = call.goto(portal.url("/nabory/inicjatywa-lokalna-2027/", municipality=SLUG))
    assert response.status == 200
    assert CALL_TITLE in call.content()
