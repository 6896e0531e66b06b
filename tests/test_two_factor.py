"""Two-factor sign-in to the admin: GZM's network admins cannot use the admin on a password
alone; they set up an authenticator app (a real TOTP code computed here from the device's key
is accepted, a wrong one is refused in the editor's language with what they typed kept), and a
backup code signs in once only. A municipal editor may use the admin without it, and may
switch it on, after which they are asked for it too.

Every test here signs in through the login form with a password, as a person does, with
Django's plain test client (the suite's ``client`` passes the second step by itself).
"""

import io
import re
from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.factories import UserFactory
from portal.two_factor import devices

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

WRONG_CODE_PL = "Ten kod się nie zgadza."
WRONG_CODE_EN = "This code does not match."
WRONG_CODE_UK = "Цей код не збігається."
WAIT_PL = "trzeba chwilę odczekać"
REQUIRED_PL = "Administratorzy sieci GZM muszą logować się dwuetapowo."


def signed_in_with_password(user, address="192.0.2.20"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "the password was not accepted"
    return client


def current_code(device, offset=0):
    """What the authenticator app shows now (``offset`` steps of 30 s later)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - offset * device.step):06d}"


def parameterless_admin_urls():
    """Every admin address the project registers that takes no parameters (a page an editor
    opens from the menu), except signing in and out, the admin's script translations and the
    two-factor pages."""
    urls = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.pattern.converters:
                    continue
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and not entry.pattern.converters:
                route = prefix + str(entry.pattern)
                if "(" in route or "<" in route:
                    continue
                urls.append("/" + route.lstrip("^").replace("$", ""))

    walk(get_resolver().url_patterns, "")
    skipped = ("/admin/login/", "/admin/logout/", "/admin/jsi18n/", "/admin/logowanie-dwuetapowe/")
    return sorted(
        {url for url in urls if url.startswith("/admin/") and not url.startswith(skipped)}
    )


@pytest.fixture
def network_admin(network):
    return network.users["network_admin"]


@pytest.fixture
def superuser(db):
    return UserFactory(username="superuser-2fa", is_superuser=True)


@pytest.fixture
def enrolled_admin(network_admin):
    """The network admin with an authenticator and backup codes already set up."""
    device = TOTPDevice.objects.create(user=network_admin, name="authenticator")
    codes = devices.new_backup_codes(network_admin)
    return network_admin, device, codes


def test_the_project_registers_many_parameterless_admin_pages():
    urls = parameterless_admin_urls()
    assert {"/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/"} <= set(urls)
    assert len(urls) > 30


@pytest.mark.parametrize("role", ["network_admin", "superuser"])
def test_a_network_admin_with_a_password_only_is_sent_to_set_up_two_factor_from_every_admin_page(
    request, network, role
):
    user = (
        network.users["network_admin"]
        if role == "network_admin"
        else request.getfixturevalue("superuser")
    )
    client = signed_in_with_password(user)

    for url in parameterless_admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("two_factor_enrol") + "?next="), url

    setup = client.get(reverse("wagtailadmin_home"), follow=True)
    assert setup.status_code == 200
    assert REQUIRED_PL in setup.content.decode()


def test_a_network_admin_who_has_an_authenticator_is_asked_for_the_code_and_sent_back(
    enrolled_admin,
):
    user, device, _codes = enrolled_admin
    client = signed_in_with_password(user)

    asked = client.get("/admin/images/")
    assert asked.status_code == 302
    assert asked["Location"] == f"{reverse('two_factor_verify')}?next=%2Fadmin%2Fimages%2F"

    verified = client.post(
        asked["Location"], {"code": current_code(device), "next": "/admin/images/"}
    )
    assert verified.status_code == 302
    assert verified["Location"] == "/admin/images/"
    assert client.get("/admin/images/").status_code == 200


def test_setting_up_an_authenticator_with_a_real_code_opens_the_admin(network_admin):
    client = signed_in_with_password(network_admin)

    page = client.get(reverse("two_factor_enrol"), {"next": "/admin/pages/"})
    device = TOTPDevice.objects.get(user=network_admin, confirmed=False)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html  # the QR code, drawn in the page
    assert devices.manual_key(device) in html
    assert "otpauth://" not in html.replace(devices.manual_key(device), "")  # no external image

    done = client.post(
        reverse("two_factor_enrol"), {"code": current_code(device), "next": "/admin/pages/"}
    )

    shown_codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert done.status_code == 200
    assert len(shown_codes) == devices.BACKUP_CODE_COUNT
    assert set(shown_codes) == set(
        StaticToken.objects.filter(device__user=network_admin).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200
    # Shown once: the overview counts them, it never lists them again.
    overview = client.get(reverse("two_factor_overview")).content.decode()
    assert not any(code in overview for code in shown_codes)


def test_the_code_of_the_next_half_minute_is_accepted_too(network_admin):
    """A phone's clock a little ahead still works (django-otp's tolerance of one step)."""
    client = signed_in_with_password(network_admin)
    client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=network_admin, confirmed=False)

    done = client.post(reverse("two_factor_enrol"), {"code": current_code(device, offset=1)})

    assert done.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize(
    ("language", "message"), [("pl", WRONG_CODE_PL), ("en", WRONG_CODE_EN), ("uk", WRONG_CODE_UK)]
)
def test_a_wrong_code_is_refused_in_the_editors_language_and_the_form_keeps_it(
    network_admin, language, message
):
    profile = UserProfile.get_for_user(network_admin)
    profile.preferred_language = language
    profile.save()
    client = signed_in_with_password(network_admin)
    first = client.get(reverse("two_factor_enrol")).content.decode()
    device = TOTPDevice.objects.get(user=network_admin, confirmed=False)
    wrong = "000000" if current_code(device) != "000000" else "111111"

    refused = client.post(reverse("two_factor_enrol"), {"code": wrong})

    html = refused.content.decode()
    assert refused.status_code == 200
    assert message in html
    assert f'value="{wrong}"' in html
    # The same key as before: the app set up from the first page still fits.
    assert devices.manual_key(device) in first
    assert devices.manual_key(device) in html
    assert not TOTPDevice.objects.filter(user=network_admin, confirmed=True).exists()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_letters_instead_of_digits_are_refused_not_an_error(network_admin):
    client = signed_in_with_password(network_admin)
    client.get(reverse("two_factor_enrol"))

    refused = client.post(reverse("two_factor_enrol"), {"code": "abc<def>"})

    assert refused.status_code == 200
    assert WRONG_CODE_PL in refused.content.decode()


def test_a_backup_code_signs_in_once_only(enrolled_admin):
    user, _device, codes = enrolled_admin
    client = signed_in_with_password(user)

    first = client.post(reverse("two_factor_verify"), {"code": codes[0], "next": "/admin/"})
    assert first.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert devices.remaining_backup_codes(user) == devices.BACKUP_CODE_COUNT - 1

    again = signed_in_with_password(user, address="192.0.2.21")
    reused = again.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert reused.status_code == 200
    assert "został już użyty" in reused.content.decode()
    assert again.get("/admin/").status_code == 302
    # Another, unused code still works (typed in capitals, with spaces), once django-otp's
    # pause after the wrong one is over.
    spaced = " ".join(codes[1].upper())
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert again.post(reverse("two_factor_verify"), {"code": spaced}).status_code == 302
        assert again.get("/admin/").status_code == 200


def test_after_a_wrong_code_the_next_is_refused_for_a_moment_with_a_message(enrolled_admin):
    user, device, _codes = enrolled_admin
    client = signed_in_with_password(user)
    right = current_code(device)
    wrong = "000000" if right != "000000" else "111111"

    client.post(reverse("two_factor_verify"), {"code": wrong})
    too_soon = client.post(reverse("two_factor_verify"), {"code": right})

    assert too_soon.status_code == 200
    assert WAIT_PL in too_soon.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert client.post(reverse("two_factor_verify"), {"code": right}).status_code == 302


def test_a_password_alone_cannot_replace_the_authenticator(enrolled_admin):
    user, _device, _codes = enrolled_admin
    client = signed_in_with_password(user)

    for url in (reverse("two_factor_enrol"),):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_verify"))
    assert client.post(reverse("two_factor_backup_codes")).status_code == 302
    refused = client.post(reverse("two_factor_disable"), {"code": "123456"})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_new_backup_codes_replace_the_old_ones(enrolled_admin, client):
    user, _device, old_codes = enrolled_admin
    client.force_login(user)  # the suite's client: second step passed

    page = client.post(reverse("two_factor_backup_codes"))

    new_codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.content.decode())
    assert len(new_codes) == devices.BACKUP_CODE_COUNT
    assert not set(new_codes) & set(old_codes)
    assert devices.remaining_backup_codes(user) == devices.BACKUP_CODE_COUNT


def test_switching_off_needs_a_code_and_then_the_network_admin_is_asked_to_set_up_again(
    enrolled_admin,
):
    user, device, _codes = enrolled_admin
    client = signed_in_with_password(user)
    client.post(reverse("two_factor_verify"), {"code": current_code(device)})

    off = client.post(reverse("two_factor_disable"), {"code": _codes[0]})

    assert off.status_code == 302
    assert not devices.has_second_factor(user)
    assert client.get("/admin/").status_code == 302


def test_a_municipal_editor_uses_the_admin_without_two_factor_and_can_switch_it_on(network):
    editor = network.users["editor_a"]
    client = signed_in_with_password(editor)

    assert client.get("/admin/").status_code == 200
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("two_factor_overview") in account
    overview = client.get(reverse("two_factor_overview")).content.decode()
    assert "Włącz logowanie dwuetapowe" in overview
    assert REQUIRED_PL not in overview

    client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert (
        client.post(reverse("two_factor_enrol"), {"code": current_code(device)}).status_code == 200
    )
    assert client.get("/admin/").status_code == 200

    # Switched on, it is asked at the next sign-in.
    later = signed_in_with_password(editor, address="192.0.2.22")
    assert later.get("/admin/")["Location"].startswith(reverse("two_factor_verify"))


def test_gzm_gives_a_locked_out_admin_a_recovery_code_from_the_command_line(enrolled_admin):
    user, _device, _codes = enrolled_admin
    out = io.StringIO()

    call_command("addstatictoken", user.username, stdout=out)

    recovery = out.getvalue().strip()
    client = signed_in_with_password(user)
    assert client.post(reverse("two_factor_verify"), {"code": recovery}).status_code == 302
    assert client.get("/admin/").status_code == 200
    # From the verified session the admin can set up their new phone.
    assert client.get(reverse("two_factor_enrol")).status_code == 200


def test_the_second_step_only_covers_the_admin(network_admin, network):
    client = signed_in_with_password(network_admin)

    assert client.get("/", HTTP_HOST=network.a.site.hostname).status_code == 200


def test_the_demo_admin_login_printed_on_screen_gets_through_both_steps(tmp_path):
    from demo.admin import ensure_demo_admin

    username, password, codes = ensure_demo_admin(password_file=tmp_path / "admin-password")
    client = Client(REMOTE_ADDR="192.0.2.30")
    signed_in = client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}
    )
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 302  # the second step is still missing

    assert client.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200

    # Asked again (scripts/run on the next start), the same password and new codes.
    again, same_password, new_codes = ensure_demo_admin(password_file=tmp_path / "admin-password")
    assert (again, same_password) == (username, password)
    assert not set(new_codes) & set(codes)
