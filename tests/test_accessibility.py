"""Every built page, whole page (Material's chrome included), in both palettes: no axe violation.

The component tests (quiz, exam, progress) drive their widgets through their states; this one
opens each page as a reader arrives at it, so that the header, the search dialog, the loading
bar, the footer, tables, code blocks and diagrams are all judged, not only our own widgets.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


def site_pages(built_site) -> list[str]:
    folders = (html.parent.relative_to(built_site).as_posix() for html in built_site.rglob("index.html"))
    return sorted("" if folder == "." else folder + "/" for folder in folders)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_an_accessibility_violation(page, site_url, built_site, scheme):
    axe = Axe()
    page.emulate_media(color_scheme=scheme)
    found = {}
    pages = site_pages(built_site)
    assert len(pages) > 30
    for path in pages:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        results = axe.run(page, options={"resultTypes": ["violations"]})
        violations = [
            f"{v['id']}: {v['nodes'][0]['target']} ({len(v['nodes'])} elements)" for v in results.response["violations"]
        ]
        if violations:
            found[path or "/"] = violations
    assert found == {}
