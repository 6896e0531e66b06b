"""A resident reading English or Ukrainian finds an open call of their city in two clicks,
though the call is written in Polish only, and is told that it is in Polish.

The calls are in Polish only (``untranslated_content``); Ruda Śląska has an example call
open on any day.
"""

import re

import pytest

pytestmark = pytest.mark.browser

CITY = "Ruda Śląska"
LABELS = {"en": "in Polish", "uk": "польською"}
DEADLINE = re.compile(r"\d{1,2} \S+ \d{4}")


def click_and_wait(page, link):
    with page.expect_navigation():
        link.click()


def assert_on_a_call_page(page):
    """A call page: its deadline and how to apply, in Polish and saying so."""
    assert page.get_attribute("html", "lang") == "pl"
    facts = page.locator(".call-key-facts")
    assert DEADLINE.search(facts.inner_text())
    assert page.locator("#how-to-apply-heading").is_visible()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_network_home_city_call(page, untranslated_content, language):
    page.goto(untranslated_content.url(f"/{language}/"))

    click_and_wait(page, page.get_by_role("link", name=CITY, exact=True).first)  # 1: the city
    assert page.get_attribute("html", "lang") == language
    call = page.locator('.card__list a[lang="pl"]').first
    label = call.locator("xpath=following-sibling::span[contains(@class, 'tag--in-polish')]")
    assert label.inner_text() == LABELS[language]
    assert call.get_attribute("hreflang") == "pl"
    click_and_wait(page, call)  # click 2: the open call

    assert_on_a_call_page(page)


@pytest.mark.parametrize("language", ["en", "uk"])
def test_network_home_calls_listing_call(page, untranslated_content, language):
    page.goto(untranslated_content.url(f"/{language}/"))

    click_and_wait(page, page.locator(".button-link").first)  # click 1: the network's calls
    assert page.get_attribute("html", "lang") == language
    card = page.locator(".call-card", has_text=CITY).first
    assert card.locator(".tag--in-polish").inner_text() == LABELS[language]
    assert card.locator(".call-status").count() == 1
    click_and_wait(page, card.locator('.card__title a[lang="pl"]'))  # click 2: the call

    assert_on_a_call_page(page)
