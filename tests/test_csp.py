"""The Content-Security-Policy (hooks/csp.py): on every page, correct for its inline scripts, and silent.

Every browser test runs against the built site, policy included, and fails on any console
error; the test here walks the page types a reader meets (search and instant navigation too).
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from studysite.csp import script_hashes


def test_every_page_carries_a_policy_that_lists_its_own_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head = BeautifulSoup(text, "html.parser").head
        first = head.find(True)
        assert first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy", path
        policy = first["content"]
        assert "'unsafe-eval'" not in policy and "img-src 'self' data:" in policy, path
        assert "default-src 'self'" in policy and not re.search(r"https?:", policy), path
        for source in script_hashes(text):
            assert source in policy, f"{path}: inline script {source} not allowed"


def test_inline_json_and_external_scripts_need_no_hash():
    page = (
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script src="x.js"></script><script>var a = 1;</script><script>var a = 1;</script>'
    )
    assert script_hashes(page) == ["'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='"]


@pytest.mark.browser
def test_reading_searching_and_navigating_raise_no_policy_violation(page, site_url):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    for path in ("", "sqs/", "lambda/", "exam/", "progress/", "glossary/", "changes/", "coverage/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.keyboard.type("dynamodb")
    page.wait_for_selector(".md-search-result__item")
    page.goto(site_url + "introduction/")
    page.wait_for_load_state("networkidle")
    page.click('nav.md-nav--primary a.md-nav__link[href$="sqs/"]')
    page.wait_for_url("**/sqs/")
    assert [text for text in violations if "Content Security Policy" in text] == []
