"""MkDocs hook: Mermaid diagrams reach the reader as static SVG, never as a script.

The work lives in ``studysite.diagrams`` (finding blocks, keys, the images that replace
them) and ``studysite.diagram_renderer`` (drawing them in headless Chromium). A diagram
with no SVG yet is rendered here when a browser is at hand; otherwise, and for a diagram
that does not parse or has no accessible name, the build stops with ``docs/x.md:LINE:``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.diagram_renderer import RendererUnavailable, render, renderer_available
from studysite.diagrams import (
    CACHE_DIR,
    SITE_DIR,
    diagram_problems,
    find_diagrams,
    is_rendered,
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
    """Find every diagram, render the new ones, and add their SVG files to the site."""
    docs_dir = Path(config["docs_dir"])
    diagrams = []
    for file in files.documentation_pages():
        text = (docs_dir / file.src_uri).read_text(encoding="utf-8")
        if "mermaid" in text:
            diagrams += find_diagrams(file.src_uri, text)
    if not diagrams:
        return files
    _state["theme"] = theme = theme_fingerprint(_state["palettes"])
    cache = _state["cache"]
    missing = {d.key(theme): d for d in diagrams if not is_rendered(cache, d.key(theme))}
    problems = []
    if missing and renderer_available():
        problems += _render(missing)
    problems += diagram_problems(diagrams, cache, theme)
    if problems:
        raise PluginError("Diagram check failed:\n  " + "\n  ".join(dict.fromkeys(problems)))
    keys = {d.key(theme) for d in diagrams}
    for unused in unused_files(cache, keys):
        log.warning(unused)
    for key in sorted(keys):
        for scheme, path in svg_paths(cache, key).items():
            files.append(File.generated(config, f"{SITE_DIR}/{key}.{scheme}.svg", abs_src_path=str(path)))
    return files


def _render(missing: dict) -> list[str]:
    """Draw the diagrams that have no SVG yet; Mermaid's own message for those that do not parse."""
    log.info("rendering %d new or changed diagram(s) to %s/", len(missing), CACHE_DIR)
    try:
        results = render(((key, d.source) for key, d in missing.items()), _state["palettes"])
    except RendererUnavailable as error:
        return [f"{CACHE_DIR}/: {error}"]
    problems = []
    _state["cache"].mkdir(exist_ok=True)
    for key, result in results.items():
        diagram = missing[key]
        if result.error:
            message = " ".join(result.error.split())
            problems.append(f"docs/{diagram.page}:{diagram.line}: the Mermaid diagram does not parse: {message}")
            continue
        for scheme, path in svg_paths(_state["cache"], key).items():
            path.write_text(result.svgs[scheme], encoding="utf-8")
    return problems


def on_page_markdown(markdown, page, config, files):
    """Swap each mermaid block for its two images (light and dark palette)."""
    if "mermaid" not in markdown:
        return markdown
    diagrams = find_diagrams(page.file.src_uri, markdown)
    keys = [d.key(_state["theme"]) for d in diagrams]
    return replace_diagrams(markdown, diagrams, keys, _state["cache"]) if diagrams else markdown
