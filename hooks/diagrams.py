"""MkDocs hook: Mermaid diagrams reach the reader as static SVG, never as a script.

The work lives in ``studysite.diagrams`` (finding blocks, keys, the images that replace
them) and ``studysite.diagram_renderer`` (drawing them in headless Chromium). A diagram
with no SVG yet is rendered here when a browser is at hand; otherwise, and for a diagram
that does not parse or has no accessible name, the strict build fails with ``docs/x.md:LINE:``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.diagram_renderer import renderer_available
from studysite.diagrams import (
    CACHE_DIR,
    SITE_DIR,
    diagram_problems,
    find_diagrams,
    is_rendered,
    render_missing,
    replace_diagrams,
    svg_paths,
    theme_fingerprint,
    unused_files,
)

log = logging.getLogger("mkdocs.plugins.diagrams")
_state: dict = {}


def on_config(config):
    """What every diagram key depends on besides its source: Mermaid, Material, the palettes."""
    palettes = config["theme"]["palette"]
    palettes = palettes if isinstance(palettes, list) else [palettes]
    root = Path(config["config_file_path"]).parent
    _state.update(palettes=palettes, cache=root / CACHE_DIR)


def on_files(files, config):
    """Find every diagram, render the new ones, and add their SVG files to the site.

    A problem (no name, does not parse, no SVG and no browser to draw one) is a warning with
    ``docs/x.md:LINE:``, so the strict build fails on it while ``make serve`` keeps running and
    shows the problem in the page, where the diagram would be.
    """
    docs_dir = Path(config["docs_dir"])
    diagrams = []
    for file in files.documentation_pages():
        text = (docs_dir / file.src_uri).read_text(encoding="utf-8")
        if "mermaid" in text:
            diagrams += find_diagrams(file.src_uri, text)
    _state["errors"] = errors = {}
    if not diagrams:
        return files
    _state["theme"] = theme = theme_fingerprint(_state["palettes"])
    cache = _state["cache"]
    if renderer_available():
        errors.update(render_missing(diagrams, cache, theme, _state["palettes"]))
    for problem in dict.fromkeys(diagram_problems(diagrams, cache, theme, errors)):
        log.warning(problem)
    keys = {d.key(theme) for d in diagrams}
    for unused in unused_files(cache, keys):
        log.warning(unused)
    for key in sorted(k for k in keys if is_rendered(cache, k)):
        for scheme, path in svg_paths(cache, key).items():
            files.append(File.generated(config, f"{SITE_DIR}/{key}.{scheme}.svg", abs_src_path=str(path)))
    return files


def on_page_markdown(markdown, page, config, files):
    """Swap each mermaid block for its two images (light and dark palette), or for its problem."""
    if "mermaid" not in markdown:
        return markdown
    diagrams = find_diagrams(page.file.src_uri, markdown)
    if not diagrams:
        return markdown
    keys = [d.key(_state["theme"]) for d in diagrams]
    return replace_diagrams(markdown, diagrams, keys, _state["cache"], _state["errors"])
