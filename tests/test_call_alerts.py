"""E-mail alerts about new calls: double opt-in, sending, unsubscribing (docs/calls.md).

Real database, Django's locmem mail outbox, the clock moved with time-machine; two
municipalities (A: Ruda Śląska, B: Czeladź) and the network.
"""

import re
from datetime import UTC, date, datetime, timedelta

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from wagtail.models import PageViewRestriction

import pytest
import time_machine

from municipalities.calls.alert_sending import send_call_alerts
from municipalities.models import (
    CallAlertDelivery,
    CallAlertSubscription,
    Municipality,
)

from .test_call_feeds import add_call

pytestmark = pytest.mark.django_db

HOST_A = "ruda-slaska.localhost"
HOST_B = "czeladz.localhost"
NETWORK_HOST = "localhost"
START = datetime(2026, 3, 2, 9, tzinfo=UTC)
SUBSCRIBE = "/powiadomienia/zapisz/"
LINK = re.compile(r"https?://\S+/powiadomienia/(potwierdz|wypisz)/[\w-]+/")


@pytest.fixture(autouse=True)
def clean_limits():
    """The rate limits count in the cache, which outlives each test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def post_subscription(client, host, email, gmina="", prefix="", **extra):
    data = {"email": email, "consent": "on", "gmina": gmina, "website": ""}
    data.update(extra.pop("data", {}))
    return client.post(
        f"{prefix}{SUBSCRIBE}", data, HTTP_HOST=host, HTTP_ORIGIN=f"http://{host}", **extra
    )


def links(message):
    return {kind: match.group(0) for match in LINK.finditer(message.body) for kind in [match[1]]}


def path_of(url):
    return "/" + url.split("/", 3)[3]


def subscribed(client, host, email, gmina=""):
    """Subscribe and confirm with the link of the confirmation mail; the subscription."""
    mail.outbox.clear()
    post_subscription(client, host, email, gmina)
    (message,) = mail.outbox
    response = client.get(path_of(links(message)["potwierdz"]), HTTP_HOST=host)
    assert response.status_code == 200
    mail.outbox.clear()
    return CallAlertSubscription.objects.get(email=email)


# Subscribing --------------------------------------------------------------------------------


def test_the_call_lists_show_the_form_and_stay_public(client, network, settings):
    settings.PORTAL_FRONTEND_CACHE_SECONDS = 600
    city = client.get("/nabory/", HTTP_HOST=HOST_A)
    whole = client.get("/nabory/", HTTP_HOST=NETWORK_HOST)

    for response, gmina in ((city, "ruda-slaska"), (whole, "")):
        html = response.content.decode()
        assert f'<form class="call-alerts__form" method="post" action="{SUBSCRIBE}"' in html
        assert f'name="gmina" value="{gmina}"' in html
        assert '<label for="alert-email">Adres e-mail</label>' in html
        assert "art. 6 ust. 1 lit. a RODO" in html
        assert "csrfmiddlewaretoken" not in html
        assert "public" in response["Cache-Control"]
        assert not response.cookies
    assert "Administratorem Twojego adresu e-mail jest gmina Ruda Śląska." in city.content.decode()
    assert "jest Górnośląsko-Zagłębiowska Metropolia." in whole.content.decode()


def test_the_form_links_the_privacy_notice_of_the_site(client, network):
    from portal.models import PrivacyNoticePage

    notice = PrivacyNoticePage.objects.child_of(network.a.root_page).live().first()
    if notice is None:
        pytest.skip("onboarding made no privacy notice")

    html = client.get("/nabory/", HTTP_HOST=HOST_A).content.decode()

    section = html.split('class="call-alerts"')[1]
    assert f'href="{notice.relative_url(network.a.site)}"' in section


def test_subscribing_sends_one_confirmation_mail_and_nothing_else(client, network, clock):
    response = post_subscription(client, HOST_A, "Mieszkanka@Example.pl", "ruda-slaska")

    assert response.status_code == 200
    assert "Sprawdź swoją skrzynkę e-mail" in response.content.decode()
    assert "private" in response["Cache-Control"]
    subscription = CallAlertSubscription.objects.get()
    assert subscription.email == "mieszkanka@example.pl"
    assert subscription.municipality == network.a
    assert subscription.language == "pl"
    assert subscription.confirmed_at is None
    assert len(subscription.confirm_token) >= 40
    (message,) = mail.outbox
    assert message.to == ["mieszkanka@example.pl"]
    assert message.subject == "Potwierdź zapis na powiadomienia o naborach: Ruda Śląska"
    found = links(message)
    assert found["potwierdz"].startswith("http://ruda-slaska.localhost:8000/powiadomienia/")
    assert subscription.confirm_token in found["potwierdz"]
    assert message.extra_headers["List-Unsubscribe"] == f"<{found['wypisz']}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Not confirmed: a new call of the city brings no alert.
    clock.shift(timedelta(hours=1))
    add_call(network.a, "nowy")
    clock.shift(timedelta(hours=1))
    mail.outbox.clear()
    assert send_call_alerts() == 0
    assert mail.outbox == []


def test_asking_again_looks_the_same_and_mails_at_most_once_an_hour(client, network, clock):
    first = post_subscription(client, HOST_A, "ktos@example.pl", "ruda-slaska")
    again = post_subscription(client, HOST_A, "ktos@example.pl", "ruda-slaska")
    network_too = post_subscription(client, NETWORK_HOST, "ktos@example.pl")

    assert first.status_code == again.status_code == network_too.status_code == 200
    assert "Sprawdź swoją skrzynkę" in again.content.decode()
    assert len(mail.outbox) == 1
    assert CallAlertSubscription.objects.count() == 2

    clock.shift(timedelta(minutes=61))
    post_subscription(client, HOST_A, "ktos@example.pl", "ruda-slaska")
    assert len(mail.outbox) == 2


def test_an_address_already_confirmed_gets_the_same_answer_and_no_mail(client, network, clock):
    subscribed(client, HOST_A, "ktos@example.pl", "ruda-slaska")
    clock.shift(timedelta(hours=2))

    response = post_subscription(client, HOST_A, "ktos@example.pl", "ruda-slaska")

    assert response.status_code == 200
    assert "Sprawdź swoją skrzynkę" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("prefix", "email", "error"),
    [
        ("", "nie-adres", "Wpisz poprawny adres e-mail"),
        ("/en", "nie-adres", "Enter a valid e-mail address"),
        ("/uk", "nie-adres", "Введіть правильну адресу електронної пошти"),
        ("/en", "", "Enter your e-mail address."),
    ],
)
def test_a_bad_address_is_refused_with_a_translated_error_keeping_the_input(
    client, network, prefix, email, error
):
    response = post_subscription(client, HOST_A, email, "ruda-slaska", prefix=prefix)

    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert f'value="{email}"' in html
    assert 'aria-invalid="true"' in html
    assert "checked" in html.split('id="alert-consent"')[1].split(">")[0]
    assert not CallAlertSubscription.objects.exists()
    assert mail.outbox == []


def test_without_consent_nothing_is_stored(client, network):
    response = post_subscription(
        client, HOST_A, "ktos@example.pl", "ruda-slaska", prefix="/en", data={"consent": ""}
    )

    assert response.status_code == 400
    assert "Tick the consent box" in response.content.decode()
    assert 'value="ktos@example.pl"' in response.content.decode()
    assert not CallAlertSubscription.objects.exists()


def test_the_honeypot_gets_the_same_answer_and_nothing_happens(client, network):
    response = post_subscription(
        client, HOST_A, "robot@example.pl", "ruda-slaska", data={"website": "http://spam"}
    )

    assert response.status_code == 200
    assert "Sprawdź swoją skrzynkę" in response.content.decode()
    assert not CallAlertSubscription.objects.exists()
    assert mail.outbox == []


def test_a_post_from_another_site_is_refused(client, network):
    response = client.post(
        SUBSCRIBE,
        {"email": "ktos@example.pl", "consent": "on", "gmina": "ruda-slaska"},
        HTTP_HOST=HOST_A,
        HTTP_ORIGIN="https://zly.example",
    )

    assert response.status_code == 403
    assert 'value="ktos@example.pl"' in response.content.decode()
    assert not CallAlertSubscription.objects.exists()


def test_one_client_address_may_ask_only_so_often(client, network, settings):
    settings.PORTAL_CALL_ALERTS_LIMIT = 2
    for number in range(2):
        assert post_subscription(client, HOST_A, f"a{number}@example.pl").status_code == 200

    response = post_subscription(client, HOST_A, "a3@example.pl")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert CallAlertSubscription.objects.count() == 2


def test_an_unknown_or_former_municipality_is_not_a_scope(client, network):
    assert post_subscription(client, HOST_A, "k@example.pl", "nie-ma-takiej").status_code == 404
    Municipality.objects.filter(pk=network.b.pk).update(membership_end=date(2020, 1, 1))
    assert post_subscription(client, HOST_B, "k@example.pl", "czeladz").status_code == 404
    assert not CallAlertSubscription.objects.exists()


def test_a_former_members_call_list_shows_no_form(client, network):
    Municipality.objects.filter(pk=network.b.pk).update(membership_end=date(2020, 1, 1))

    assert "call-alerts__form" not in client.get("/nabory/", HTTP_HOST=HOST_B).content.decode()


def test_the_subscription_form_page_answers_get_with_the_site_chrome(client, network):
    response = client.get(SUBSCRIBE, {"gmina": "ruda-slaska"}, HTTP_HOST=HOST_A)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Powiadomienia e-mail o nowych naborach</h1>" in html
    assert 'class="skip-link"' in html
    assert 'name="robots" content="noindex"' in html


# Sending ------------------------------------------------------------------------------------


def test_a_city_subscriber_hears_of_its_new_calls_only(client, network, clock):
    old = add_call(network.a, "sprzed-zapisu")
    clock.shift(timedelta(minutes=5))
    subscription = subscribed(client, HOST_A, "ktos@example.pl", "ruda-slaska")
    clock.shift(timedelta(hours=1))
    own = add_call(network.a, "nowy-a", title="Nabór Ruda 2026")
    add_call(network.b, "nowy-b", title="Nabór Czeladź 2026")
    add_call(network.a, "szkic", title="Szkic naboru", publish=False)
    hidden = add_call(network.a, "ukryty", title="Nabór ukryty")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    clock.shift(timedelta(hours=1))

    assert send_call_alerts() == 1

    (message,) = mail.outbox
    assert message.to == ["ktos@example.pl"]
    assert message.subject == "Nowe nabory wniosków: Ruda Śląska"
    assert "Nabór Ruda 2026 (Ruda Śląska)" in message.body
    assert "http://ruda-slaska.localhost:8000/nabory/nowy-a/" in message.body
    assert "30 kwietnia 2026" in message.body
    for absent in ("Czeladź 2026", "Szkic naboru", "Nabór ukryty", old.title):
        assert absent not in message.body
    found = links(message)
    assert subscription.unsubscribe_token in found["wypisz"]
    assert message.extra_headers["List-Unsubscribe"] == f"<{found['wypisz']}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert list(CallAlertDelivery.objects.values_list("call_key", flat=True)) == [
        own.translation_key
    ]

    # A rerun sends nothing new; a later call is sent alone.
    mail.outbox.clear()
    assert send_call_alerts() == 0
    assert mail.outbox == []
    clock.shift(timedelta(hours=1))
    add_call(network.a, "kolejny", title="Nabór kolejny")
    clock.shift(timedelta(minutes=1))
    call_command("send_call_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (later,) = mail.outbox
    assert "Nabór kolejny" in later.body
    assert "Nabór Ruda 2026" not in later.body


def test_a_network_subscriber_hears_of_every_members_calls(client, network, clock):
    subscribed(client, NETWORK_HOST, "siec@example.pl")
    clock.shift(timedelta(hours=1))
    add_call(network.a, "nowy-a", title="Nabór Ruda 2026")
    add_call(network.b, "nowy-b", title="Nabór Czeladź 2026")
    clock.shift(timedelta(hours=1))

    assert send_call_alerts() == 1

    (message,) = mail.outbox
    assert message.subject == "Nowe nabory wniosków: wszystkie gminy GZM"
    assert "Nabór Ruda 2026 (Ruda Śląska)" in message.body
    assert "Nabór Czeladź 2026 (Czeladź)" in message.body
    assert "http://czeladz.localhost:8000/nabory/nowy-b/" in message.body
    assert links(message)["wypisz"].startswith("http://localhost:8000/powiadomienia/wypisz/")


def test_a_former_members_calls_are_not_sent(client, network, clock):
    subscribed(client, NETWORK_HOST, "siec@example.pl")
    clock.shift(timedelta(hours=1))
    Municipality.objects.filter(pk=network.b.pk).update(membership_end=date(2026, 3, 1))
    add_call(network.b, "po-wyjsciu", title="Nabór byłego członka")
    clock.shift(timedelta(hours=1))

    assert send_call_alerts() == 0
    assert mail.outbox == []


def test_alerts_speak_the_subscribers_language(client, network, clock):
    from portal.translation import ensure_translations

    mail.outbox.clear()
    post_subscription(client, HOST_A, "en@example.pl", "ruda-slaska", prefix="/en")
    (confirmation,) = mail.outbox
    assert confirmation.subject == "Confirm your subscription to alerts about calls: Ruda Śląska"
    assert "/en/powiadomienia/potwierdz/" in links(confirmation)["potwierdz"]
    confirmed = client.get(path_of(links(confirmation)["potwierdz"]), HTTP_HOST=HOST_A)
    assert "Subscription confirmed" in confirmed.content.decode()
    mail.outbox.clear()
    clock.shift(timedelta(hours=1))
    translated = add_call(network.a, "przetlumaczony", title="Nabór przetłumaczony")
    ensure_translations(translated)
    add_call(network.a, "po-polsku", title="Nabór tylko po polsku")
    clock.shift(timedelta(hours=1))

    assert send_call_alerts() == 1

    (message,) = mail.outbox
    assert message.subject == "New calls for applications: Ruda Śląska"
    assert "http://ruda-slaska.localhost:8000/en/nabory/przetlumaczony/" in message.body
    assert "Nabór tylko po polsku [in Polish]" in message.body
    assert "/en/powiadomienia/wypisz/" in message.body


# Confirming and unsubscribing -------------------------------------------------------------


def test_an_unknown_confirmation_link_is_a_polite_404(client, network):
    response = client.get("/powiadomienia/potwierdz/nie-ma-takiego/", HTTP_HOST=HOST_A)

    assert response.status_code == 404
    assert "Nie znaleziono zapisu" in response.content.decode()


def test_unsubscribing_asks_first_then_deletes_on_post(client, network, clock):
    subscription = subscribed(client, HOST_A, "ktos@example.pl", "ruda-slaska")
    path = f"/powiadomienia/wypisz/{subscription.unsubscribe_token}/"

    page = client.get(path, HTTP_HOST=HOST_A)

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert f'<form method="post" action="{path}">' in page.content.decode()
    assert CallAlertSubscription.objects.filter(pk=subscription.pk).exists()

    done = client.post(path, HTTP_HOST=HOST_A)

    assert done.status_code == 200
    assert "Wypisano z powiadomień" in done.content.decode()
    assert not CallAlertSubscription.objects.exists()
    again = client.post(path, HTTP_HOST=HOST_A)
    assert again.status_code == 404


def test_one_click_unsubscribe_from_a_mail_client(network, clock):
    first = Client()
    subscription = subscribed(first, HOST_A, "ktos@example.pl", "ruda-slaska")
    clock.shift(timedelta(hours=1))
    add_call(network.a, "nowy")
    clock.shift(timedelta(hours=1))
    send_call_alerts()
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")

    # RFC 8058: a POST with this body, no cookies, no Origin, no CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        path_of(url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST=HOST_A,
    )

    assert response.status_code == 200
    assert not CallAlertSubscription.objects.filter(pk=subscription.pk).exists()
    assert not CallAlertDelivery.objects.exists()


def test_unconfirmed_subscriptions_are_deleted_after_seven_days(client, network, clock):
    post_subscription(client, HOST_A, "zapomnialem@example.pl", "ruda-slaska")
    subscribed(client, HOST_A, "pamietam@example.pl", "ruda-slaska")
    clock.shift(timedelta(days=7, hours=1))

    call_command("send_call_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(CallAlertSubscription.objects.values_list("email", flat=True)) == [
        "pamietam@example.pl"
    ]


def test_subscribers_are_not_in_the_admin(network):
    from django.contrib import admin

    from wagtail.snippets.models import get_snippet_models

    assert CallAlertSubscription not in get_snippet_models()
    assert not admin.site.is_registered(CallAlertSubscription)


def test_a_mail_server_failure_is_no_500(client, network, monkeypatch):
    from smtplib import SMTPServerDisconnected

    from django.core.mail.backends.locmem import EmailBackend

    def fail(self, messages):
        raise SMTPServerDisconnected("down")

    monkeypatch.setattr(EmailBackend, "send_messages", fail)

    response = post_subscription(client, HOST_A, "ktos@example.pl", "ruda-slaska")

    assert response.status_code == 200
    assert "Sprawdź swoją skrzynkę" in response.content.decode()
