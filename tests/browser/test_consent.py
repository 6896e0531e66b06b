"""The cookie consent banner in a real browser: axe, keyboard, phone width, the script after yes.

The module turns analytics on in the browser server's database and off again afterwards,
so the other browser tests see the portal as it is by default (no banner). The script
address is https on a closed loopback port: chromium tries it after the visitor accepts
(which the test watches for) and nothing leaves the machine.
"""

import pytest

from .axe import assert_no_violations
from .test_accessibility import FOCUSED, PHONE

pytestmark = pytest.mark.browser

SCRIPT_URL = "https://127.0.0.1:9/analytics.js"
BANNER = "section[aria-labelledby='consent-banner-heading']"
SCRIPT = f"script[src='{SCRIPT_URL}']"

CONFIGURE = """
from portal.models import AnalyticsSettings
setting = AnalyticsSettings.load()
setting.script_url = {script_url!r}
setting.provider_name = {provider_name!r}
setting.full_clean()
setting.save()
"""

# (address, municipality host or None, language) of pages the banner is checked on.
PAGES = [
    pytest.param("/", None, "pl", id="network-home-pl"),
    pytest.param("/en/", None, "en", id="network-home-en"),
    pytest.param("/", "ruda-slaska", "pl", id="municipality-home-pl"),
    pytest.param("/en/nabory/", "ruda-slaska", "en", id="call-index-en"),
    pytest.param("/uk/", "czeladz", "uk", id="municipality-home-uk"),
]


def configure(portal, script_url, provider_name=""):
    portal.run_python(CONFIGURE.format(script_url=script_url, provider_name=provider_name))


@pytest.fixture(scope="module")
def analytics(portal):
    configure(portal, SCRIPT_URL, "Matomo")
    try:
        yield portal
    finally:
        configure(portal, "")


@pytest.fixture
def script_requests(page):
    """Every request the page makes for the analytics script, in order."""
    requests = []
    page.on("request", lambda request: request.url == SCRIPT_URL and requests.append(request))
    return requests


@pytest.mark.parametrize(("path", "municipality", "language"), PAGES)
def test_banner_has_no_wcag_violations(
    page, analytics, script_requests, path, municipality, language
):
    page.goto(analytics.url(path, municipality))

    assert page.get_attribute("html", "lang") == language
    assert page.locator(BANNER).is_visible()
    assert page.locator(SCRIPT).count() == 0
    assert_no_violations(page)
    assert not script_requests, "the analytics script was requested before consent"


@pytest.mark.parametrize(("path", "municipality", "language"), PAGES)
def test_banner_fits_a_phone_without_covering_the_page(
    page, analytics, path, municipality, language
):
    page.set_viewport_size(PHONE)
    page.goto(analytics.url(path, municipality))

    layout = page.evaluate(
        """selector => {
            const banner = document.querySelector(selector);
            const header = document.querySelector('.site-header').getBoundingClientRect();
            return {
                scroll: document.documentElement.scrollWidth,
                viewport: window.innerWidth,
                position: getComputedStyle(banner).position,
                bannerBottom: banner.getBoundingClientRect().bottom,
                headerTop: header.top,
            };
        }""",
        BANNER,
    )
    assert layout["scroll"] <= layout["viewport"], f"scrolls sideways: {layout}"
    assert layout["position"] == "static", "the banner floats over the page"
    assert layout["bannerBottom"] <= layout["headerTop"], "the banner overlaps the header"


def test_the_banner_comes_right_after_the_skip_link_and_accepts_by_keyboard(
    page, analytics, script_requests
):
    page.goto(analytics.url("/", "ruda-slaska"))

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["target"] == "#main"
    page.keyboard.press("Tab")
    accept = page.evaluate(FOCUSED)
    assert (accept["tag"], accept["text"]) == ("button", "Akceptuję analityczne pliki cookie")
    assert accept["focusRing"], "the focused button shows no focus indicator"
    assert accept["inViewport"]
    page.keyboard.press("Tab")
    reject = page.evaluate(FOCUSED)
    assert (reject["tag"], reject["text"]) == ("button", "Odrzucam")
    assert not script_requests

    page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == analytics.url("/", "ruda-slaska")
    assert page.locator(BANNER).count() == 0
    assert page.locator(SCRIPT).count() == 1
    assert script_requests, "the browser did not ask for the analytics script after consent"
    cookie = next(c for c in page.context.cookies() if c["name"] == "gzm_zgoda")
    assert (cookie["value"], cookie["sameSite"], cookie["httpOnly"]) == ("tak", "Lax", True)
    assert page.locator("footer a", has_text="Ustawienia plików cookie").is_visible()


def test_rejecting_by_keyboard_keeps_the_script_away(page, analytics, script_requests):
    page.goto(analytics.url("/en/"))

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "I reject"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == analytics.url("/en/")
    assert page.locator(BANNER).count() == 0
    assert page.locator(SCRIPT).count() == 0
    page.reload()
    assert not script_requests


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_choice_can_be_changed_on_the_cookie_page(page, analytics, script_requests, language):
    prefix = "" if language == "pl" else f"/{language}"
    page.goto(analytics.url(f"{prefix}/"))
    page.locator(f"{BANNER} button[value='nie']").click()
    page.wait_for_load_state()

    page.locator("footer a[href$='/ustawienia-cookies/']").click()
    page.wait_for_load_state()
    assert page.url == analytics.url(f"{prefix}/ustawienia-cookies/")
    assert_no_violations(page)
    page.locator("main button[value='tak']").click()
    page.wait_for_load_state()

    assert page.url == analytics.url(f"{prefix}/ustawienia-cookies/")
    assert page.locator(SCRIPT).count() == 1
    assert script_requests
