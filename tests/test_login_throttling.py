"""Guessing passwords in the admin: after a few failures for one username from one address
further attempts are refused for a while (a Polish page, status 429, never a 500); a
successful login starts the count again. The password-reset form is limited the same way.
"""

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

import pytest

from portal.factories import UserFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
LIMIT = 5  # AXES_FAILURE_LIMIT in the settings
RESET_LIMIT = 5  # PORTAL_PASSWORD_RESET_LIMIT
LOCKED_OUT = "Zbyt wiele nieudanych prób logowania"
TOO_MANY_RESETS = "Zbyt wiele próśb o zmianę hasła"


@pytest.fixture(autouse=True)
def fresh_cache():
    """The password-reset counts live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor-logowanie", is_superuser=True)


def log_in(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client):
    """The password was accepted: the admin opens, or (the editor is a superuser) asks for the
    second step of signing in, which only a signed-in editor is sent to."""
    response = client.get(reverse("wagtailadmin_home"))
    second_step = response.status_code == 302 and response["Location"].startswith(
        reverse("two_factor_enrol")
    )
    return response.status_code == 200 or second_step


def test_repeated_failures_lock_the_username_out(client, editor):
    for _ in range(LIMIT - 1):
        response = log_in(client, editor.username, "zle-haslo")
        assert response.status_code == 200  # the form again, with its error

    locked = log_in(client, editor.username, "zle-haslo")
    with_the_right_password = log_in(client, editor.username, PASSWORD)

    assert locked.status_code == 429
    assert with_the_right_password.status_code == 429
    assert LOCKED_OUT in with_the_right_password.content.decode()
    assert not logged_in(client)


def test_the_lockout_is_for_this_username_from_this_address(client, editor):
    for _ in range(LIMIT):
        log_in(client, editor.username, "zle-haslo")

    from_elsewhere = log_in(client, editor.username, PASSWORD, address="198.51.100.7")

    assert from_elsewhere.status_code == 302
    assert logged_in(client)


def test_a_successful_login_starts_the_count_again(client, editor):
    for _ in range(LIMIT - 1):
        log_in(client, editor.username, "zle-haslo")
    assert log_in(client, editor.username, PASSWORD).status_code == 302
    client.logout()

    for _ in range(LIMIT - 1):
        log_in(client, editor.username, "zle-haslo")

    assert log_in(client, editor.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_password_reset_requests_are_limited(client, editor):
    def ask(email, address="192.0.2.10"):
        return client.post(RESET, {"email": email}, REMOTE_ADDR=address)

    answers = [ask(editor.email).status_code for _ in range(RESET_LIMIT)]
    refused = ask(editor.email)
    other_address_same_email = ask(editor.email, address="198.51.100.7")

    assert answers == [302] * RESET_LIMIT
    assert refused.status_code == 429
    assert TOO_MANY_RESETS in refused.content.decode()
    assert other_address_same_email.status_code == 429
    assert len(mail.outbox) == RESET_LIMIT
    assert client.get(RESET, REMOTE_ADDR="192.0.2.10").status_code == 200
