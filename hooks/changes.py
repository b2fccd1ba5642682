"""MkDocs hook: 'What changed' boxes in the notes, and the page that lists them all.

The work is done by ``studysite.changes``; a malformed box stops the build with
``docs/page.md:LINE: cause``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.changes import MARKER, add_anchors, find_boxes, render_changes
from studysite.pages import nav_paths, read_page_info

_boxes: dict[str, list] = {}


def on_files(files, config):
    """Find and check every box once, in nav order, before any page is rendered."""
    _boxes.clear()
    docs_dir = Path(config["docs_dir"])
    pages = [file.src_uri for file in files.documentation_pages()]
    order = {path: number for number, path in enumerate(nav_paths(config["nav"]))}
    problems = []
    for page in sorted(pages, key=lambda path: (order.get(path, len(order)), path)):
        text = (docs_dir / page).read_text(encoding="utf-8")
        if "changed" not in text:
            continue
        boxes, found = find_boxes(page, text)
        problems += found
        if boxes:
            _boxes[page] = boxes
    if problems:
        raise PluginError("What-changed boxes:\n  " + "\n  ".join(problems))
    return files


def on_page_markdown(markdown, page, config, files):
    """Write the list of every box where the page has the marker."""
    if MARKER not in markdown:
        return markdown
    docs_dir = Path(config["docs_dir"])
    titles = {path: read_page_info(docs_dir, path).title for path in _boxes}
    every = [box for boxes in _boxes.values() for box in boxes]
    return markdown.replace(MARKER, render_changes(every, titles, page.file.src_uri))


def on_page_content(html, page, config, files):
    """Give each box its anchor, so the list (and anyone) can link to it."""
    boxes = _boxes.get(page.file.src_uri)
    if not boxes:
        return html
    if page.present_anchor_ids is not None:  # MkDocs checks links to anchors against this set
        page.present_anchor_ids |= {box.anchor for box in boxes}
    return add_anchors(html, boxes)
