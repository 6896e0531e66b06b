"""Cookie consent: no cookies by default, analytics only after the visitor accepts.

Pages are requested as an anonymous visitor through the real URL configuration, with CSRF
checks on, on the network's host and on both municipalities' hosts. The consent form has no
CSRF token (it would keep every page with the banner out of the frontend cache); its posts
carry the header a browser sends with a form of the same site, ``Sec-Fetch-Site``. The
analytics setting is proven to be GZM's alone through the real Wagtail admin views.
"""

import re

from django.test import Client
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from portal.consent import COOKIE_MAX_AGE, COOKIE_NAME
from portal.models import AnalyticsSettings

SCRIPT_URL = "https://statystyki.example.org/matomo.js"
BANNER = 'aria-labelledby="consent-banner-heading"'
ACCEPT_PL = "Akceptuję analityczne pliki cookie"
REJECT_PL = "Odrzucam"
SETTINGS_LINK_PL = "Ustawienia plików cookie"

# (host, path) of pages a visitor lands on: the network home, both municipalities' homes
# (A at its own host, B under the network's host) and a call listing.
PAGES = [
    pytest.param("localhost", "/", id="network-home"),
    pytest.param("ruda-slaska.localhost", "/", id="municipality-a-home"),
    pytest.param("localhost", "/czeladz/", id="municipality-b-home-under-network"),
    pytest.param("ruda-slaska.localhost", "/nabory/", id="call-index"),
    pytest.param("localhost", "/nabory/", id="network-calls"),
    pytest.param("ruda-slaska.localhost", "/szukaj/?q=nabory", id="search"),
]

ADMIN_EDIT = reverse("wagtailsettings:edit", args=["portal", "analyticssettings"])


def script_tag(url=SCRIPT_URL):
    return f'<script src="{url}" defer></script>'


@pytest.fixture
def analytics(network):
    setting = AnalyticsSettings.load()
    setting.script_url = SCRIPT_URL
    setting.provider_name = "Matomo"
    setting.privacy_info = "Dane przetwarza Metropolia GZM przez 13 miesięcy."
    setting.save()
    return setting


# What a browser says when a form of the page's own site is submitted.
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def visitor():
    return Client(enforce_csrf_checks=True, headers=SAME_SITE)


def form_fields(html):
    """The hidden fields of the consent form as the page renders it."""
    form = re.search(r'<form class="consent-choice".*?</form>', html, re.DOTALL)
    assert form, "the page shows no consent form"
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[0]))


def choose(visitor, host, path, choice):
    """Open ``path`` and press one of the consent buttons, as a visitor without JavaScript."""
    page = visitor.get(path, HTTP_HOST=host)
    fields = form_fields(page.content.decode())
    action = re.search(
        r'<form class="consent-choice" method="post" action="([^"]+)"', page.content.decode()
    )[1]
    return visitor.post(action, {**fields, "zgoda": choice}, HTTP_HOST=host)


# Without analytics ------------------------------------------------------------------------


@pytest.mark.parametrize(("host", "path"), PAGES)
def test_pages_set_no_cookies_when_analytics_is_off(network, visitor, host, path):
    response = visitor.get(path, HTTP_HOST=host)

    assert response.status_code == 200
    assert not response.cookies, f"cookies set without analytics: {list(response.cookies)}"
    html = response.content.decode()
    assert BANNER not in html
    assert SETTINGS_LINK_PL not in html
    # The portal's own scripts (search suggestions) only: nothing from another host.
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert all(src.startswith("/static/") for src in scripts), scripts


def test_cookie_page_says_no_analytics_is_used(network, visitor):
    response = visitor.get("/ustawienia-cookies/", HTTP_HOST="localhost")

    assert response.status_code == 200
    assert "Ten serwis nie używa analitycznych plików cookie." in response.content.decode()
    assert 'class="consent-choice"' not in response.content.decode()
    assert not response.cookies


# The banner -------------------------------------------------------------------------------


@pytest.mark.parametrize(("host", "path"), PAGES)
def test_banner_asks_first_and_no_script_loads_before_consent(analytics, visitor, host, path):
    response = visitor.get(path, HTTP_HOST=host)

    html = response.content.decode()
    assert BANNER in html
    assert ACCEPT_PL in html and REJECT_PL in html
    assert "Matomo" in html and analytics.privacy_info in html
    assert SCRIPT_URL not in html
    assert SETTINGS_LINK_PL in html
    # No cookie at all before the visitor chooses, so the page can be kept by the cache.
    assert not response.cookies
    assert "Cookie" in response["Vary"]
    if "/szukaj/" not in path:  # search is personal anyway
        assert "public" in response["Cache-Control"]


def test_banner_follows_the_skip_link(analytics, visitor):
    html = visitor.get("/", HTTP_HOST="localhost").content.decode()

    body = html[html.index("<body") :]
    assert body.index('class="skip-link"') < body.index(BANNER) < body.index("<header")


def test_accepting_sets_the_cookie_and_loads_the_script(analytics, visitor):
    response = choose(visitor, "ruda-slaska.localhost", "/nabory/", "tak")

    assert response.status_code == 302
    assert response["Location"] == "/nabory/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "tak"
    assert cookie["max-age"] == COOKIE_MAX_AGE
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert not cookie["secure"]  # the test settings serve plain HTTP, like development

    after = visitor.get("/nabory/", HTTP_HOST="ruda-slaska.localhost")
    assert "Cookie" in after["Vary"], "a shared cache could hand this page to anyone"
    assert not after.cookies
    page = after.content.decode()
    assert script_tag() in page
    assert BANNER not in page
    assert SETTINGS_LINK_PL in page


def test_rejecting_keeps_the_script_away(analytics, visitor):
    response = choose(visitor, "localhost", "/czeladz/", "nie")

    assert response.status_code == 302
    assert response["Location"] == "/czeladz/"
    assert response.cookies[COOKIE_NAME].value == "nie"

    page = visitor.get("/czeladz/", HTTP_HOST="localhost").content.decode()
    assert SCRIPT_URL not in page
    assert BANNER not in page
    assert SETTINGS_LINK_PL in page


def test_the_cookie_is_secure_where_the_session_cookie_is(analytics, visitor, settings):
    settings.SESSION_COOKIE_SECURE = True

    response = choose(visitor, "localhost", "/", "tak")

    assert response.cookies[COOKIE_NAME]["secure"]


def test_an_unknown_cookie_value_counts_as_no_choice(analytics, visitor):
    visitor.cookies[COOKIE_NAME] = "moze"

    page = visitor.get("/", HTTP_HOST="localhost").content.decode()

    assert BANNER in page
    assert SCRIPT_URL not in page


def test_the_choice_can_be_changed_on_the_cookie_page(analytics, visitor):
    choose(visitor, "localhost", "/", "tak")
    page = visitor.get("/ustawienia-cookies/", HTTP_HOST="localhost").content.decode()
    assert "Twój obecny wybór: zgoda na analityczne pliki cookie." in page
    assert BANNER not in page

    response = choose(visitor, "localhost", "/ustawienia-cookies/", "nie")

    assert response["Location"] == "/ustawienia-cookies/"
    page = visitor.get("/ustawienia-cookies/", HTTP_HOST="localhost").content.decode()
    assert "Twój obecny wybór: brak zgody na analityczne pliki cookie." in page
    assert SCRIPT_URL not in page


# The consent view: bad requests -----------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["https://evil.example.org/", "//evil.example.org/", "javascript:alert(1)", "http:///x", ""],
)
def test_an_unsafe_next_leads_to_the_site_root(analytics, client, target):
    response = client.post(
        reverse("cookie_consent"),
        {"zgoda": "tak", "next": target},
        HTTP_HOST="localhost",
        headers=SAME_SITE,
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("data", [{"zgoda": "moze"}, {"zgoda": ""}, {}])
def test_an_unknown_choice_is_a_bad_request(analytics, client, data):
    response = client.post(
        "/zgoda-cookies/", {**data, "next": "/"}, HTTP_HOST="localhost", headers=SAME_SITE
    )

    assert response.status_code == 400
    assert "Nie rozpoznano wyboru. Wybierz jeden z przycisków." in response.content.decode()
    assert COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("/en", "Your choice was not recognised. Choose one of the buttons."),
        ("/uk", "Вибір не розпізнано. Оберіть одну з кнопок."),
    ],
)
def test_the_bad_request_message_is_translated(analytics, client, prefix, message):
    response = client.post(
        f"{prefix}/zgoda-cookies/", {"zgoda": "x"}, HTTP_HOST="localhost", headers=SAME_SITE
    )

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_consent_view_refuses_get(analytics, client):
    assert client.get("/zgoda-cookies/", HTTP_HOST="localhost").status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another municipality's host asking for this one
        {"Origin": "https://evil.example.org"},
        {"Origin": "http://czeladz.localhost"},
        {"Referer": "http://localhost.evil.example.org/"},
        {},
    ],
    ids=["cross-site", "same-site", "foreign-origin", "other-host", "foreign-referer", "none"],
)
def test_a_choice_sent_from_another_site_is_refused(analytics, headers):
    response = Client(headers=headers).post(
        "/zgoda-cookies/", {"zgoda": "tak", "next": "/"}, HTTP_HOST="localhost"
    )

    assert response.status_code == 403
    assert COOKIE_NAME not in response.cookies
    assert "tylko z formularza w tym serwisie" in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://localhost"}, {"Referer": "http://localhost/nabory/"}],
    ids=["origin", "referer"],
)
def test_browsers_without_fetch_metadata_are_checked_by_origin(analytics, headers):
    response = Client(headers=headers).post(
        "/zgoda-cookies/", {"zgoda": "nie", "next": "/"}, HTTP_HOST="localhost"
    )

    assert response.status_code == 302
    assert response.cookies[COOKIE_NAME].value == "nie"


def test_no_choice_is_stored_while_analytics_is_off(network, client):
    response = client.post(
        "/zgoda-cookies/", {"zgoda": "tak", "next": "/"}, HTTP_HOST="localhost", headers=SAME_SITE
    )

    assert response.status_code == 302
    assert COOKIE_NAME not in response.cookies


# Languages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "texts"),
    [
        (
            "/en/",
            ["Cookies on this site", "I accept analytics cookies", "I reject", "Cookie settings"],
        ),
        (
            "/uk/",
            [
                "Файли cookie на цьому сайті",
                "Приймаю аналітичні файли cookie",
                "Відмовляюся",
                "Налаштування файлів cookie",
            ],
        ),
    ],
)
def test_banner_speaks_the_page_language(analytics, visitor, path, texts):
    html = visitor.get(path, HTTP_HOST="ruda-slaska.localhost").content.decode()

    for text in texts:
        assert text in html
    assert ACCEPT_PL not in html and SETTINGS_LINK_PL not in html
    assert f'action="{path}zgoda-cookies/"' in html


def test_accepting_on_an_english_page_returns_to_it(analytics, visitor):
    response = choose(visitor, "ruda-slaska.localhost", "/en/", "tak")

    assert response["Location"] == "/en/"
    assert script_tag() in visitor.get("/en/", HTTP_HOST="ruda-slaska.localhost").content.decode()


# The setting in the admin: GZM's network admins only --------------------------------------


def setting_form(**changes):
    return {"script_url": SCRIPT_URL, "provider_name": "Matomo", "privacy_info": "", **changes}


def test_the_setting_is_not_offered_to_municipal_editors(network, client):
    client.force_login(network.users["editor_a"])

    dashboard = client.get(reverse("wagtailadmin_home"))

    assert dashboard.status_code == 200
    assert ADMIN_EDIT not in dashboard.content.decode()


@pytest.mark.parametrize("role", ["editor_a", "moderator_a", "editor_b", "moderator_b"])
def test_municipal_people_cannot_open_or_change_the_setting(network, client, role):
    setting = AnalyticsSettings.load()
    client.force_login(network.users[role])
    edit_url = reverse("wagtailsettings:edit", args=["portal", "analyticssettings", setting.pk])

    opened = client.get(ADMIN_EDIT, follow=True)
    posted = client.post(edit_url, setting_form())

    assert opened.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "script_url" not in opened.content.decode()
    assert posted.status_code in (302, 403)
    if posted.status_code == 302:
        assert posted["Location"] == reverse("wagtailadmin_home")
    setting.refresh_from_db()
    assert setting.script_url == ""


def test_the_network_admin_configures_analytics(network, client, visitor):
    client.force_login(network.users["network_admin"])

    opened = client.get(ADMIN_EDIT, follow=True)
    assert opened.status_code == 200
    assert 'name="script_url"' in opened.content.decode()
    saved = client.post(opened.redirect_chain[-1][0], setting_form())

    assert saved.status_code == 302
    assert AnalyticsSettings.load().script_url == SCRIPT_URL
    assert BANNER in visitor.get("/", HTTP_HOST="czeladz.localhost").content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("pl", "Podaj pełny adres skryptu zaczynający się od https://."),
        ("en", "Enter the full address of the script, starting with https://."),
        ("uk", "Введіть повну адресу скрипту, що починається з https://."),
    ],
)
@pytest.mark.parametrize(
    "script_url", ["http://statystyki.example.org/matomo.js", "ftp://statystyki.example.org/m.js"]
)
def test_only_https_script_addresses_are_accepted(network, client, language, message, script_url):
    admin = network.users["network_admin"]
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    setting = AnalyticsSettings.load()
    client.force_login(admin)
    edit_url = reverse("wagtailsettings:edit", args=["portal", "analyticssettings", setting.pk])

    response = client.post(edit_url, setting_form(script_url=script_url))

    assert response.status_code == 200
    assert message in response.content.decode()
    setting.refresh_from_db()
    assert setting.script_url == ""


def test_an_address_without_a_scheme_is_saved_as_https(network, client):
    client.force_login(network.users["network_admin"])
    setting = AnalyticsSettings.load()
    edit_url = reverse("wagtailsettings:edit", args=["portal", "analyticssettings", setting.pk])

    response = client.post(edit_url, setting_form(script_url="statystyki.example.org/matomo.js"))

    assert response.status_code == 302
    setting.refresh_from_db()
    assert setting.script_url == "https://statystyki.example.org/matomo.js"


def test_script_code_cannot_be_entered(network, client):
    client.force_login(network.users["network_admin"])
    setting = AnalyticsSettings.load()
    edit_url = reverse("wagtailsettings:edit", args=["portal", "analyticssettings", setting.pk])

    response = client.post(edit_url, setting_form(script_url="javascript:alert(1)"))

    assert response.status_code == 200
    setting.refresh_from_db()
    assert setting.script_url == ""
