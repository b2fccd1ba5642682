"""Heading anchors computed from the markdown source equal the ids of the built pages."""

from __future__ import annotations

import re

from studysite.sections import page_sections, section_for
from tests.conftest import ROOT


def test_anchors_match_the_built_site(built_site):
    for page in sorted((ROOT / "docs").glob("*.md")):
        html_path = built_site / ("index.html" if page.stem == "index" else f"{page.stem}/index.html")
        built = re.findall(r'<h[1-6] id="([^"]+)"', html_path.read_text(encoding="utf-8"))
        assert [s.anchor for s in page_sections(page) if s.level > 1] == built[: len(built)], page.name


def test_section_text_stops_at_the_next_heading_of_same_level(tmp_path):
    (tmp_path / "p.md").write_text(
        "---\ntitle: x\n---\n# Page\n\n## A & B\none\n### Deeper\ntwo\n## A & B\nthree\n```\n# not a heading\n```\n",
        encoding="utf-8",
    )
    first = section_for(tmp_path, "p.md#a-b")
    assert (first.line, first.text.split()) == (6, ["one", "###", "Deeper", "two"])
    second = section_for(tmp_path, "p.md#a-b_1")
    assert "three" in second.text and "# not a heading" in second.text
    assert section_for(tmp_path, "p.md#missing") is None
    assert section_for(tmp_path, "nope.md#a-b") is None
