"""MkDocs hook: a Content-Security-Policy on every built page (``studysite.csp``).

Not under ``mkdocs serve``: its live-reload script is injected after this hook runs, and
a policy would block it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.csp import add_policy

_serving = False


def on_startup(command, dirty):
    """Remember whether this is ``mkdocs serve``."""
    global _serving
    _serving = command == "serve"


def on_post_page(output, page, config):
    """Every page: the policy, with the hashes of that page's own inline scripts."""
    return output if _serving else add_policy(output)


def on_post_template(output_content, template_name, config):
    """The 404 page and other static templates get it too (the sitemap is not HTML)."""
    return output_content if _serving or not template_name.endswith(".html") else add_policy(output_content)
