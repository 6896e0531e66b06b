"""Printing a handbook chapter or a call, in a real browser: FAQ answers reach the paper,
the frame and the print button do not, and the button prints (issue 17)."""

import pytest

pytestmark = pytest.mark.browser

CHAPTER = "/podrecznik-dla-mieszkanca/zlozenie-wniosku/"
ANSWER = "Urząd wezwie Was do uzupełnienia braków"
PILOT_CALL = "/nabory/inicjatywa-lokalna-2024/"


def answer_visible(page):
    return page.get_by_text(ANSWER).is_visible()


def test_print_media_shows_faq_answers_of_a_chapter(page, portal):
    page.goto(portal.url(CHAPTER))
    assert not answer_visible(page)  # folded on screen

    page.emulate_media(media="print")
    assert answer_visible(page)  # the print stylesheet alone unfolds it
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Drukuj lub zapisz jako PDF").is_visible()

    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.faq").first.evaluate("details => details.open")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.locator("details.faq").first.evaluate("details => details.open")


def test_the_print_view_renders_answers_open_without_javascript(browser, portal):
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(portal.url("/podrecznik-dla-mieszkanca/druk/"))
        assert answer_visible(page)
        # Without JavaScript the button would do nothing, so it is not offered.
        assert not page.get_by_role("button", name="Drukuj lub zapisz jako PDF").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize(("path", "municipality"), [(CHAPTER, None), (PILOT_CALL, "ruda-slaska")])
def test_the_print_button_is_reached_by_keyboard_and_prints(page, portal, path, municipality):
    page.goto(portal.url(path, municipality=municipality))
    # A statement, not an expression: Playwright would call a function the script returns.
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }"
    )
    button = page.get_by_role("button", name="Drukuj lub zapisz jako PDF")
    assert button.is_visible()

    for _ in range(60):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the print button")
    page.keyboard.press("Enter")

    assert page.evaluate("window.__printed") == 1
