"""Accessibility of every page type, in a real browser: WCAG 2.1 AA by axe, keyboard, phone width.

``PAGES`` lists one address per page type; each is checked in Polish and English (the
English address is the Polish one under ``/en``). The listings, whose demo content is Polish
only and therefore listed in English and Ukrainian with an "in Polish" label, are checked
in Ukrainian as well (``FALLBACK_LISTINGS``). A capability that adds a page type adds
a line here; if the page needs content to exist, ``demo.seed.seed_demo_content``
should create an example of it, since the browser database is seeded with the demo content.
"""

from dataclasses import dataclass

import pytest

from .axe import assert_no_violations, run_axe

pytestmark = pytest.mark.browser

LANGUAGES = ("pl", "en")
PHONE = {"width": 360, "height": 740}


@dataclass(frozen=True)
class PageUnderTest:
    name: str
    path: str  # the Polish address
    municipality: str | None = None  # served at <slug>.localhost; None: the network's host
    status: int = 200

    def path_in(self, language):
        return self.path if language == "pl" else f"/{language}{self.path}"


PAGES = [
    PageUnderTest("network-home", "/"),
    PageUnderTest("network-statement", "/deklaracja-dostepnosci/"),
    PageUnderTest("municipality-home", "/", municipality="ruda-slaska"),
    PageUnderTest("municipality-home-under-network", "/czeladz/"),
    PageUnderTest("call-index", "/nabory/", municipality="ruda-slaska"),
    PageUnderTest("call-index-with-examples", "/czeladz/nabory/"),
    PageUnderTest("call-pilot", "/nabory/inicjatywa-lokalna-2024/", municipality="ruda-slaska"),
    PageUnderTest("network-calls", "/nabory/"),
    PageUnderTest("network-calls-filtered", "/nabory/?status=all&county=b%C4%99dzi%C5%84ski"),
    PageUnderTest(
        "call-alerts-form", "/powiadomienia/zapisz/?gmina=ruda-slaska", municipality="ruda-slaska"
    ),
    PageUnderTest("network-call-alerts-form", "/powiadomienia/zapisz/"),
    PageUnderTest(
        "call-alerts-unknown-link",
        "/powiadomienia/wypisz/nie-ma-takiego/",
        municipality="czeladz",
        status=404,
    ),
    PageUnderTest("gallery", "/czeladz/zrealizowane-inicjatywy/"),
    PageUnderTest("gallery-own-host", "/zrealizowane-inicjatywy/", municipality="ruda-slaska"),
    PageUnderTest("network-gallery", "/inicjatywy/"),
    PageUnderTest("network-gallery-filtered", "/inicjatywy/?county=b%C4%99dzi%C5%84ski&year=zzz"),
    PageUnderTest("network-gallery-under-way", "/inicjatywy/?stage=w-toku"),
    PageUnderTest("network-figures", "/gzm-w-liczbach/"),
    PageUnderTest("contact", "/kontakt/", municipality="czeladz"),
    PageUnderTest("municipality-statement", "/deklaracja-dostepnosci/", municipality="ruda-slaska"),
    PageUnderTest("easy-read", "/tekst-latwy-do-czytania/", municipality="czeladz"),
    PageUnderTest("network-easy-read", "/tekst-latwy-do-czytania/"),
    PageUnderTest("sign-language", "/jezyk-migowy/", municipality="ruda-slaska"),
    PageUnderTest("network-sign-language", "/jezyk-migowy/"),
    PageUnderTest("privacy-notice", "/ochrona-danych/", municipality="czeladz"),
    PageUnderTest("network-privacy-notice", "/ochrona-danych/"),
    PageUnderTest("model-process", "/model-procesu/"),
    PageUnderTest("resolution", "/zalozenia-uchwaly/"),
    PageUnderTest("handbook", "/podrecznik-dla-urzednika/"),
    PageUnderTest("handbook-chapter", "/podrecznik-dla-mieszkanca/zlozenie-wniosku/"),
    PageUnderTest("handbook-print", "/podrecznik-dla-mieszkanca/druk/"),
    PageUnderTest("handbook-variant", "/podrecznik-dla-mieszkanca/", municipality="ruda-slaska"),
    PageUnderTest(
        "handbook-variant-chapter",
        "/podrecznik-dla-mieszkanca/wklad-wlasny/",
        municipality="ruda-slaska",
    ),
    PageUnderTest("handbook-variant-print", "/czeladz/podrecznik-dla-urzednika/druk/"),
    PageUnderTest("search", "/szukaj/?q=nabory"),
    PageUnderTest("cookie-settings", "/ustawienia-cookies/"),
    PageUnderTest("search-municipality", "/szukaj/?q=wniosk%C3%B3w", municipality="ruda-slaska"),
    PageUnderTest("search-widened", "/szukaj/?q=inicjatywy&zakres=gzm", municipality="czeladz"),
    PageUnderTest("search-faceted", "/szukaj/?q=inicjatywa&typ=municipalities.callpage"),
    PageUnderTest("search-no-results", "/szukaj/?q=kosmodrom", municipality="czeladz"),
    PageUnderTest("search-empty", "/szukaj/"),
    PageUnderTest("not-found", "/nie-ma-takiej-strony/", status=404),
]

PAGE = {page_under_test.name: page_under_test for page_under_test in PAGES}

# Listings that show Polish pages labelled in English and Ukrainian (the demo's calls and
# initiatives have no translations).
FALLBACK_LISTINGS = (
    "network-home",
    "municipality-home",
    "call-index",
    "call-index-with-examples",
    "network-calls",
    "network-calls-filtered",
    "gallery",
    "network-gallery",
    "search-municipality",
)
FALLBACK_LANGUAGES = ("en", "uk")
# Pages checked in Ukrainian too although they list no Polish pages: their own text is long
# and translated (numbers, chart labels and tables written the Ukrainian way).
ALSO_IN_UKRAINIAN = ("network-figures",)

CASES = [
    pytest.param(page_under_test, language, id=f"{page_under_test.name}-{language}")
    for page_under_test in PAGES
    for language in (
        (*LANGUAGES, "uk")
        if page_under_test.name in (*FALLBACK_LISTINGS, *ALSO_IN_UKRAINIAN)
        else LANGUAGES
    )
]
FALLBACK_CASES = [
    pytest.param(PAGE[name], language, id=f"{name}-{language}")
    for name in FALLBACK_LISTINGS
    if name != "network-home"  # it lists municipalities, which are translated
    for language in FALLBACK_LANGUAGES
]


def open_page(page, portal, page_under_test, language):
    url = portal.url(page_under_test.path_in(language), page_under_test.municipality)
    response = page.goto(url)
    assert response.status == page_under_test.status, f"{url} answered {response.status}"
    return url


def test_axe_reports_the_violations_it_finds(page):
    """The checks below are worth something only if axe runs and reports what it finds."""
    page.set_content("<html><body><img src='photo.jpg'></body></html>")
    assert {"html-has-lang", "image-alt"} <= {violation["id"] for violation in run_axe(page)}


@pytest.mark.parametrize(("page_under_test", "language"), CASES)
def test_page_has_no_wcag_violations(page, untranslated_content, page_under_test, language):
    open_page(page, untranslated_content, page_under_test, language)
    assert_no_violations(page)


@pytest.mark.parametrize(("page_under_test", "language"), FALLBACK_CASES)
def test_listing_shows_polish_pages_labelled(page, untranslated_content, page_under_test, language):
    """What the axe checks of these listings cover: Polish titles marked as such."""
    url = open_page(page, untranslated_content, page_under_test, language)
    labelled = page.locator('main a[lang="pl"] + .tag--in-polish')
    assert labelled.count() > 0, f"{url} lists no Polish page with its label"


@pytest.mark.parametrize(("page_under_test", "language"), CASES)
def test_page_declares_its_language(page, portal, page_under_test, language):
    url = open_page(page, portal, page_under_test, language)
    assert page.get_attribute("html", "lang") == language, url


@pytest.mark.parametrize(("page_under_test", "language"), CASES)
def test_page_fits_a_phone_without_horizontal_scrolling(page, portal, page_under_test, language):
    page.set_viewport_size(PHONE)
    url = open_page(page, portal, page_under_test, language)
    widths = page.evaluate(
        """() => ({
            scroll: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            overflowing: [...document.body.querySelectorAll('*')]
                .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
                .slice(0, 5)
                .map(el => el.outerHTML.slice(0, 120)),
        })"""
    )
    assert widths["scroll"] <= widths["viewport"], (
        f"{url} scrolls sideways at {PHONE['width']}px ({widths['scroll']}px wide); "
        f"too wide: {widths['overflowing']}"
    )


FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: el.textContent.trim(),
        target: el.getAttribute('href'),
        href: el.href || null,
        hreflang: el.getAttribute('hreflang'),
        region: el.closest('.main-nav') ? 'menu' : el.closest('.languages') ? 'languages'
            : el.closest('main') ? 'main' : el.closest('footer') ? 'footer' : null,
        inViewport: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
            && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
        focusRing: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
    };
}"""

# Every page type that answers 200 is walked with the keyboard; each but the views outside
# the page tree (search, cookie settings) has the main menu and the language switcher.
VIEWS = {
    "search",
    "search-municipality",
    "search-widened",
    "search-faceted",
    "search-no-results",
    "search-empty",
    "cookie-settings",
}
KEYBOARD_PAGES = [
    pytest.param(page_under_test, id=page_under_test.name)
    for page_under_test in PAGES
    if page_under_test.status == 200
]
MENU_PAGES = [
    pytest.param(page_under_test, True, id=page_under_test.name)
    for page_under_test in PAGES
    if page_under_test.status == 200 and page_under_test.name not in VIEWS
]


@pytest.mark.parametrize("page_under_test", KEYBOARD_PAGES)
def test_first_tab_reaches_the_skip_link_which_moves_to_the_content(page, portal, page_under_test):
    open_page(page, portal, page_under_test, "pl")

    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert (skip["tag"], skip["target"], skip["text"]) == ("a", "#main", "Przejdź do treści")
    assert skip["inViewport"], "the skip link stays off screen when focused"
    assert skip["focusRing"], "the focused skip link shows no focus indicator"

    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED)["id"] == "main"
    assert page.url.endswith("#main")
    main_has_stops = page.evaluate(
        "() => !!document.querySelector('main a[href], main button, main input, main select,"
        ' main textarea, main video[controls], main [tabindex]:not([tabindex="-1"])\')'
    )
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUSED)
    if main_has_stops:
        assert after["region"] == "main", "Tab after the skip link left the content"
    else:  # nothing to focus in the content: the next stop is past it, never before it
        assert after["region"] not in ("menu", "languages"), "Tab went back to the header"


@pytest.mark.parametrize(("page_under_test", "has_menu"), MENU_PAGES)
def test_tab_reaches_the_menu_and_the_language_switcher(page, portal, page_under_test, has_menu):
    open_page(page, portal, page_under_test, "pl")
    links = page.evaluate(
        """() => ({
            menu: [...document.querySelectorAll('.main-nav a')].map(a => a.href),
            languages: [...document.querySelectorAll('.languages a')].map(a => a.hreflang),
        })"""
    )
    assert bool(links["menu"]) == has_menu
    assert sorted(links["languages"]) == ["en", "uk"]

    reached = []
    for _press in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["region"] in ("main", "footer") or focused["tag"] == "body":
            break  # past the header
        reached.append(focused)

    unringed = [focused["text"] for focused in reached if not focused["focusRing"]]
    assert not unringed, f"no visible focus indicator on {unringed}"
    menu = [focused["href"] for focused in reached if focused["region"] == "menu"]
    assert menu == links["menu"], "Tab did not reach every menu link, in order"
    languages = [focused["hreflang"] for focused in reached if focused["region"] == "languages"]
    assert sorted(languages) == ["en", "uk"], "Tab did not reach every language link"


@pytest.mark.parametrize("page_under_test", KEYBOARD_PAGES)
def test_every_focus_stop_shows_where_the_focus_is(page, portal, page_under_test):
    """Tab through the whole page: each link, button and field shows a focus indicator."""
    open_page(page, portal, page_under_test, "pl")
    seen, unringed = set(), []
    for _press in range(150):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        key = (focused["tag"], focused["id"], focused["href"], focused["text"])
        if focused["tag"] == "body" or key in seen:
            break  # past the last stop, or round again
        seen.add(key)
        if not focused["focusRing"]:
            unringed.append(focused["text"] or focused["href"] or focused["tag"])
    assert seen, "Tab reached nothing"
    assert not unringed, f"no visible focus indicator on {unringed[:10]}"


def test_language_switcher_leads_from_a_municipality_home_to_english(page, portal):
    page.goto(portal.url("/", "ruda-slaska"))
    switcher = page.locator("nav.languages")
    offered = switcher.locator("[lang]").evaluate_all("els => els.map(el => el.lang)")
    assert offered == ["pl", "en", "uk"]
    assert switcher.locator("[aria-current]").get_attribute("lang") == "pl"

    switcher.locator("a[hreflang='en']").click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.url == portal.url("/en/", "ruda-slaska")
    assert switcher.locator("[aria-current]").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Ruda Śląska"


def linked_pages(page, selector):
    """{address: the language its link announces (hreflang), or None} of the links found."""
    pairs = page.locator(selector).evaluate_all(
        "links => links.map(link => [link.href, link.getAttribute('hreflang')])"
    )
    found = {}
    for url, hreflang in pairs:
        found[url] = found.get(url) or hreflang
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_example_call_page_is_accessible(page, portal, language):
    """Demo calls get slugs from the seed day, so they are found through their list."""
    prefix = "" if language == "pl" else f"/{language}"
    page.goto(portal.url(f"{prefix}/nabory/", "czeladz"))
    links = linked_pages(page, "main a[href*='/nabory/przyklad-']")
    assert links, "the demo gave Czeladź no example calls"

    page.set_viewport_size(PHONE)
    for url, shown_in in links.items():
        response = page.goto(url)
        assert response.status == 200, url
        # A Polish call listed in another language (marked hreflang="pl") opens in Polish.
        assert page.get_attribute("html", "lang") == (shown_in or language), url
        assert_no_violations(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{url} scrolls sideways at {PHONE['width']}px"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_example_initiative_page_is_accessible(page, portal, language):
    """Demo initiatives are found through their gallery, as residents find them."""
    prefix = "" if language == "pl" else f"/{language}"
    page.goto(portal.url(f"{prefix}/zrealizowane-inicjatywy/", "ruda-slaska"))
    links = linked_pages(page, "main a[href*='/zrealizowane-inicjatywy/']")
    links = {
        url: shown_in
        for url, shown_in in links.items()
        if not url.rstrip("/").endswith("zrealizowane-inicjatywy")
        and "?" not in url
        and "/pobierz/" not in url  # the listing's CSV and JSON downloads
    }
    assert links, "the demo gave Ruda Śląska no example initiatives"

    page.set_viewport_size(PHONE)
    for url, shown_in in links.items():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.get_attribute("html", "lang") == (shown_in or language), url
        assert_no_violations(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{url} scrolls sideways at {PHONE['width']}px"
        missing_alt = page.evaluate(
            "() => [...document.images].filter(img => !img.hasAttribute('alt')).length"
        )
        assert missing_alt == 0, f"{url} has images without alt"


def test_the_initiative_map_is_drawn_and_keeps_the_list(page, portal):
    page.goto(portal.url("/zrealizowane-inicjatywy/", "ruda-slaska"))

    page.wait_for_selector("#initiative-map .leaflet-marker-icon")
    assert page.locator("#initiative-map").get_attribute("aria-label")
    markers = page.locator("#initiative-map .leaflet-marker-icon").count()
    assert markers >= 1
    assert page.locator("main li a[href*='/zrealizowane-inicjatywy/']").count() >= markers
    assert_no_violations(page)


def test_search_box_suggests_pages_and_passes_axe_while_open(page, portal):
    page.goto(portal.url("/", "ruda-slaska"))
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox"

    box.fill("nab")
    page.wait_for_selector(".site-search [role=option]")
    assert box.get_attribute("aria-expanded") == "true"
    assert_no_violations(page)

    page.keyboard.press("ArrowDown")
    option = page.locator(".site-search [role=option][aria-selected=true]")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    # The option reads "<title> · <town>"; the page it opens is titled without the town.
    title = option.evaluate("option => option.firstChild.textContent")
    assert option.locator(".search-suggestions__place").inner_text() == " · Ruda Śląska"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title


# The admin pages the portal adds: the network dashboard, for GZM (every municipality; the
# network admin signs in with a password and a backup code, as GZM's people must take the
# second step, docs/admin-security.md) and for a municipality's editor (its own row).

ADMIN_PASSWORD = "haslo-testowe-123"  # portal.factories.UserFactory's
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
def admin_people(portal):
    portal.run_python(PEOPLE.format(admin=NETWORK_ADMIN, editor=EDITOR, code=BACKUP_CODE))


def sign_in_to_admin(page, portal, username, code=None):
    page.goto(portal.url("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if code:
        page.fill("input[name=code]", code)
        with page.expect_navigation():
            page.click("button[type=submit]")


def test_network_dashboard_for_gzm_has_no_wcag_violations(page, portal, admin_people):
    sign_in_to_admin(page, portal, NETWORK_ADMIN, BACKUP_CODE)  # a backup code works once: one test

    for query in ["", "?ordering=-open_calls", "?county=b%C4%99dzi%C5%84ski&ordering=county"]:
        response = page.goto(portal.url(f"/admin/siec/{query}"))

        assert response.status == 200, page.url
        assert page.locator("table.network-dashboard caption").count() == 1
        assert page.locator("table.network-dashboard tbody tr").count() >= 1
        sorted_headers = page.locator("table.network-dashboard thead th:not([aria-sort=none])")
        assert sorted_headers.count() == 1
        assert_no_violations(page)


def test_network_dashboard_for_an_editor_has_no_wcag_violations(page, portal, admin_people):
    sign_in_to_admin(page, portal, EDITOR)

    response = page.goto(portal.url("/admin/siec/"))

    assert response.status == 200
    assert page.locator("table.network-dashboard tbody tr").count() == 1
    assert "Ruda Śląska" in page.locator("table.network-dashboard tbody").inner_text()
    assert_no_violations(page)


# E-mail alerts about new calls: the pages their mails link to, and the form after an error
# (the form itself is on the call lists above).

ALERT_CONFIRM_TOKEN = "a11y-potwierdzenie-" + "x" * 24
ALERT_UNSUBSCRIBE_TOKEN = "a11y-wypisanie-" + "y" * 28
ALERT_SUBSCRIPTION = """
from municipalities.models import CallAlertSubscription, Municipality
CallAlertSubscription.objects.update_or_create(
    email="a11y@example.pl",
    municipality=Municipality.objects.get(slug="ruda-slaska"),
    defaults=dict(language="pl", confirm_token={confirm!r}, unsubscribe_token={unsubscribe!r}),
)
"""


@pytest.fixture(scope="module")
def alert_subscription(portal):
    portal.run_python(
        ALERT_SUBSCRIPTION.format(confirm=ALERT_CONFIRM_TOKEN, unsubscribe=ALERT_UNSUBSCRIBE_TOKEN)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_call_alert_confirmation_and_unsubscribe_pages_pass_axe(
    page, portal, alert_subscription, language
):
    prefix = "" if language == "pl" else f"/{language}"
    for path in (
        f"{prefix}/powiadomienia/potwierdz/{ALERT_CONFIRM_TOKEN}/",
        f"{prefix}/powiadomienia/wypisz/{ALERT_UNSUBSCRIBE_TOKEN}/",
    ):
        response = page.goto(portal.url(path, "ruda-slaska"))
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_no_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_call_alert_form_with_an_error_passes_axe(page, portal, language):
    prefix = "" if language == "pl" else f"/{language}"
    page.goto(portal.url(f"{prefix}/nabory/", "ruda-slaska"))
    page.fill("#alert-email", "to-nie-adres")
    page.check("#alert-consent")
    with page.expect_navigation():
        page.click(".call-alerts__form button[type=submit]")

    assert page.locator('#alert-email[aria-invalid="true"]').count() == 1
    assert page.locator("#alert-email").input_value() == "to-nie-adres"
    assert_no_violations(page)
