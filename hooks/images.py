"""MkDocs hook: check every image reference before the build, with file and line.

The checks live in ``studysite.images``; this file only connects them to MkDocs.
Errors stop the build; warnings (unused image files) fail it under ``--strict``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.images import check_image_refs

log = logging.getLogger("mkdocs.plugins.images")


def on_files(files, config):
    """Check all pages at once, so one build reports every broken image."""
    root = Path(config["config_file_path"]).parent
    pages = sorted(f.src_uri for f in files.documentation_pages())
    report = check_image_refs(Path(config["docs_dir"]), pages, root)
    for warning in report.warnings:
        log.warning(warning)
    if report.errors:
        raise PluginError("Image check failed:\n  " + "\n  ".join(report.errors))
    return files
