"""Diagrams: Mermaid blocks reach the reader as static SVG, one per palette, and nothing loads Mermaid.

The pure checks (every SVG present, current and named; no unused file) read the repository;
the browser checks open every diagram page in both palettes and after instant navigation;
the renderer checks draw a diagram twice and a broken one once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

from studysite.diagram_renderer import render, renderer_available
from studysite.diagrams import CACHE_DIR, diagram_problems, find_diagrams, theme_fingerprint, unused_files
from tests.conftest import ROOT
from tests.test_structure import _PermissiveLoader

PALETTES = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PermissiveLoader)["theme"]["palette"]
THEME = theme_fingerprint(PALETTES)

LOAD_ALL_IMAGES = """
() => Promise.all([...document.images].map((img) => { img.loading = "eager"; return img.decode().catch(() => 0); }))
"""
IMAGE_STATE = """
() => Array.from(document.querySelectorAll("article img.dva-diagram")).map((img) => ({
  src: img.getAttribute("src"), alt: img.alt, shown: img.offsetParent !== null,
  width: img.getBoundingClientRect().width, natural: img.naturalWidth, complete: img.complete,
}))
"""


def all_diagrams():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    return [d for p in pages for d in find_diagrams(p.relative_to(ROOT / "docs").as_posix(), p.read_text("utf-8"))]


def test_every_diagram_has_a_current_svg_and_an_accessible_name():
    diagrams = all_diagrams()
    assert len(diagrams) > 150
    assert diagram_problems(diagrams, ROOT / CACHE_DIR, THEME) == []
    assert all(d.name and len(d.name) > 10 for d in diagrams)


def test_no_svg_file_is_left_over_from_an_old_diagram():
    assert unused_files(ROOT / CACHE_DIR, {d.key(THEME) for d in all_diagrams()}) == []


def test_no_built_page_loads_or_mentions_mermaid(built_site):
    offenders = [
        html.relative_to(built_site).as_posix()
        for html in built_site.rglob("*.html")
        if re.search(r"mermaid[\w.-]*\.js|<pre class=\"mermaid\"|class=\"mermaid\"", html.read_text("utf-8"))
    ]
    assert offenders == []
    assert not list(built_site.rglob("mermaid*.js"))


def diagram_pages(built_site: Path) -> dict[str, int]:
    """Site path -> number of diagrams (two images each), from the built HTML."""
    pages = {}
    for html in sorted(built_site.rglob("index.html")):
        count = len(re.findall(r'<img [^>]*class="dva-diagram"[^>]*src="[^"]*#only-light"', html.read_text("utf-8")))
        if count:
            pages[html.parent.relative_to(built_site).as_posix() + "/"] = count
    return pages


def assert_one_image_per_diagram_shows(page, expected: int, scheme: str, where: str) -> None:
    page.evaluate(
        "() => Promise.all([...document.images].map((i) => { i.loading = 'eager'; return i.decode().catch(() => 0); }))"
    )
    states = page.evaluate(IMAGE_STATE)
    assert len(states) == 2 * expected, where
    shown = [s for s in states if s["shown"]]
    assert len(shown) == expected, f"{where}: {len(shown)} of {expected} diagrams shown"
    suffix = ".dark.svg#only-dark" if scheme == "dark" else "#only-light"
    for state in shown:
        assert state["src"].endswith(suffix), f"{where}: {state['src'][:80]} shown in the {scheme} palette"
        assert state["natural"] > 20 and state["width"] > 20, f"{where}: {state['src'][:80]} did not load"
        assert len(state["alt"]) > 10, f"{where}: {state['src'][:80]} has no accessible name"


def test_the_first_diagram_comes_with_the_page_and_the_others_wait(built_site):
    """A phone paints a page's first diagram with its text; later ones load as the reader scrolls."""
    checked = 0
    for path in diagram_pages(built_site):
        html = (built_site / path / "index.html").read_text("utf-8")
        images = re.findall(r'<img [^>]*class="dva-diagram"[^>]*>', html)
        first, rest = images[0], images[1:]
        src = re.search(r'src="([^"]*)"', first).group(1)
        if src.startswith("data:"):
            key = re.search(r'src="[^"]*?/assets/diagrams/(\w+)\.dark\.svg', images[1]).group(1)
            inline = urllib.parse.unquote(src.removeprefix("data:image/svg+xml,").removesuffix("#only-light"))
            svg = (ROOT / CACHE_DIR / f"{key}.light.svg").read_text("utf-8")
            assert inline == " ".join(svg.split()), f"{path}: the first diagram in the page is not its current SVG"
            checked += 1
        else:
            assert 'fetchpriority="high"' in first and "loading=" not in first, f"{path}: first diagram waits"
        assert all('loading="lazy"' in image for image in rest), f"{path}: a later diagram loads before it is needed"
    assert checked > 10


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_shows_in_the_readers_palette(page, site_url, built_site, scheme):
    pages = diagram_pages(built_site)
    assert sum(pages.values()) > 150
    page.emulate_media(color_scheme=scheme)
    for path, count in pages.items():
        page.goto(site_url + path)
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        assert_one_image_per_diagram_shows(page, count, scheme, f"{path} ({scheme})")


@pytest.mark.browser
def test_diagrams_show_after_instant_navigation(page, site_url, built_site):
    pages = diagram_pages(built_site)
    page.goto(site_url + "introduction/")  # a page with the navigation sidebar and no diagram
    page.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is read
    for path, count in list(pages.items())[:3]:
        page.evaluate("() => { window.__sameDocument = true; }")
        page.click(f'nav.md-nav--primary a.md-nav__link[href$="{path}"]')
        page.wait_for_url(f"**/{path}")
        # the address changes before the new article is swapped in: wait for its diagrams
        page.wait_for_function(
            "(n) => document.querySelectorAll('article img.dva-diagram[src$=\"#only-light\"]').length === n", arg=count
        )
        assert page.evaluate("() => window.__sameDocument === true"), "navigation reloaded the page"
        assert_one_image_per_diagram_shows(page, count, "light", f"{path} after instant navigation")


needs_renderer = pytest.mark.skipif(not renderer_available(), reason="needs Playwright and Chromium")


@needs_renderer
def test_rendering_is_deterministic_and_gives_both_palettes():
    source = "flowchart LR\n  accTitle: Two boxes\n  a[Producer] --> q[Queue]\n"
    first = render([("k1", source)], PALETTES)["k1"]
    again = render([("k2", source)], PALETTES)["k2"]
    assert first.error is None and first.svgs == again.svgs
    light, dark = first.svgs["light"], first.svgs["dark"]
    assert light != dark and "var(--" not in light + dark
    assert "<foreignObject" not in light and ">Producer<" in light  # text stays SVG text
    assert re.search(r'<svg[^>]* width="\d+" height="\d+"', light)


@needs_renderer
def test_a_diagram_that_does_not_parse_fails_the_build_with_mermaids_message(tmp_path):
    import shutil

    from tests.conftest import mkdocs_build

    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "site", ".cache", "tests"))
    page = project / "docs" / "sqs.md"
    text = page.read_text("utf-8").replace("flowchart LR\n", "flowchart LR\n  a -->>>> [oops\n", 1)
    page.write_text(text, encoding="utf-8")
    line = text.split("flowchart LR\n  a -->>>>", 1)[0].count("\n")  # the fence is the line before
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    message = rf"docs/sqs\.md:{line}: the Mermaid diagram does not parse: .*(Parse error|Syntax error|Expecting)"
    assert re.search(message, output), output
    # the live preview (not strict) keeps going and shows the problem where the diagram stands
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    preview = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
    preview += ["-d", str(tmp_path / "preview")]
    assert subprocess.run(preview, cwd=project, env=env, capture_output=True, check=False).returncode == 0
    shown = (tmp_path / "preview" / "sqs" / "index.html").read_text("utf-8")
    assert "This diagram cannot be shown" in shown and "does not parse" in shown
    # and make check says the same, in seconds
    check = [sys.executable, str(project / "scripts" / "check.py"), "--root", str(project), "diagrams"]
    checked = subprocess.run(check, capture_output=True, text=True, check=False)
    assert checked.returncode == 1 and re.search(message, checked.stdout), checked.stdout
