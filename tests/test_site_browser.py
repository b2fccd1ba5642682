"""What a reader sees in Chromium: pages load cleanly, dark mode, search, navigation, tooltips.

The ``page`` fixture fails every test here on a console error or on any request
to a host other than the local server.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["", "ec2/", "cloudformation/", "glossary/"])
def test_page_loads_without_errors_or_outside_requests(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").count() == 1
    # the fixture's teardown asserts: no console errors, no requests to other hosts


def test_palette_toggle_switches_to_dark_and_back(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "ec2/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    # auto -> light -> dark: the first click picks the light palette explicitly
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    page.reload()
    assert body.get_attribute("data-md-color-scheme") == "slate", "the choice must survive a reload"


def test_palette_follows_the_system_preference(page, site_url):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"


def test_search_finds_a_term_and_highlights_it(page, site_url):
    page.goto(site_url)
    page.keyboard.press("s")  # Material's shortcut focuses the search box
    page.keyboard.type("geoproximity")
    result = page.locator('.md-search-result__item a[href*="h=geoproximity"]').first
    result.wait_for(timeout=15_000)
    assert "route53/" in result.get_attribute("href")
    result.click()
    page.wait_for_url("**/route53/**")
    marks = page.locator("article mark")
    # Material wraps the matches after the new article is in place; wait for the first
    # wrapped word, then read them all (text, not layout, so collapsed text counts too)
    expect(marks.first).to_have_text(re.compile(r"^geoproximity", re.IGNORECASE), timeout=10_000)
    texts = marks.all_text_contents()
    assert texts and all(text.lower().startswith("geoproximity") for text in texts), texts


def test_instant_navigation_keeps_the_document(page, site_url):
    page.goto(site_url + "introduction/")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.click('nav.md-nav--primary a.md-nav__link[href$="iam/"]')
    page.wait_for_url("**/iam/")
    expect(page.locator("article h1")).to_contain_text("IAM and access to AWS")
    assert page.evaluate("() => window.__sameDocument === true"), "the click reloaded the whole page"


def test_glossary_tooltip_shows_on_hover_and_focus(page, site_url):
    page.goto(site_url + "elb-asg/")
    abbr = page.locator('article abbr[title="Application Load Balancer"]').first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    active = page.locator(".md-tooltip2--active")
    expect(active).to_have_count(1)
    expect(active).to_contain_text("Application Load Balancer")

    page.mouse.move(0, 0)
    expect(active).to_have_count(0)
    # keyboard: the first use of each term takes focus and shows its meaning
    focusable = page.locator("article abbr[tabindex='0']")
    assert focusable.count() > 10
    term = page.locator('article abbr[tabindex="0"][title="Auto Scaling group"]')
    term.focus()
    expect(active).to_have_count(1)
    expect(active).to_contain_text("Auto Scaling group")
