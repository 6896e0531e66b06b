"""The portal on a 360×800 phone, in a real browser (issue 17): a compact header whose menu
folds behind a "Menu" disclosure, listings whose filters fold behind "Filtruj" with the
result count in sight and the first result above the fold; on a desktop nothing is folded;
without JavaScript both still work."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
LISTINGS = ["/nabory/", "/inicjatywy/"]


def new_page(browser, viewport, javascript=True):
    context = browser.new_context(
        viewport=viewport,
        locale="pl-PL",
        java_script_enabled=javascript,
        is_mobile=viewport is PHONE,
    )
    return context, context.new_page()


def box(locator):
    found = locator.bounding_box()
    assert found is not None, locator
    return found


@pytest.fixture
def phone(browser):
    context, page = new_page(browser, PHONE)
    yield page
    context.close()


@pytest.mark.parametrize("path", ["/", *LISTINGS])
def test_on_a_phone_the_header_is_compact_and_its_menu_opens_from_the_keyboard(phone, portal, path):
    phone.goto(portal.url(path))
    header = box(phone.locator(".site-header"))
    assert header["height"] <= 130, header
    menu = phone.locator("nav.main-nav")
    search = phone.locator("#site-search-q")
    assert not menu.is_visible()
    assert not search.is_visible()
    # The languages stay in sight, for those who read neither Polish nor "Menu".
    assert phone.locator("nav.languages").get_by_text("Українська").is_visible()

    toggle = phone.locator("summary.site-menu__toggle")
    assert toggle.inner_text().strip().startswith("Menu")
    toggle.focus()
    phone.keyboard.press("Enter")
    assert menu.is_visible()
    assert search.is_visible()
    assert menu.get_by_role("link", name="Start").is_visible()
    phone.keyboard.press("Enter")
    assert not menu.is_visible()


@pytest.mark.parametrize("path", LISTINGS)
def test_on_a_phone_filters_fold_and_the_first_result_is_above_the_fold(phone, portal, path):
    phone.goto(portal.url(path))
    count = phone.locator("#results-heading")
    assert count.is_visible()
    assert box(count)["y"] + box(count)["height"] <= PHONE["height"]
    first = phone.locator(".results .cards > *").first
    assert box(first)["y"] < PHONE["height"], "the first result starts below the first screen"

    fields = phone.locator(".filters__fields")
    assert not fields.is_visible()
    phone.get_by_text("Filtruj", exact=True).click()
    assert fields.is_visible()
    phone.locator(".filters select").first.select_option(index=1)
    phone.get_by_role("button", name="Pokaż wyniki").click()
    phone.wait_for_load_state()
    # Folded again on the next page, the toggle saying how many filters are set.
    assert "(wybrane: 1)" in phone.locator("summary.filters-disclosure__toggle").inner_text()
    assert not fields.is_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_desktop_nothing_is_folded(browser, portal, javascript):
    context, page = new_page(browser, DESKTOP, javascript=javascript)
    try:
        page.goto(portal.url("/nabory/"))
        assert page.locator("nav.main-nav").is_visible()
        assert page.locator("#site-search-q").is_visible()
        assert page.locator(".filters__fields").is_visible()
        assert not page.locator("summary.site-menu__toggle").is_visible()
        assert not page.locator("summary.filters-disclosure__toggle").is_visible()
        assert box(page.locator(".site-header"))["height"] <= 170
    finally:
        context.close()


@pytest.mark.parametrize("path", LISTINGS)
def test_on_a_desktop_the_first_result_is_above_the_fold(browser, portal, path):
    context, page = new_page(browser, DESKTOP)
    try:
        page.goto(portal.url(path))
        first = page.locator(".results .cards > *").first
        assert box(first)["y"] < DESKTOP["height"], "the first result starts below the fold"
    finally:
        context.close()


def test_without_javascript_the_phone_menu_still_opens(browser, portal):
    context, page = new_page(browser, PHONE, javascript=False)
    try:
        page.goto(portal.url("/"))
        assert not page.locator("nav.main-nav").is_visible()
        page.locator("summary.site-menu__toggle").click()
        assert page.locator("nav.main-nav").is_visible()
    finally:
        context.close()
