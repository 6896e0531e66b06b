"""The portal under its Content-Security-Policy in a real browser: the map, the search
suggestions and the consent banner work on public pages, the page editor and its preview in
the admin, and the browser reports no violation of the policy on any of them.

Violations are collected twice: from the ``securitypolicyviolation`` event in every frame
(a script Playwright adds before the page's own, which the policy does not govern), and from
the console, where chromium also reports them.
"""

import pytest

from .axe import assert_no_violations

pytestmark = pytest.mark.browser

PASSWORD = "haslo-testowe-123"  # portal.factories.UserFactory's
EDITOR = "redaktor-csp"
ANALYTICS_URL = "https://127.0.0.1:9/analytics.js"

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} `
        + `at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""

# An editor of Ruda Śląska, and the id of its gallery (written to ``answer``): its preview
# draws the map, as the public page does.
EDITOR_AND_GALLERY = """
from municipalities.models import GalleryPage, Municipality
from portal.factories import UserFactory
city = Municipality.objects.get(slug="ruda-slaska")
UserFactory(username={username!r}, groups=[city.editors_group])
gallery = GalleryPage.objects.child_of(city.root_page).get()
open({answer!r}, "w").write(str(gallery.pk))
"""

CONFIGURE_ANALYTICS = """
from portal.models import AnalyticsSettings
setting = AnalyticsSettings.load()
setting.script_url = {script_url!r}
setting.provider_name = "Matomo"
setting.save()
"""


@pytest.fixture
def watched(page):
    """``page``, with every CSP violation it (or a frame in it) reports kept in ``page.csp``."""
    page.add_init_script(LISTEN)
    console = []
    page.on(
        "console",
        lambda message: (
            ("Content Security Policy" in message.text or "Content-Security-Policy" in message.text)
            and console.append(message.text)
        ),
    )

    def violations():
        found = list(console)
        for frame in page.frames:
            found += frame.evaluate("() => window.__cspViolations || []")
        return found

    page.csp = violations
    return page


def assert_no_csp_violations(page):
    violations = page.csp()
    assert not violations, f"CSP violations on {page.url}:\n" + "\n".join(violations)


@pytest.fixture(scope="module")
def editor_and_gallery(portal):
    answer = portal.workdir / "csp-gallery-id"
    portal.run_python(EDITOR_AND_GALLERY.format(username=EDITOR, answer=str(answer)))
    return EDITOR, int(answer.read_text())


def sign_in(page, portal, username):
    page.goto(portal.url("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")


def test_a_public_page_carries_the_strict_policy(watched, portal):
    response = watched.goto(portal.url("/", "ruda-slaska"))

    header = response.headers["content-security-policy"]
    assert "script-src 'self';" in header
    assert "'unsafe-inline'" not in header
    assert "camera=()" in response.headers["permissions-policy"]
    assert_no_csp_violations(watched)


def test_the_map_draws_its_markers_and_asks_for_tiles_under_the_policy(watched, portal):
    tiles = []
    watched.on(
        "request",
        lambda request: request.url.startswith("http://127.0.0.1:9/") and tiles.append(request),
    )

    watched.goto(portal.url("/zrealizowane-inicjatywy/", "ruda-slaska"))

    watched.wait_for_selector("#initiative-map .leaflet-marker-icon")
    watched.wait_for_function(
        "() => document.querySelectorAll('#initiative-map .leaflet-tile').length > 0"
    )
    assert tiles, "the map asked for no tiles (the tile server is allowed in img-src)"
    assert_no_csp_violations(watched)
    assert_no_violations(watched)  # axe runs under the policy too


def test_search_suggestions_work_under_the_policy(watched, portal):
    watched.goto(portal.url("/", "ruda-slaska"))

    watched.locator("#site-search-q").fill("nab")

    watched.wait_for_selector(".site-search [role=option]")
    assert watched.locator(".site-search [role=option]").count() >= 1
    assert_no_csp_violations(watched)


@pytest.fixture
def analytics(portal):
    portal.run_python(CONFIGURE_ANALYTICS.format(script_url=ANALYTICS_URL))
    try:
        yield portal
    finally:
        portal.run_python(CONFIGURE_ANALYTICS.format(script_url=""))


def test_the_consent_banner_works_and_the_accepted_script_is_allowed(watched, analytics):
    asked = []
    watched.on("request", lambda request: request.url == ANALYTICS_URL and asked.append(request))
    watched.goto(analytics.url("/", "ruda-slaska"))
    banner = watched.locator("section[aria-labelledby='consent-banner-heading']")
    assert banner.is_visible()

    with watched.expect_navigation():
        watched.click("button:has-text('Akceptuję analityczne pliki cookie')")

    assert watched.locator("section[aria-labelledby='consent-banner-heading']").count() == 0
    assert watched.locator(f"script[src='{ANALYTICS_URL}']").count() == 1
    assert asked, "the browser did not ask for the analytics script (refused by the policy?)"
    assert_no_csp_violations(watched)


def test_the_page_editor_and_its_preview_load_without_violations(
    watched, portal, editor_and_gallery
):
    username, gallery_id = editor_and_gallery
    sign_in(watched, portal, username)

    response = watched.goto(portal.url(f"/admin/pages/{gallery_id}/edit/"))
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    watched.wait_for_selector("form[data-edit-form]")
    watched.wait_for_load_state("networkidle")
    watched.click("[data-side-panel-toggle='preview']")
    watched.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(frame =>"
        " frame.contentDocument && frame.contentDocument.querySelector("
        "'#initiative-map .leaflet-marker-icon'))"
    )

    preview = next(frame for frame in watched.frames if "/edit/preview/" in frame.url)
    assert preview.locator("h1").first.inner_text()
    watched.wait_for_timeout(500)  # a violation is reported just after the fact
    assert_no_csp_violations(watched)


def test_the_two_factor_set_up_shows_its_qr_code_without_violations(
    watched, portal, editor_and_gallery
):
    username, _call_id = editor_and_gallery
    sign_in(watched, portal, username)

    watched.goto(portal.url("/admin/logowanie-dwuetapowe/wlacz/"))

    qr = watched.locator(".two-factor-qr svg")
    assert qr.is_visible()
    assert qr.bounding_box()["width"] > 100
    assert watched.locator(".two-factor-key").inner_text().replace(" ", "").isalnum()
    assert_no_csp_violations(watched)
    assert_no_violations(watched)
