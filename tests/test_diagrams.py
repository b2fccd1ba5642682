"""Diagrams: every Mermaid figure renders, in both palettes and after instant navigation.

Material draws each diagram into a *closed* shadow root; the tests open it
(an init script makes ``attachShadow`` open) so they can look at the SVG a
reader sees.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

OPEN_SHADOWS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""

DIAGRAM_STATE = """
() => Array.from(document.querySelectorAll("article div.mermaid, article pre.mermaid")).map((el) => {
  const svg = el.shadowRoot && el.shadowRoot.querySelector("svg");
  if (!svg) return {rendered: false};
  const box = svg.getBoundingClientRect();
  return {rendered: true, width: box.width, height: box.height,
          shapes: svg.querySelectorAll("g, path, rect, text").length,
          text: svg.textContent};
})
"""


def diagram_pages(built_site) -> dict[str, int]:
    """Site path -> number of diagrams, from the built HTML."""
    pages = {}
    for html in sorted(built_site.rglob("index.html")):
        count = len(re.findall(r'<pre class="mermaid"', html.read_text(encoding="utf-8")))
        if count:
            pages[html.parent.relative_to(built_site).as_posix() + "/"] = count
    return pages


def assert_diagrams_rendered(page, expected: int, where: str) -> None:
    page.wait_for_function(
        "(n) => document.querySelectorAll('article div.mermaid').length >= n", arg=expected, timeout=30_000
    )
    states = page.evaluate(DIAGRAM_STATE)
    assert len(states) == expected, f"{where}: expected {expected} diagrams, found {len(states)}"
    for number, state in enumerate(states, 1):
        assert state["rendered"], f"{where}: diagram {number} did not render"
        assert state["width"] > 20 and state["height"] > 20, f"{where}: diagram {number} is empty: {state}"
        assert state["shapes"] > 3, f"{where}: diagram {number} has no shapes"
        assert "Syntax error" not in state["text"], f"{where}: diagram {number} shows a Mermaid error"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_renders(page, site_url, built_site, scheme):
    pages = diagram_pages(built_site)
    if not pages:
        pytest.skip("no page has a diagram yet")
    page.add_init_script(OPEN_SHADOWS)
    page.emulate_media(color_scheme=scheme)
    for path, count in pages.items():
        page.goto(site_url + path)
        expected_scheme = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected_scheme
        assert_diagrams_rendered(page, count, f"{path} ({scheme})")


def test_diagrams_render_after_instant_navigation(page, site_url, built_site):
    pages = diagram_pages(built_site)
    if not pages:
        pytest.skip("no page has a diagram yet")
    page.add_init_script(OPEN_SHADOWS)
    page.goto(site_url + "introduction/")  # a page with the navigation sidebar and no diagram
    page.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is read
    for path, count in list(pages.items())[:3]:
        page.evaluate("() => { window.__sameDocument = true; }")
        page.click(f'nav.md-nav--primary a.md-nav__link[href$="{path}"]')
        page.wait_for_url(f"**/{path}")
        assert page.evaluate("() => window.__sameDocument === true"), "navigation reloaded the page"
        assert_diagrams_rendered(page, count, f"{path} after instant navigation")


def test_pages_without_diagrams_do_not_load_mermaid(page, site_url, built_site):
    pages = diagram_pages(built_site)
    plain = [
        html.parent.relative_to(built_site).as_posix() + "/"
        for html in sorted(built_site.glob("*/index.html"))
        if html.parent.relative_to(built_site).as_posix() + "/" not in pages
    ]
    assert plain, "expected at least one page without diagrams"
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in plain[:3]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "mermaid-" in url and url.endswith(".min.js")]
