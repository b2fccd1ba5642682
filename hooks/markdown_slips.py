"""MkDocs hook: markdown slips that would silently change a page's structure, and code that does not parse.

The checks live in ``studysite.markdown_lint`` and ``studysite.code_blocks``; each slip fails the strict build as a
warning ``docs/x.md:LINE: cause; fix`` (``make check`` prints the same lines).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.code_blocks import code_problems
from studysite.markdown_lint import find_slips

log = logging.getLogger("mkdocs.plugins.markdown_slips")


def on_files(files, config):
    """Check every page source once, before anything is rendered."""
    docs_dir = Path(config["docs_dir"])
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        text = (docs_dir / file.src_uri).read_text(encoding="utf-8")
        for slip in find_slips(file.src_uri, text) + code_problems(file.src_uri, text):
            log.warning(slip)
    return files
